// RFC 9457 problem details: the one place that maps an error code to an HTTP status.
//
// Every error the API answers is `application/problem+json` with `type`, `title`, `status`,
// `detail`, and for validation failures an `errors` list of `{field, reason}`. Messages come
// from core::Error, which never carries SQL or stack traces.
#pragma once

#include <string_view>

#include "core/result.hpp"
#include "http/message.hpp"

namespace bo::http {

// The HTTP status for an error code (the table is in problem.cpp).
unsigned status_for(core::ErrorCode code) noexcept;

// A problem+json response for an error.
Response problem(const core::Error& error);

// The same with another status than the error code's (422 for a well-formed request whose
// values fail validation): the title follows the status, type and body the error.
Response problem(const core::Error& error, unsigned status);

// A problem+json response for a protocol-level failure (404, 405, 413, ...), with a fixed
// title for the status and the given detail.
Response problem(unsigned status, std::string_view detail);

}  // namespace bo::http
