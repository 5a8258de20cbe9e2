#include "ledger/export.hpp"

#include <utility>
#include <vector>

#include "ledger/internal.hpp"
#include "ledger/queries.hpp"
#include "ledger/service.hpp"

namespace bo::ledger {
namespace {

// Text safe inside a journal: no line breaks or tabs, no run of two spaces (which ends an
// account name), and, for account name parts, no ':' (the hierarchy separator).
std::string clean(std::string_view text, bool account_part) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
        if (account_part && c == ':') {
            c = '-';
        }
        if (c == ' ' && (out.empty() || out.back() == ' ')) {
            continue;
        }
        out += c;
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    if (account_part && (out.empty() || out.front() == '(' || out.front() == '[')) {
        out.insert(out.begin(), '_');  // a leading bracket would mean a virtual posting
    }
    return out;
}

std::string_view type_tag(AccountType type) {
    switch (type) {
        case AccountType::asset:
            return "A";
        case AccountType::liability:
            return "L";
        case AccountType::equity:
            return "E";
        case AccountType::income:
            return "R";
        case AccountType::expense:
            return "X";
    }
    return "A";
}

}  // namespace

std::string journal_amount(std::int64_t minor, core::Currency currency) {
    return core::Money{minor, currency}.format() + " " + std::string(currency.code());
}

namespace {

// One entry as a journal transaction (see export.hpp for the format).
void write_transaction(std::ostream& out,
                       const PostedEntry& entry,
                       const std::map<AccountId, std::string>& names,
                       core::Currency functional) {
    out << entry.date.to_string() << " * (" << entry.fiscal_year_name << "/" << entry.number << ") "
        << clean(entry.memo, false) << "\n    ; source: " << clean(entry.source.type, false);
    if (!entry.source.id.empty()) {
        out << " " << clean(entry.source.id, false);
    }
    out << "\n";
    for (const PostedLine& line : entry.lines) {
        const std::int64_t sign = line.side == Side::debit ? 1 : -1;
        out << "    " << names.at(line.account) << "  ";
        if (line.amount.currency == functional) {
            out << journal_amount(sign * line.functional_minor, functional);
        } else {
            out << journal_amount(sign * line.amount.minor, line.amount.currency) << " @@ "
                << journal_amount(line.functional_minor, functional);
        }
        out << "\n";
    }
    out << "\n";
}

}  // namespace

core::Result<std::map<AccountId, std::string>> journal_account_names(store::Txn& txn,
                                                                     CompanyId company) {
    BO_TRY_ASSIGN(const std::vector<Account> chart, chart_of_accounts(txn, company));
    std::map<AccountId, const Account*> by_id;
    for (const Account& account : chart) {
        by_id.emplace(account.id, &account);
    }
    std::map<AccountId, std::string> names;
    for (const Account& account : chart) {
        std::string name = clean(account.number + " " + account.name, true);
        std::optional<AccountId> parent = account.parent_id;
        for (std::size_t depth = 0; parent && depth < account_depth_max; ++depth) {
            const Account* above = by_id.at(*parent);
            std::string prefixed = clean(above->name, true);
            prefixed += ':';
            prefixed += name;
            name = std::move(prefixed);
            parent = above->parent_id;
        }
        names.emplace(account.id, std::move(name));
    }
    return names;
}

core::Result<ExportSummary> export_journal(store::Txn& txn,
                                           CompanyId company,
                                           std::optional<DateRange> range,
                                           std::ostream& out) {
    BO_TRY_ASSIGN(const core::Currency functional, internal::functional_currency(txn, company));
    BO_TRY_ASSIGN(const auto names, journal_account_names(txn, company));
    BO_TRY_ASSIGN(const std::vector<Account> chart, chart_of_accounts(txn, company));
    const core::Date from =
        range ? range->from : core::Date::from_days_since_epoch(core::Date::days_min).value();
    const core::Date to =
        range ? range->to : core::Date::from_days_since_epoch(core::Date::days_max).value();
    out << "; Backoffice general ledger export, functional currency " << functional.code()
        << "\n; entries dated " << from.to_string() << " up to (excluding) " << to.to_string()
        << "\n\n";
    for (const Account& account : chart) {
        out << "account " << names.at(account.id) << "  ; type: " << type_tag(account.type) << "\n";
    }
    out << "\n";
    ExportSummary summary;
    core::Date after_date = from;  // with after_id 0: every entry dated from `from` on
    EntryId after_id(0);
    for (;;) {
        BO_TRY_ASSIGN(const std::vector<PostedEntry> page,
                      queries::select_entry_page(
                          txn, company, {from, to}, after_date, after_id, export_page_entries));
        for (const PostedEntry& entry : page) {
            write_transaction(out, entry, names, functional);
            summary.lines += static_cast<std::int64_t>(entry.lines.size());
            ++summary.entries;
        }
        if (!out) {
            return core::Error(core::ErrorCode::unavailable, "writing the journal failed");
        }
        if (static_cast<std::int64_t>(page.size()) < export_page_entries) {
            break;
        }
        after_date = page.back().date;
        after_id = page.back().id;
    }
    return summary;
}

}  // namespace bo::ledger
