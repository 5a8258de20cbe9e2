#include "modules/banking/matching_engine.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "core/assert.hpp"
#include "modules/banking/matching_text.hpp"

namespace bo::modules::banking::matching {
namespace {

// The series of the invoice numbers payers quote (receivables::series_of(invoice)).
constexpr std::string_view invoice_series = "INV";
// Keys of by_year_sequence_: year * 1e9 + sequence (sequences have at most 9 digits).
constexpr std::int64_t year_key_factor = 1'000'000'000;

std::int64_t year_key(int year, std::int64_t sequence) noexcept {
    return std::int64_t{year} * year_key_factor + sequence;
}

std::string money_text(std::int64_t minor, const core::Currency& currency) {
    return core::Money{minor, currency}.format() + " " + std::string(currency.code());
}

std::int64_t form_points(ReferenceForm form) noexcept {
    switch (form) {
        case ReferenceForm::full:
            return points::reference_full;
        case ReferenceForm::year:
            return points::reference_year;
        case ReferenceForm::padded:
            return points::reference_padded;
        case ReferenceForm::bare:
            return points::reference_bare;
    }
    return points::reference_bare;
}

std::int64_t clamp_score(std::int64_t score) noexcept {
    return std::clamp<std::int64_t>(score, 0, score_max);
}

// "INV-2026-000123", "INV-2026-000123 and INV-2026-000124", "A, B and C".
std::string join_numbers(const std::vector<std::string>& numbers) {
    std::string out;
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        if (i > 0) {
            out += (i + 1 == numbers.size()) ? " and " : ", ";
        }
        out += numbers[i];
    }
    return out;
}

// Depth-first search for `size` of `values` (at increasing positions) adding up to `target`:
// the recursion is as deep as `size` (at most combination_size_max), the steps bounded by
// combination_steps_max. Stops at the second solution (enough to know it is not unique).
struct CombinationSearch {
    const std::vector<std::int64_t>& values;
    std::int64_t target = 0;
    std::size_t steps = 0;
    std::size_t solutions = 0;
    std::vector<std::size_t> picked{};
    std::vector<std::size_t> first{};

    void run(std::size_t from, std::size_t size, std::int64_t sum) {
        if (picked.size() == size) {
            if (sum == target && solutions++ == 0) {
                first = picked;
            }
            return;
        }
        for (std::size_t k = from;
             k < values.size() && steps < combination_steps_max && solutions < 2;
             ++k) {
            ++steps;
            if (sum + values[k] > target) {
                continue;
            }
            picked.push_back(k);
            run(k + 1, size, sum + values[k]);
            picked.pop_back();
        }
    }
};

bool same_allocations(const Proposal& a, const Proposal& b) {
    return a.customer == b.customer && a.allocations == b.allocations;
}

}  // namespace

std::string_view to_string(Strategy strategy) noexcept {
    switch (strategy) {
        case Strategy::reference:
            return "reference";
        case Strategy::payer_amount:
            return "payer_amount";
        case Strategy::amount_only:
            return "amount_only";
    }
    return "reference";
}

struct MatchBook::Payer {
    std::int64_t customer = 0;
    std::int64_t points = 0;
    std::string how;  // "the payer's IBAN DE89... was matched to this customer before"
};

struct MatchBook::Reference {
    std::size_t invoice = 0;
    ReferenceForm form = ReferenceForm::bare;
    bool after_keyword = false;
    std::string written;
    std::string field;  // "remittance text", "end-to-end id", "creditor reference"
};

// What allocating a line to some invoices gives: the allocations, how well the amount fits
// (points::amount_*) and that in words.
struct MatchBook::Fit {
    Proposal proposal;
    std::int64_t amount_points = 0;
    std::string how;
};

