// Field checks shared by the master-data services (companies, users, departments, employees,
// customers, items, vendors).
//
// Purpose: every create validates its input at the boundary and reports every bad field at once,
// as one invalid_argument Error with a FieldError per problem. Text is checked as UTF-8 and its
// length counted in characters (code points), which is what both databases' length() count, so a
// value that passes here never trips a CHECK constraint on either backend.
// TODO(#validation): move to core/validation.hpp once core has one; it lives in tenancy because
// tenancy is the lowest layer every master-data module already depends on.
// Thread safety: a FieldChecks is a plain local value; the free functions are pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace bo::platform::tenancy {

// The number of code points in `text`, or nullopt when it is not valid UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF are invalid). NUL and other C0 controls other than
// tab are rejected as well: no field of ours holds them.
std::optional<std::size_t> utf8_chars(std::string_view text);

// True iff `text` is a plausible e-mail address: one '@', a non-empty local part, a dotted
// domain, no spaces, at most 254 bytes (RFC 5321). Deliverability is not checked.
bool is_plausible_email(std::string_view text);

// Collects field errors; `finish` turns them into one Error (or ok when there are none).
class FieldChecks {
public:
    // Text that must be present (not empty, not only spaces) and at most `chars_max` characters.
    void required_text(std::string_view field, std::string_view value, std::size_t chars_max);

    // Text that may be empty, else at most `chars_max` characters.
    void optional_text(std::string_view field, std::string_view value, std::size_t chars_max);

    // A code: 1..chars_max characters, each an ASCII letter, digit, '-', '_' or '.', and when
    // `uppercase` letters must be upper case (company, department codes), else lower case.
    enum class Case { upper, lower, any };
    void code(std::string_view field, std::string_view value, std::size_t chars_max, Case letters);

    // Empty, or a plausible e-mail address.
    void optional_email(std::string_view field, std::string_view value);

    // Empty, or an ISO 3166-1 alpha-2 country code shape ("US", "DE").
    void optional_country(std::string_view field, std::string_view value);

    // An integer in [min, max].
    void in_range(std::string_view field, std::int64_t value, std::int64_t min, std::int64_t max);

    // A currency code known to core::Currency.
    void currency(std::string_view field, std::string_view value);

    // Records one problem.
    void add(std::string_view field, std::string reason);

    bool ok() const noexcept { return fields_.empty(); }

    // ok() when nothing was recorded; else invalid_argument "<what>: <first reason>" carrying
    // every field error in the order they were found.
    [[nodiscard]] core::Result<void> finish(std::string_view what) &&;

private:
    std::vector<core::FieldError> fields_;
};

// The one error for "this natural key is taken": conflict, naming the field.
core::Error duplicate(std::string_view field, std::string_view what, std::string_view value);

// The error for a row that the database hands back in a shape our own writes never produce.
core::Error corrupt_row(std::string_view table, std::string_view detail);

// Checks a list page size: 1..core::page_size_max. Errors: limit_exceeded above the maximum,
// invalid_argument below one.
[[nodiscard]] core::Result<void> check_page_limit(std::int64_t limit);

}  // namespace bo::platform::tenancy
