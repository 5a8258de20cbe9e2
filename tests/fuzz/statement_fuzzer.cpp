// libFuzzer target: the bank statement parsers (camt.053/054, OFX 1.x/2.x, CSV through a
// mapping). Input: one selector byte, then the file. A parser must never crash, hang or leak;
// what it accepts must hold the model's invariants (every line dated, in a known currency,
// entry numbers from 1 and never decreasing).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "modules/banking/parsers.hpp"

namespace {

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

void check(const bo::core::Result<bo::modules::banking::ParsedFile>& parsed) {
    if (!parsed.ok()) {
        require(!parsed.error().message().empty());
        return;
    }
    require(!parsed->statements.empty());
    for (const auto& statement : parsed->statements) {
        std::size_t entry = 0;
        for (const auto& line : statement.lines) {
            require(line.entry_number >= 1 && line.entry_number >= entry);
            entry = line.entry_number;
            require(line.amount.currency.exponent() >= 0);
        }
    }
}

bo::modules::banking::CsvMapping mapping() {
    bo::modules::banking::CsvMapping map;
    map.date_column = "Date";
    map.date_format = bo::modules::banking::CsvDateFormat::dmy_dot;
    map.debit_column = "Debit";
    map.credit_column = "Credit";
    map.decimal_separator = ',';
    map.reference_column = "Ref";
    map.text_column = "Text";
    return map;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);  // NOLINT
    namespace banking = bo::modules::banking;
    switch (data[0] % 4) {
        case 0:
            check(banking::parse_camt(text));
            break;
        case 1:
            check(banking::parse_ofx(text));
            break;
        case 2:
            check(banking::parse_csv_statement(
                text, mapping(), bo::core::Currency::create("EUR").value()));
            break;
        default:
            (void)banking::detect_format(text);
            check(banking::parse_statement_file(text, std::nullopt, nullptr, std::nullopt));
            break;
    }
    return 0;
}
