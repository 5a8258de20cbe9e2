#include "platform/documents/pdf.hpp"

#include <algorithm>
#include <memory>
#include <string_view>

#include <hpdf.h>

namespace bo::platform::documents {
namespace {

using core::Error;
using core::ErrorCode;
using files::Cell;
using files::Column;
using files::Row;
using files::RowStyle;
using files::Table;

// Layout in PDF points (1/72 inch). Not money: floats are the PDF's own unit.
constexpr HPDF_REAL margin = 40;
constexpr HPDF_REAL title_size = 15;
constexpr HPDF_REAL running_title_size = 9;
constexpr HPDF_REAL header_line_size = 9.5F;
constexpr HPDF_REAL heading_size = 11;
constexpr HPDF_REAL body_size = 8.5F;
constexpr HPDF_REAL footer_size = 7.5F;
constexpr HPDF_REAL line_gap = 1.45F;  // line height as a multiple of the font size
constexpr HPDF_REAL cell_padding = 3;
constexpr HPDF_REAL indent_step = 9;
constexpr HPDF_REAL rule_width = 0.5F;
constexpr HPDF_REAL header_gray = 0.9F;
constexpr HPDF_REAL block_gap = 8;
constexpr HPDF_REAL title_gap_ratio = 0.6F;            // space under the title, in title sizes
constexpr std::string_view ellipsis = "\xE2\x80\xA6";  // U+2026 in UTF-8

// 1,000 pages: a report longer than that is not read on paper; the bound keeps a runaway
// layout finite.
constexpr std::size_t pages_max = 1000;

struct DocCloser {
    void operator()(HPDF_Doc doc) const { HPDF_Free(doc); }
};

using DocHandle = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocCloser>;

// libharu reports errors through a callback; the first one is kept and checked at the end.
struct ErrorState {
    HPDF_STATUS error = HPDF_OK;
    HPDF_STATUS detail = HPDF_OK;
};

void on_error(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
    auto* state = static_cast<ErrorState*>(user_data);
    if (state->error == HPDF_OK) {
        state->error = error;
        state->detail = detail;
    }
}

class Renderer {
public:
    Renderer(HPDF_Doc doc, HPDF_Font regular, HPDF_Font bold, const Document& document)
        : doc_(doc), regular_(regular), bold_(bold), document_(document) {}

    void render() {
        new_page();
        for (const Block& block : document_.blocks) {
            if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
                draw_paragraph(*paragraph);
            } else {
                draw_table(std::get<Table>(block));
            }
            y_ -= block_gap;
        }
        number_pages();
    }

private:
    [[nodiscard]] HPDF_REAL width() const { return HPDF_Page_GetWidth(page_) - 2 * margin; }

    [[nodiscard]] HPDF_REAL text_width(HPDF_Font font,
                                       HPDF_REAL size,
                                       std::string_view text) const {
        HPDF_Page_SetFontAndSize(page_, font, size);
        return HPDF_Page_TextWidth(page_, std::string(text).c_str());
    }

    void text_at(HPDF_REAL x, HPDF_REAL y, HPDF_Font font, HPDF_REAL size, std::string_view text) {
        if (text.empty()) {
            return;
        }
        HPDF_Page_BeginText(page_);
        HPDF_Page_SetFontAndSize(page_, font, size);
        HPDF_Page_TextOut(page_, x, y, std::string(text).c_str());
        HPDF_Page_EndText(page_);
    }

    void rule(HPDF_REAL y) {
        HPDF_Page_SetLineWidth(page_, rule_width);
        HPDF_Page_MoveTo(page_, margin, y);
        HPDF_Page_LineTo(page_, margin + width(), y);
        HPDF_Page_Stroke(page_);
    }

    // `text` cut with an ellipsis so that it fits `available` points.
    [[nodiscard]] std::string fit(std::string text,
                                  HPDF_Font font,
                                  HPDF_REAL size,
                                  HPDF_REAL available) const {
        if (text_width(font, size, text) <= available) {
            return text;
        }
        const std::size_t bytes = text.size();
        for (std::size_t step = 0; step < bytes && !text.empty(); ++step) {
            files::pop_utf8_character(text);
            if (text_width(font, size, text + std::string(ellipsis)) <= available) {
                break;
            }
        }
        return text + std::string(ellipsis);
    }

