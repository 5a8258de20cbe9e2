#include "modules/banking/service.hpp"

#include <set>
#include <string>
#include <utility>

#include <boost/json.hpp>

#include "core/limits.hpp"
#include "ledger/service.hpp"
#include "modules/banking/parse_common.hpp"
#include "modules/banking/parsers.hpp"
#include "modules/banking/matching_service.hpp"
#include "modules/banking/queries.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::banking {
namespace {

namespace json = boost::json;
using platform::tenancy::CompanyId;

// An IBAN without spaces, in upper case.
std::string normalise_iban(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c != ' ') {
            out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
        }
    }
    return out;
}

// ISO 13616: two letters, two check digits, up to 30 alphanumerics, and mod 97 == 1.
bool is_valid_iban(std::string_view iban) {
    constexpr std::size_t iban_chars_min = 15;
    if (iban.size() < iban_chars_min || iban.size() > account_number_chars_max) {
        return false;
    }
    std::int64_t remainder = 0;
    const std::string rotated = std::string(iban.substr(4)) + std::string(iban.substr(0, 4));
    for (const char c : rotated) {
        if (c >= '0' && c <= '9') {
            remainder = (remainder * 10 + (c - '0')) % 97;
        } else if (c >= 'A' && c <= 'Z') {
            remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
        } else {
            return false;
        }
    }
    return remainder == 1;
}

BankAccount with_mapping(queries::BankAccountRow row) {
    if (!row.csv_mapping.empty()) {
        boost::system::error_code error;
        const json::value value = json::parse(row.csv_mapping, error);
        if (!error) {
            if (core::Result<CsvMapping> mapping = csv_mapping_from_json(value); mapping) {
                row.account.csv_mapping = *mapping;
            }
        }
    }
    return std::move(row.account);
}

std::string text_of(const json::object& object, std::string_view key) {
    const json::value* value = object.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->get_string()) : "";
}

// The checks of create_bank_account that need no database.
void check_new_account(const NewBankAccount& input,
                       const std::string& iban,
                       platform::tenancy::FieldChecks& checks) {
    checks.required_text("name", input.name, bank_account_name_chars_max);
    checks.optional_text("account_number", input.account_number, account_number_chars_max);
    checks.optional_text("bank_code", input.bank_code, bank_code_chars_max);
    if (!iban.empty() && !is_valid_iban(iban)) {
        checks.add("iban", "is not a valid IBAN (ISO 13616 check digits)");
    }
    if (iban.empty() && input.account_number.empty()) {
        checks.add("iban", "name the account: an IBAN or an account number");
    }
    checks.currency("currency", input.currency);
    if (input.ledger_account.empty()) {
        checks.add("ledger_account", "is required: the number of the ledger cash account");
    }
}

}  // namespace

bool ImportReport::duplicate() const noexcept {
    for (const ImportedStatement& statement : statements) {
        if (!statement.duplicate) {
            return false;
        }
    }
    return !statements.empty();
}