MatchBook::MatchBook(std::vector<OpenInvoice> invoices,
                     std::span<const KnownCounterparty> counterparties,
                     MatchingRules rules)
    : invoices_(std::move(invoices)), rules_(rules) {
    open_.reserve(invoices_.size());
    std::set<int> years;
    for (std::size_t i = 0; i < invoices_.size(); ++i) {
        const OpenInvoice& invoice = invoices_[i];
        BO_ASSERT(invoice.open_minor > 0);
        BO_ASSERT(invoice.discount_minor >= 0 && invoice.discount_minor < invoice.open_minor);
        open_.push_back(invoice.open_minor);
        by_id_.emplace(invoice.id, i);
        if (const auto number = parse_invoice_number(invoice.number);
            number && number->series == invoice_series) {
            by_year_sequence_.emplace(year_key(number->year, number->sequence), i);
            by_sequence_[number->sequence].push_back(i);
            years.insert(number->year);
        } else {
            by_number_.emplace(alphanumeric_upper(invoice.number), i);
        }
        std::vector<std::size_t>& of_customer = by_customer_[invoice.customer];
        of_customer.push_back(i);
        by_amount_[invoice.open_minor].push_back(i);
        if (of_customer.size() > 1) {
            continue;  // the customer's name is indexed with its first invoice
        }
        if (std::string name = normalise_name(invoice.customer_name); !name.empty()) {
            const auto [it, inserted] = name_customer_.emplace(std::move(name), invoice.customer);
            if (!inserted && it->second != invoice.customer) {
                it->second = -1;  // two customers of one name: the name says nothing
            }
        }
    }
    years_.assign(years.begin(), years.end());
    for (auto& [customer, list] : by_customer_) {
        std::sort(list.begin(), list.end(), [this](std::size_t a, std::size_t b) {
            const OpenInvoice& x = invoices_[a];
            const OpenInvoice& y = invoices_[b];
            return std::tie(x.due_date, x.id) < std::tie(y.due_date, y.id);
        });
    }
    for (const KnownCounterparty& known : counterparties) {
        auto& map = known.kind == CounterpartyKind::iban ? iban_customer_ : learned_name_customer_;
        map[known.key] = known.customer;
    }
}

std::int64_t MatchBook::open_minor(std::int64_t invoice) const noexcept {
    const auto it = by_id_.find(invoice);
    return it == by_id_.end() ? 0 : open_[it->second];
}

bool MatchBook::usable(std::size_t index, const core::Currency& currency) const noexcept {
    return open_[index] > 0 && invoices_[index].currency == currency;
}

bool MatchBook::discount_applies(std::size_t index, core::Date paid_on) const noexcept {
    const OpenInvoice& invoice = invoices_[index];
    // Only on an invoice nothing of which was paid in this run: the discount is on what is open.
    return invoice.discount_minor > 0 && invoice.discount_until
           && paid_on <= *invoice.discount_until && open_[index] == invoice.open_minor;
}

std::int64_t MatchBook::due_now(std::size_t index, core::Date paid_on) const noexcept {
    return open_[index] - (discount_applies(index, paid_on) ? invoices_[index].discount_minor : 0);
}

std::vector<std::size_t> MatchBook::customer_open(std::int64_t customer,
                                                  const core::Currency& currency) const {
    std::vector<std::size_t> out;
    const auto it = by_customer_.find(customer);
    if (it == by_customer_.end()) {
        return out;
    }
    for (const std::size_t index : it->second) {
        if (usable(index, currency)) {
            out.push_back(index);
        }
    }
    return out;
}

void MatchBook::apply(const Allocation& allocation) {
    const auto it = by_id_.find(allocation.invoice);
    if (it == by_id_.end()) {
        return;
    }
    const std::size_t index = it->second;
    const std::int64_t taken =
        allocation.amount_minor + allocation.discount_minor + allocation.write_off_minor;
    BO_ASSERT(taken >= 0);
    BO_ASSERT(taken <= open_[index]);
    open_[index] -= taken;
    if (open_[index] > 0) {
        by_amount_[open_[index]].push_back(index);  // findable by what is left
    }
}

