// PDF documents through libharu: reports today; invoices, pay stubs and cheques later.
//
// A document is a title, a few header lines (company, period, ...) and a sequence of blocks:
// paragraphs and tables. Tables break across pages and repeat their header row on every page;
// amounts are right-aligned with grouped thousands; text too wide for its column is cut with
// an ellipsis. Every page carries the footer text and "Page n of N". Text is UTF-8, printed with
// an embedded TrueType font (DejaVu Sans by default, Debian fonts-dejavu-core), so that any
// customer's name prints.
// Thread safety: each call builds its own libharu document; safe to call concurrently.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/result.hpp"
#include "platform/files/table.hpp"

namespace bo::platform::documents {

enum class TextStyle { body, heading };

struct Paragraph {
    std::string text;  // wrapped at spaces to the page's width
    TextStyle style = TextStyle::body;
};

using Block = std::variant<Paragraph, files::Table>;

enum class Orientation { portrait, landscape };

struct Document {
    std::string title;                      // large on the first page, small on the others
    std::vector<std::string> header_lines;  // under the title on the first page
    std::string footer;                     // left of the page number on every page
    Orientation orientation = Orientation::portrait;
    std::vector<Block> blocks;
};

// The TrueType fonts to embed (regular and bold faces).
struct Fonts {
    std::string regular_path;
    std::string bold_path;

    // DejaVu Sans from Debian's fonts-dejavu-core.
    static Fonts dejavu();
};

// The bytes of the A4 PDF file. Errors: internal when a font cannot be loaded or libharu
// fails (with its error code).
[[nodiscard]] core::Result<std::string> render_pdf(const Document& document,
                                                   const Fonts& fonts = Fonts::dejavu());

}  // namespace bo::platform::documents
