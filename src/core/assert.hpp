// Assertions that stay on in every build.
//
// BO_ASSERT guards programmer errors only: a broken invariant, a violated precondition. User
// input never reaches one; bad input is an Error value (see result.hpp). A failed assertion
// prints the expression and its location to stderr and aborts the process.
// Thread safety: safe from any thread.
#pragma once

namespace bo::core {

// Prints "assertion failed: <expr> at <file>:<line>" and aborts. Never returns.
[[noreturn]] void assertion_failed(const char* expression, const char* file, int line) noexcept;

}  // namespace bo::core

#define BO_ASSERT(condition)                                              \
    do {                                                                  \
        if (!(condition)) {                                               \
            ::bo::core::assertion_failed(#condition, __FILE__, __LINE__); \
        }                                                                 \
    } while (false)