std::optional<MatchBook::Payer> MatchBook::identify_payer(const LineToMatch& line) const {
    const std::string iban = normalise_iban(line.counterparty_account);
    if (!iban.empty()) {
        if (const auto it = iban_customer_.find(iban); it != iban_customer_.end()) {
            return Payer{
                it->second,
                points::payer_iban,
                fmt::format("the payer's account {} was matched to this customer before", iban)};
        }
    }
    if (!rules_.name_matching) {
        return std::nullopt;
    }
    const std::string name = normalise_name(line.counterparty_name);
    if (name.empty()) {
        return std::nullopt;
    }
    if (const auto it = learned_name_customer_.find(name); it != learned_name_customer_.end()) {
        return Payer{it->second,
                     points::payer_learned_name,
                     fmt::format("the payer name \"{}\" was matched to this customer before",
                                 line.counterparty_name)};
    }
    if (const auto it = name_customer_.find(name); it != name_customer_.end() && it->second > 0) {
        return Payer{
            it->second,
            points::payer_customer_name,
            fmt::format("the payer name \"{}\" is the customer's name", line.counterparty_name)};
    }
    return std::nullopt;
}

// The open invoices in `currency` a candidate can name: one for a number with its year, all
// that share the sequence otherwise.
std::vector<std::size_t> MatchBook::readings_of(const ReferenceCandidate& candidate,
                                                const core::Currency& currency) const {
    std::vector<std::size_t> matches;
    if (candidate.year) {
        const auto it = by_year_sequence_.find(year_key(*candidate.year, candidate.sequence));
        if (it != by_year_sequence_.end() && usable(it->second, currency)) {
            matches.push_back(it->second);
        }
        return matches;
    }
    if (const auto it = by_sequence_.find(candidate.sequence); it != by_sequence_.end()) {
        std::copy_if(it->second.begin(),
                     it->second.end(),
                     std::back_inserter(matches),
                     [&](std::size_t index) { return usable(index, currency); });
    }
    return matches;
}

// Reads the invoice numbers in one field of the line into `found`. A number that several open
// invoices share is narrowed by the payer, then by the amount; if still ambiguous it is left
// out and `note` says so.
void MatchBook::read_references(const LineToMatch& line,
                                std::string_view text,
                                std::string_view field,
                                const std::optional<Payer>& payer,
                                std::vector<Reference>& found,
                                std::string& note) const {
    for (const ReferenceCandidate& candidate :
         find_reference_candidates(text, years_, invoice_series, references_per_line_max)) {
        std::vector<std::size_t> matches = readings_of(candidate, line.amount.currency);
        const std::size_t readings = matches.size();
        if (matches.size() > 1 && payer) {
            std::erase_if(matches,
                          [&](std::size_t i) { return invoices_[i].customer != payer->customer; });
        }
        if (matches.size() > 1) {
            std::erase_if(matches, [&](std::size_t i) {
                return open_[i] != line.amount.minor
                       && due_now(i, line.booking_date) != line.amount.minor;
            });
        }
        if (matches.size() == 1) {
            found.push_back(Reference{matches[0],
                                      candidate.form,
                                      candidate.after_keyword,
                                      candidate.written,
                                      std::string(field)});
        } else if (readings > 1) {
            note = fmt::format(
                "\"{}\" in the {} fits {} open invoices; the number alone does not say which",
                candidate.written,
                field,
                readings);
        }
    }
}

