// bench_matching: the cash-application matching engine (modules/banking/matching_engine.hpp)
// on generated data — by default 100,000 credit lines against 200,000 open invoices of 20,000
// customers (issue #7: matching under 2 s, with the match rate printed).
//
// The lines are written the way real statements are (shares in brackets): the exact invoice
// number (30 %); a mangled one — "inv 2026 123", "2026/000123", "INV2026000123", "Re.
// 2026-123", "000123", "Rechnung Nr 123" (20 %); several invoices in one payment (5 %); a
// reference with a short or partial amount (10 %); no reference but an IBAN learned before
// (12 %); no reference, only the payer's name in another spelling (8 %); an unknown payer whose
// amount is all there is (5 %); and lines that pay no invoice at all (10 %). Every generated
// line knows the invoices it pays, so the benchmark prints, per kind, how many lines got a
// proposal, how many were posted automatically, and how many of those were wrong.
// Timed: building the book (indexes) and matching all lines, in one thread. Not a test.
//
// Usage: bench_matching [--lines N] [--invoices N] [--customers N] [--seed N]
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "modules/banking/matching_engine.hpp"

namespace {

using namespace bo::modules::banking::matching;  // NOLINT(google-build-using-namespace): main
using Clock = std::chrono::steady_clock;

struct Options {
    std::size_t lines = 100'000;
    std::size_t invoices = 200'000;
    std::size_t customers = 20'000;
    std::uint64_t seed = 7;
};

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view name = argv[i];
        const auto value = std::strtoull(argv[i + 1], nullptr, 10);
        if (name == "--lines") {
            options.lines = value;
        } else if (name == "--invoices") {
            options.invoices = value;
        } else if (name == "--customers") {
            options.customers = value;
        } else if (name == "--seed") {
            options.seed = value;
        } else {
            std::fprintf(stderr, "bench_matching: unknown option %s\n", argv[i]);
            std::exit(2);
        }
    }
    return options;
}

constexpr std::array<std::string_view, 40> first_words{
    "Nordwind", "Alpen",   "Baltic", "Cedar",   "Delta",   "Elbe",   "Falcon", "Granit",
    "Harbor",   "Iris",    "Jade",   "Kestrel", "Lumen",   "Main",   "Nova",   "Oak",
    "Pioneer",  "Quartz",  "Rhein",  "Summit",  "Tannen",  "Union",  "Vega",   "Weser",
    "Xenon",    "Yellow",  "Zenith", "Amber",   "Birch",   "Coral",  "Dune",   "Ember",
    "Fjord",    "Glacier", "Heide",  "Isar",    "Juniper", "Kiefer", "Linden", "Müller"};
constexpr std::array<std::string_view, 40> second_words{
    "Logistik", "Trading", "Systems",   "Foods",  "Bau",     "Metall",    "Textil",   "Software",
    "Holz",     "Energy",  "Medical",   "Optik",  "Papier",  "Chemie",    "Druck",    "Garten",
    "Kaffee",   "Möbel",   "Reisen",    "Sport",  "Technik", "Transport", "Verlag",   "Wein",
    "Werkzeug", "Zement",  "Acoustics", "Brands", "Capital", "Devices",   "Electric", "Fabrics",
    "Glass",    "Health",  "Imports",   "Labs",   "Motors",  "Networks",  "Plastics", "Robotics"};
constexpr std::array<std::string_view, 25> third_words{
    "Nord",  "Süd",  "Ost",   "West",  "Berlin", "Hamburg", "München", "Köln", "Bremen",
    "Wien",  "Graz", "Basel", "Genf",  "Paris",  "Lyon",    "Milano",  "Roma", "Madrid",
    "Porto", "Oslo", "Riga",  "Turku", "Gent",   "Leiden",  "Brno"};
constexpr std::array<std::string_view, 8> legal_forms{
    "GmbH", "AG", "GmbH & Co. KG", "Inc.", "Ltd", "S.A.", "B.V.", "e.K."};

std::string customer_name(std::size_t c) {
    const std::size_t a = first_words.size();
    const std::size_t b = second_words.size();
    return fmt::format("{} {} {} {}",
                       first_words[c % a],
                       second_words[(c / a) % b],
                       third_words[(c / (a * b)) % third_words.size()],
                       legal_forms[c % legal_forms.size()]);
}

