// The banking service: bank accounts and the import of bank statements.
//
// A bank account mirrors one ledger cash account (e.g. 1120) and is named by an IBAN or an
// account number (with a routing number / BIC); it may hold the CSV mapping of its bank's
// export. Importing a statement file: parse (parsers.hpp), find each statement's bank account
// (by IBAN / number; a file naming no account, like CSV, needs `bank_account`), check the
// currency, skip statements already imported (same bank account and statement id, or the same
// file) and lines already seen (same bank reference), warn when the opening balance does not
// chain to the previous statement's closing balance, then store. All or nothing: every check
// runs before the first write, and any failure leaves nothing written.
// Each function runs inside the caller's transaction and never commits; every change writes
// an audit event in it. Cash application (issue #7, part 2) will match the stored lines; until
// then every line's match status is `unmatched`.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "core/date.hpp"
#include "core/result.hpp"
#include "modules/banking/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::banking {

struct BankAccount {
    BankAccountId id{};
    platform::tenancy::CompanyId company_id{};
    std::string name;
    std::string iban;            // normalised: upper case, no spaces; or ""
    std::string account_number;  // or ""
    std::string bank_code;       // BIC or routing number; may be ""
    core::Currency currency;
    std::int64_t ledger_account_id = 0;
    std::string ledger_account;  // its number, e.g. "1120"
    std::optional<CsvMapping> csv_mapping;
    core::Instant created_at{0};
};

struct NewBankAccount {
    std::string name{};
    std::string iban{};
    std::string account_number{};
    std::string bank_code{};
    std::string currency{};
    std::string ledger_account{};  // the ledger account's number
    std::optional<CsvMapping> csv_mapping{};
};

struct Statement {
    StatementId id{};
    platform::tenancy::CompanyId company_id{};
    BankAccountId bank_account_id{};
    StatementFormat format = StatementFormat::camt053;
    std::string statement_ref;
    std::string sequence;
    core::Currency currency;
    std::optional<core::Date> from_date{};
    std::optional<core::Date> to_date{};
    std::optional<Balance> opening{};
    std::optional<Balance> closing{};
    std::int64_t lines_imported = 0;
    std::int64_t lines_skipped = 0;
    core::Instant imported_at{0};
};

struct StatementLine {
    StatementLineId id{};
    std::int64_t line_number = 0;
    ParsedLine line;
    MatchStatus match_status = MatchStatus::unmatched;
    StatementId statement_id{};
    BankAccountId bank_account_id{};
};

// Whether an import writes or only checks (`--dry-run`, `"dry_run": true`).
enum class ImportMode { post, check_only };

struct ImportRequest {
    std::string_view bytes{};
    std::optional<StatementFormat> format{};      // detected from the content when nullopt
    std::optional<BankAccountId> bank_account{};  // required when the file names no account
    ImportMode mode = ImportMode::post;
};

struct ImportedStatement {
    StatementId id{};  // 0 for a duplicate or a dry run
    BankAccountId bank_account_id{};
    std::string statement_ref;
    bool duplicate = false;  // imported before: nothing of it was stored again
    std::int64_t lines_imported = 0;
    std::int64_t lines_skipped = 0;  // already stored from an overlapping statement
};

struct ImportReport {
    StatementFormat format = StatementFormat::camt053;
    ImportMode mode = ImportMode::post;
    std::vector<ImportedStatement> statements{};
    std::vector<std::string> warnings{};  // e.g. an opening balance that does not chain
    // What cash application made of the stored lines (matching_service.hpp): posted
    // automatically, waiting with proposals, nothing found (money out included).
    std::int64_t lines_matched = 0;
    std::int64_t lines_proposed = 0;
    std::int64_t lines_unmatched = 0;

    // True when every statement of the file had been imported before.
    bool duplicate() const noexcept;
};

// Creates a bank account. Errors: invalid_argument (fields name, iban, account_number,
// bank_code, currency, ledger_account, csv_mapping/...); conflict when the name, IBAN or
// account number is taken in the company.
[[nodiscard]] core::Result<BankAccount> create_bank_account(store::Txn& txn,
                                                            const core::Clock& clock,
                                                            const platform::Actor& actor,
                                                            const NewBankAccount& input);

[[nodiscard]] core::Result<std::optional<BankAccount>> find_bank_account(
    store::Txn& txn, platform::tenancy::CompanyId company, BankAccountId id);

[[nodiscard]] core::Result<std::vector<BankAccount>> list_bank_accounts(
    store::Txn& txn,
    platform::tenancy::CompanyId company,
    BankAccountId after_id,
    std::int64_t limit);

// Imports a statement file (see the header comment). Errors: invalid_argument naming the line
// or element of a malformed file, "bank_account" / "statements/N/account" for an account that
// is not the company's, "statements/N/currency" for a currency that is not the account's;
// limit_exceeded past the parsers' limits. Nothing is written on any error. Once stored, the
// new lines are matched (matching_service.hpp match_statements): confident matches post.
[[nodiscard]] core::Result<ImportReport> import_statements(store::Txn& txn,
                                                           const core::Clock& clock,
                                                           const platform::Actor& actor,
                                                           const ImportRequest& request);

[[nodiscard]] core::Result<std::vector<Statement>> list_statements(
    store::Txn& txn,
    platform::tenancy::CompanyId company,
    StatementId after_id,
    std::int64_t limit);

[[nodiscard]] core::Result<std::optional<Statement>> find_statement(
    store::Txn& txn, platform::tenancy::CompanyId company, StatementId id);

[[nodiscard]] core::Result<std::vector<StatementLine>> statement_lines(
    store::Txn& txn, platform::tenancy::CompanyId company, StatementId id);

// A CSV mapping as JSON (the API's and the database's form) and back. Errors of the reader:
// invalid_argument with fields "csv_mapping/<name>".
boost::json::object csv_mapping_json(const CsvMapping& mapping);
[[nodiscard]] core::Result<CsvMapping> csv_mapping_from_json(const boost::json::value& value);

}  // namespace bo::modules::banking
