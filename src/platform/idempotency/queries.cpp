#include "platform/idempotency/queries.hpp"

#include <vector>

#include "platform/tenancy/validation.hpp"

namespace bo::platform::idempotency::queries {
namespace {

using store::Value;

std::vector<Value> key_params(const Scope& scope) {
    return {scope.company_id, scope.user_id, scope.key};
}

}  // namespace

core::Result<bool> insert_claim(store::Txn& txn,
                                const Scope& scope,
                                core::Instant now,
                                core::Instant expires_at) {
    std::vector<Value> params = key_params(scope);
    params.insert(params.end(), {scope.fingerprint, now.unix_micros(), expires_at.unix_micros()});
    BO_TRY_ASSIGN(
        std::int64_t inserted,
        txn.execute("INSERT INTO idempotency_keys (company_id, user_id, key, fingerprint, "
                    "status, content_type, body, created_at_us, expires_at_us) "
                    "VALUES ($1, $2, $3, $4, 0, '', '', $5, $6) "
                    "ON CONFLICT (company_id, user_id, key) DO NOTHING",
                    params));
    return inserted == 1;
}

core::Result<std::optional<StoredKey>> select_key(store::Txn& txn, const Scope& scope) {
    constexpr std::size_t headers_column = 5;  // the SELECT's sixth column
    BO_TRY_ASSIGN(std::optional<store::Row> row,
                  txn.query_optional("SELECT fingerprint, status, content_type, body, "
                                     "expires_at_us, headers FROM idempotency_keys "
                                     "WHERE company_id = $1 AND user_id = $2 AND key = $3",
                                     key_params(scope)));
    if (!row) {
        return std::optional<StoredKey>();
    }
    core::Result<core::Instant> expires_at = core::Instant::from_unix_micros(row->i64(4));
    if (!expires_at) {
        return tenancy::corrupt_row("idempotency_keys", "expires_at_us out of range");
    }
    return std::optional<StoredKey>(StoredKey{.fingerprint = row->text(0),
                                              .status = row->i64(1),
                                              .content_type = row->text(2),
                                              .body = row->text(3),
                                              .headers = row->text(headers_column),
                                              .expires_at = *expires_at});
}

core::Result<bool> reclaim_expired(store::Txn& txn,
                                   const Scope& scope,
                                   core::Instant now,
                                   core::Instant expires_at) {
    std::vector<Value> params = key_params(scope);
    params.insert(params.end(), {scope.fingerprint, now.unix_micros(), expires_at.unix_micros()});
    BO_TRY_ASSIGN(std::int64_t updated,
                  txn.execute("UPDATE idempotency_keys SET fingerprint = $4, status = 0, "
                              "content_type = '', body = '', headers = '[]', created_at_us = $5, "
                              "expires_at_us = $6 WHERE company_id = $1 AND user_id = $2 "
                              "AND key = $3 AND expires_at_us <= $5",
                              params));
    return updated == 1;
}

core::Result<bool> store_response(store::Txn& txn,
                                  const Scope& scope,
                                  const StoredResponse& response,
                                  std::string_view headers_json,
                                  core::Instant expires_at) {
    std::vector<Value> params = key_params(scope);
    params.insert(params.end(),
                  {scope.fingerprint,
                   static_cast<std::int64_t>(response.status),
                   response.content_type,
                   response.body,
                   expires_at.unix_micros(),
                   std::string(headers_json)});
    BO_TRY_ASSIGN(std::int64_t updated,
                  txn.execute("UPDATE idempotency_keys SET status = $5, content_type = $6, "
                              "body = $7, expires_at_us = $8, headers = $9 WHERE company_id = $1 "
                              "AND user_id = $2 AND key = $3 AND fingerprint = $4 AND status = 0",
                              params));
    return updated == 1;
}

core::Result<std::int64_t> delete_expired(store::Txn& txn, core::Instant now) {
    const std::vector<Value> params{now.unix_micros()};
    return txn.execute("DELETE FROM idempotency_keys WHERE expires_at_us <= $1", params);
}

}  // namespace bo::platform::idempotency::queries