core::Result<BankAccount> create_bank_account(store::Txn& txn,
                                              const core::Clock& clock,
                                              const platform::Actor& actor,
                                              const NewBankAccount& input) {
    const std::string iban = normalise_iban(input.iban);
    platform::tenancy::FieldChecks checks;
    check_new_account(input, iban, checks);
    BO_TRY(std::move(checks).finish("bank account"));
    BO_TRY_ASSIGN(const std::optional<ledger::Account> ledger_account,
                  ledger::find_account_by_number(txn, actor.company, input.ledger_account));
    if (!ledger_account || ledger_account->type != ledger::AccountType::asset) {
        return core::Error::invalid("ledger_account", "must be the number of an asset account");
    }
    BO_TRY_ASSIGN(const bool taken, queries::name_taken(txn, actor.company, input.name));
    BO_TRY_ASSIGN(const std::optional<queries::BankAccountRow> same,
                  queries::select_bank_account_by_identifier(
                      txn, actor.company, iban, iban.empty() ? input.account_number : ""));
    if (taken) {
        return platform::tenancy::duplicate("name", "bank account", input.name);
    }
    if (same) {
        return iban.empty() ? platform::tenancy::duplicate(
                   "account_number", "bank account", input.account_number)
                            : platform::tenancy::duplicate("iban", "bank account", iban);
    }
    BankAccount account{.company_id = actor.company,
                        .name = input.name,
                        .iban = iban,
                        .account_number = input.account_number,
                        .bank_code = input.bank_code,
                        .currency = core::Currency::create(input.currency).value(),
                        .ledger_account_id = ledger_account->id.value(),
                        .ledger_account = ledger_account->number,
                        .csv_mapping = input.csv_mapping,
                        .created_at = clock.now()};
    const std::string mapping_text =
        input.csv_mapping ? json::serialize(csv_mapping_json(*input.csv_mapping)) : "";
    BO_TRY_ASSIGN(account.id, queries::insert_bank_account(txn, account, mapping_text));
    const auto quoted = [](std::string_view text) {
        return json::serialize(json::value(text));
    };
    BO_TRY(platform::audit::record(
        txn,
        clock,
        actor,
        {.action = "bank_account.create",
         .entity_type = "bank_account",
         .entity_id = account.id.to_string(),
         .changes = {{"name", std::nullopt, quoted(account.name)},
                     {"iban", std::nullopt, quoted(account.iban)},
                     {"account_number", std::nullopt, quoted(account.account_number)},
                     {"currency", std::nullopt, quoted(account.currency.code())},
                     {"ledger_account", std::nullopt, quoted(account.ledger_account)}}}));
    return account;
}

core::Result<std::optional<BankAccount>> find_bank_account(store::Txn& txn,
                                                           CompanyId company,
                                                           BankAccountId id) {
    BO_TRY_ASSIGN(std::optional<queries::BankAccountRow> row,
                  queries::select_bank_account(txn, company, id));
    if (!row) {
        return std::optional<BankAccount>();
    }
    return std::optional<BankAccount>(with_mapping(std::move(*row)));
}

core::Result<std::vector<BankAccount>> list_bank_accounts(store::Txn& txn,
                                                          CompanyId company,
                                                          BankAccountId after_id,
                                                          std::int64_t limit) {
    BO_TRY_ASSIGN(std::vector<queries::BankAccountRow> rows,
                  queries::select_bank_accounts(txn, company, after_id, limit));
    std::vector<BankAccount> accounts;
    for (queries::BankAccountRow& row : rows) {
        accounts.push_back(with_mapping(std::move(row)));
    }
    return accounts;
}

