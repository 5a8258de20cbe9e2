#include "core/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace bo::core {

void assertion_failed(const char* expression, const char* file, int line) noexcept {
    std::fprintf(stderr, "assertion failed: %s at %s:%d\n", expression, file, line);
    std::fflush(stderr);
    std::abort();
}

}  // namespace bo::core
