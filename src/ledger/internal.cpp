#include "ledger/internal.hpp"

#include <fmt/format.h>

#include "ledger/queries.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::ledger::internal {

std::string json_string(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20U) {
            out += fmt::format("\\u{:04x}", byte);
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

core::Result<void> audit(store::Txn& txn,
                         const core::Clock& clock,
                         const platform::Actor& actor,
                         Event event) {
    return platform::audit::record(
        txn,
        clock,
        actor,
        platform::audit::NewEvent{.action = std::string(event.action),
                                  .entity_type = std::string(event.entity_type),
                                  .entity_id = std::to_string(event.entity_id),
                                  .changes = std::move(event.changes)});
}

core::Result<core::Currency> functional_currency(store::Txn& txn,
                                                 platform::tenancy::CompanyId company) {
    BO_TRY_ASSIGN(const std::string code, queries::select_functional_currency(txn, company));
    core::Result<core::Currency> currency = core::Currency::create(code);
    if (!currency) {
        return platform::tenancy::corrupt_row("companies", "unknown functional currency");
    }
    return currency;
}

}  // namespace bo::ledger::internal
