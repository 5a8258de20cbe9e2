// Strong ids: `Id<Tag>` wraps an int64 so that an AccountId cannot be passed where a UserId
// is expected.
//
// Purpose: every entity id in Backoffice is a distinct type. The aliases live next to the
// entity they name, in that module's model.hpp, e.g.
//     struct AccountTag;
//     using AccountId = core::Id<AccountTag>;
// so core stays ignorant of the modules above it.
// Invariants: construction from an integer is explicit; ids compare and hash by value. A
// default-constructed Id holds 0, which no stored row uses (database ids start at 1); it
// exists so plain model structs can be default-constructed before they are filled.
// Thread safety: plain values.
#pragma once

#include <charconv>
#include <compare>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace bo::core {

template <typename Tag>
class Id {
public:
    constexpr Id() noexcept = default;

    constexpr explicit Id(std::int64_t value) noexcept : value_(value) {}

    // Parses the decimal text of a positive id, as found in a URL path ("42").
    // Errors: invalid_argument (field "id") for anything else, including 0, "+1" and "042".
    [[nodiscard]] static Result<Id> parse(std::string_view text) {
        std::int64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [ptr, error] = std::from_chars(text.data(), end, value);
        if (text.empty() || text[0] == '0' || error != std::errc{} || ptr != end || value <= 0) {
            return Error::invalid("id", "must be a positive integer");
        }
        return Id(value);
    }

    constexpr std::int64_t value() const noexcept { return value_; }

    std::string to_string() const { return std::to_string(value_); }

    friend constexpr auto operator<=>(const Id&, const Id&) = default;

private:
    std::int64_t value_ = 0;
};

}  // namespace bo::core

template <typename Tag>
struct std::hash<bo::core::Id<Tag>> {
    std::size_t operator()(const bo::core::Id<Tag>& id) const noexcept {
        return std::hash<std::int64_t>{}(id.value());
    }
};
