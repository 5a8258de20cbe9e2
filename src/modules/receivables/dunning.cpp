// Dunning levels and runs (dunning.hpp).
#include "modules/receivables/dunning.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include <boost/json.hpp>

#include "core/assert.hpp"
#include "core/limits.hpp"
#include "ledger/reports.hpp"
#include "ledger/service.hpp"
#include "modules/receivables/collections.hpp"
#include "modules/receivables/collections_queries.hpp"
#include "modules/receivables/internal.hpp"
#include "modules/receivables/invoice_pdf.hpp"
#include "modules/receivables/invoices.hpp"
#include "modules/receivables/queries.hpp"
#include "modules/sales/service.hpp"
#include "modules/sales/totals.hpp"
#include "platform/audit/audit.hpp"

namespace bo::modules::receivables {
namespace {

namespace json = boost::json;
namespace cq = collections_queries;
using core::Error;
using core::FieldError;

// Fees are other income, interest is interest income (docs/receivables.md "Collections").
constexpr std::string_view fee_account = "4800";
constexpr std::string_view interest_account = "4810";
constexpr std::int64_t days_per_year = 365;
constexpr std::int64_t percent = 100;

// The default levels: a reminder a week past due, a second notice with a small fee at three
// weeks, a final notice with a larger fee and 8 % interest at five weeks; the credit hold at
// the final notice or 60 days past due.
DunningPolicy default_policy(core::Currency functional) {
    std::int64_t unit = 1;
    for (int digit = 0; digit < functional.exponent(); ++digit) {
        unit *= 10;
    }
    constexpr std::int64_t second_fee_units = 5;
    constexpr std::int64_t final_fee_units = 10;
    constexpr std::int64_t hold_days = 60;
    return DunningPolicy{
        .levels = {{.level = 1,
                    .name = "Reminder",
                    .days_overdue = 7,
                    .fee = core::Money::zero(functional),
                    .interest_percent = "0",
                    .letter_text = "Our records show that the invoices below are past due. They "
                                   "may have been overlooked: please pay the amount due within "
                                   "the next few days. If you have paid in the meantime, please "
                                   "disregard this reminder."},
                   {.level = 2,
                    .name = "Second notice",
                    .days_overdue = 21,
                    .fee = core::Money{second_fee_units * unit, functional},
                    .interest_percent = "0",
                    .letter_text = "Despite our reminder, the invoices below are still unpaid. "
                                   "Please pay the amount due, with the fee shown, within 7 "
                                   "days."},
                   {.level = 3,
                    .name = "Final notice",
                    .days_overdue = 35,
                    .fee = core::Money{final_fee_units * unit, functional},
                    .interest_percent = "8",
                    .letter_text = "This is our final notice. Unless the amount due reaches us "
                                   "within 7 days, we will hold further deliveries and pass the "
                                   "matter to collection without further notice."}},
        .hold_days_overdue = hold_days,
        .hold_level = 3,
        .defaults = true};
}

json::object policy_record(const DunningPolicy& policy) {
    json::array levels;
    for (const DunningLevel& level : policy.levels) {
        levels.push_back(json::object{{"level", level.level},
                                      {"name", level.name},
                                      {"days_overdue", level.days_overdue},
                                      {"fee", level.fee.format()},
                                      {"interest_percent", level.interest_percent},
                                      {"letter_text", level.letter_text}});
    }
    const auto optional = [](const std::optional<std::int64_t>& value) {
        return value ? json::value(*value) : json::value(nullptr);
    };
    return {{"levels", std::move(levels)},
            {"hold_days_overdue", optional(policy.hold_days_overdue)},
            {"hold_level", optional(policy.hold_level)}};
}

void check_level(const NewDunningLevel& input,
                 const std::string& prefix,
                 core::Currency functional,
                 DunningLevel& level,
                 std::vector<FieldError>& errors) {
    if (input.name.empty() || input.name.size() > dunning_level_name_chars_max) {
        errors.push_back({prefix + "name", "must be 1 to "
                                               + std::to_string(dunning_level_name_chars_max)
                                               + " characters"});
    }
    if (input.days_overdue < 1 || input.days_overdue > dunning_days_max) {
        errors.push_back({prefix + "days_overdue",
                          "must be 1 to " + std::to_string(dunning_days_max)});
    }
    level.fee = core::Money::zero(functional);
    if (input.fee) {
        core::Result<core::Money> fee = core::Money::parse(*input.fee, functional);
        if (!fee || fee->is_negative()) {
            errors.push_back({prefix + "fee", "must be an amount >= 0 in "
                                                  + std::string(functional.code())});
        } else {
            level.fee = *fee;
        }
    }
    if (!sales::parse_percent(input.interest_percent, prefix + "interest_percent")) {
        errors.push_back({prefix + "interest_percent", "must be a percentage 0 to 100"});
    }
    if (input.letter_text.empty() || input.letter_text.size() > letter_text_chars_max) {
        errors.push_back({prefix + "letter_text", "must be 1 to "
                                                      + std::to_string(letter_text_chars_max)
                                                      + " characters"});
    }
    level.name = input.name;
    level.days_overdue = input.days_overdue;
    level.interest_percent = input.interest_percent;
    level.letter_text = input.letter_text;
}

// The highest level `days` past due has reached, or nullptr.
const DunningLevel* level_reached(const DunningPolicy& policy, std::int64_t days) {
    const DunningLevel* reached = nullptr;
    for (const DunningLevel& level : policy.levels) {
        if (days >= level.days_overdue) {
            reached = &level;
        }
    }
    return reached;
}

// open x annual percent / 100 x days / 365, rounded half-even once.
core::Result<core::Money> interest_on(core::Money open,
                                      const std::string& annual_percent,
                                      std::int64_t days) {
    BO_TRY_ASSIGN(const core::Rational rate,
                  sales::parse_percent(annual_percent, "interest_percent"));
    if (rate.num == 0 || days <= 0) {
        return core::Money::zero(open.currency);
    }
    core::Rational factor{0, 1};
    if (__builtin_mul_overflow(rate.num, days, &factor.num)
        || __builtin_mul_overflow(rate.den, percent * days_per_year, &factor.den)) {
        return Error(core::ErrorCode::limit_exceeded, "interest: the rate does not fit");
    }
    return core::multiply(open, factor, core::RoundingMode::half_even);
}

// One invoice's item on a letter, or nullopt when it is not due for dunning.
core::Result<std::optional<DunningItem>> item_of(const DunningPolicy& policy,
                                                 const queries::OpenInvoiceRow& row,
                                                 const cq::InvoiceDunningRow* known,
                                                 core::Date as_of) {
    const std::int64_t days = core::days_between(row.due_date, as_of);
    const DunningLevel* level = level_reached(policy, days);
    if (level == nullptr || row.total_minor <= row.credited_minor
        || (known != nullptr && known->level >= level->level)) {
        return std::optional<DunningItem>();
    }
    BO_TRY_ASSIGN(const core::Currency currency, core::Currency::create(row.currency));
    const core::Money open{row.total_minor - row.credited_minor, currency};
    core::Date interest_from = row.due_date;
    if (known != nullptr && known->interest_through && *known->interest_through > interest_from) {
        interest_from = *known->interest_through;
    }
    const std::int64_t interest_days =
        level->interest_percent == "0" ? 0 : core::days_between(interest_from, as_of);
    BO_TRY_ASSIGN(const core::Money interest,
                  interest_on(open, level->interest_percent, interest_days));
    return std::optional<DunningItem>(DunningItem{.invoice = row.id,
                                                  .number = row.number,
                                                  .due_date = row.due_date,
                                                  .level = level->level,
                                                  .days_overdue = days,
                                                  .open = open,
                                                  .interest = interest,
                                                  .interest_days = interest_days});
}

DunningLetter blank_letter(const queries::OpenInvoiceRow& row, core::Currency currency) {
    return DunningLetter{.customer = row.customer,
                         .customer_number = row.customer_number,
                         .customer_name = row.customer_name,
                         .level = 0,
                         .level_name = {},
                         .letter_text = {},
                         .open = core::Money::zero(currency),
                         .fee = core::Money::zero(currency),
                         .interest = core::Money::zero(currency),
                         .charge_invoice = std::nullopt,
                         .mail_id = std::nullopt,
                         .items = {}};
}

// The letters of a run: the invoices past due that reached a level they were not dunned at,
// grouped by customer (in customer number order, as select_open_invoices answers).
core::Result<std::vector<DunningLetter>> group_letters(store::Txn& txn,
                                                       CompanyId company,
                                                       const DunningPolicy& policy,
                                                       core::Date as_of) {
    BO_TRY_ASSIGN(const std::vector<queries::OpenInvoiceRow> rows,
                  queries::select_open_invoices(txn, company, as_of, std::nullopt));
    BO_TRY_ASSIGN(const auto state, cq::select_invoice_dunning(txn, company));
    std::vector<DunningLetter> letters;
    for (const queries::OpenInvoiceRow& row : rows) {
        const auto known = state.find(row.id);
        BO_TRY_ASSIGN(std::optional<DunningItem> item,
                      item_of(policy, row, known == state.end() ? nullptr : &known->second,
                              as_of));
        if (!item) {
            continue;
        }
        if (letters.empty() || letters.back().customer != row.customer) {
            letters.push_back(blank_letter(row, item->open.currency));
        }
        DunningLetter& letter = letters.back();
        BO_TRY_ASSIGN(letter.open, core::add(letter.open, item->open));
        BO_TRY_ASSIGN(letter.interest, core::add(letter.interest, item->interest));
        letter.level = std::max(letter.level, item->level);
        letter.items.push_back(std::move(*item));
    }
    return letters;
}

// Keeps the letters of customers not kept out (the others become `skipped`), and gives each
// its level's name, text and fee (charged in the fee's currency only).
core::Result<std::vector<DunningLetter>> finish_letters(store::Txn& txn,
                                                        CompanyId company,
                                                        const DunningPolicy& policy,
                                                        core::Date as_of,
                                                        std::vector<DunningLetter> letters,
                                                        std::vector<DunningSkip>& skipped) {
    std::vector<DunningLetter> kept;
    for (DunningLetter& letter : letters) {
        BO_TRY_ASSIGN(const std::string reason,
                      dunning_exclusion(txn, company, letter.customer, as_of));
        if (!reason.empty()) {
            skipped.push_back({letter.customer, letter.customer_number, reason});
            continue;
        }
        const DunningLevel& level = policy.levels.at(static_cast<std::size_t>(letter.level - 1));
        letter.level_name = level.name;
        letter.letter_text = level.letter_text;
        if (level.fee.currency == letter.open.currency) {
            letter.fee = level.fee;
        }
        kept.push_back(std::move(letter));
    }
    if (kept.size() > dunning_letters_max) {
        return Error(core::ErrorCode::limit_exceeded,
                     "a run writes at most " + std::to_string(dunning_letters_max)
                         + " letters");
    }
    return kept;
}

// The fee and interest of a letter as one invoice, issued (not taxed: a fee and interest are
// compensation, not a supply).
core::Result<Document> charge_invoice(store::Txn& txn,
                                      const core::Clock& clock,
                                      const platform::Actor& actor,
                                      const DunningRun& run,
                                      const DunningLetter& letter) {
    BO_TRY_ASSIGN(Document document, draft_for(txn, clock, actor, letter.customer, run.as_of));
    document.customer_reference = "Dunning run " + run.id.to_string();
    const auto add_line = [&](std::string description, core::Money amount,
                              std::string_view account) {
        document.lines.push_back(DocumentLine{.line_number =
                                                  static_cast<std::int64_t>(document.lines.size())
                                                  + 1,
                                              .description = std::move(description),
                                              .unit = "ea",
                                              .quantity_milli = 1000,
                                              .unit_price = amount,
                                              .revenue_account = std::string(account),
                                              .net = amount,
                                              .tax = core::Money::zero(amount.currency)});
    };
    if (!letter.fee.is_zero()) {
        add_line("Dunning fee: " + letter.level_name, letter.fee, fee_account);
    }
    if (!letter.interest.is_zero()) {
        add_line("Interest on overdue invoices", letter.interest, interest_account);
    }
    BO_TRY(internal::sum_lines(document));
    BO_TRY_ASSIGN(document, insert_draft(txn, clock, actor, std::move(document)));
    return internal::issue(txn, clock, actor, std::move(document));
}

json::object letter_record(const DunningLetter& letter) {
    json::array items;
    for (const DunningItem& item : letter.items) {
        items.push_back(json::object{{"invoice", item.number}, {"level", item.level},
                                     {"open", item.open.format()},
                                     {"interest", item.interest.format()}});
    }
    return {{"customer", letter.customer_number},
            {"level", letter.level},
            {"fee", letter.fee.format()},
            {"interest", letter.interest.format()},
            {"charge_invoice", letter.charge_invoice
                                   ? json::value(letter.charge_invoice->value())
                                   : json::value(nullptr)},
            {"mail_id", letter.mail_id ? json::value(*letter.mail_id) : json::value(nullptr)},
            {"items", std::move(items)}};
}

using platform::documents::Paragraph;
using platform::documents::TextStyle;
using platform::files::Cell;
using platform::files::Column;
using platform::files::Row;
using platform::files::RowStyle;
using platform::files::Table;

Table items_table(const DunningLetter& letter) {
    const int exponent = letter.open.currency.exponent();
    Table table{.columns = {Column{"Invoice", Cell::Kind::text, 4},
                            Column{"Due", Cell::Kind::text, 3},
                            Column{"Days overdue", Cell::Kind::text, 2},
                            Column{"Level", Cell::Kind::text, 1},
                            Column{"Open", Cell::Kind::amount, 3},
                            Column{"Interest", Cell::Kind::amount, 3}},
                .rows = {},
                .indent_column = 0};
    for (const DunningItem& item : letter.items) {
        table.rows.push_back(Row{.cells = {Cell::of_text(item.number),
                                           Cell::of_text(item.due_date.to_string()),
                                           Cell::of_text(std::to_string(item.days_overdue)),
                                           Cell::of_text(std::to_string(item.level)),
                                           Cell::of_amount(item.open.minor, exponent),
                                           Cell::of_amount(item.interest.minor, exponent)},
                                 .style = RowStyle::normal,
                                 .indent = 0});
    }
    return table;
}

core::Result<Table> due_table(const DunningLetter& letter) {
    const int exponent = letter.open.currency.exponent();
    const std::string code(letter.open.currency.code());
    Table table{.columns = {Column{"", Cell::Kind::text, 12},
                            Column{"Amount " + code, Cell::Kind::amount, 4}},
                .rows = {},
                .indent_column = 0};
    const auto add = [&](std::string label, std::int64_t minor, RowStyle style) {
        table.rows.push_back(Row{.cells = {Cell::of_text(std::move(label)),
                                           Cell::of_amount(minor, exponent)},
                                 .style = style,
                                 .indent = 0});
    };
    add("Overdue invoices", letter.open.minor, RowStyle::normal);
    if (!letter.fee.is_zero()) {
        add("Dunning fee", letter.fee.minor, RowStyle::normal);
    }
    if (!letter.interest.is_zero()) {
        add("Interest", letter.interest.minor, RowStyle::normal);
    }
    BO_TRY_ASSIGN(core::Money due, core::add(letter.open, letter.fee));
    BO_TRY_ASSIGN(due, core::add(due, letter.interest));
    add("Amount due " + code, due.minor, RowStyle::total);
    return table;
}

core::Result<std::string> letter_pdf(store::Txn& txn,
                                     CompanyId company,
                                     const DunningRun& run,
                                     const DunningLetter& letter) {
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::get_customer(txn, company, letter.customer));
    BO_ASSERT(customer.has_value());
    BO_TRY_ASSIGN(platform::documents::Document pdf,
                  customer_document(txn, company, *customer, letter.level_name,
                                    {"Date " + run.as_of.to_string(),
                                     "Customer " + customer->number},
                                    "To"));
    pdf.blocks.emplace_back(Paragraph{"Dear " + customer->name + ",", TextStyle::body});
    std::size_t start = 0;
    while (start <= letter.letter_text.size()) {
        const std::size_t end = std::min(letter.letter_text.find('\n', start),
                                         letter.letter_text.size());
        if (end > start) {
            pdf.blocks.emplace_back(
                Paragraph{letter.letter_text.substr(start, end - start), TextStyle::body});
        }
        start = end + 1;
    }
    pdf.blocks.emplace_back(Paragraph{"Overdue invoices", TextStyle::heading});
    pdf.blocks.emplace_back(items_table(letter));
    BO_TRY_ASSIGN(Table due, due_table(letter));
    pdf.blocks.emplace_back(std::move(due));
    pdf.blocks.emplace_back(Paragraph{"Payment", TextStyle::heading});
    if (letter.charge_invoice) {
        BO_TRY_ASSIGN(const std::optional<Document> charged,
                      queries::select_document(txn, company, *letter.charge_invoice));
        if (charged) {
            pdf.blocks.emplace_back(Paragraph{
                "The fee and interest are invoiced as " + charged->number + ".", TextStyle::body});
        }
    }
    BO_TRY_ASSIGN(std::string remit, remit_to(txn, company, letter.open.currency));
    pdf.blocks.emplace_back(Paragraph{std::move(remit), TextStyle::body});
    pdf.blocks.emplace_back(
        Paragraph{"Please quote the invoice numbers with your payment. If you have paid in the "
                  "meantime, thank you, and please disregard this letter.",
                  TextStyle::body});
    return platform::documents::render_pdf(pdf);
}

json::object run_record(const DunningRun& run) {
    json::array customers;
    for (const DunningLetter& letter : run.letters) {
        customers.push_back(json::value(letter.customer_number));
    }
    return {{"as_of", run.as_of.to_string()},
            {"dry_run", run.dry_run},
            {"letters", std::move(customers)}};
}

core::Result<DunningRun> run_recorded(store::Txn& txn,
                                      const core::Clock& clock,
                                      const platform::Actor& actor,
                                      DunningRun run) {
    BO_TRY(platform::audit::record(
        txn, clock, actor,
        {.action = "receivables.dunning_run.create",
         .entity_type = "dunning_run",
         .entity_id = run.id.to_string(),
         .changes = platform::audit::diff(json::object{}, run_record(run))}));
    return run;
}

// What a real run does for one letter: raise each invoice's level, post the charges, open a
// case at the final notice, queue the e-mail, and audit it.
core::Result<void> send_letter(store::Txn& txn,
                               const core::Clock& clock,
                               const platform::Actor& actor,
                               const DunningPolicy& policy,
                               const DunningRun& run,
                               DunningLetter& letter,
                               const std::string& mail_from) {
    for (const DunningItem& item : letter.items) {
        BO_TRY_ASSIGN(const bool raised,
                      cq::raise_invoice_dunning(
                          txn, actor.company, item.invoice, item.level, run.as_of,
                          item.interest_days > 0 ? std::optional(run.as_of) : std::nullopt,
                          run.id));
        if (!raised) {
            return Error(core::ErrorCode::conflict,
                         "invoice " + item.number + " was dunned meanwhile by another run");
        }
    }
    if (!letter.fee.is_zero() || !letter.interest.is_zero()) {
        BO_TRY_ASSIGN(const Document charged, charge_invoice(txn, clock, actor, run, letter));
        letter.charge_invoice = charged.id;
    }
    if (letter.level == policy.levels.back().level) {
        BO_TRY(open_case_for_final_notice(txn, clock, actor, letter.customer, run.as_of));
    }
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::get_customer(txn, actor.company, letter.customer));
    BO_ASSERT(customer.has_value());
    if (!customer_recipients(*customer).empty()) {
        BO_TRY_ASSIGN(const std::string company_name, ledger::company_name(txn, actor.company));
        CustomerMail mail{.to = {},
                          .from = mail_from,
                          .subject = letter.level_name + " from " + company_name,
                          .text = "Dear " + customer->name + ",\n\n" + letter.letter_text
                                  + "\n\nAmount due: " + letter.open.format() + " "
                                  + std::string(letter.open.currency.code())
                                  + ", as the attached letter details.\n\n" + company_name
                                  + "\n",
                          .filename = "dunning-" + run.id.to_string() + "-"
                                      + letter.customer_number + ".pdf",
                          .pdf = {}};
        BO_TRY_ASSIGN(mail.pdf, letter_pdf(txn, actor.company, run, letter));
        BO_TRY_ASSIGN(const platform::mail::OutboxMail queued,
                      send_to_customer(txn, clock, actor, *customer,
                                       {"dunning_letter", run.id.to_string() + "/"
                                                              + letter.customer.to_string()},
                                       std::move(mail)));
        letter.mail_id = queued.id;
    }
    BO_TRY(cq::update_letter_outcome(txn, actor.company, run.id, letter));
    return platform::audit::record(
        txn, clock, actor,
        {.action = "receivables.dunning_letter.send",
         .entity_type = "dunning_letter",
         .entity_id = run.id.to_string() + "/" + letter.customer.to_string(),
         .changes = platform::audit::diff(json::object{}, letter_record(letter))});
}

}  // namespace