std::vector<MatchBook::Reference> MatchBook::find_references(const LineToMatch& line,
                                                             const std::optional<Payer>& payer,
                                                             std::string& note) const {
    std::vector<Reference> found;
    read_references(line, line.remittance, "remittance text", payer, found, note);
    read_references(line, line.end_to_end_id, "end-to-end id", payer, found, note);
    const std::string rf = rf_body(line.creditor_reference);
    read_references(line,
                    rf.empty() ? line.creditor_reference : std::string_view(rf),
                    rf.empty() ? "creditor reference" : "RF creditor reference",
                    payer,
                    found,
                    note);
    if (!by_number_.empty()) {
        for (const std::string_view text : {line.remittance, line.end_to_end_id}) {
            const auto it = by_number_.find(alphanumeric_upper(text));
            if (it != by_number_.end() && usable(it->second, line.amount.currency)) {
                found.push_back(Reference{it->second,
                                          ReferenceForm::full,
                                          true,
                                          invoices_[it->second].number,
                                          "remittance text"});
            }
        }
    }
    // One reference per invoice: the strongest form it was written in.
    std::stable_sort(found.begin(), found.end(), [](const Reference& a, const Reference& b) {
        return std::tie(a.invoice, a.form) < std::tie(b.invoice, b.form);
    });
    found.erase(
        std::unique(found.begin(),
                    found.end(),
                    [](const Reference& a, const Reference& b) { return a.invoice == b.invoice; }),
        found.end());
    return found;
}

std::vector<Proposal> MatchBook::by_reference(const LineToMatch& line,
                                              const std::optional<Payer>& payer,
                                              std::string& note) const {
    const std::vector<Reference> references = find_references(line, payer, note);
    std::vector<std::int64_t> customers;  // in the order their invoices were named
    for (const Reference& reference : references) {
        const std::int64_t customer = invoices_[reference.invoice].customer;
        if (std::find(customers.begin(), customers.end(), customer) == customers.end()) {
            customers.push_back(customer);
        }
    }
    std::vector<Proposal> out;
    for (const std::int64_t customer : customers) {
        std::vector<Reference> mine;
        std::copy_if(references.begin(),
                     references.end(),
                     std::back_inserter(mine),
                     [&](const Reference& r) { return invoices_[r.invoice].customer == customer; });
        if (std::optional<Proposal> proposal = reference_proposal(line, payer, customer, mine)) {
            out.push_back(std::move(*proposal));
        }
    }
    return out;
}

// A proposal for the invoices of one customer named in the line. A bare number ("123") counts
// only when something confirms it: the line pays exactly that invoice, or all the named
// invoices together, or the payer is the customer and a keyword ("invoice", "Nr") precedes it.
std::optional<Proposal> MatchBook::reference_proposal(
    const LineToMatch& line,
    const std::optional<Payer>& payer,
    std::int64_t customer,
    const std::vector<Reference>& references) const {
    const std::int64_t amount = line.amount.minor;
    const bool payer_is_customer = payer && payer->customer == customer;
    std::int64_t open_sum = 0;
    std::int64_t due_sum = 0;
    for (const Reference& reference : references) {
        open_sum += open_[reference.invoice];
        due_sum += due_now(reference.invoice, line.booking_date);
    }
    const bool together = open_sum == amount || due_sum == amount;
    std::vector<Reference> accepted;
    for (const Reference& reference : references) {
        const std::size_t i = reference.invoice;
        const bool confirmed = reference.form != ReferenceForm::bare || together
                               || open_[i] == amount || due_now(i, line.booking_date) == amount
                               || (payer_is_customer && reference.after_keyword);
        if (confirmed) {
            accepted.push_back(reference);
        }
    }
    if (accepted.empty()) {
        return std::nullopt;
    }
    std::sort(accepted.begin(), accepted.end(), [this](const Reference& a, const Reference& b) {
        const OpenInvoice& x = invoices_[a.invoice];
        const OpenInvoice& y = invoices_[b.invoice];
        return std::tie(x.due_date, x.id) < std::tie(y.due_date, y.id);
    });
    std::vector<std::size_t> indices;
    std::int64_t weakest = points::reference_full;
    std::int64_t strongest = 0;
    std::vector<std::string> named;
    std::vector<std::string> fields;
    for (const Reference& reference : accepted) {
        indices.push_back(reference.invoice);
        weakest = std::min(weakest, form_points(reference.form));
        strongest = std::max(strongest, form_points(reference.form));
        const std::string& number = invoices_[reference.invoice].number;
        const bool as_is = alphanumeric_upper(reference.written) == alphanumeric_upper(number);
        named.push_back(as_is ? number
                              : fmt::format("{} (written \"{}\")", number, reference.written));
        if (std::find(fields.begin(), fields.end(), reference.field) == fields.end()) {
            fields.push_back(reference.field);
        }
    }
    Fit fit = allocate(line, indices);
    // Several invoices whose sum is exactly the amount confirm one another: the strongest
    // reference counts. Otherwise the weakest does.
    const bool sum_confirms = indices.size() > 1 && fit.amount_points == points::amount_exact;
    const std::int64_t reference_points = sum_confirms ? strongest : weakest;
    std::int64_t payer_points = 0;
    std::string payer_text;
    if (payer) {
        payer_points = payer_is_customer ? points::payer_confirms : points::payer_contradicts;
        payer_text =
            payer_is_customer ? "; " + payer->how : "; but the payer is known as another customer";
    }
    Proposal proposal = std::move(fit.proposal);
    proposal.strategy = Strategy::reference;
    proposal.score = clamp_score(reference_points + fit.amount_points + payer_points);
    proposal.reason = fmt::format("{} {} found in the {}; {}{}",
                                  named.size() == 1 ? "Reference" : "References",
                                  join_numbers(named),
                                  join_numbers(fields),
                                  fit.how,
                                  payer_text);
    return proposal;
}

