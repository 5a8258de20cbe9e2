// Banking: the plain types of bank accounts and imported bank statements.
//
// Every statement format (ISO 20022 camt.053 / camt.054, OFX 1.x SGML and 2.x XML, CSV with a
// saved column mapping) is parsed into the one neutral `ParsedStatement` below; the service
// then checks it against a bank account and stores it.
//
// Invariants of a parsed statement (the parsers guarantee them, the service asserts them):
// - every amount is exact integer minor units of its own currency, never floating point;
//   a line's amount is signed from the account holder's view: credit (money in) positive,
//   debit (money out) negative; a balance is signed the same way;
// - every line has a booking date; lines keep the order of the file;
// - `entry_number` is the 1-based position of the bank entry (camt Ntry, OFX STMTTRN, CSV
//   record) the line came from: a batched camt entry split into its transactions gives several
//   lines with one entry_number.
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "platform/tenancy/model.hpp"

namespace bo::modules::banking {

struct BankAccountTag;
using BankAccountId = core::Id<BankAccountTag>;
struct StatementTag;
using StatementId = core::Id<StatementTag>;
struct StatementLineTag;
using StatementLineId = core::Id<StatementLineTag>;

// Lengths we store. IBANs are at most 34 characters (ISO 13616); other account numbers and
// bank identifiers are kept to the same bound. Texts from a bank are cut at text_chars_max
// (whole UTF-8 characters): remittance information is at most 140 per Ustrd in camt.
inline constexpr std::size_t account_number_chars_max = 34;
inline constexpr std::size_t bank_code_chars_max = 35;  // BIC 11, routing 9, camt Max35Text
inline constexpr std::size_t bank_account_name_chars_max = 100;
inline constexpr std::size_t reference_chars_max = 140;
inline constexpr std::size_t text_chars_max = 1000;

// 10 MiB of statement file: a year of daily camt.053 for a busy account is a few MiB; the file
// is held in memory once as text and once as a DOM or token list.
inline constexpr std::size_t statement_file_bytes_max = std::size_t{10} << 20U;

// 100000 lines per file, the import bound of every other importer (core::import_rows_max).
inline constexpr std::size_t statement_lines_max = 100'000;

// 1000 statements per file: a camt file of a year of daily statements for three accounts.
inline constexpr std::size_t statements_per_file_max = 1000;

// Formats accepted. Enumerators equal their wire names (`?format=`).
enum class StatementFormat { camt053, camt054, ofx, csv };

std::string_view to_string(StatementFormat format) noexcept;

// Parses a wire name. Errors: invalid_argument (field "format").
[[nodiscard]] core::Result<StatementFormat> parse_statement_format(std::string_view text);

// A line's status at the bank: booked, or pending (camt PDNG / INFO; OFX has only booked).
enum class LineStatus { booked, pending };

std::string_view to_string(LineStatus status) noexcept;

// How far cash application got with a line (docs/banking.md "Matching"): nothing found yet or
// money out (`unmatched`), proposals waiting for a clerk (`proposed`), settled by a receipt or
// a ledger entry (`matched`).
enum class MatchStatus { unmatched, proposed, matched };

std::string_view to_string(MatchStatus status) noexcept;

// Errors: invalid_argument naming `field`.
[[nodiscard]] core::Result<MatchStatus> parse_match_status(std::string_view text,
                                                           std::string_view field);

// One balance as the bank states it. `type` uses the names of the camt balance codes:
// opening (OPBD, PRCD), closing (CLBD), opening_available (OPAV), closing_available (CLAV),
// forward_available (FWAV), interim (ITBD), interim_available (ITAV), information (INFO),
// expected_credit (XPCD), expected_debit (XPDT); OFX LEDGERBAL is closing, AVAILBAL
// closing_available.
struct Balance {
    std::string type;
    core::Money amount;  // signed: negative when the account is overdrawn
    core::Date date;
};

struct ParsedLine {
    std::size_t entry_number = 0;  // 1-based bank entry; see the header comment
    std::string source{};          // where in the file: "line 37" or a camt element path
    core::Date booking_date;
    std::optional<core::Date> value_date{};
    core::Money amount;            // signed, minor units
    std::string bank_reference{};  // camt AcctSvcrRef, OFX FITID, CSV reference column
    std::string end_to_end_id{};
    std::string remittance{};          // unstructured lines joined with a space (camt Ustrd)
    std::string creditor_reference{};  // structured creditor reference (camt Strd/CdtrRefInf/Ref)
    std::string counterparty_name{};
    std::string counterparty_account{};  // IBAN or other account number
    std::string counterparty_bic{};
    std::string
        transaction_code{};  // camt Domn/Fmly/SubFmly ("PMNT/ICDT/DMCT") or Prtry; OFX TRNTYPE
    LineStatus status = LineStatus::booked;
};

struct ParsedStatement {
    StatementFormat format = StatementFormat::camt053;
    std::string statement_id;    // camt Stmt/Id; OFX account + dates; CSV: the file's hash
    std::string sequence;        // camt LglSeqNb or ElctrncSeqNb; empty when not given
    std::string account_iban;    // one of account_iban / account_number is set (CSV: neither)
    std::string account_number;  // OFX ACCTID, camt Othr/Id
    std::string bank_code;       // OFX BANKID (routing), camt Svcr BIC
    std::optional<core::Currency> currency;
    std::optional<core::Date> from_date;
    std::optional<core::Date> to_date;
    std::vector<Balance> balances;  // in file order
    std::vector<ParsedLine> lines;

    // The first balance of `type`, if any.
    const Balance* balance(std::string_view type) const noexcept;
};

struct ParsedFile {
    StatementFormat format = StatementFormat::camt053;
    std::vector<ParsedStatement> statements;  // at least one
};

// How a CSV export of a bank is read: stored per bank account. Column names are the header's
// names, exactly. Either `amount_column` (signed) or both debit and credit columns are named.
enum class CsvDateFormat { iso, dmy_dot, dmy_slash, mdy_slash, ymd_compact };

std::string_view to_string(CsvDateFormat format) noexcept;

// "YYYY-MM-DD", "DD.MM.YYYY", "DD/MM/YYYY", "MM/DD/YYYY", "YYYYMMDD".
[[nodiscard]] core::Result<CsvDateFormat> parse_csv_date_format(std::string_view text);

struct CsvMapping {
    std::string date_column;
    CsvDateFormat date_format = CsvDateFormat::iso;
    std::string value_date_column;  // optional
    std::string amount_column;      // signed amount; or:
    std::string debit_column;       // money out, written positive (or negative: sign ignored)
    std::string credit_column;      // money in
    char decimal_separator = '.';   // '.' or ','; the other one and spaces group thousands
    std::string reference_column;   // optional: the bank's reference of the line
    std::string counterparty_column;
    std::string counterparty_account_column;
    std::string text_column;  // remittance text

    friend bool operator==(const CsvMapping&, const CsvMapping&) = default;
};

}  // namespace bo::modules::banking
