// The chart of accounts: create, (de)activate, find, list, and the standard chart.
#include <string>
#include <utility>

#include "core/limits.hpp"
#include "ledger/internal.hpp"
#include "ledger/queries.hpp"
#include "ledger/service.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::ledger {
namespace {

using platform::tenancy::FieldChecks;

// The number of ancestors of `account` (0 for a top-level account), walking at most
// account_depth_max + 1 steps. Errors: invalid_argument when the chain is deeper.
core::Result<std::size_t> depth_of(store::Txn& txn, const Account& account) {
    std::size_t depth = 0;
    std::optional<AccountId> parent = account.parent_id;
    while (parent) {
        ++depth;
        if (depth > account_depth_max) {
            return core::Error::invalid(
                "parent",
                "the hierarchy would exceed " + std::to_string(account_depth_max) + " levels");
        }
        BO_TRY_ASSIGN(const std::optional<Account> above,
                      queries::select_account(txn, account.company_id, *parent));
        if (!above) {
            break;
        }
        parent = above->parent_id;
    }
    return depth;
}

struct ValidAccount {
    AccountType type = AccountType::asset;
    std::optional<Account> parent;
    core::Currency currency;
    Subledger control = Subledger::none;
};

core::Result<ValidAccount> validate(store::Txn& txn, CompanyId company, const NewAccount& input) {
    FieldChecks checks;
    checks.code("number", input.number, account_number_chars_max, FieldChecks::Case::any);
    checks.required_text("name", input.name, account_name_chars_max);
    core::Result<AccountType> type = parse_account_type(input.type, "type");
    if (!type) {
        checks.add("type", type.error().fields().front().reason);
    }
    core::Result<Subledger> control = parse_subledger(input.control, "control");
    if (!control) {
        checks.add("control", control.error().fields().front().reason);
    }
    BO_TRY_ASSIGN(core::Currency currency, internal::functional_currency(txn, company));
    if (input.currency) {
        core::Result<core::Currency> chosen = core::Currency::create(*input.currency);
        if (chosen) {
            currency = *chosen;
        } else {
            checks.add("currency", "is not an ISO 4217 currency code");
        }
    }
    std::optional<Account> parent;
    if (input.parent) {
        BO_TRY_ASSIGN(parent, queries::select_account_by_number(txn, company, *input.parent));
        if (!parent) {
            checks.add("parent", "is not an account number of this company");
        } else if (type && parent->type != *type) {
            checks.add("parent",
                       "must have the same type as the account ("
                           + std::string(to_string(parent->type)) + ")");
        }
    }
    BO_TRY(std::move(checks).finish("account"));
    return ValidAccount{*type, std::move(parent), currency, *control};
}

}  // namespace

core::Result<core::Currency> functional_currency(store::Txn& txn, CompanyId company) {
    return internal::functional_currency(txn, company);
}

core::Result<Account> create_account(store::Txn& txn,
                                     const core::Clock& clock,
                                     const Actor& actor,
                                     const NewAccount& input) {
    const CompanyId company = actor.company;
    BO_ASSERT(company.value() > 0);
    BO_TRY_ASSIGN(ValidAccount valid, validate(txn, company, input));
    BO_TRY_ASSIGN(const std::optional<Account> existing,
                  queries::select_account_by_number(txn, company, input.number));
    if (existing) {
        return platform::tenancy::duplicate("number", "account", input.number);
    }
    BO_TRY_ASSIGN(const std::int64_t count, queries::count_accounts(txn, company));
    if (static_cast<std::size_t>(count) >= accounts_per_company_max) {
        return core::Error(
            core::ErrorCode::limit_exceeded,
            "a company has at most " + std::to_string(accounts_per_company_max) + " accounts");
    }
    Account account{
        .id = {},
        .company_id = company,
        .number = input.number,
        .name = input.name,
        .type = valid.type,
        .parent_id = valid.parent ? std::optional<AccountId>(valid.parent->id) : std::nullopt,
        .currency = valid.currency,
        .active = true,
        .control = valid.control,
        .created_at = clock.now()};
    BO_TRY_ASSIGN(const std::size_t depth, depth_of(txn, account));
    BO_ASSERT(depth <= account_depth_max);
    BO_TRY_ASSIGN(account.id, queries::insert_account(txn, account));
    BO_TRY(internal::audit(
        txn,
        clock,
        actor,
        {"ledger.account.create",
         "account",
         account.id.value(),
         {{"number", std::nullopt, internal::json_string(account.number)},
          {"name", std::nullopt, internal::json_string(account.name)},
          {"type", std::nullopt, internal::json_string(to_string(account.type))},
          {"control", std::nullopt, internal::json_string(to_string(account.control))}}}));
    BO_ASSERT(account.id.value() > 0);
    return account;
}

core::Result<Account> set_account_activity(store::Txn& txn,
                                           const core::Clock& clock,
                                           const Actor& actor,
                                           AccountId account_id,
                                           Activity activity) {
    BO_TRY_ASSIGN(std::optional<Account> account,
                  queries::select_account(txn, actor.company, account_id));
    if (!account) {
        return core::Error(core::ErrorCode::not_found, "no such account");
    }
    const bool active = activity == Activity::active;
    if (account->active == active) {
        return std::move(*account);
    }
    BO_TRY(queries::update_account_active(txn, actor.company, account_id, active));
    BO_TRY(internal::audit(txn,
                           clock,
                           actor,
                           {active ? "ledger.account.activate" : "ledger.account.deactivate",
                            "account",
                            account_id.value(),
                            {{"active", active ? "false" : "true", active ? "true" : "false"}}}));
    account->active = active;
    return std::move(*account);
}

core::Result<std::optional<Account>> find_account(store::Txn& txn,
                                                  CompanyId company,
                                                  AccountId account) {
    return queries::select_account(txn, company, account);
}

core::Result<std::optional<Account>> find_account_by_number(store::Txn& txn,
                                                            CompanyId company,
                                                            std::string_view number) {
    return queries::select_account_by_number(txn, company, number);
}

core::Result<std::vector<Account>> list_accounts(store::Txn& txn,
                                                 CompanyId company,
                                                 AccountId after_id,
                                                 std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_accounts(txn, company, after_id, limit);
}

core::Result<std::vector<Account>> chart_of_accounts(store::Txn& txn, CompanyId company) {
    BO_TRY_ASSIGN(
        std::vector<Account> accounts,
        queries::select_accounts(
            txn, company, AccountId(0), static_cast<std::int64_t>(accounts_per_company_max)));
    BO_ASSERT(accounts.size() <= accounts_per_company_max);
    return accounts;
}

}  // namespace bo::ledger