// Allocates the line to `invoices` (oldest first): the whole open balances when the amount
// equals them, or equals them less the early-payment discounts; with a write-off when short by
// at most the tolerance; oldest first when shorter; the rest unapplied when longer.
MatchBook::Fit MatchBook::allocate(const LineToMatch& line,
                                   const std::vector<std::size_t>& invoices) const {
    BO_ASSERT(!invoices.empty());
    const std::int64_t amount = line.amount.minor;
    const core::Currency currency = line.amount.currency;
    std::int64_t open_sum = 0;
    std::int64_t due_sum = 0;
    for (const std::size_t i : invoices) {
        open_sum += open_[i];
        due_sum += due_now(i, line.booking_date);
    }
    Fit fit;
    fit.proposal.customer = invoices_[invoices.front()].customer;
    std::vector<Allocation>& allocations = fit.proposal.allocations;
    for (const std::size_t i : invoices) {
        allocations.push_back(Allocation{invoices_[i].id, invoices_[i].number, open_[i], 0, 0});
    }
    const char* const balance = invoices.size() == 1 ? "the open balance" : "the open balances";
    if (amount == open_sum) {
        fit.amount_points = points::amount_exact;
        fit.how = fmt::format("the amount equals {}", balance);
    } else if (amount == due_sum) {
        for (std::size_t k = 0; k < invoices.size(); ++k) {
            allocations[k].amount_minor = due_now(invoices[k], line.booking_date);
            allocations[k].discount_minor = open_[invoices[k]] - allocations[k].amount_minor;
        }
        fit.amount_points = points::amount_exact;
        fit.how = fmt::format(
            "the amount equals {} less the early-payment discount of {} (paid within the "
            "discount window)",
            balance,
            money_text(open_sum - due_sum, currency));
    } else if (amount < open_sum && open_sum - amount <= rules_.tolerance_minor) {
        std::int64_t short_by = open_sum - amount;
        for (auto it = allocations.rbegin(); it != allocations.rend() && short_by > 0; ++it) {
            const std::int64_t written_off = std::min(short_by, it->amount_minor);
            it->amount_minor -= written_off;
            it->write_off_minor = written_off;
            short_by -= written_off;
        }
        fit.amount_points = points::amount_write_off;
        fit.how = fmt::format(
            "the amount is {} short of {}: the difference is written off (tolerance {})",
            money_text(open_sum - amount, currency),
            balance,
            money_text(rules_.tolerance_minor, currency));
    } else if (amount < open_sum) {
        std::int64_t left = amount;
        for (Allocation& allocation : allocations) {
            allocation.amount_minor = std::min(allocation.amount_minor, left);
            left -= allocation.amount_minor;
        }
        std::erase_if(allocations, [](const Allocation& a) { return a.amount_minor == 0; });
        fit.amount_points = points::amount_partial;
        fit.how = fmt::format("a partial payment of {} of {}; {} stays open",
                              money_text(amount, currency),
                              money_text(open_sum, currency),
                              money_text(open_sum - amount, currency));
    } else {
        fit.proposal.unapplied_minor = amount - open_sum;
        fit.amount_points = points::amount_over;
        fit.how = fmt::format("the amount exceeds {} by {}: kept as unapplied cash",
                              balance,
                              money_text(amount - open_sum, currency));
    }
    return fit;
}

