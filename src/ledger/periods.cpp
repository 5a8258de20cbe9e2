// Fiscal years, periods and their status changes; exchange rates.
#include <string>
#include <utility>
#include <vector>

#include "ledger/internal.hpp"
#include "ledger/queries.hpp"
#include "ledger/service.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::ledger {
namespace {

constexpr int months_per_year = 12;

// Moves `period` from one of `from` to `to`, audited. Errors: not_found; conflict naming the
// current status when it is not one of `from`.
// A period status change: the statuses it starts from, the one it ends in, its audit action.
struct Transition {
    std::vector<PeriodStatus> from;
    PeriodStatus to;
    std::string_view action;
};

core::Result<Period> transition(store::Txn& txn,
                                const core::Clock& clock,
                                const Actor& actor,
                                PeriodId period_id,
                                const Transition& change) {
    const auto& from = change.from;
    const PeriodStatus to = change.to;
    const std::string_view action = change.action;
    BO_TRY_ASSIGN(std::optional<Period> period,
                  queries::select_period(txn, actor.company, period_id));
    if (!period) {
        return core::Error(core::ErrorCode::not_found, "no such period");
    }
    const PeriodStatus before = period->status;
    if (std::find(from.begin(), from.end(), before) == from.end()) {
        return core::Error(core::ErrorCode::conflict,
                           "period " + period->start_date.to_string() + " is "
                               + std::string(to_string(before)) + "; cannot "
                               + std::string(action.substr(action.rfind('.') + 1)) + " it");
    }
    BO_TRY_ASSIGN(const bool changed,
                  queries::update_period_status(txn, actor.company, period_id, before, to));
    BO_ASSERT(changed);
    BO_TRY(internal::audit(txn,
                           clock,
                           actor,
                           {action,
                            "period",
                            period_id.value(),
                            {{"status",
                              internal::json_string(to_string(before)),
                              internal::json_string(to_string(to))}}}));
    period->status = to;
    return *period;
}

}  // namespace

core::Result<FiscalYear> create_fiscal_year(store::Txn& txn,
                                            const core::Clock& clock,
                                            const Actor& actor,
                                            core::Date start,
                                            const std::optional<std::string>& name) {
    if (start.day() != 1) {
        return core::Error::invalid("start_date", "must be the first day of a month");
    }
    BO_TRY_ASSIGN(const core::Date end, start.add_months(months_per_year));
    FiscalYear year{.id = {},
                    .company_id = actor.company,
                    .name = name.value_or("FY" + std::to_string(start.year())),
                    .start_date = start,
                    .end_date = end,
                    .closed = false};
    platform::tenancy::FieldChecks checks;
    checks.code(
        "name", year.name, fiscal_year_name_chars_max, platform::tenancy::FieldChecks::Case::any);
    BO_TRY(std::move(checks).finish("fiscal year"));
    BO_TRY_ASSIGN(const bool overlaps,
                  queries::fiscal_year_overlaps(txn, actor.company, start, end));
    if (overlaps) {
        return core::Error(core::ErrorCode::conflict,
                           "fiscal year " + start.to_string() + ".." + end.to_string()
                               + " overlaps an existing fiscal year");
    }
    BO_TRY_ASSIGN(year.id, queries::insert_fiscal_year(txn, year, clock.now()));
    core::Date period_start = start;
    for (int month = 0; month < months_per_year; ++month) {
        BO_TRY_ASSIGN(const core::Date period_end, period_start.add_months(1));
        BO_TRY(queries::insert_period(txn,
                                      Period{.id = {},
                                             .company_id = actor.company,
                                             .fiscal_year_id = year.id,
                                             .start_date = period_start,
                                             .end_date = period_end,
                                             .status = PeriodStatus::open}));
        period_start = period_end;
    }
    BO_ASSERT(period_start == end);
    BO_TRY(internal::audit(txn,
                           clock,
                           actor,
                           {"ledger.fiscal_year.create",
                            "fiscal_year",
                            year.id.value(),
                            {{"name", std::nullopt, internal::json_string(year.name)},
                             {"start_date", std::nullopt, internal::json_string(start.to_string())},
                             {"end_date", std::nullopt, internal::json_string(end.to_string())}}}));
    return year;
}

core::Result<std::vector<FiscalYear>> list_fiscal_years(store::Txn& txn, CompanyId company) {
    return queries::select_fiscal_years(txn, company);
}

core::Result<std::vector<Period>> list_periods(store::Txn& txn,
                                               CompanyId company,
                                               std::optional<FiscalYearId> fiscal_year) {
    return queries::select_periods(txn, company, fiscal_year);
}

core::Result<std::optional<Period>> find_period_for(store::Txn& txn,
                                                    CompanyId company,
                                                    core::Date date) {
    return queries::select_period_for_date(txn, company, date);
}

core::Result<Period> close_period(store::Txn& txn,
                                  const core::Clock& clock,
                                  const Actor& actor,
                                  PeriodId period) {
    return transition(txn,
                      clock,
                      actor,
                      period,
                      {{PeriodStatus::open}, PeriodStatus::closed, "ledger.period.close"});
}

core::Result<Period> reopen_period(store::Txn& txn,
                                   const core::Clock& clock,
                                   const Actor& actor,
                                   PeriodId period) {
    return transition(txn,
                      clock,
                      actor,
                      period,
                      {{PeriodStatus::closed}, PeriodStatus::open, "ledger.period.reopen"});
}

core::Result<Period> lock_period(store::Txn& txn,
                                 const core::Clock& clock,
                                 const Actor& actor,
                                 PeriodId period) {
    return transition(
        txn,
        clock,
        actor,
        period,
        {{PeriodStatus::open, PeriodStatus::closed}, PeriodStatus::locked, "ledger.period.lock"});
}

core::Result<void> set_exchange_rate(store::Txn& txn,
                                     const core::Clock& clock,
                                     const Actor& actor,
                                     std::string_view currency,
                                     core::Date date,
                                     core::Rational rate) {
    platform::tenancy::FieldChecks checks;
    checks.currency("currency", currency);
    if (rate.num <= 0 || rate.den <= 0) {
        checks.add("rate", "must be greater than zero");
    }
    BO_TRY(std::move(checks).finish("exchange rate"));
    BO_TRY(queries::upsert_rate(txn, actor.company, currency, date, rate, clock.now()));
    return internal::audit(
        txn,
        clock,
        actor,
        {"ledger.exchange_rate.set",
         "exchange_rate",
         0,
         {{"currency", std::nullopt, internal::json_string(currency)},
          {"date", std::nullopt, internal::json_string(date.to_string())},
          {"rate",
           std::nullopt,
           internal::json_string(std::to_string(rate.num) + "/" + std::to_string(rate.den))}}});
}

}  // namespace bo::ledger