namespace {

// One parsed statement resolved to its bank account and checked, before anything is written.
struct Planned {
    const ParsedStatement* parsed = nullptr;
    BankAccount account;
    std::string statement_ref{};
    bool duplicate = false;
    std::vector<ParsedLine> lines{};  // the lines not seen before
    std::int64_t skipped = 0;
};

core::Result<BankAccount> account_for(store::Txn& txn,
                                      CompanyId company,
                                      const ParsedStatement& statement,
                                      const std::optional<BankAccount>& named,
                                      const std::string& where) {
    if (statement.account_iban.empty() && statement.account_number.empty()) {
        if (!named) {
            return core::Error::invalid("bank_account",
                                        "is required: the file does not name its account");
        }
        return *named;
    }
    const std::string iban = normalise_iban(statement.account_iban);
    BO_TRY_ASSIGN(
        std::optional<queries::BankAccountRow> found,
        queries::select_bank_account_by_identifier(txn, company, iban, statement.account_number));
    const std::string shown = iban.empty() ? statement.account_number : iban;
    if (!found) {
        return core::Error::invalid(where + "/account",
                                    "no bank account of this company has IBAN / number " + shown);
    }
    if (named && named->id != found->account.id) {
        return core::Error::invalid("bank_account",
                                    "the statement is for " + shown + " (bank account "
                                        + found->account.id.to_string() + "), not bank account "
                                        + named->id.to_string());
    }
    return with_mapping(std::move(*found));
}

core::Result<void> check_currency(const Planned& plan, const std::string& where) {
    const core::Currency account = plan.account.currency;
    if (plan.parsed->currency && !(*plan.parsed->currency == account)) {
        return core::Error::invalid(
            where + "/currency",
            "the statement is in " + std::string(plan.parsed->currency->code()) + ", bank account "
                + plan.account.name + " in " + std::string(account.code()));
    }
    for (const ParsedLine& line : plan.parsed->lines) {
        if (!(line.amount.currency == account)) {
            return core::Error::invalid(line.source,
                                        "amount in " + std::string(line.amount.currency.code())
                                            + ", bank account " + plan.account.name + " in "
                                            + std::string(account.code()));
        }
    }
    return core::ok();
}

// Keeps the lines whose bank reference was never stored (nor seen earlier in this file).
core::Result<void> skip_seen_lines(store::Txn& txn,
                                   CompanyId company,
                                   std::set<std::pair<std::int64_t, std::string>>& seen,
                                   Planned& plan) {
    for (const ParsedLine& line : plan.parsed->lines) {
        if (!line.bank_reference.empty()) {
            BO_TRY_ASSIGN(
                const bool stored,
                queries::reference_seen(txn, company, plan.account.id, line.bank_reference));
            if (stored || !seen.emplace(plan.account.id.value(), line.bank_reference).second) {
                ++plan.skipped;
                continue;
            }
        }
        plan.lines.push_back(line);
    }
    return core::ok();
}

// A warning when the opening balance does not continue the last stored closing balance.
core::Result<std::optional<std::string>> chain_warning(store::Txn& txn,
                                                       CompanyId company,
                                                       const Planned& plan) {
    const Balance* opening = plan.parsed->balance("opening");
    if (opening == nullptr) {
        return std::optional<std::string>();
    }
    BO_TRY_ASSIGN(
        const std::optional<Statement> previous,
        queries::select_last_closed_statement(txn, company, plan.account.id, opening->date));
    if (!previous || !previous->closing
        || !core::same_currency(previous->closing->amount, opening->amount)
        || previous->closing->amount == opening->amount) {
        return std::optional<std::string>();
    }
    return std::optional<std::string>(
        "statement " + plan.statement_ref + ": opening balance " + opening->amount.format() + " "
        + std::string(opening->amount.currency.code()) + " does not match the closing balance "
        + previous->closing->amount.format() + " of statement " + previous->statement_ref);
}

core::Result<ParsedFile> parse_request(store::Txn& txn,
                                       CompanyId company,
                                       const ImportRequest& request,
                                       std::optional<BankAccount>& named) {
    if (request.bank_account) {
        BO_TRY_ASSIGN(named, find_bank_account(txn, company, *request.bank_account));
        if (!named) {
            return core::Error::invalid("bank_account", "no bank account with this id");
        }
    }
    const StatementFormat format = request.format.value_or(detect_format(request.bytes));
    if (format == StatementFormat::csv && (!named || !named->csv_mapping)) {
        return core::Error::invalid(
            "bank_account",
            named ? "bank account " + named->name + " has no CSV mapping"
                  : "is required for a CSV file (its CSV mapping reads the columns)");
    }
    return parse_statement_file(request.bytes,
                                format,
                                named && named->csv_mapping ? &*named->csv_mapping : nullptr,
                                named ? std::optional(named->currency) : std::nullopt);
}

Statement stored_statement(const Planned& plan, const core::Clock& clock) {
    const auto balance = [&](std::string_view type) {
        const Balance* found = plan.parsed->balance(type);
        return found != nullptr && found->amount.currency == plan.account.currency
                   ? std::optional<Balance>(*found)
                   : std::nullopt;
    };
    return Statement{.company_id = plan.account.company_id,
                     .bank_account_id = plan.account.id,
                     .format = plan.parsed->format,
                     .statement_ref = plan.statement_ref,
                     .sequence = plan.parsed->sequence,
                     .currency = plan.account.currency,
                     .from_date = plan.parsed->from_date,
                     .to_date = plan.parsed->to_date,
                     .opening = balance("opening"),
                     .closing = balance("closing"),
                     .lines_imported = static_cast<std::int64_t>(plan.lines.size()),
                     .lines_skipped = plan.skipped,
                     .imported_at = clock.now()};
}

core::Result<StatementId> store_statement(store::Txn& txn,
                                          const core::Clock& clock,
                                          const platform::Actor& actor,
                                          const Planned& plan,
                                          const std::string& file_hash) {
    const Statement statement = stored_statement(plan, clock);
    BO_TRY_ASSIGN(const StatementId id, queries::insert_statement(txn, statement, file_hash));
    BO_TRY(queries::insert_lines(txn, actor.company, id, plan.account.id, plan.lines));
    BO_TRY(platform::audit::record(
        txn,
        clock,
        actor,
        {.action = "bank_statement.import",
         .entity_type = "bank_statement",
         .entity_id = id.to_string(),
         .changes = {
             {"statement_ref", std::nullopt, json::serialize(json::value(plan.statement_ref))},
             {"bank_account_id", std::nullopt, plan.account.id.to_string()},
             {"lines_imported", std::nullopt, std::to_string(plan.lines.size())},
             {"lines_skipped", std::nullopt, std::to_string(plan.skipped)},
             {"file_hash", std::nullopt, json::serialize(json::value(file_hash))}}}));
    return id;
}

// Cash application on the statements `report` stored.
core::Result<ImportReport> match_stored(store::Txn& txn,
                                        const core::Clock& clock,
                                        const platform::Actor& actor,
                                        ImportReport report) {
    std::vector<StatementId> stored;
    for (const ImportedStatement& statement : report.statements) {
        if (statement.id.value() != 0) {
            stored.push_back(statement.id);
        }
    }
    if (stored.empty()) {
        return report;
    }
    BO_TRY_ASSIGN(const MatchRunReport matched, match_statements(txn, clock, actor, stored));
    report.lines_matched = matched.matched;
    report.lines_proposed = matched.proposed;
    report.lines_unmatched = matched.unmatched + matched.debits;
    return report;
}

}  // namespace