// How a payer might spell the customer's name: upper case, no legal form, other punctuation.
std::string spelled_otherwise(const std::string& name, std::mt19937_64& random) {
    std::string out;
    const bool shout = random() % 2 == 0;
    for (const char c : name) {
        if (c == ' ' && random() % 4 == 0) {
            out += ", ";
        } else {
            out.push_back(shout && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
        }
    }
    return out;
}

std::string iban_of(std::size_t customer) {
    return fmt::format("DE{:020}", customer * 7919 + 11);
}

bo::core::Date day(std::int64_t days_since_epoch) {
    return bo::core::Date::from_days_since_epoch(days_since_epoch).value();
}

enum class Kind { exact, mangled, several, short_paid, iban, name, amount_only, stray, count };

constexpr std::array<std::string_view, 8> kind_names{"exact reference",
                                                     "mangled reference",
                                                     "several invoices",
                                                     "short or partial",
                                                     "known IBAN only",
                                                     "payer name only",
                                                     "amount only",
                                                     "pays no invoice"};

struct GeneratedLine {
    Kind kind = Kind::exact;
    std::vector<std::int64_t> pays;  // the invoices it pays; empty for a stray line
    std::string remittance;
    std::string name;
    std::string iban;
    std::int64_t amount_minor = 0;
    bo::core::Date booking_date = day(0);
};

struct Data {
    std::vector<OpenInvoice> invoices;
    std::vector<KnownCounterparty> known;
    std::vector<GeneratedLine> lines;
};

constexpr std::int64_t first_invoice_day = 20'393;  // 2025-11-01
constexpr std::int64_t first_booking_day = 20'485;  // 2026-02-01

std::vector<OpenInvoice> make_invoices(const Options& options, std::mt19937_64& random) {
    const bo::core::Currency eur = bo::core::Currency::create("EUR").value();
    std::vector<OpenInvoice> invoices;
    invoices.reserve(options.invoices);
    const std::size_t per_year = options.invoices / 2 + 1;
    for (std::size_t i = 0; i < options.invoices; ++i) {
        const int year = i < per_year ? 2025 : 2026;
        const std::size_t sequence = (i < per_year ? i : i - per_year) + 1;
        const std::size_t customer = random() % options.customers + 1;
        const auto document_day = first_invoice_day + static_cast<std::int64_t>(random() % 90);
        OpenInvoice invoice{.id = static_cast<std::int64_t>(i + 1),
                            .number = fmt::format("INV-{}-{:06}", year, sequence),
                            .customer = static_cast<std::int64_t>(customer),
                            .customer_name = customer_name(customer),
                            .currency = eur,
                            .open_minor = 1000 + static_cast<std::int64_t>(random() % 499'000),
                            .document_date = day(document_day),
                            .due_date = day(document_day + 30)};
        if (random() % 10 == 0) {  // 2 % within 10 days
            invoice.discount_minor = invoice.open_minor / 50;
            invoice.discount_until = day(document_day + 10);
        }
        invoices.push_back(std::move(invoice));
    }
    return invoices;
}

// "INV-2026-000123" written as a payer might.
std::string mangle(const std::string& number, std::mt19937_64& random) {
    const std::string year = number.substr(4, 4);
    const std::string padded = number.substr(9);
    const std::string bare = std::to_string(std::stoll(padded));
    switch (random() % 6) {
        case 0:
            return "inv " + year + " " + bare;
        case 1:
            return "Payment " + year + "/" + padded;
        case 2:
            return "INV" + year + padded;
        case 3:
            return "Re. " + year + "-" + bare + " thank you";
        case 4:
            return padded;
        default:
            return "Rechnung Nr " + bare;
    }
}

class Generator {
public:
    Generator(const Options& options, std::mt19937_64& random, Data& data)
        : options_(options), random_(random), data_(data) {
        for (std::size_t i = 0; i < data_.invoices.size(); ++i) {
            order_.push_back(i);
        }
        std::shuffle(order_.begin(), order_.end(), random_);
        by_customer_.resize(options_.customers + 1);
        for (std::size_t i = 0; i < data_.invoices.size(); ++i) {
            by_customer_[static_cast<std::size_t>(data_.invoices[i].customer)].push_back(i);
        }
        used_.assign(data_.invoices.size(), false);
    }

    void run() {
        for (std::size_t n = 0; n < options_.lines; ++n) {
            data_.lines.push_back(line(pick_kind()));
        }
    }

private:
    Kind pick_kind() {
        const auto roll = random_() % 100;
        constexpr std::array<std::uint64_t, 8> upper_bounds{30, 50, 55, 65, 77, 85, 90, 100};
        for (std::size_t k = 0; k < upper_bounds.size(); ++k) {
            if (roll < upper_bounds[k]) {
                return static_cast<Kind>(k);
            }
        }
        return Kind::stray;
    }

    std::size_t next_unused() {
        while (used_[order_[next_]]) {
            ++next_;
        }
        used_[order_[next_]] = true;
        return order_[next_++];
    }

    GeneratedLine line(Kind kind) {
        GeneratedLine out;
        out.kind = kind;
        out.booking_date = day(first_booking_day + static_cast<std::int64_t>(random_() % 28));
        if (kind == Kind::stray) {
            out.amount_minor = 1 + static_cast<std::int64_t>(random_() % 2'000'000);
            out.remittance =
                fmt::format("Refund order {} / card {}", random_() % 100000, random_() % 10000);
            out.name = fmt::format("Private Person {}", random_() % 1000000);
            out.iban = fmt::format("FR{:020}", random_() % 1000000000);
            return out;
        }
        const std::size_t first = next_unused();
        const OpenInvoice& invoice = data_.invoices[first];
        const auto customer = static_cast<std::size_t>(invoice.customer);
        out.pays.push_back(invoice.id);
        out.amount_minor = invoice.open_minor;
        out.name = customer_name(customer) + " ";
        out.iban = iban_of(customer);
        switch (kind) {
            case Kind::exact:
                out.remittance = random_() % 2 == 0 ? invoice.number : "Invoice " + invoice.number;
                break;
            case Kind::mangled:
                out.remittance = mangle(invoice.number, random_);
                break;
            case Kind::several:
                out.remittance = invoice.number;
                add_siblings(out, customer);
                break;
            case Kind::short_paid:
                out.remittance = invoice.number;
                out.amount_minor =
                    random_() % 2 == 0
                        ? invoice.open_minor - 1 - static_cast<std::int64_t>(random_() % 400)
                        : invoice.open_minor / 2;
                break;
            case Kind::iban:
                out.remittance = "Payment, thank you";
                out.name = "ONLINE BANKING TRANSFER";
                break;
            case Kind::name:
                out.remittance = "Zahlung";
                out.name = spelled_otherwise(customer_name(customer), random_);
                out.iban = fmt::format("AT{:018}", random_() % 1000000000);
                break;
            default:  // amount only
                out.remittance = "Danke";
                out.name = "SEPA Sammler";
                out.iban.clear();
                break;
        }
        return out;
    }

    // One or two more open invoices of the customer in the same payment, written "124".
    void add_siblings(GeneratedLine& out, std::size_t customer) {
        std::size_t added = 0;
        for (const std::size_t i : by_customer_[customer]) {
            if (used_[i] || added == 2) {
                continue;
            }
            used_[i] = true;
            ++added;
            out.pays.push_back(data_.invoices[i].id);
            out.amount_minor += data_.invoices[i].open_minor;
            out.remittance += added == 1 ? ", " + data_.invoices[i].number
                                         : " and " + data_.invoices[i].number.substr(9);
        }
    }

    const Options& options_;
    std::mt19937_64& random_;
    Data& data_;
    std::vector<std::size_t> order_;
    std::vector<std::vector<std::size_t>> by_customer_;
    std::vector<bool> used_;
    std::size_t next_ = 0;
};

Data generate(const Options& options) {
    std::mt19937_64 random(options.seed);
    Data data;
    data.invoices = make_invoices(options, random);
    for (std::size_t c = 2; c <= options.customers; c += 2) {  // half the payers learned
        data.known.push_back(
            KnownCounterparty{CounterpartyKind::iban, iban_of(c), static_cast<std::int64_t>(c)});
    }
    Generator(options, random, data).run();
    return data;
}

struct Tally {
    std::size_t lines = 0;
    std::size_t proposed = 0;     // at least one proposal
    std::size_t right_first = 0;  // the best proposal pays exactly the right invoices
    std::size_t posted = 0;       // auto-posted
    std::size_t posted_wrong = 0;
};

std::string percent(std::size_t part, std::size_t whole) {
    if (whole == 0) {
        return "-";
    }
    const std::size_t tenths = (part * 1000 + whole / 2) / whole;
    return fmt::format("{}.{}%", tenths / 10, tenths % 10);
}

bool pays_exactly(const Proposal& proposal, std::vector<std::int64_t> expected) {
    std::vector<std::int64_t> got;
    for (const Allocation& allocation : proposal.allocations) {
        got.push_back(allocation.invoice);
    }
    std::sort(got.begin(), got.end());
    std::sort(expected.begin(), expected.end());
    return got == expected;
}

void print_row(std::string_view name, const Tally& t) {
    std::printf("  %-20.*s %7zu %10s %12s %10s %8zu\n",
                static_cast<int>(name.size()),
                name.data(),
                t.lines,
                percent(t.proposed, t.lines).c_str(),
                percent(t.right_first, t.lines).c_str(),
                percent(t.posted, t.lines).c_str(),
                t.posted_wrong);
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse_options(argc, argv);
    std::printf("bench_matching: %zu lines, %zu open invoices, %zu customers, seed %llu\n",
                options.lines,
                options.invoices,
                options.customers,
                static_cast<unsigned long long>(options.seed));  // NOLINT(google-runtime-int)
    const Data data = generate(options);
    std::vector<LineToMatch> lines;
    lines.reserve(data.lines.size());
    const bo::core::Currency eur = bo::core::Currency::create("EUR").value();
    for (std::size_t i = 0; i < data.lines.size(); ++i) {
        const GeneratedLine& line = data.lines[i];
        lines.push_back(LineToMatch{.id = static_cast<std::int64_t>(i + 1),
                                    .booking_date = line.booking_date,
                                    .amount = bo::core::Money{line.amount_minor, eur},
                                    .remittance = line.remittance,
                                    .counterparty_name = line.name,
                                    .counterparty_account = line.iban});
    }
    const auto start = Clock::now();
    MatchBook book(data.invoices, data.known, MatchingRules{});
    const auto built = Clock::now();
    const std::vector<LineMatch> matches = match_lines(book, lines);
    const auto done = Clock::now();
    const auto ms = [](auto d) {
        return static_cast<long long>(  // NOLINT(google-runtime-int): printf
            std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
    };
    std::printf("build book (indexes): %lld ms\nmatch %zu lines: %lld ms\n",
                ms(built - start),
                lines.size(),
                ms(done - built));

    std::array<Tally, static_cast<std::size_t>(Kind::count)> tallies{};
    Tally total;
    for (std::size_t i = 0; i < matches.size(); ++i) {
        const GeneratedLine& line = data.lines[i];
        Tally& t = tallies[static_cast<std::size_t>(line.kind)];
        const LineMatch& match = matches[i];
        const bool proposed = !match.proposals.empty();
        const bool right = proposed && pays_exactly(match.proposals[0], line.pays);
        for (Tally* each : {&t, &total}) {
            ++each->lines;
            each->proposed += proposed ? 1U : 0U;
            each->right_first += right ? 1U : 0U;
            each->posted += match.auto_post ? 1U : 0U;
            each->posted_wrong += (match.auto_post && !right) ? 1U : 0U;
        }
    }
    std::printf("  %-20s %7s %10s %12s %10s %8s\n",
                "line kind",
                "lines",
                "proposed",
                "best right",
                "auto-post",
                "wrong");
    for (std::size_t k = 0; k < tallies.size(); ++k) {
        print_row(kind_names[k], tallies[k]);
    }
    print_row("all", total);
    const std::size_t payable = total.lines - tallies[static_cast<std::size_t>(Kind::stray)].lines;
    std::printf(
        "match rate (lines that pay an invoice, posted automatically): %s; with the right "
        "proposal first: %s\n",
        percent(total.posted - total.posted_wrong, payable).c_str(),
        percent(total.right_first, payable).c_str());
    return 0;
}
