// Errors as values.
//
// Anything that can fail for an outside reason returns `Result<T>`: either a value or an
// `Error`. An Error carries a closed `ErrorCode` (one table in http/ maps each code to an HTTP
// status), a human message, and optional field-level errors for validation problems.
// Exceptions never cross our interfaces; adapters around throwing libraries convert to Error.
//
// Invariants: a Result holds exactly one of value or error; reading the wrong one is a bug and
// asserts. Thread safety: plain values, no shared state.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/assert.hpp"

namespace bo::core {

// The closed set of failure kinds. Enumerators equal their wire names.
enum class ErrorCode {
    invalid_argument,      // the caller sent something malformed or out of range
    not_found,             // the named thing does not exist (in this company)
    conflict,              // the request contradicts the current state (duplicate, wrong status)
    period_closed,         // the accounting period does not accept postings
    unauthenticated,       // no valid session or token
    forbidden,             // authenticated, but not permitted
    limit_exceeded,        // a named limit in core/limits.hpp was exceeded
    idempotency_mismatch,  // the idempotency key was used with a different request
    unavailable,           // a dependency (database, relay) cannot be reached now; retry later
    internal,              // a bug or an unexpected outside failure
};

// The wire name of a code ("invalid_argument", ...).
std::string_view to_string(ErrorCode code) noexcept;

// One problem with one input field: `field` is a JSON-pointer-like path ("lines/2/amount").
struct FieldError {
    std::string field;
    std::string reason;

    friend bool operator==(const FieldError&, const FieldError&) = default;
};

class Error {
public:
    Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

    Error(ErrorCode code, std::string message, std::vector<FieldError> fields)
        : code_(code), message_(std::move(message)), fields_(std::move(fields)) {}

    // A validation error about one field.
    static Error invalid(std::string field, std::string reason) {
        std::string message = field + ": " + reason;
        return Error(ErrorCode::invalid_argument,
                     std::move(message),
                     {FieldError{std::move(field), std::move(reason)}});
    }

    ErrorCode code() const noexcept { return code_; }

    const std::string& message() const noexcept { return message_; }

    const std::vector<FieldError>& fields() const noexcept { return fields_; }

    // Returns a copy whose message is "<context>: <message>"; code and fields are kept.
    Error with_context(std::string_view context) const {
        Error copy = *this;
        copy.message_ = std::string(context) + ": " + message_;
        return copy;
    }

private:
    ErrorCode code_;
    std::string message_;
    std::vector<FieldError> fields_;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit

    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

    bool ok() const noexcept { return state_.index() == 0; }

    explicit operator bool() const noexcept { return ok(); }

    T& value() & {
        BO_ASSERT(ok());
        return std::get<0>(state_);
    }

    const T& value() const& {
        BO_ASSERT(ok());
        return std::get<0>(state_);
    }

    T&& value() && {
        BO_ASSERT(ok());
        return std::get<0>(std::move(state_));
    }

    T* operator->() { return &value(); }

    const T* operator->() const { return &value(); }

    T& operator*() & { return value(); }

    const T& operator*() const& { return value(); }

    const Error& error() const& {
        BO_ASSERT(!ok());
        return std::get<1>(state_);
    }

    Error&& error() && {
        BO_ASSERT(!ok());
        return std::get<1>(std::move(state_));
    }

private:
    std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;

    Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

    bool ok() const noexcept { return error_.index() == 0; }

    explicit operator bool() const noexcept { return ok(); }

    void value() const { BO_ASSERT(ok()); }

    const Error& error() const& {
        BO_ASSERT(!ok());
        return std::get<1>(error_);
    }

    Error&& error() && {
        BO_ASSERT(!ok());
        return std::get<1>(std::move(error_));
    }

private:
    std::variant<std::monostate, Error> error_;
};

// The success value of Result<void>.
inline Result<void> ok() {
    return {};
}

}  // namespace bo::core

#define BO_CONCAT_INNER(a, b) a##b
#define BO_CONCAT(a, b) BO_CONCAT_INNER(a, b)

// Evaluates a Result<void> expression; returns its error from the enclosing function.
#define BO_TRY(expression)                            \
    do {                                              \
        auto bo_try_result_ = (expression);           \
        if (!bo_try_result_.ok()) {                   \
            return std::move(bo_try_result_).error(); \
        }                                             \
    } while (false)

// Declares `declaration` from the value of a Result<T> expression, or returns its error.
// Example: BO_TRY_ASSIGN(auto rows, txn.query(sql, params));
#define BO_TRY_ASSIGN(declaration, expression)                      \
    auto BO_CONCAT(bo_try_tmp_, __LINE__) = (expression);           \
    if (!BO_CONCAT(bo_try_tmp_, __LINE__).ok()) {                   \
        return std::move(BO_CONCAT(bo_try_tmp_, __LINE__)).error(); \
    }                                                               \
    declaration = std::move(BO_CONCAT(bo_try_tmp_, __LINE__)).value()
