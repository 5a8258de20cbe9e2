// Reading what payers write: invoice numbers in free text, counterparty names and IBANs in a
// comparable form, and ISO 11649 RF creditor references. Pure functions of their input.
//
// Invoice numbers are "<SERIES>-<YEAR>-<NNNNNN>" ("INV-2026-000123"). Payers write them as
// "INV-2026-000123", "inv 2026 123", "INV2026000123", "Inv.2026.123" (full), "2026-123",
// "2026/000123", "2026000123" (year, no prefix), "000123", "INV 123" (padded or prefixed, no
// year) or "123" (bare); several in one text ("INV-2026-000123, 124 and 2026-125").
// The reader finds candidates only; whether one names an open invoice is the engine's call.
// What is never read as an invoice number: an ISO date "2026-01-15" (year, month, day), a
// year followed by fewer than three digits without the prefix ("2026-12"), digit runs longer
// than 10, and zero.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bo::modules::banking::matching {

// How much of an invoice number a payer wrote; stronger first.
enum class ReferenceForm { full, year, padded, bare };

std::string_view to_string(ReferenceForm form) noexcept;

struct ReferenceCandidate {
    ReferenceForm form = ReferenceForm::bare;
    std::optional<int> year{};   // when written
    std::int64_t sequence = 0;   // > 0
    bool after_keyword = false;  // "invoice", "Rechnung", "Nr", "#" ... just before it
    std::string written;         // as it appeared (for the reason), e.g. "2026/123"
};

// The invoice-number candidates in `text`, in order, at most `count_max`. `years` are the
// years invoice numbers exist for (sorted): "2026-123" is year 2026 only if 2026 is one.
// `series` is the number prefix ("INV").
std::vector<ReferenceCandidate> find_reference_candidates(std::string_view text,
                                                          std::span<const int> years,
                                                          std::string_view series,
                                                          std::size_t count_max);

// A parsed invoice number "<SERIES>-<YEAR>-<N>", or nullopt for any other form.
struct InvoiceNumber {
    std::string series;
    int year = 0;
    std::int64_t sequence = 0;
};

std::optional<InvoiceNumber> parse_invoice_number(std::string_view number);

// Upper-case letters and digits only: "inv-2026 / 000123" -> "INV2026000123".
std::string alphanumeric_upper(std::string_view text);

// An IBAN or account number comparable across files: no spaces, upper case.
std::string normalise_iban(std::string_view account);

// A company or person's name comparable across files: Latin letters without accents
// (ä -> AE, ß -> SS, é -> E), upper case, punctuation as spaces, single letters joined
// ("S.A." -> "SA"), legal forms dropped (GmbH, AG, KG, Inc, Ltd, LLC, SA, SARL, BV, ...),
// words separated by one space. "Müller & Söhne GmbH & Co. KG" -> "MUELLER SOEHNE".
// Empty when nothing but legal forms remains.
std::string normalise_name(std::string_view name);

// True when `reference` is a valid ISO 11649 creditor reference ("RF18 5390 0754 7034"):
// "RF", two check digits, 1-21 letters or digits, mod 97 == 1; spaces allowed.
bool is_rf_reference(std::string_view reference);

// The body of a valid RF reference ("RF18539007547034" -> "539007547034"), else "".
std::string rf_body(std::string_view reference);

// The RF creditor reference whose body is `body` (letters and digits, 1-21): "RF" + check
// digits + body. For printing on an invoice. Empty when the body is not valid.
std::string make_rf_reference(std::string_view body);

}  // namespace bo::modules::banking::matching