// The payer's open invoices against the amount: the one invoice of that amount (or its
// discounted amount); the one short by at most the tolerance; a combination adding up to it;
// else oldest first.
std::optional<Proposal> MatchBook::by_payer_amount(const LineToMatch& line,
                                                   const Payer& payer) const {
    const std::vector<std::size_t> open = customer_open(payer.customer, line.amount.currency);
    if (open.empty()) {
        return std::nullopt;
    }
    const std::int64_t amount = line.amount.minor;
    std::vector<std::size_t> exact;
    std::vector<std::size_t> short_by_little;
    for (const std::size_t i : open) {
        if (open_[i] == amount || due_now(i, line.booking_date) == amount) {
            exact.push_back(i);
        } else if (open_[i] > amount && open_[i] - amount <= rules_.tolerance_minor) {
            short_by_little.push_back(i);
        }
    }
    std::vector<std::size_t> chosen;
    std::int64_t match_points = points::oldest_first;
    std::string how;
    bool unique = false;
    if (!exact.empty()) {
        chosen = {exact.front()};
        match_points = exact.size() == 1 ? points::single_invoice : points::same_amount_tie;
        how = exact.size() == 1
                  ? fmt::format("{} is its only open invoice of this amount",
                                invoices_[exact.front()].number)
                  : fmt::format("{} of its open invoices have this amount: the oldest, {}",
                                exact.size(),
                                invoices_[exact.front()].number);
    } else if (short_by_little.size() == 1) {
        chosen = short_by_little;
        match_points = points::single_write_off;
        how = fmt::format("{} is its only open invoice within the tolerance of this amount",
                          invoices_[chosen.front()].number);
    } else if (chosen = find_combination(open, amount, unique); !chosen.empty()) {
        match_points = unique ? points::combination : points::same_amount_tie;
        how = fmt::format("{} of its open invoices add up to the amount{}",
                          chosen.size(),
                          unique ? "" : " (one of several combinations: the oldest)");
    } else {
        chosen = open;
        how = "no open invoice or combination of them equals the amount: applied oldest first";
    }
    Fit fit = allocate(line, chosen);
    Proposal proposal = std::move(fit.proposal);
    proposal.strategy = Strategy::payer_amount;
    proposal.score = clamp_score(payer.points + match_points);
    std::string reason = payer.how;
    reason[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(reason[0])));
    proposal.reason = fmt::format("{}; {}; {}", reason, how, fit.how);
    return proposal;
}

// The fewest of the first combination_invoices_max `invoices` (oldest first) whose open
// balances add up to `amount_minor`, at least two; empty when none is found within
// combination_steps_max steps. `unique` says whether that was the only one of its size.
std::vector<std::size_t> MatchBook::find_combination(const std::vector<std::size_t>& invoices,
                                                     std::int64_t amount_minor,
                                                     bool& unique) const {
    const std::size_t count = std::min(invoices.size(), combination_invoices_max);
    std::vector<std::int64_t> values;
    values.reserve(count);
    for (std::size_t k = 0; k < count; ++k) {
        values.push_back(open_[invoices[k]]);
    }
    CombinationSearch search{values, amount_minor};
    for (std::size_t size = 2; size <= combination_size_max && size <= count; ++size) {
        search.run(0, size, 0);
        if (search.solutions > 0) {
            break;
        }
    }
    const std::vector<std::size_t>& first = search.first;
    const std::size_t solutions = search.solutions;
    unique = solutions == 1;
    std::vector<std::size_t> out;
    out.reserve(first.size());
    for (const std::size_t k : first) {
        out.push_back(invoices[k]);
    }
    return out;
}