core::Result<DunningPolicy> dunning_policy(store::Txn& txn, CompanyId company) {
    BO_TRY_ASSIGN(const core::Currency functional, ledger::functional_currency(txn, company));
    BO_TRY_ASSIGN(std::vector<DunningLevel> levels, cq::select_levels(txn, company));
    if (levels.empty()) {
        return default_policy(functional);
    }
    BO_TRY_ASSIGN(const std::optional<cq::HoldSettings> hold,
                  cq::select_hold_settings(txn, company));
    return DunningPolicy{.levels = std::move(levels),
                         .hold_days_overdue = hold ? hold->hold_days_overdue : std::nullopt,
                         .hold_level = hold ? hold->hold_level : std::nullopt,
                         .defaults = false};
}

core::Result<DunningPolicy> set_dunning_policy(store::Txn& txn,
                                               const core::Clock& clock,
                                               const platform::Actor& actor,
                                               const NewDunningPolicy& input) {
    BO_TRY_ASSIGN(const core::Currency functional,
                  ledger::functional_currency(txn, actor.company));
    std::vector<FieldError> errors;
    if (input.levels.empty() || input.levels.size() > dunning_levels_max) {
        errors.push_back({"levels", "must have 1 to " + std::to_string(dunning_levels_max)
                                        + " levels"});
    }
    DunningPolicy policy{.levels = {},
                         .hold_days_overdue = input.hold_days_overdue,
                         .hold_level = input.hold_level,
                         .defaults = false};
    for (std::size_t index = 0; index < input.levels.size() && index < dunning_levels_max;
         ++index) {
        const std::string prefix = "levels/" + std::to_string(index) + "/";
        DunningLevel level{.level = static_cast<std::int64_t>(index + 1),
                           .name = {},
                           .days_overdue = 0,
                           .fee = core::Money::zero(functional),
                           .interest_percent = "0",
                           .letter_text = {}};
        check_level(input.levels[index], prefix, functional, level, errors);
        if (!policy.levels.empty() && level.days_overdue <= policy.levels.back().days_overdue) {
            errors.push_back({prefix + "days_overdue",
                              "must be more than the level before's"});
        }
        policy.levels.push_back(std::move(level));
    }
    if (input.hold_days_overdue
        && (*input.hold_days_overdue < 1 || *input.hold_days_overdue > dunning_days_max)) {
        errors.push_back({"hold_days_overdue", "must be 1 to " + std::to_string(dunning_days_max)});
    }
    if (input.hold_level
        && (*input.hold_level < 1
            || *input.hold_level > static_cast<std::int64_t>(input.levels.size()))) {
        errors.push_back({"hold_level", "must name one of the levels (1 to their count)"});
    }
    if (!errors.empty()) {
        return Error(core::ErrorCode::invalid_argument, "the dunning levels are not valid",
                     std::move(errors));
    }
    BO_TRY_ASSIGN(const DunningPolicy before, dunning_policy(txn, actor.company));
    BO_TRY(cq::replace_policy(txn, actor.company, policy, clock.now()));
    BO_TRY(platform::audit::record(
        txn, clock, actor,
        {.action = "receivables.dunning_levels.set",
         .entity_type = "dunning_levels",
         .entity_id = std::to_string(actor.company.value()),
         .changes = platform::audit::diff(policy_record(before), policy_record(policy))}));
    return policy;
}

