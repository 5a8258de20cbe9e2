#include "store/txn_support.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>

namespace bo::store {
namespace {

// A delay in [0, min(2^attempt, cap)] ms, mixed from the thread and the clock so that
// contending threads spread out without shared random state.
std::chrono::microseconds backoff(int attempt) {
    int shift = std::min(attempt, 6);
    std::int64_t ceiling_us = std::min<std::int64_t>(std::int64_t{1000} << shift,
                                                     std::int64_t{txn_backoff_ms_max} * 1000);
    auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    std::size_t mixed = std::hash<std::thread::id>{}(std::this_thread::get_id())
                        ^ (static_cast<std::size_t>(now) * 0x9E3779B97F4A7C15ULL);
    mixed ^= mixed >> 29U;
    return std::chrono::microseconds(
        static_cast<std::int64_t>(mixed % static_cast<std::size_t>(ceiling_us + 1)));
}

// Whether the code point starting at text[index] is well-formed UTF-8; advances index.
bool next_utf8(const std::string& text, std::size_t& index) {
    auto byte = [&](std::size_t at) {
        return static_cast<unsigned char>(text[at]);
    };
    unsigned char lead = byte(index);
    if (lead < 0x80U) {
        index += 1;
        return lead != 0;
    }
    std::size_t length = 0;
    std::uint32_t code = 0;
    if ((lead & 0xE0U) == 0xC0U) {
        length = 2;
        code = lead & 0x1FU;
    } else if ((lead & 0xF0U) == 0xE0U) {
        length = 3;
        code = lead & 0x0FU;
    } else if ((lead & 0xF8U) == 0xF0U) {
        length = 4;
        code = lead & 0x07U;
    } else {
        return false;
    }
    if (index + length > text.size()) {
        return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(index + k) & 0xC0U) != 0x80U) {
            return false;
        }
        code = (code << 6U) | (byte(index + k) & 0x3FU);
    }
    constexpr std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < minimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return false;
    }
    index += length;
    return true;
}

}  // namespace

core::Error TxnFailure::record(core::Error error, Transience transience) {
    if (!first_.has_value()) {
        first_ = error;
        transience_ = transience;
    }
    return error;
}

core::Result<void> TxnFailure::check() const {
    if (!first_.has_value()) {
        return core::ok();
    }
    return core::Error(first_->code(),
                       "an earlier statement of this transaction failed: " + first_->message());
}

core::Result<void> run_with_retries(const std::function<AttemptOutcome(int attempt)>& attempt) {
    for (int number = 0;; ++number) {
        AttemptOutcome outcome = attempt(number);
        if (outcome.result.ok() || outcome.transience == Transience::permanent) {
            return std::move(outcome.result);
        }
        if (number == txn_retries_max) {
            return core::Error(core::ErrorCode::unavailable,
                               "database busy: gave up after " + std::to_string(number + 1)
                                   + " attempts; last error: " + outcome.result.error().message());
        }
        std::this_thread::sleep_for(backoff(number));
    }
}

core::Result<void> check_params(Params params) {
    if (params.size() > statement_params_max) {
        return core::Error(core::ErrorCode::limit_exceeded,
                           "a statement takes at most " + std::to_string(statement_params_max)
                               + " parameters, got " + std::to_string(params.size()));
    }
    for (std::size_t number = 0; number < params.size(); ++number) {
        const auto* text = std::get_if<std::string>(&params[number]);
        if (text == nullptr) {
            continue;
        }
        for (std::size_t index = 0; index < text->size();) {
            if (!next_utf8(*text, index)) {
                return core::Error(core::ErrorCode::invalid_argument,
                                   "parameter $" + std::to_string(number + 1)
                                       + ": text is not valid UTF-8 or contains a NUL character");
            }
        }
    }
    return core::ok();
}

}  // namespace bo::store
