// Helpers shared by the fulfilment module's service files (service.cpp, returns.cpp,
// packing_slip.cpp). Not part of the module's interface.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::fulfilment::internal {

// "PL-000042" from ("PL-", 42).
std::string document_number(std::string_view prefix, std::int64_t number);

// The share of `total` that `part_milli` out of `whole_milli` takes after `before_milli` was
// already taken, rounded half-even cumulatively: the shares of parts that add up to the whole
// add up to `total` exactly. Asserts 0 <= before + part <= whole, whole > 0.
[[nodiscard]] core::Result<core::Money> share(core::Money total,
                                              std::int64_t before_milli,
                                              std::int64_t part_milli,
                                              std::int64_t whole_milli);

// One audit event: `action` on the entity, with the changed fields between `before` and
// `after`.
struct Change {
    std::string action;
    std::string entity_type;
    std::string entity_id;
    boost::json::object before;
    boost::json::object after;
};

[[nodiscard]] core::Result<void> audit(store::Txn& txn,
                                       const core::Clock& clock,
                                       const platform::Actor& actor,
                                       const Change& change);

// Today in UTC: the default date of shipments and received returns.
core::Date today(const core::Clock& clock);

}  // namespace bo::modules::fulfilment::internal