core::Result<ImportReport> import_statements(store::Txn& txn,
                                             const core::Clock& clock,
                                             const platform::Actor& actor,
                                             const ImportRequest& request) {
    std::optional<BankAccount> named;
    BO_TRY_ASSIGN(const ParsedFile file, parse_request(txn, actor.company, request, named));
    const std::string file_hash = platform::auth::secrets::hash_hex(request.bytes);
    ImportReport report{.format = file.format, .mode = request.mode};
    std::vector<Planned> plans;
    std::set<std::pair<std::int64_t, std::string>> seen;
    for (std::size_t i = 0; i < file.statements.size(); ++i) {
        const std::string where = "statements/" + std::to_string(i + 1);
        BO_TRY_ASSIGN(BankAccount account,
                      account_for(txn, actor.company, file.statements[i], named, where));
        Planned plan{.parsed = &file.statements[i], .account = std::move(account)};
        BO_TRY(check_currency(plan, where));
        plan.statement_ref = !plan.parsed->statement_id.empty() ? plan.parsed->statement_id
                                                                : "csv:" + file_hash.substr(0, 16);
        BO_TRY_ASSIGN(
            const std::optional<StatementId> earlier,
            queries::select_statement_id(txn, actor.company, plan.account.id, plan.statement_ref));
        BO_TRY_ASSIGN(const bool same_file,
                      queries::file_seen(txn, actor.company, plan.account.id, file_hash));
        plan.duplicate = earlier.has_value() || same_file;
        if (!plan.duplicate) {
            BO_TRY(skip_seen_lines(txn, actor.company, seen, plan));
            BO_TRY_ASSIGN(std::optional<std::string> warning,
                          chain_warning(txn, actor.company, plan));
            if (warning) {
                report.warnings.push_back(std::move(*warning));
            }
        }
        plans.push_back(std::move(plan));
    }
    for (const Planned& plan : plans) {  // every check passed: now write
        ImportedStatement imported{.bank_account_id = plan.account.id,
                                   .statement_ref = plan.statement_ref,
                                   .duplicate = plan.duplicate,
                                   .lines_imported = static_cast<std::int64_t>(plan.lines.size()),
                                   .lines_skipped = plan.skipped};
        if (!plan.duplicate && request.mode == ImportMode::post) {
            BO_TRY_ASSIGN(imported.id, store_statement(txn, clock, actor, plan, file_hash));
        }
        report.statements.push_back(std::move(imported));
    }
    return match_stored(txn, clock, actor, std::move(report));
}

