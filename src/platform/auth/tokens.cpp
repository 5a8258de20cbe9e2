#include "platform/auth/tokens.hpp"

#include <algorithm>
#include <utility>

#include <boost/json.hpp>

#include "platform/audit/audit.hpp"
#include "platform/auth/queries.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::platform::auth {
namespace {

using tenancy::FieldChecks;

std::string json_text(const boost::json::value& value) {
    return boost::json::serialize(value);
}

// Checks every field; answers the scopes sorted and without duplicates.
core::Result<std::vector<std::string>> validate(const Caller& caller,
                                                const NewApiToken& input,
                                                core::Instant now) {
    FieldChecks checks;
    checks.required_text("name", input.name, api_token_name_chars_max);
    if (input.scopes.empty()) {
        checks.add("scopes", "must name at least one permission");
    } else if (input.scopes.size() > access::permission_catalogue().size()) {
        checks.add("scopes", "has more items than there are permissions");
    } else {
        for (std::size_t index = 0; index < input.scopes.size(); ++index) {
            const std::string field = "scopes/" + std::to_string(index);
            if (!access::is_known_permission(input.scopes[index])) {
                checks.add(field, "is not a known permission");
            } else if (!caller.permissions.contains(input.scopes[index])) {
                checks.add(field, "you do not hold this permission");
            }
        }
    }
    if (!input.expires_at) {
        checks.add("expires_at", "is required (at most one year ahead)");
    } else if (*input.expires_at <= now) {
        checks.add("expires_at", "must be in the future");
    } else if (input.expires_at->unix_micros() - now.unix_micros() > api_token_lifetime_us_max) {
        checks.add("expires_at", "must be at most one year ahead");
    }
    BO_TRY(std::move(checks).finish("API token"));
    std::vector<std::string> scopes = input.scopes;
    std::sort(scopes.begin(), scopes.end());
    scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
    return scopes;
}

}  // namespace

core::Result<CreatedApiToken> create_token(store::Txn& txn,
                                           const core::Clock& clock,
                                           const Caller& caller,
                                           const NewApiToken& input) {
    BO_ASSERT(caller.authenticated());
    const core::Instant now = clock.now();
    BO_TRY_ASSIGN(std::vector<std::string> scopes, validate(caller, input, now));
    BO_TRY_ASSIGN(const std::int64_t live,
                  queries::count_live_tokens(txn, caller.actor.company, caller.actor.user, now));
    if (static_cast<std::size_t>(live) >= api_tokens_live_max) {
        return core::Error(core::ErrorCode::limit_exceeded,
                           "at most " + std::to_string(api_tokens_live_max)
                               + " live API tokens per user; revoke unused ones first");
    }
    CreatedApiToken created{.token = ApiToken{.id = {},
                                              .company_id = caller.actor.company,
                                              .user_id = caller.actor.user,
                                              .name = input.name,
                                              .scopes = std::move(scopes),
                                              .created_at = now,
                                              .expires_at = *input.expires_at,
                                              .revoked_at = std::nullopt},
                            .secret = secrets::new_token(api_token_prefix, caller.actor.company)};
    BO_TRY_ASSIGN(created.token.id,
                  queries::insert_token(txn, created.token, secrets::hash_hex(created.secret)));
    boost::json::array scope_list;
    for (const std::string& scope : created.token.scopes) {
        scope_list.emplace_back(scope);
    }
    BO_TRY(audit::record(
        txn,
        clock,
        caller.actor,
        {.action = "token.create",
         .entity_type = "api_token",
         .entity_id = created.token.id.to_string(),
         .changes = {{"name", std::nullopt, json_text(boost::json::value(created.token.name))},
                     {"scopes", std::nullopt, json_text(scope_list)},
                     {"expires_at",
                      std::nullopt,
                      json_text(boost::json::value(created.token.expires_at.to_rfc3339()))}}}));
    return created;
}

core::Result<std::vector<ApiToken>> list_tokens(store::Txn& txn, const Caller& caller) {
    return queries::select_user_tokens(txn,
                                       caller.actor.company,
                                       caller.actor.user,
                                       static_cast<std::int64_t>(api_tokens_listed_max));
}

core::Result<ApiToken> revoke_token(store::Txn& txn,
                                    const core::Clock& clock,
                                    const Caller& caller,
                                    ApiTokenId id) {
    BO_TRY_ASSIGN(std::optional<ApiToken> token,
                  queries::select_token(txn, caller.actor.company, id));
    if (!token
        || (token->user_id != caller.actor.user && !caller.permissions.contains("users.manage"))) {
        return core::Error(core::ErrorCode::not_found, "no API token " + id.to_string());
    }
    if (token->revoked_at) {
        return std::move(*token);
    }
    const core::Instant now = clock.now();
    BO_TRY(queries::revoke_token(txn, caller.actor.company, id, now));
    token->revoked_at = now;
    BO_TRY(audit::record(txn,
                         clock,
                         caller.actor,
                         {.action = "token.revoke",
                          .entity_type = "api_token",
                          .entity_id = id.to_string(),
                          .changes = {{"revoked_at",
                                       json_text(nullptr),
                                       json_text(boost::json::value(now.to_rfc3339()))}}}));
    return std::move(*token);
}

}  // namespace bo::platform::auth