core::Result<DunningRun> run_dunning(store::Txn& txn,
                                     const core::Clock& clock,
                                     const platform::Actor& actor,
                                     std::optional<core::Date> as_of,
                                     RunMode mode,
                                     const std::string& mail_from) {
    BO_TRY_ASSIGN(const DunningPolicy policy, dunning_policy(txn, actor.company));
    BO_ASSERT(!policy.levels.empty());
    DunningRun run{.id = DunningRunId(0),
                   .as_of = as_of.value_or(internal::today(clock)),
                   .dry_run = mode == RunMode::dry,
                   .letters = {},
                   .skipped = {},
                   .created_by = actor.user,
                   .created_at = clock.now()};
    BO_TRY_ASSIGN(std::vector<DunningLetter> grouped,
                  group_letters(txn, actor.company, policy, run.as_of));
    BO_TRY_ASSIGN(run.letters, finish_letters(txn, actor.company, policy, run.as_of,
                                              std::move(grouped), run.skipped));
    BO_TRY_ASSIGN(run.id, cq::insert_run(txn, actor.company, run));
    for (DunningLetter& letter : run.letters) {
        BO_TRY(cq::insert_letter(txn, actor.company, run.id, letter));
        if (mode == RunMode::real) {
            BO_TRY(send_letter(txn, clock, actor, policy, run, letter, mail_from));
        }
    }
    return run_recorded(txn, clock, actor, run);
}


