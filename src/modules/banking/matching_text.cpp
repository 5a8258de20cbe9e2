#include "modules/banking/matching_text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>

namespace bo::modules::banking::matching {
namespace {

// UTF-8: bytes from 0x80 are not ASCII; 0xC3 leads the two-byte sequences of U+00C0..U+00FF,
// whose second byte runs 0x80..0xBF.
constexpr unsigned char first_non_ascii = 0x80;
constexpr unsigned char latin1_lead = 0xC3;
constexpr unsigned char continuation_last = 0xBF;

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

bool is_upper(char c) noexcept {
    return c >= 'A' && c <= 'Z';
}

char upper(char c) noexcept {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

bool is_ascii_alnum(char c) noexcept {
    return is_digit(c) || is_upper(upper(c));
}

// A letter of a word: ASCII letters and any byte of a non-ASCII UTF-8 character.
bool is_word_byte(char c) noexcept {
    return is_upper(upper(c)) || static_cast<unsigned char>(c) >= first_non_ascii;
}

// A run of letters or of digits in a text, and what separated it from the run before.
enum class Gap { none, soft, hard };

struct Piece {
    bool digits = false;
    std::string text;     // upper case
    Gap gap = Gap::hard;  // before this piece
    std::string gap_text;
};

// Separators people put inside one invoice number ("INV-2026/000123", "Nr. 123", "#123").
bool is_soft_separator(char c) noexcept {
    return c == ' ' || c == '-' || c == '.' || c == '/' || c == '_' || c == ':' || c == '#';
}

// At most three separator characters keep two pieces together ("INV - 2026").
constexpr std::size_t soft_gap_chars_max = 3;

Gap classify_gap(std::string_view gap) noexcept {
    if (gap.empty()) {
        return Gap::none;
    }
    if (gap.size() > soft_gap_chars_max) {
        return Gap::hard;
    }
    return std::all_of(gap.begin(), gap.end(), is_soft_separator) ? Gap::soft : Gap::hard;
}

// Splits `text` into letter runs and digit runs (non-ASCII bytes count as letters, so that a
// word with an umlaut stays one word).
std::vector<Piece> split_pieces(std::string_view text) {
    std::vector<Piece> pieces;
    std::size_t i = 0;
    std::size_t gap_start = 0;
    while (i < text.size()) {
        const bool digit = is_digit(text[i]);
        if (!digit && !is_word_byte(text[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        while (i < text.size() && (digit ? is_digit(text[i]) : is_word_byte(text[i]))) {
            ++i;
        }
        Piece piece;
        piece.digits = digit;
        piece.text.reserve(i - start);
        for (std::size_t k = start; k < i; ++k) {
            piece.text.push_back(upper(text[k]));
        }
        piece.gap_text = std::string(text.substr(gap_start, start - gap_start));
        piece.gap = pieces.empty() ? Gap::hard : classify_gap(piece.gap_text);
        pieces.push_back(std::move(piece));
        gap_start = i;
    }
    return pieces;
}

// Words that announce an invoice number, in the languages of our users' customers.
bool is_keyword(std::string_view word) noexcept {
    static constexpr std::array<std::string_view, 26> words{
        "INVOICE", "INVOICES", "INV",       "RECHNUNG", "RECHNUNGEN", "RECHNUNGSNR", "RECHNR",
        "RG",      "RGNR",     "RE",        "RENR",     "NR",         "NO",          "NUMMER",
        "NUMBER",  "FACTURE",  "FACTURA",   "FATTURA",  "FACT",       "FAKTURA",     "FACTUUR",
        "BILL",    "REF",      "REFERENCE", "FACTURES", "RECH"};
    return std::find(words.begin(), words.end(), word) != words.end();
}

// Words that continue a list of numbers ("123 and 124") without ending the keyword's reach.
bool is_conjunction(std::string_view word) noexcept {
    return word == "AND" || word == "UND" || word == "ET" || word == "Y" || word == "E"
           || word == "U";
}

std::optional<std::int64_t> to_number(std::string_view digits) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc{} || end != digits.data() + digits.size()) {
        return std::nullopt;
    }
    return value;
}

bool is_year(std::string_view digits, std::span<const int> years) {
    if (digits.size() != 4) {
        return false;
    }
    const std::optional<std::int64_t> value = to_number(digits);
    return value && std::binary_search(years.begin(), years.end(), static_cast<int>(*value));
}

bool short_digits(const Piece& piece) noexcept {
    return piece.digits && piece.text.size() <= 2;
}

// The number of pieces of a calendar date starting at `i` ("2026-01-15", "15.01.2026",
// "01/15/26"): 3, or 0 when there is none. Both separators must be the same character.
std::size_t date_at(const std::vector<Piece>& pieces, std::size_t i) {
    if (i + 2 >= pieces.size()) {
        return 0;
    }
    const Piece& a = pieces[i];
    const Piece& b = pieces[i + 1];
    const Piece& c = pieces[i + 2];
    if (!a.digits || !b.digits || !c.digits || b.gap_text.size() != 1 || b.gap_text != c.gap_text) {
        return 0;
    }
    const char separator = b.gap_text[0];
    if (separator != '-' && separator != '.' && separator != '/') {
        return 0;
    }
    const bool year_first = a.text.size() == 4 && short_digits(b) && short_digits(c);
    const bool year_last =
        short_digits(a) && short_digits(b) && (c.text.size() == 4 || c.text.size() == 2);
    return (year_first || year_last) ? 3 : 0;
}

// The number of pieces of a decimal amount starting at `i` ("234,56", "1500.00", "1.234,56",
// "12'500.00"): 2 or 3, or 0 when there is none.
std::size_t amount_at(const std::vector<Piece>& pieces, std::size_t i) {
    const auto decimals_at = [&pieces](std::size_t k) {
        if (k + 1 >= pieces.size()) {
            return false;
        }
        const Piece& cents = pieces[k + 1];
        if (!cents.digits || cents.text.size() != 2
            || (cents.gap_text != "," && cents.gap_text != ".")) {
            return false;
        }
        return k + 2 >= pieces.size() || !pieces[k + 2].digits || pieces[k + 2].gap == Gap::hard;
    };
    if (decimals_at(i)) {
        return 2;
    }
    const bool grouped = i + 1 < pieces.size() && pieces[i].text.size() <= 3 && pieces[i + 1].digits
                         && pieces[i + 1].text.size() == 3
                         && (pieces[i + 1].gap_text == "." || pieces[i + 1].gap_text == ","
                             || pieces[i + 1].gap_text == "'");
    return grouped && decimals_at(i + 1) ? 3 : 0;
}

// An invoice sequence is at most 9 digits (the counter is an int64; numbers print 6).
constexpr std::size_t sequence_digits_max = 9;
// "2026000123": a year and a sequence padded to six digits, written together.
constexpr std::size_t compact_number_digits = 10;
constexpr std::size_t year_digits = 4;
// Without the prefix, "2026-12" is more likely a month than invoice 12: three digits at least.
constexpr std::size_t unprefixed_sequence_digits_min = 3;

class CandidateReader {
public:
    CandidateReader(std::span<const int> years, std::string_view series, std::size_t count_max)
        : years_(years), series_(series), count_max_(count_max) {}

    std::vector<ReferenceCandidate> read(std::string_view text) {
        pieces_ = split_pieces(text);
        for (std::size_t i = 0; i < pieces_.size() && found_.size() < count_max_; ++i) {
            i += step(i);
        }
        return std::move(found_);
    }

private:
    // Reads the piece at `i`; answers how many pieces after it were used as well.
    std::size_t step(std::size_t i) {
        const Piece& piece = pieces_[i];
        if (piece.gap == Gap::hard) {
            prefixed_ = false;
        }
        if (!piece.digits) {
            const bool series = piece.text == series_;
            prefixed_ = series;
            if (is_keyword(piece.text) || series) {
                keyword_ = true;
            } else if (!is_conjunction(piece.text)) {
                keyword_ = false;
            }
            return 0;
        }
        const bool prefixed = prefixed_ && piece.gap != Gap::hard;
        const bool keyword = keyword_ || piece.gap_text.find('#') != std::string::npos;
        prefixed_ = false;
        if (const std::size_t date = date_at(pieces_, i); date > 0 && !prefixed) {
            return date - 1;
        }
        if (const std::size_t used = year_and_sequence(i, prefixed, keyword); used > 0) {
            return used - 1;
        }
        if (const std::size_t amount = amount_at(pieces_, i); amount > 0 && !prefixed) {
            return amount - 1;
        }
        if (piece.text.size() > sequence_digits_max) {
            return 0;
        }
        const std::optional<std::int64_t> value = to_number(piece.text);
        if (!value || *value == 0) {
            return 0;
        }
        const bool padded = piece.text[0] == '0' && piece.text.size() >= 3;
        add(prefixed || padded ? ReferenceForm::padded : ReferenceForm::bare,
            std::nullopt,
            *value,
            keyword,
            (prefixed ? series_ + " " : std::string()) + piece.text);
        return 0;
    }

    // "2026-123", "INV 2026 000123" (two pieces) or "2026000123", "INV2026123" (one piece):
    // the number of pieces used, 0 when it is not one of these.
    std::size_t year_and_sequence(std::size_t i, bool prefixed, bool keyword) {
        const Piece& piece = pieces_[i];
        const ReferenceForm form = prefixed ? ReferenceForm::full : ReferenceForm::year;
        const std::string prefix = prefixed ? series_ + "-" : std::string();
        if (is_year(piece.text, years_) && i + 1 < pieces_.size()) {
            const Piece& next = pieces_[i + 1];
            const bool together =
                next.digits && next.gap == Gap::soft && next.text.size() <= sequence_digits_max
                && (prefixed || next.text.size() >= unprefixed_sequence_digits_min);
            if (together) {
                const std::optional<std::int64_t> sequence = to_number(next.text);
                if (sequence && *sequence > 0) {
                    add(form,
                        year_of(piece.text),
                        *sequence,
                        keyword,
                        prefix + piece.text + next.gap_text + next.text);
                    return 2;
                }
            }
        }
        const std::size_t size = piece.text.size();
        const bool compact = size == compact_number_digits
                             || (prefixed && size > year_digits && size < compact_number_digits);
        if (compact && is_year(std::string_view(piece.text).substr(0, year_digits), years_)) {
            const std::optional<std::int64_t> sequence =
                to_number(std::string_view(piece.text).substr(year_digits));
            if (sequence && *sequence > 0) {
                add(form,
                    year_of(piece.text.substr(0, year_digits)),
                    *sequence,
                    keyword,
                    prefix + piece.text);
                return 1;
            }
        }
        return 0;
    }

    static int year_of(std::string_view digits) {
        return static_cast<int>(to_number(digits).value_or(0));
    }

    void add(ReferenceForm form,
             std::optional<int> year,
             std::int64_t sequence,
             bool keyword,
             std::string written) {
        found_.push_back(ReferenceCandidate{form, year, sequence, keyword, std::move(written)});
    }

    std::span<const int> years_;
    std::string series_;
    std::size_t count_max_;
    std::vector<Piece> pieces_;
    std::vector<ReferenceCandidate> found_;
    bool prefixed_ = false;  // the piece before was the series ("INV")
    bool keyword_ = false;   // a keyword came before, and only numbers and "and" since
};

// Latin letters with diacritics (the Latin-1 supplement, as UTF-8 after 0xC3) in the ASCII
// spelling SEPA payment files use: ä -> AE, ß -> SS, é -> E. Index: the second byte - 0x80.
constexpr std::array<std::string_view, 64> latin1_folded{
    "A", "A", "A", "A", "AE", "A", "AE", "C", "E", "E", "E", "E", "I",  "I", "I",  "I",   // 80-8F
    "D", "N", "O", "O", "O",  "O", "OE", "",  "O", "U", "U", "U", "UE", "Y", "TH", "SS",  // 90-9F
    "A", "A", "A", "A", "AE", "A", "AE", "C", "E", "E", "E", "E", "I",  "I", "I",  "I",   // A0-AF
    "D", "N", "O", "O", "O",  "O", "OE", "",  "O", "U", "U", "U", "UE", "Y", "TH", "Y"};  // B0-BF

// Legal forms and filler words dropped from names (after folding and joining single letters).
bool is_legal_form(std::string_view word) noexcept {
    static constexpr std::array<std::string_view, 53> words{
        "GMBH",        "AG",  "KG",           "KGAA", "OHG",
        "UG",          "GBR", "EV",           "EK",   "SE",
        "MBH",         "INC", "INCORPORATED", "LTD",  "LIMITED",
        "LLC",         "LLP", "LP",           "PLC",  "CORP",
        "CORPORATION", "CO",  "COMPANY",      "SA",   "SAS",
        "SARL",        "SRL", "SPA",          "SL",   "BV",
        "NV",          "VOF", "OY",           "OYJ",  "AB",
        "AS",          "ASA", "APS",          "KFT",  "SPZOO",
        "ZOO",         "SP",  "PTY",          "PTE",  "HAFTUNGSBESCHRAENKT",
        "THE",         "AND", "UND",          "ET",   "U",
        "CIE",         "SNC", "SCS"};
    return std::find(words.begin(), words.end(), word) != words.end();
}

// `name` folded to upper-case ASCII letters and digits, everything else a space.
std::string fold(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto byte = static_cast<unsigned char>(name[i]);
        if (byte < first_non_ascii) {
            out.push_back(is_ascii_alnum(name[i]) ? upper(name[i]) : ' ');
            continue;
        }
        const bool latin1 = byte == latin1_lead && i + 1 < name.size();
        if (latin1) {
            const auto next = static_cast<unsigned char>(name[i + 1]);
            if (next >= first_non_ascii && next <= continuation_last) {
                out += latin1_folded[next - first_non_ascii];
                ++i;
                continue;
            }
        }
        out.push_back(' ');
    }
    return out;
}

std::vector<std::string> words_of(std::string_view folded) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && folded[i] == ' ') {
            ++i;
        }
        const std::size_t start = i;
        while (i < folded.size() && folded[i] != ' ') {
            ++i;
        }
        if (i > start) {
            words.emplace_back(folded.substr(start, i - start));
        }
    }
    return words;
}

