// The demo company's ledger activity (see ledger_activity.hpp; figures in docs/demo-data.md).
// A plan of entries is built first (days in order, scheduled receipts and payments added on
// their due dates), sorted by date, then posted through one Poster.
#include "modules/demo/ledger_activity.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/money.hpp"
#include "ledger/service.hpp"
#include "modules/demo/data.hpp"
#include "modules/demo/stock.hpp"

namespace bo::modules::demo {
namespace {

using ledger::AccountId;
using ledger::EntryInput;
using ledger::LineInput;
using ledger::Party;
using ledger::PartyType;
using ledger::Side;
using ledger::Source;
using ledger::Subledger;
using DepartmentId = ledger::departments::DepartmentId;

// The fixed seed: the same clock date always gives the same books.
constexpr std::uint64_t demo_seed = 0x5EED'2024'0B00'C0DEULL;

// SplitMix64: tiny, fast and deterministic on every platform (std::mt19937's distributions
// are not specified exactly, so they could differ between standard libraries).
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}

    // A uniformly drawn integer in [low, high] (high - low is small next to 2^64).
    std::int64_t between(std::int64_t low, std::int64_t high) {
        BO_ASSERT(low <= high);
        const auto span = static_cast<std::uint64_t>(high - low) + 1;
        return low + static_cast<std::int64_t>(next() % span);
    }

private:
    std::uint64_t next() {
        state_ += 0x9E37'79B9'7F4A'7C15ULL;
        std::uint64_t z = state_;
        z = (z ^ (z >> 30U)) * 0xBF58'476D'1CE4'E5B9ULL;
        z = (z ^ (z >> 27U)) * 0x94D0'49BB'1331'11EBULL;
        return z ^ (z >> 31U);
    }

    std::uint64_t state_;
};

// Monthly salary per head (cents) of each department; headcounts come from demo_employees.
struct DepartmentPay {
    std::string_view code;
    std::int64_t salary_minor;
};

