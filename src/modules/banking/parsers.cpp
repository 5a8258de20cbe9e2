// Format names, detection and dispatch (see parsers.hpp and model.hpp).
#include "modules/banking/parsers.hpp"

#include <array>
#include <utility>

#include "modules/banking/parse_common.hpp"

namespace bo::modules::banking {
namespace {

constexpr std::array<std::pair<StatementFormat, std::string_view>, 4> format_names{{
    {StatementFormat::camt053, "camt053"},
    {StatementFormat::camt054, "camt054"},
    {StatementFormat::ofx, "ofx"},
    {StatementFormat::csv, "csv"},
}};

constexpr std::array<std::pair<CsvDateFormat, std::string_view>, 5> date_format_names{{
    {CsvDateFormat::iso, "YYYY-MM-DD"},
    {CsvDateFormat::dmy_dot, "DD.MM.YYYY"},
    {CsvDateFormat::dmy_slash, "DD/MM/YYYY"},
    {CsvDateFormat::mdy_slash, "MM/DD/YYYY"},
    {CsvDateFormat::ymd_compact, "YYYYMMDD"},
}};

// How far into a file detection looks: an XML declaration, comments and a long header fit.
constexpr std::size_t detection_bytes_max = 4096;

}  // namespace

std::string_view to_string(StatementFormat format) noexcept {
    for (const auto& [value, name] : format_names) {
        if (value == format) {
            return name;
        }
    }
    return "csv";
}

core::Result<StatementFormat> parse_statement_format(std::string_view text) {
    for (const auto& [value, name] : format_names) {
        if (name == text) {
            return value;
        }
    }
    return core::Error::invalid("format", "must be camt053, camt054, ofx or csv");
}

std::string_view to_string(LineStatus status) noexcept {
    return status == LineStatus::booked ? "booked" : "pending";
}

std::string_view to_string(MatchStatus status) noexcept {
    switch (status) {
        case MatchStatus::unmatched:
            return "unmatched";
        case MatchStatus::proposed:
            return "proposed";
        case MatchStatus::matched:
            return "matched";
    }
    return "unmatched";
}

core::Result<MatchStatus> parse_match_status(std::string_view text, std::string_view field) {
    for (const MatchStatus status :
         {MatchStatus::unmatched, MatchStatus::proposed, MatchStatus::matched}) {
        if (to_string(status) == text) {
            return status;
        }
    }
    return core::Error::invalid(std::string(field), "must be unmatched, proposed or matched");
}

std::string_view to_string(CsvDateFormat format) noexcept {
    for (const auto& [value, name] : date_format_names) {
        if (value == format) {
            return name;
        }
    }
    return "YYYY-MM-DD";
}

core::Result<CsvDateFormat> parse_csv_date_format(std::string_view text) {
    for (const auto& [value, name] : date_format_names) {
        if (name == text) {
            return value;
        }
    }
    return core::Error::invalid(
        "date_format", "must be YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY, MM/DD/YYYY or YYYYMMDD");
}

const Balance* ParsedStatement::balance(std::string_view type) const noexcept {
    for (const Balance& it : balances) {
        if (it.type == type) {
            return &it;
        }
    }
    return nullptr;
}

StatementFormat detect_format(std::string_view bytes) noexcept {
    const std::string_view head = bytes.substr(0, detection_bytes_max);
    if (head.find("OFXHEADER") != std::string_view::npos
        || head.find("<OFX>") != std::string_view::npos) {
        return StatementFormat::ofx;
    }
    if (head.find("BkToCstmrDbtCdtNtfctn") != std::string_view::npos
        || head.find("camt.054") != std::string_view::npos) {
        return StatementFormat::camt054;
    }
    if (head.find("<?xml") != std::string_view::npos
        || head.find("Document") != std::string_view::npos) {
        return StatementFormat::camt053;
    }
    return StatementFormat::csv;
}

core::Result<ParsedFile> parse_statement_file(std::string_view bytes,
                                              std::optional<StatementFormat> format,
                                              const CsvMapping* mapping,
                                              std::optional<core::Currency> currency) {
    if (bytes.size() > statement_file_bytes_max) {
        return core::Error(
            core::ErrorCode::limit_exceeded,
            "the file is larger than " + std::to_string(statement_file_bytes_max) + " bytes");
    }
    const StatementFormat chosen = format.value_or(detect_format(bytes));
    switch (chosen) {
        case StatementFormat::camt053:
        case StatementFormat::camt054:
            return parse_camt(bytes);
        case StatementFormat::ofx:
            return parse_ofx(bytes);
        case StatementFormat::csv:
            break;
    }
    if (mapping == nullptr || !currency) {
        return core::Error::invalid(
            "format",
            "the file is not camt or OFX, and a CSV file needs a bank account with a CSV "
            "mapping (name it with bank_account)");
    }
    return parse_csv_statement(bytes, *mapping, *currency);
}

}  // namespace bo::modules::banking