// Joins runs of single letters: "S A" -> "SA", "E K" -> "EK".
std::vector<std::string> join_initials(const std::vector<std::string>& words) {
    std::vector<std::string> joined;
    bool initials = false;  // the last word pushed is a run of single letters
    for (const std::string& word : words) {
        const bool initial = word.size() == 1 && is_upper(word[0]);
        if (initial && initials) {
            joined.back() += word;
            continue;
        }
        joined.push_back(word);
        initials = initial;
    }
    return joined;
}

// ISO 7064 mod 97-10 of `text` (letters and digits; A = 10 ... Z = 35, two decimal digits).
constexpr int rf_modulus = 97;
constexpr int rf_check_base = 98;  // check digits = 98 - (body + "RF00") mod 97
constexpr int decimal = 10;

int mod97(std::string_view text) {
    int remainder = 0;
    for (const char c : text) {
        if (is_digit(c)) {
            remainder = (remainder * decimal + (c - '0')) % rf_modulus;
        } else {
            const int value = c - 'A' + decimal;
            remainder = (remainder * decimal * decimal + value) % rf_modulus;
        }
    }
    return remainder;
}

constexpr std::size_t rf_body_chars_max = 21;

}  // namespace

std::string_view to_string(ReferenceForm form) noexcept {
    switch (form) {
        case ReferenceForm::full:
            return "full";
        case ReferenceForm::year:
            return "year";
        case ReferenceForm::padded:
            return "padded";
        case ReferenceForm::bare:
            return "bare";
    }
    return "bare";
}