core::Result<std::vector<Statement>> list_statements(store::Txn& txn,
                                                     CompanyId company,
                                                     StatementId after_id,
                                                     std::int64_t limit) {
    if (limit < 1 || limit > static_cast<std::int64_t>(core::page_size_max)) {
        return core::Error::invalid("limit", "must be 1.." + std::to_string(core::page_size_max));
    }
    return queries::select_statements(txn, company, after_id, limit);
}

core::Result<std::optional<Statement>> find_statement(store::Txn& txn,
                                                      CompanyId company,
                                                      StatementId id) {
    return queries::select_statement(txn, company, id);
}

core::Result<std::vector<StatementLine>> statement_lines(store::Txn& txn,
                                                         CompanyId company,
                                                         StatementId id) {
    return queries::select_lines(txn, company, id);
}

json::object csv_mapping_json(const CsvMapping& mapping) {
    return {{"date_column", mapping.date_column},
            {"date_format", to_string(mapping.date_format)},
            {"value_date_column", mapping.value_date_column},
            {"amount_column", mapping.amount_column},
            {"debit_column", mapping.debit_column},
            {"credit_column", mapping.credit_column},
            {"decimal_separator", std::string(1, mapping.decimal_separator)},
            {"reference_column", mapping.reference_column},
            {"counterparty_column", mapping.counterparty_column},
            {"counterparty_account_column", mapping.counterparty_account_column},
            {"text_column", mapping.text_column}};
}

core::Result<CsvMapping> csv_mapping_from_json(const json::value& value) {
    if (!value.is_object()) {
        return core::Error::invalid("csv_mapping", "must be an object");
    }
    const json::object& object = value.as_object();
    CsvMapping mapping;
    mapping.date_column = text_of(object, "date_column");
    mapping.value_date_column = text_of(object, "value_date_column");
    mapping.amount_column = text_of(object, "amount_column");
    mapping.debit_column = text_of(object, "debit_column");
    mapping.credit_column = text_of(object, "credit_column");
    mapping.reference_column = text_of(object, "reference_column");
    mapping.counterparty_column = text_of(object, "counterparty_column");
    mapping.counterparty_account_column = text_of(object, "counterparty_account_column");
    mapping.text_column = text_of(object, "text_column");
    std::vector<core::FieldError> errors;
    const std::string date_format = text_of(object, "date_format");
    if (const auto parsed = parse_csv_date_format(date_format.empty() ? "YYYY-MM-DD" : date_format);
        parsed) {
        mapping.date_format = *parsed;
    } else {
        errors.push_back({"csv_mapping/date_format", parsed.error().fields().at(0).reason});
    }
    const std::string separator = text_of(object, "decimal_separator");
    if (separator == "," || separator == "." || separator.empty()) {
        mapping.decimal_separator = separator == "," ? ',' : '.';
    } else {
        errors.push_back({"csv_mapping/decimal_separator", "must be \".\" or \",\""});
    }
    if (mapping.date_column.empty()) {
        errors.push_back({"csv_mapping/date_column", "is required"});
    }
    if (mapping.amount_column.empty()
        && (mapping.debit_column.empty() || mapping.credit_column.empty())) {
        errors.push_back({"csv_mapping/amount_column",
                          "name an amount column, or both a debit and a credit column"});
    }
    if (!errors.empty()) {
        return core::Error(
            core::ErrorCode::invalid_argument, "csv_mapping is not valid", std::move(errors));
    }
    return mapping;
}

}  // namespace bo::modules::banking