// Neither a reference nor a known payer: the open invoice of exactly this amount, issued by
// the booking date and due within the date window, when there are at most three.
std::vector<Proposal> MatchBook::by_amount_only(const LineToMatch& line, std::string& note) const {
    std::vector<Proposal> out;
    const auto it = by_amount_.find(line.amount.minor);
    if (!rules_.amount_only || it == by_amount_.end()) {
        return out;
    }
    std::vector<std::size_t> candidates;
    for (const std::size_t i : it->second) {
        const OpenInvoice& invoice = invoices_[i];
        const bool fits =
            usable(i, line.amount.currency) && open_[i] == line.amount.minor
            && invoice.document_date <= line.booking_date
            && core::days_between(invoice.due_date, line.booking_date) <= rules_.date_window_days;
        if (fits && std::find(candidates.begin(), candidates.end(), i) == candidates.end()) {
            candidates.push_back(i);
        }
    }
    if (candidates.size() > proposals_per_line_max) {
        note = fmt::format("{} open invoices have exactly this amount; nothing tells them apart",
                           candidates.size());
        return out;
    }
    for (const std::size_t i : candidates) {
        Fit fit = allocate(line, {i});
        Proposal proposal = std::move(fit.proposal);
        proposal.strategy = Strategy::amount_only;
        proposal.score =
            candidates.size() == 1 ? points::amount_only_single : points::amount_only_tie;
        proposal.reason = fmt::format(
            "No reference and an unknown payer; {} of {} (due {}) is {} open invoice of exactly "
            "this amount",
            invoices_[i].number,
            invoices_[i].customer_name,
            invoices_[i].due_date.to_string(),
            candidates.size() == 1 ? "the only" : fmt::format("one of {}", candidates.size()));
        out.push_back(std::move(proposal));
    }
    return out;
}

LineMatch MatchBook::match(const LineToMatch& line) {
    LineMatch result;
    result.line = line.id;
    if (line.amount.minor <= 0) {
        result.note = "money out: left for payables (cash application matches money in)";
        return result;
    }
    const std::optional<Payer> payer = identify_payer(line);
    std::vector<Proposal> proposals = by_reference(line, payer, result.note);
    const auto best_score = [&proposals] {
        std::int64_t best = -1;
        for (const Proposal& p : proposals) {
            best = std::max(best, p.score);
        }
        return best;
    };
    if (payer && best_score() < rules_.auto_post_score_min) {
        if (std::optional<Proposal> proposal = by_payer_amount(line, *payer);
            proposal && std::none_of(proposals.begin(), proposals.end(), [&](const Proposal& p) {
                return same_allocations(p, *proposal);
            })) {
            proposals.push_back(std::move(*proposal));
        }
    }
    if (proposals.empty() && !payer) {
        proposals = by_amount_only(line, result.note);
    }
    std::stable_sort(proposals.begin(), proposals.end(), [](const Proposal& a, const Proposal& b) {
        return a.score > b.score;
    });
    if (proposals.size() > proposals_per_line_max) {
        proposals.resize(proposals_per_line_max);
    }
    result.auto_post = !proposals.empty() && proposals[0].score >= rules_.auto_post_score_min
                       && (proposals.size() == 1 || proposals[1].score < proposals[0].score);
    if (result.auto_post) {
        for (const Allocation& allocation : proposals[0].allocations) {
            apply(allocation);
        }
    }
    result.proposals = std::move(proposals);
    return result;
}

std::vector<LineMatch> match_lines(MatchBook& book, std::span<const LineToMatch> lines) {
    std::vector<LineMatch> out;
    out.reserve(lines.size());
    for (const LineToMatch& line : lines) {
        out.push_back(book.match(line));
    }
    return out;
}

}  // namespace bo::modules::banking::matching
