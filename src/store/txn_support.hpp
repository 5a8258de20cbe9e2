// Pieces both engines share: the retry loop of `transact`, the poisoned-transaction rule, and
// the checks every bound parameter passes before it reaches an engine.
//
// Invariants: a transaction in which one statement failed refuses every later statement and
// never commits (PostgreSQL aborts such a transaction itself; SQLite is made to behave the
// same, so that code which works on one engine works on the other).
// Thread safety: TxnFailure belongs to one Txn (one thread); the functions are pure.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "store/database.hpp"

namespace bo::store {

// Whether a failed attempt may be re-run from the start.
enum class Transience { permanent, transient };

// The first failure of a transaction, if any.
class TxnFailure {
public:
    // Records `error` (the first one wins) and returns it, for `return failure_.record(…)`.
    core::Error record(core::Error error, Transience transience);

    // ok while nothing failed; otherwise an error that repeats the first failure.
    core::Result<void> check() const;

    bool failed() const noexcept { return first_.has_value(); }

    bool transient() const noexcept { return transience_ == Transience::transient; }

private:
    std::optional<core::Error> first_;
    Transience transience_ = Transience::permanent;
};

// What one attempt of a transaction came to.
struct AttemptOutcome {
    core::Result<void> result;
    Transience transience = Transience::permanent;
};

// Runs `attempt(n)` for n = 0, 1, … until it succeeds, fails permanently, or has been retried
// txn_retries_max times (then: unavailable naming the last error). Sleeps a random back-off
// between attempts.
core::Result<void> run_with_retries(const std::function<AttemptOutcome(int attempt)>& attempt);

// Checks what no engine may see: more than statement_params_max parameters, text that is not
// UTF-8 or holds a NUL (PostgreSQL refuses both; SQLite is held to the same rule).
// Errors: invalid_argument naming the parameter ("$2").
core::Result<void> check_params(Params params);

}  // namespace bo::store