std::vector<ReferenceCandidate> find_reference_candidates(std::string_view text,
                                                          std::span<const int> years,
                                                          std::string_view series,
                                                          std::size_t count_max) {
    return CandidateReader(years, series, count_max).read(text);
}

std::optional<InvoiceNumber> parse_invoice_number(std::string_view number) {
    const std::size_t first = number.find('-');
    if (first == std::string_view::npos || first == 0) {
        return std::nullopt;
    }
    const std::size_t second = number.find('-', first + 1);
    if (second != first + 1 + year_digits || second + 1 >= number.size()) {
        return std::nullopt;
    }
    const std::optional<std::int64_t> year = to_number(number.substr(first + 1, year_digits));
    const std::string_view digits = number.substr(second + 1);
    if (!year || digits.size() > sequence_digits_max) {
        return std::nullopt;
    }
    const std::optional<std::int64_t> sequence = to_number(digits);
    if (!sequence || *sequence <= 0) {
        return std::nullopt;
    }
    return InvoiceNumber{std::string(number.substr(0, first)), static_cast<int>(*year), *sequence};
}

std::string alphanumeric_upper(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (is_ascii_alnum(c)) {
            out.push_back(upper(c));
        }
    }
    return out;
}

std::string normalise_iban(std::string_view account) {
    return alphanumeric_upper(account);
}