constexpr std::array<DepartmentPay, 8> department_pay{{{"EXEC", 1'400'000},
                                                       {"FIN", 620'000},
                                                       {"SALES", 580'000},
                                                       {"WH", 390'000},
                                                       {"CS", 380'000},
                                                       {"HR", 520'000},
                                                       {"IT", 700'000},
                                                       {"PUR", 490'000}}};

// Vendors by position in demo_vendors (USD vendors come first): goods suppliers, then the
// freight, utilities, insurance and hosting vendors.
constexpr std::size_t goods_vendors = 10;
constexpr std::size_t freight_vendor = 10;
constexpr std::size_t utilities_vendor = 11;
constexpr std::size_t insurance_vendor = 12;
constexpr std::size_t hosting_vendor = 13;

constexpr std::int64_t percent = 100;

// amount * num / den, rounded half-even (core::multiply: the one rounding place).
std::int64_t share(std::int64_t minor, std::int64_t num, std::int64_t den, core::Currency usd) {
    return core::multiply(
               core::Money{minor, usd}, core::Rational{num, den}, core::RoundingMode::half_even)
        .value()
        .minor;
}

core::Date plus_days(core::Date date, std::int64_t days) {
    return date.add_days(days).value();
}

core::Date day_of(core::Date month_start, int day) {
    return core::Date::create(month_start.year(), month_start.month(), day).value();
}

// "INV-000042": document numbers zero-padded so that they sort.
std::string numbered(std::string_view prefix, std::size_t number) {
    return fmt::format("{}{:06}", prefix, number);
}

std::string month_key(std::string_view prefix, core::Date date) {
    return std::string(prefix) + date.to_string().substr(0, 7);
}

// One entry being written: lines in USD, added by side.
class Entry {
public:
    Entry(core::Date date, std::string memo, Source source, core::Currency usd)
        : input_{.date = date, .memo = std::move(memo), .source = std::move(source), .lines = {}},
          usd_(usd) {}

    Entry& debit(AccountId account,
                 std::int64_t minor,
                 std::optional<DepartmentId> department = std::nullopt,
                 std::optional<Party> party = std::nullopt) {
        return line(Side::debit, account, minor, department, party);
    }

    Entry& credit(AccountId account,
                  std::int64_t minor,
                  std::optional<DepartmentId> department = std::nullopt,
                  std::optional<Party> party = std::nullopt) {
        return line(Side::credit, account, minor, department, party);
    }

    EntryInput take() { return std::move(input_); }

private:
    Entry& line(Side side,
                AccountId account,
                std::int64_t minor,
                std::optional<DepartmentId> department,
                std::optional<Party> party) {
        BO_ASSERT(minor > 0);
        input_.lines.push_back(LineInput{.account = account,
                                         .department = department,
                                         .party = party,
                                         .side = side,
                                         .amount = core::Money{minor, usd_},
                                         .memo = {}});
        return *this;
    }

    EntryInput input_;
    core::Currency usd_;
};

// The plan: every entry from the first day up to `today`, built in date order of the days
// that cause them, sorted by date before posting.
class Plan {
public:
    Plan(std::map<std::string, AccountId, std::less<>> accounts,
         const DemoBooks& books,
         core::Currency usd,
         core::Date today)
        : accounts_(std::move(accounts)), books_(books), usd_(usd), today_(today) {
        BO_ASSERT(books_.customers.size() >= 10);
        BO_ASSERT(books_.vendors.size() > hosting_vendor);
        for (const DemoEmployee& employee : demo_employees()) {
            ++headcount_[employee.department_code];
        }
    }

    void opening(core::Date first_day);
    void day(core::Date date);
    void month(core::Date month_start);

    // The entries by date (stable: same-day entries keep their planned order).
    std::vector<EntryInput> take() {
        std::stable_sort(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
            return a.date < b.date;
        });
        return std::move(entries_);
    }

private:
    AccountId account(std::string_view number) const {
        const auto found = accounts_.find(number);
        BO_ASSERT(found != accounts_.end());
        return found->second;
    }

    DepartmentId department(std::string_view code) const {
        const auto found = books_.departments.find(code);
        BO_ASSERT(found != books_.departments.end());
        return found->second;
    }

    Entry entry(core::Date date, std::string memo, Source source) const {
        return Entry(date, std::move(memo), std::move(source), usd_);
    }

    void add(Entry entry) {
        EntryInput input = entry.take();
        if (input.date <= today_) {
            entries_.push_back(std::move(input));
        }
    }

    void by_headcount(Entry& entry, std::string_view number, std::int64_t total_minor);
    void invoice(core::Date date);
    void vendor_bill(core::Date date,
                     std::size_t vendor,
                     std::string_view number,
                     std::string_view department_code,
                     std::int64_t minor);
    void pay_run(core::Date month_start);
    void overheads(core::Date month_start);
    void month_end(core::Date month_start);

    std::map<std::string, AccountId, std::less<>> accounts_;
    const DemoBooks& books_;
    core::Currency usd_;
    core::Date today_;
    Random random_{demo_seed};
    std::map<std::string_view, std::int64_t> headcount_;
    std::vector<EntryInput> entries_;
    std::size_t invoices_ = 0;
    std::size_t bills_ = 0;
    std::size_t cash_sales_ = 0;
    std::int64_t loan_minor_ = 15'000'000;  // the bank loan's balance, repaid monthly
};

// `total_minor` debited to `number`, split over the departments by headcount (the parts add
// up exactly: largest remainder).
void Plan::by_headcount(Entry& entry, std::string_view number, std::int64_t total_minor) {
    std::vector<std::int64_t> weights;
    for (const DepartmentPay& pay : department_pay) {
        weights.push_back(headcount_[pay.code]);
    }
    const std::vector<core::Money> parts =
        core::allocate(core::Money{total_minor, usd_}, weights).value();
    for (std::size_t index = 0; index < parts.size(); ++index) {
        if (parts[index].minor > 0) {
            entry.debit(
                account(number), parts[index].minor, department(department_pay[index].code));
        }
    }
}

void Plan::opening(core::Date first_day) {
    const std::string date = first_day.to_string();
    Entry general =
        entry(first_day, "Opening balances", Source{"opening_balances", date, Subledger::none});
    general.debit(account("1110"), 250'000)
        .debit(account("1120"), 38'000'000)
        .debit(account("1130"), 6'000'000)
        .debit(account("1400"), 1'200'000)
        .debit(account("1510"), 4'500'000)
        .debit(account("1520"), 6'000'000)
        .debit(account("1530"), 3'800'000)
        .credit(account("1590"), 5'200'000)
        .credit(account("2120"), 800'000)
        .credit(account("2510"), loan_minor_)
        .credit(account("3100"), 30'000'000)
        .credit(account("3900"), 8'750'000);
    add(std::move(general));
    // The opening inventory (140,000.00 Dr 1300 / Cr 3900) is posted by the stock module's
    // opening receipt (demo/stock.cpp), so that account 1300 equals the valued stock.
    // Open invoices and bills carried over, collected and paid in the first weeks.
    constexpr std::array<std::int64_t, 10> receivable_minor{1'250'000,
                                                            980'000,
                                                            1'420'000,
                                                            760'000,
                                                            1'100'000,
                                                            890'000,
                                                            1'315'000,
                                                            640'000,
                                                            905'000,
                                                            240'000};
    Entry receivables = entry(
        first_day, "Opening receivables", Source{"opening_balances", date + "/ar", Subledger::ar});
    for (std::size_t index = 0; index < receivable_minor.size(); ++index) {
        const Party party{PartyType::customer, books_.customers[index].id};
        receivables.debit(account("1200"), receivable_minor[index], std::nullopt, party);
        add(std::move(
            entry(plus_days(first_day, 10 + random_.between(0, 35)),
                  "Customer receipt",
                  Source{"customer_payment", "OB-" + std::to_string(index + 1), Subledger::ar})
                .debit(account("1120"), receivable_minor[index])
                .credit(account("1200"), receivable_minor[index], std::nullopt, party)));
    }
    add(std::move(receivables.credit(account("3900"), 9'500'000)));
    Entry payables = entry(
        first_day, "Opening payables", Source{"opening_balances", date + "/ap", Subledger::ap});
    payables.debit(account("3900"), 6'400'000);
    for (std::size_t index = 0; index < 8; ++index) {
        const Party party{PartyType::vendor, books_.vendors[index].id};
        payables.credit(account("2110"), 800'000, std::nullopt, party);
        add(std::move(
            entry(plus_days(first_day, 5 + random_.between(0, 25)),
                  "Vendor payment",
                  Source{"vendor_payment", "OB-" + std::to_string(index + 1), Subledger::ap})
                .debit(account("2110"), 800'000, std::nullopt, party)
                .credit(account("1120"), 800'000)));
    }
    add(std::move(payables));
}

// A sale on account by the sales department, and its receipt when the customer's terms (give
// or take a few days) fall due.
void Plan::invoice(core::Date date) {
    const DemoParty& customer = books_.customers[static_cast<std::size_t>(
        random_.between(0, static_cast<std::int64_t>(books_.customers.size()) - 1))];
    const Party party{PartyType::customer, customer.id};
    const std::int64_t amount = random_.between(400'000, 2'600'000);
    const std::int64_t product = share(amount, random_.between(60, percent), percent, usd_);
    const std::string number = numbered("INV-", ++invoices_);
    Entry sale = entry(date, "Invoice " + number, Source{"sales_invoice", number, Subledger::ar});
    sale.debit(account("1200"), amount, std::nullopt, party)
        .credit(account("4110"), product, department("SALES"));
    if (amount > product) {
        sale.credit(account("4120"), amount - product, department("SALES"));
    }
    add(std::move(sale));
    const core::Date paid = plus_days(date, customer.terms_days + random_.between(-5, 15));
    add(std::move(
        entry(paid, "Receipt for " + number, Source{"customer_payment", number, Subledger::ar})
            .debit(account("1120"), amount)
            .credit(account("1200"), amount, std::nullopt, party)));
}

// A vendor's bill on account, and its payment when the vendor's terms fall due.
void Plan::vendor_bill(core::Date date,
                       std::size_t vendor,
                       std::string_view number,
                       std::string_view department_code,
                       std::int64_t minor) {
    const DemoParty& payee = books_.vendors[vendor];
    const Party party{PartyType::vendor, payee.id};
    const std::string bill = numbered("BILL-", ++bills_);
    add(std::move(entry(date, "Vendor bill " + bill, Source{"vendor_bill", bill, Subledger::ap})
                      .debit(account(number), minor, department(department_code))
                      .credit(account("2110"), minor, std::nullopt, party)));
    const core::Date paid = plus_days(date, payee.terms_days + random_.between(-3, 5));
    add(std::move(entry(paid, "Payment of " + bill, Source{"vendor_payment", bill, Subledger::ap})
                      .debit(account("2110"), minor, std::nullopt, party)
                      .credit(account("1120"), minor)));
}

void Plan::day(core::Date date) {
    if (date.weekday() == core::Weekday::saturday || date.weekday() == core::Weekday::sunday) {
        return;
    }
    for (std::int64_t count = random_.between(1, 3); count > 0; --count) {
        invoice(date);
    }
    if (random_.between(0, 1) == 1) {
        const std::string number = numbered("CS-", ++cash_sales_);
        const std::int64_t amount = random_.between(8'000, 150'000);
        add(std::move(
            entry(date, "Cash sale " + number, Source{"cash_sale", number, Subledger::none})
                .debit(account("1120"), amount)
                .credit(account("4110"), amount, department("CS"))));
    }
    const auto goods = static_cast<std::size_t>(random_.between(0, goods_vendors - 1));
    vendor_bill(date, goods, "5100", "PUR", random_.between(600'000, 2'100'000));
    if (date.weekday() == core::Weekday::monday) {
        vendor_bill(date, freight_vendor, "5200", "WH", random_.between(40'000, 160'000));
    }
}

// The pay run of the 25th per department (gross, employer taxes, benefits), the net pay the
// same day, and the remittance of withholding, taxes and benefits on the 10th of next month.
void Plan::pay_run(core::Date month_start) {
    constexpr std::int64_t benefits_per_head_minor = 45'000;
    const core::Date pay_day = day_of(month_start, 25);
    Entry run = entry(pay_day,
                      "Pay run " + month_key("", month_start),
                      Source{"pay_run", month_key("PR-", month_start), Subledger::payroll});
    std::int64_t net = 0;
    std::int64_t taxes = 0;
    std::int64_t benefits = 0;
    for (const DepartmentPay& pay : department_pay) {
        const std::int64_t heads = headcount_[pay.code];
        const std::int64_t gross = heads * pay.salary_minor;
        const std::int64_t employer_tax = share(gross, 765, 10'000, usd_);  // 7.65 %
        const std::int64_t withheld = share(gross, 22, percent, usd_);
        run.debit(account("6110"), gross, department(pay.code))
            .debit(account("6120"), employer_tax, department(pay.code))
            .debit(account("6130"), heads * benefits_per_head_minor, department(pay.code));
        net += gross - withheld;
        taxes += withheld + employer_tax;
        benefits += heads * benefits_per_head_minor;
    }
    add(std::move(run.credit(account("2210"), net)
                      .credit(account("2220"), taxes)
                      .credit(account("2230"), benefits)));
    add(std::move(
        entry(pay_day,
              "Net pay " + month_key("", month_start),
              Source{"pay_run_payment", month_key("PR-", month_start), Subledger::payroll})
            .debit(account("2210"), net)
            .credit(account("1120"), net)));
    const core::Date remit = day_of(month_start.add_months(1).value(), 10);
    add(std::move(
        entry(remit,
              "Payroll taxes and benefits " + month_key("", month_start),
              Source{"payroll_remittance", month_key("PR-", month_start), Subledger::payroll})
            .debit(account("2220"), taxes)
            .debit(account("2230"), benefits)
            .credit(account("1120"), taxes + benefits)));
}

// Rent, telephone, software, insurance, utilities, marketing and travel on the company card,
// the card's payment, and professional fees each quarter.
void Plan::overheads(core::Date month_start) {
    const std::string month = month_key("", month_start);
    Entry rent = entry(day_of(month_start, 1),
                       "Rent " + month,
                       Source{"bank_payment", "RENT-" + month, Subledger::none});
    by_headcount(rent, "6210", 1'500'000);
    add(std::move(rent.credit(account("1120"), 1'500'000)));
    Entry phone = entry(day_of(month_start, 8),
                        "Telephone and internet " + month,
                        Source{"bank_payment", "TEL-" + month, Subledger::none});
    by_headcount(phone, "6320", 110'000);
    add(std::move(phone.credit(account("1120"), 110'000)));
    vendor_bill(day_of(month_start, 3), insurance_vendor, "6700", "EXEC", 190'000);
    vendor_bill(day_of(month_start, 5), hosting_vendor, "6330", "IT", 145'000);
    vendor_bill(
        day_of(month_start, 12), utilities_vendor, "6220", "WH", random_.between(240'000, 420'000));
    const std::int64_t marketing = random_.between(400'000, 900'000);
    const std::int64_t travel = random_.between(150'000, 350'000);
    add(std::move(entry(day_of(month_start, 18),
                        "Card: marketing and travel " + month,
                        Source{"card_statement", "CARD-" + month, Subledger::none})
                      .debit(account("6500"), marketing, department("SALES"))
                      .debit(account("6600"), travel, department("SALES"))
                      .credit(account("2130"), marketing + travel)));
    add(std::move(entry(day_of(month_start, 28),
                        "Card payment " + month,
                        Source{"bank_payment", "CARD-" + month, Subledger::none})
                      .debit(account("2130"), marketing + travel)
                      .credit(account("1120"), marketing + travel)));
    if (month_start.month() % 3 == 0) {
        add(std::move(entry(day_of(month_start, 20),
                            "Audit and legal fees " + month,
                            Source{"bank_payment", "FEES-" + month, Subledger::none})
                          .debit(account("6400"), 650'000, department("FIN"))
                          .credit(account("1120"), 650'000)));
    }
}

// Depreciation, the loan repayment (6 % a year on the balance), bank fees, savings interest.
void Plan::month_end(core::Date month_start) {
    const std::string month = month_key("", month_start);
    const core::Date last = month_start.end_of_month();
    add(std::move(entry(last,
                        "Depreciation " + month,
                        Source{"depreciation", "DEP-" + month, Subledger::none})
                      .debit(account("6800"), 90'000, department("IT"))
                      .debit(account("6800"), 100'000, department("WH"))
                      .debit(account("6800"), 37'500, department("EXEC"))
                      .credit(account("1590"), 227'500)));
    constexpr std::int64_t principal = 250'000;
    const std::int64_t interest = share(loan_minor_, 6, 12 * percent, usd_);
    add(std::move(entry(day_of(month_start, 15),
                        "Loan repayment " + month,
                        Source{"loan_repayment", "LOAN-" + month, Subledger::none})
                      .debit(account("2510"), principal)
                      .debit(account("7000"), interest, department("FIN"))
                      .credit(account("1120"), principal + interest)));
    if (day_of(month_start, 15) <= today_) {
        loan_minor_ -= principal;
    }
    add(std::move(
        entry(last, "Bank fees " + month, Source{"bank_statement", "FEE-" + month, Subledger::none})
            .debit(account("6900"), 4'500, department("FIN"))
            .credit(account("1120"), 4'500)));
    add(std::move(entry(last,
                        "Savings interest " + month,
                        Source{"bank_statement", "INT-" + month, Subledger::none})
                      .debit(account("1130"), 7'500)
                      .credit(account("4810"), 7'500)));
}

void Plan::month(core::Date month_start) {
    overheads(month_start);
    pay_run(month_start);
    month_end(month_start);
}

core::Result<std::map<std::string, AccountId, std::less<>>> load_chart(
    store::Txn& txn, const core::Clock& clock, const platform::Actor& actor) {
    BO_TRY_ASSIGN(const std::vector<ledger::Account> chart,
                  ledger::load_standard_chart(txn, clock, actor));
    std::map<std::string, AccountId, std::less<>> accounts;
    for (const ledger::Account& account : chart) {
        accounts.emplace(account.number, account.id);
    }
    return accounts;
}

// Closes last year (year-end close to retained earnings) and this year's months before the
// current one. Answers the periods closed.
core::Result<std::size_t> close_the_past(store::Txn& txn,
                                         const core::Clock& clock,
                                         const platform::Actor& actor,
                                         const std::vector<ledger::FiscalYear>& years,
                                         core::Date today,
                                         LedgerActivityReport& report) {
    BO_TRY_ASSIGN(const std::optional<ledger::Account> retained,
                  ledger::find_account_by_number(
                      txn, actor.company, ledger::standard_retained_earnings_number()));
    BO_ASSERT(retained.has_value());
    BO_TRY_ASSIGN(const ledger::YearEndClose closed,
                  ledger::close_year(txn, clock, actor, years.front().id, retained->id));
    std::size_t periods = static_cast<std::size_t>(closed.periods_closed);
    report.entries += closed.closing_entry ? std::size_t{1} : std::size_t{0};
    BO_TRY_ASSIGN(const std::vector<ledger::Period> current,
                  ledger::list_periods(txn, actor.company, years.back().id));
    for (const ledger::Period& period : current) {
        if (period.end_date <= today.start_of_month()) {
            BO_TRY(ledger::close_period(txn, clock, actor, period.id));
            ++periods;
        }
    }
    return periods;
}

}  // namespace

core::Result<LedgerActivityReport> seed_ledger_activity(store::Txn& txn,
                                                        const core::Clock& clock,
                                                        const platform::Actor& actor,
                                                        const DemoBooks& books,
                                                        const BeforeClose& before_close) {
    LedgerActivityReport report;
    BO_TRY_ASSIGN(auto accounts, load_chart(txn, clock, actor));
    report.accounts = accounts.size();
    const core::Date today = core::business_date(clock.now(), core::TimeZone::utc());
    const core::Date first_day = core::Date::create(today.year() - 1, 1, 1).value();
    std::vector<ledger::FiscalYear> years;
    for (const core::Date start : {first_day, first_day.add_months(12).value()}) {
        BO_TRY_ASSIGN(ledger::FiscalYear year,
                      ledger::create_fiscal_year(txn, clock, actor, start, std::nullopt));
        years.push_back(std::move(year));
    }
    report.fiscal_years = years.size();
    BO_TRY_ASSIGN(const core::Currency usd, ledger::functional_currency(txn, actor.company));
    Plan plan(std::move(accounts), books, usd, today);
    plan.opening(first_day);
    for (core::Date month = first_day; month <= today; month = month.add_months(1).value()) {
        plan.month(month);
        for (core::Date date = month; date <= month.end_of_month() && date <= today;
             date = plus_days(date, 1)) {
            plan.day(date);
        }
    }
    ledger::Poster poster(txn, clock, actor);
    for (const EntryInput& input : plan.take()) {
        BO_TRY(poster.add(input));  // written in batches: the demo needs no per-entry answer
        ++report.entries;
    }
    BO_TRY(poster.flush());
    BO_TRY(seed_stock(txn, clock, actor, first_day));
    ++report.entries;  // the opening stock receipt
    BO_TRY(before_close(today));
    BO_TRY_ASSIGN(report.periods_closed, close_the_past(txn, clock, actor, years, today, report));
    return report;
}

}  // namespace bo::modules::demo