core::Result<std::optional<DunningRun>> find_dunning_run(store::Txn& txn,
                                                         CompanyId company,
                                                         DunningRunId id) {
    BO_TRY_ASSIGN(std::vector<DunningRun> runs,
                  cq::select_runs(txn, company, DunningRunId(0), 1, id));
    if (runs.empty()) {
        return std::optional<DunningRun>();
    }
    BO_TRY_ASSIGN(runs.front().letters, cq::select_letters(txn, company, id, std::nullopt));
    return std::optional<DunningRun>(std::move(runs.front()));
}

core::Result<std::vector<DunningRun>> list_dunning_runs(store::Txn& txn,
                                                        CompanyId company,
                                                        DunningRunId after,
                                                        std::int64_t limit) {
    if (limit < 1) {
        return Error::invalid("limit", "must be at least 1");
    }
    if (limit > static_cast<std::int64_t>(core::page_size_max)) {
        return Error(core::ErrorCode::limit_exceeded,
                     "limit: at most " + std::to_string(core::page_size_max));
    }
    return cq::select_runs(txn, company, after, limit, std::nullopt);
}

core::Result<std::string> dunning_letter_pdf(store::Txn& txn,
                                             CompanyId company,
                                             DunningRunId id,
                                             sales::CustomerId customer) {
    BO_TRY_ASSIGN(const std::vector<DunningRun> runs,
                  cq::select_runs(txn, company, DunningRunId(0), 1, id));
    if (runs.empty()) {
        return Error(core::ErrorCode::not_found, "no such dunning run");
    }
    BO_TRY_ASSIGN(const std::vector<DunningLetter> letters,
                  cq::select_letters(txn, company, id, customer));
    if (letters.empty()) {
        return Error(core::ErrorCode::not_found, "the run wrote no letter to this customer");
    }
    return letter_pdf(txn, company, runs.front(), letters.front());
}

core::Result<std::vector<InvoiceDunning>> customer_dunning(store::Txn& txn,
                                                           CompanyId company,
                                                           sales::CustomerId customer) {
    return cq::select_customer_dunning(txn, company, customer);
}

}  // namespace bo::modules::receivables