    void new_page() {
        BO_ASSERT(pages_.size() < pages_max);
        page_ = HPDF_AddPage(doc_);
        HPDF_Page_SetSize(page_,
                          HPDF_PAGE_SIZE_A4,
                          document_.orientation == Orientation::landscape ? HPDF_PAGE_LANDSCAPE
                                                                          : HPDF_PAGE_PORTRAIT);
        pages_.push_back(page_);
        y_ = HPDF_Page_GetHeight(page_) - margin;
        if (pages_.size() == 1) {
            y_ -= title_size;
            text_at(margin, y_, bold_, title_size, document_.title);
            y_ -= title_size * title_gap_ratio;
            for (const std::string& line : document_.header_lines) {
                y_ -= header_line_size * line_gap;
                text_at(margin, y_, regular_, header_line_size, line);
            }
            y_ -= 2 * block_gap;
        } else {
            y_ -= running_title_size;
            text_at(margin, y_, bold_, running_title_size, document_.title);
            y_ -= running_title_size + block_gap;
        }
    }

    [[nodiscard]] bool room_for(HPDF_REAL height) const {
        return y_ - height >= margin + 2 * footer_size;
    }

    void draw_paragraph(const Paragraph& paragraph) {
        const bool heading = paragraph.style == TextStyle::heading;
        HPDF_Font font = heading ? bold_ : regular_;
        const HPDF_REAL size = heading ? heading_size : body_size;
        std::string line;
        std::string_view rest = paragraph.text;
        auto flush = [&] {
            if (!room_for(size * line_gap)) {
                new_page();
            }
            y_ -= size * line_gap;
            text_at(margin, y_, font, size, line);
            line.clear();
        };
        while (!rest.empty()) {
            const std::size_t space = rest.find(' ');
            const std::string_view word = rest.substr(0, space);
            rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
            std::string candidate = line;
            if (!candidate.empty()) {
                candidate += ' ';
            }
            candidate += word;
            if (!line.empty() && text_width(font, size, candidate) > width()) {
                flush();
                line = word;
            } else {
                line = std::move(candidate);
            }
        }
        if (!line.empty() || paragraph.text.empty()) {
            flush();
        }
    }

    // The widest text of an amount column (its title included): amounts are never cut.
    [[nodiscard]] HPDF_REAL amount_width(const Table& table, std::size_t column) const {
        HPDF_REAL widest = text_width(bold_, body_size, table.columns[column].title);
        for (const Row& row : table.rows) {
            const Cell& cell = row.cells[column];
            const std::string text = cell.kind == Cell::Kind::amount
                                         ? files::grouped_decimal_text(cell.minor, cell.exponent)
                                         : cell.text;
            HPDF_Font font = row.style == RowStyle::total ? bold_ : regular_;
            widest = std::max(widest, text_width(font, body_size, text));
        }
        return widest + 3 * cell_padding;  // a little air between neighbouring figures
    }

    // Amount columns as wide as their widest figure; text columns share the rest by weight.
    [[nodiscard]] std::vector<HPDF_REAL> column_widths(const Table& table) const {
        std::vector<HPDF_REAL> widths(table.columns.size(), 0);
        HPDF_REAL fixed = 0;
        unsigned text_weight = 0;
        for (std::size_t column = 0; column < table.columns.size(); ++column) {
            if (table.columns[column].kind == Cell::Kind::amount) {
                widths[column] = amount_width(table, column);
                fixed += widths[column];
            } else {
                text_weight += std::max(1U, table.columns[column].width_weight);
            }
        }
        const HPDF_REAL rest = std::max(width() - fixed, HPDF_REAL{0});
        for (std::size_t column = 0; column < table.columns.size(); ++column) {
            const Column& info = table.columns[column];
            if (info.kind == Cell::Kind::amount) {
                if (text_weight == 0) {
                    widths[column] += rest / static_cast<HPDF_REAL>(widths.size());
                }
            } else {
                widths[column] = rest * static_cast<HPDF_REAL>(std::max(1U, info.width_weight))
                                 / static_cast<HPDF_REAL>(text_weight);
            }
        }
        return widths;
    }

    // One row of cells at the current y (already moved down past the row).
    void draw_cells(const std::vector<HPDF_REAL>& widths,
                    const Table& table,
                    const std::vector<std::string>& texts,
                    HPDF_Font font,
                    std::size_t indent) {
        HPDF_REAL x = margin;
        for (std::size_t column = 0; column < widths.size(); ++column) {
            const HPDF_REAL shift =
                column == table.indent_column ? indent_step * static_cast<HPDF_REAL>(indent) : 0;
            const HPDF_REAL available = widths[column] - 2 * cell_padding - shift;
            const std::string text = fit(texts[column], font, body_size, std::max(available, 1.0F));
            if (table.columns[column].kind == Cell::Kind::amount) {
                const HPDF_REAL right = x + widths[column] - cell_padding;
                text_at(right - text_width(font, body_size, text), y_ + 2, font, body_size, text);
            } else {
                text_at(x + cell_padding + shift, y_ + 2, font, body_size, text);
            }
            x += widths[column];
        }
    }

