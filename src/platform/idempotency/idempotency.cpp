#include "platform/idempotency/idempotency.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "core/limits.hpp"
#include "platform/idempotency/queries.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::platform::idempotency {
namespace {

using core::Error;
using core::ErrorCode;

// The field name errors about the key carry: the HTTP header it comes from.
constexpr std::string_view key_field = "Idempotency-Key";

// Rounds of insert-or-read in one claim. A round only repeats when another transaction deleted
// or reclaimed the row between our two statements (a purge, an expired key reused), so three
// rounds end it in practice; more means something is wrong.
constexpr int claim_rounds_max = 3;

core::Result<void> check_key(std::string_view key) {
    if (key.empty()) {
        return Error::invalid(std::string(key_field), "must not be empty");
    }
    if (key.size() > core::idempotency_key_bytes_max) {
        return Error::invalid(
            std::string(key_field),
            "must be at most " + std::to_string(core::idempotency_key_bytes_max) + " bytes");
    }
    constexpr unsigned char first_printable = 0x20;
    constexpr unsigned char delete_char = 0x7F;
    bool printable = std::all_of(key.begin(), key.end(), [](char c) {
        auto byte = static_cast<unsigned char>(c);
        return byte >= first_printable && byte != delete_char;
    });
    if (!printable) {
        return Error::invalid(std::string(key_field), "must not contain control characters");
    }
    return core::ok();
}

std::string encode_headers(const std::vector<StoredHeader>& headers) {
    boost::json::array pairs;
    for (const StoredHeader& header : headers) {
        pairs.push_back(boost::json::array{boost::json::string(header.name),
                                           boost::json::string(header.value)});
    }
    return boost::json::serialize(pairs);
}

// The headers stored by encode_headers. Errors: internal for a row that is not what we wrote.
core::Result<std::vector<StoredHeader>> decode_headers(std::string_view text) {
    boost::json::error_code error;
    const boost::json::value value = boost::json::parse(text, error);
    const auto corrupt = [] {
        return tenancy::corrupt_row("idempotency_keys", "headers are not [name, value] pairs");
    };
    if (error || !value.is_array()) {
        return corrupt();
    }
    std::vector<StoredHeader> headers;
    for (const boost::json::value& pair : value.get_array()) {
        const auto* items = pair.if_array();
        if (items == nullptr || items->size() != 2 || !(*items)[0].is_string()
            || !(*items)[1].is_string()) {
            return corrupt();
        }
        headers.push_back(StoredHeader{std::string((*items)[0].get_string()),
                                       std::string((*items)[1].get_string())});
    }
    return headers;
}

}  // namespace

core::Result<Claim> claim(store::Txn& txn,
                          const Scope& scope,
                          core::Instant now,
                          core::Instant expires_at) {
    BO_TRY(check_key(scope.key));
    BO_ASSERT(!scope.fingerprint.empty());
    BO_ASSERT(expires_at > now);
    for (int round = 0; round < claim_rounds_max; ++round) {
        BO_TRY_ASSIGN(bool inserted, queries::insert_claim(txn, scope, now, expires_at));
        if (inserted) {
            return Claim{ClaimOutcome::claimed, std::nullopt};
        }
        BO_TRY_ASSIGN(std::optional<queries::StoredKey> stored, queries::select_key(txn, scope));
        if (!stored) {
            continue;  // purged between the two statements: insert again
        }
        if (stored->expires_at <= now) {
            BO_TRY_ASSIGN(bool reclaimed, queries::reclaim_expired(txn, scope, now, expires_at));
            if (reclaimed) {
                return Claim{ClaimOutcome::claimed, std::nullopt};
            }
            continue;  // another request reclaimed it first: read its outcome
        }
        if (stored->fingerprint != scope.fingerprint) {
            return Claim{ClaimOutcome::mismatch, std::nullopt};
        }
        if (stored->status == 0) {
            // Claims and completions commit together, so only this transaction's own earlier
            // claim of the same key can be seen in flight.
            return Error(ErrorCode::conflict,
                         "a request with this Idempotency-Key is still in progress");
        }
        BO_TRY_ASSIGN(std::vector<StoredHeader> headers, decode_headers(stored->headers));
        return Claim{ClaimOutcome::replay,
                     StoredResponse{static_cast<unsigned>(stored->status),
                                    std::move(stored->content_type),
                                    std::move(stored->body),
                                    std::move(headers)}};
    }
    return Error(ErrorCode::unavailable,
                 "the Idempotency-Key changed hands while it was claimed; retry the request");
}

core::Result<void> complete(store::Txn& txn,
                            const Scope& scope,
                            const StoredResponse& response,
                            core::Instant now,
                            core::Instant expires_at) {
    BO_TRY(check_key(scope.key));
    BO_ASSERT(response.status >= 100);
    BO_ASSERT(response.status <= 599);
    BO_ASSERT(expires_at > now);
    BO_TRY_ASSIGN(bool stored,
                  queries::store_response(
                      txn, scope, response, encode_headers(response.headers), expires_at));
    if (!stored) {
        return Error(ErrorCode::internal,
                     "idempotency key completed without a claim in this transaction");
    }
    return core::ok();
}

core::Result<std::int64_t> purge_expired(store::Txn& txn, core::Instant now) {
    return queries::delete_expired(txn, now);
}

}  // namespace bo::platform::idempotency
