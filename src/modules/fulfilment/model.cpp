#include "modules/fulfilment/model.hpp"

#include <array>
#include <string>

namespace bo::modules::fulfilment {
namespace {

constexpr std::array<std::string_view, 3> pick_list_statuses{"open", "picked", "cancelled"};
constexpr std::array<std::string_view, 3> return_statuses{"authorised", "received", "cancelled"};
constexpr std::array<std::string_view, 2> dispositions{"restock", "scrap"};

template <typename Enum, std::size_t N>
core::Result<Enum> parse_name(const std::array<std::string_view, N>& names,
                              std::string_view text,
                              std::string_view field) {
    for (std::size_t index = 0; index < names.size(); ++index) {
        if (names.at(index) == text) {
            return static_cast<Enum>(index);
        }
    }
    std::string allowed;
    for (const std::string_view name : names) {
        allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    }
    return core::Error::invalid(std::string(field), "must be one of " + allowed);
}

}  // namespace

std::string_view to_string(PickListStatus status) noexcept {
    return pick_list_statuses.at(static_cast<std::size_t>(status));
}

std::string_view to_string(ReturnStatus status) noexcept {
    return return_statuses.at(static_cast<std::size_t>(status));
}

std::string_view to_string(Disposition disposition) noexcept {
    return dispositions.at(static_cast<std::size_t>(disposition));
}

core::Result<PickListStatus> parse_pick_list_status(std::string_view text) {
    return parse_name<PickListStatus>(pick_list_statuses, text, "status");
}

core::Result<ReturnStatus> parse_return_status(std::string_view text) {
    return parse_name<ReturnStatus>(return_statuses, text, "status");
}

core::Result<Disposition> parse_disposition(std::string_view text, std::string_view field) {
    return parse_name<Disposition>(dispositions, text, field);
}

}  // namespace bo::modules::fulfilment