    void draw_header(const Table& table, const std::vector<HPDF_REAL>& widths) {
        const HPDF_REAL height = body_size * line_gap + 2;
        y_ -= height;
        HPDF_Page_SetGrayFill(page_, header_gray);
        HPDF_Page_Rectangle(page_, margin, y_ - 1, width(), height);
        HPDF_Page_Fill(page_);
        HPDF_Page_SetGrayFill(page_, 0);
        std::vector<std::string> titles;
        for (const Column& column : table.columns) {
            titles.push_back(column.title);
        }
        draw_cells(widths, table, titles, bold_, 0);
    }

    void draw_table(const Table& table) {
        files::check_table(table);
        const std::vector<HPDF_REAL> widths = column_widths(table);
        const HPDF_REAL row_height = body_size * line_gap;
        if (!room_for(3 * row_height)) {
            new_page();
        }
        draw_header(table, widths);
        for (const Row& row : table.rows) {
            if (!room_for(row_height)) {
                new_page();
                draw_header(table, widths);
            }
            y_ -= row_height;
            const bool total = row.style == RowStyle::total;
            if (total) {
                rule(y_ + row_height - 1);
            }
            std::vector<std::string> texts;
            for (const Cell& cell : row.cells) {
                texts.push_back(cell.kind == Cell::Kind::amount
                                    ? files::grouped_decimal_text(cell.minor, cell.exponent)
                                    : cell.text);
            }
            draw_cells(widths, table, texts, total ? bold_ : regular_, row.indent);
        }
    }

    void number_pages() {
        const std::string count = std::to_string(pages_.size());
        for (std::size_t index = 0; index < pages_.size(); ++index) {
            page_ = pages_[index];
            const std::string number = "Page " + std::to_string(index + 1) + " of " + count;
            const HPDF_REAL y = margin - footer_size;
            text_at(margin, y, regular_, footer_size, document_.footer);
            text_at(margin + width() - text_width(regular_, footer_size, number),
                    y,
                    regular_,
                    footer_size,
                    number);
        }
    }

    HPDF_Doc doc_;
    HPDF_Font regular_;
    HPDF_Font bold_;
    const Document& document_;
    std::vector<HPDF_Page> pages_;
    HPDF_Page page_ = nullptr;
    HPDF_REAL y_ = 0;
};

core::Result<HPDF_Font> load_font(HPDF_Doc doc, const std::string& path) {
    const char* name = HPDF_LoadTTFontFromFile(doc, path.c_str(), HPDF_TRUE);
    if (name == nullptr) {
        return Error(ErrorCode::internal, "cannot load the font " + path);
    }
    HPDF_Font font = HPDF_GetFont(doc, name, "UTF-8");
    if (font == nullptr) {
        return Error(ErrorCode::internal, "cannot use the font " + path + " with UTF-8");
    }
    return font;
}

core::Result<std::string> save(HPDF_Doc doc) {
    if (HPDF_SaveToStream(doc) != HPDF_OK) {
        return Error(ErrorCode::internal, "PDF: cannot save the document");
    }
    std::string bytes(HPDF_GetStreamSize(doc), '\0');
    auto size = static_cast<HPDF_UINT32>(bytes.size());
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): libharu reads into bytes
    const HPDF_STATUS read =
        HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
    // A complete read ends with HPDF_STREAM_EOF.
    if (read != HPDF_OK && read != HPDF_STREAM_EOF) {
        return Error(ErrorCode::internal, "PDF: cannot read the saved document");
    }
    bytes.resize(size);
    return bytes;
}

}  // namespace

Fonts Fonts::dejavu() {
    return Fonts{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                 "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"};
}

core::Result<std::string> render_pdf(const Document& document, const Fonts& fonts) {
    ErrorState errors;
    const DocHandle doc(HPDF_New(on_error, &errors));
    if (doc == nullptr) {
        return Error(ErrorCode::internal, "PDF: cannot create a document");
    }
    HPDF_SetCompressionMode(doc.get(), HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(doc.get());
    HPDF_SetCurrentEncoder(doc.get(), "UTF-8");
    BO_TRY_ASSIGN(HPDF_Font regular, load_font(doc.get(), fonts.regular_path));
    BO_TRY_ASSIGN(HPDF_Font bold, load_font(doc.get(), fonts.bold_path));
    HPDF_SetInfoAttr(doc.get(), HPDF_INFO_TITLE, document.title.c_str());
    HPDF_SetInfoAttr(doc.get(), HPDF_INFO_CREATOR, "Backoffice");
    Renderer(doc.get(), regular, bold, document).render();
    if (errors.error != HPDF_OK) {
        return Error(ErrorCode::internal,
                     "PDF: libharu error " + std::to_string(errors.error) + " (detail "
                         + std::to_string(errors.detail) + ")");
    }
    return save(doc.get());
}

}  // namespace bo::platform::documents