std::string normalise_name(std::string_view name) {
    std::string out;
    for (const std::string& word : join_initials(words_of(fold(name)))) {
        if (is_legal_form(word)) {
            continue;
        }
        if (!out.empty()) {
            out.push_back(' ');
        }
        out += word;
    }
    return out;
}

bool is_rf_reference(std::string_view reference) {
    return !rf_body(reference).empty();
}

std::string rf_body(std::string_view reference) {
    std::string compact;
    for (const char c : reference) {
        if (c != ' ') {
            compact.push_back(upper(c));
        }
    }
    const bool shape = compact.size() >= 5 && compact.size() <= 4 + rf_body_chars_max
                       && compact.starts_with("RF") && is_digit(compact[2]) && is_digit(compact[3])
                       && std::all_of(compact.begin(), compact.end(), is_ascii_alnum);
    if (!shape) {
        return {};
    }
    const std::string rearranged = compact.substr(4) + compact.substr(0, 4);
    return mod97(rearranged) == 1 ? compact.substr(4) : std::string();
}

std::string make_rf_reference(std::string_view body) {
    const std::string compact = alphanumeric_upper(body);
    if (compact.empty() || compact.size() > rf_body_chars_max || compact.size() != body.size()) {
        return {};
    }
    const int check = rf_check_base - mod97(compact + "RF00");
    std::string out = "RF";
    out.push_back(static_cast<char>('0' + check / decimal));
    out.push_back(static_cast<char>('0' + check % decimal));
    return out + compact;
}

}  // namespace bo::modules::banking::matching
