#include "platform/auth/sessions.hpp"

#include <algorithm>
#include <utility>

#include <boost/json.hpp>

#include "platform/access/roles.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/passwords.hpp"
#include "platform/auth/queries.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::platform::auth {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::int64_t micros_per_second = 1'000'000;

// The argon2id hash verified when the user does not exist, so that an unknown username costs
// as much time as a wrong password. Made once, of a random password nobody knows.
const std::string& dummy_hash() {
    static const std::string hash = hash_password(generate_password()).value();
    return hash;
}

std::string json_text(const boost::json::value& value) {
    return boost::json::serialize(value);
}

Actor actor_of(const SignInRequest& request,
               tenancy::CompanyId company,
               UserId user,
               std::string_view username) {
    return Actor{.company = company,
                 .user = user,
                 .username = std::string(username),
                 .request_id = request.request_id,
                 .client_address = request.client_address};
}

std::int64_t window_start_us(core::Instant now) {
    const std::int64_t micros = now.unix_micros();
    const std::int64_t offset = micros % sign_in_address_window_us;
    return micros - (offset < 0 ? offset + sign_in_address_window_us : offset);
}

// Counts a failed attempt against the address and, for a known active user, against the user
// (locking them at the limit); records the audit events. Answers the refusal to give.
core::Result<Refusal> record_failure(store::Txn& txn,
                                     const core::Clock& clock,
                                     const SignInRequest& request,
                                     const std::optional<tenancy::Company>& company,
                                     const std::optional<queries::SignInRow>& user) {
    const core::Instant now = clock.now();
    BO_TRY(queries::add_address_failure(txn, request.client_address, window_start_us(now)));
    if (!company) {
        return Refusal::bad_credentials;  // no company, so no audit trail to write to
    }
    const UserId user_id = user ? user->id : UserId();
    const Actor actor = actor_of(request, company->id, user_id, request.username);
    BO_TRY(audit::record(txn,
                         clock,
                         actor,
                         {.action = "session.sign_in_failed",
                          .entity_type = "user",
                          .entity_id = user ? user_id.to_string() : std::string(),
                          .changes = {}}));
    if (!user || user->status == UserStatus::disabled) {
        return Refusal::bad_credentials;
    }
    if (user->status == UserStatus::locked) {
        return Refusal::locked;
    }
    BO_TRY_ASSIGN(const std::int64_t failures,
                  queries::add_failed_sign_in(txn, company->id, user_id));
    if (failures < sign_in_failures_max) {
        return Refusal::bad_credentials;
    }
    BO_TRY(queries::update_status(txn, company->id, user_id, UserStatus::locked, now));
    BO_TRY(audit::record(txn,
                         clock,
                         actor,
                         {.action = "user.lock",
                          .entity_type = "user",
                          .entity_id = user_id.to_string(),
                          .changes = {{"status",
                                       json_text(boost::json::value("active")),
                                       json_text(boost::json::value("locked"))}}}));
    return Refusal::locked;
}

// Opens the session of a user whose password was right.
core::Result<NewSession> open_session(store::Txn& txn,
                                      const core::Clock& clock,
                                      const SignInRequest& request,
                                      const tenancy::Company& company,
                                      UserId user_id) {
    const core::Instant now = clock.now();
    BO_TRY(queries::reset_failed_sign_ins(txn, company.id, user_id));
    BO_TRY_ASSIGN(std::optional<User> user, queries::select_user_by_id(txn, company.id, user_id));
    BO_ASSERT(user.has_value());  // its row was just read in this transaction
    NewSession session{.token = secrets::new_token("", company.id),
                       .expires_at = core::Instant(now.unix_micros() + session_lifetime_us),
                       .user = std::move(*user),
                       .company = company,
                       .caller = {}};
    BO_TRY_ASSIGN(session.caller,
                  caller_for(txn, company.id, user_id, session.user.username, AuthMethod::session));
    session.caller.csrf_token = secrets::random_text();
    session.caller.actor.request_id = request.request_id;
    session.caller.actor.client_address = request.client_address;
    BO_TRY_ASSIGN(session.caller.credential_id,
                  queries::insert_session(txn,
                                          {.company = company.id,
                                           .user = user_id,
                                           .token_hash = secrets::hash_hex(session.token),
                                           .csrf_token = session.caller.csrf_token,
                                           .client_address = request.client_address,
                                           .created_at = now,
                                           .expires_at = session.expires_at}));
    BO_TRY(audit::record(txn,
                         clock,
                         session.caller.actor,
                         {.action = "session.sign_in",
                          .entity_type = "session",
                          .entity_id = std::to_string(session.caller.credential_id),
                          .changes = {}}));
    return session;
}

// A resolved caller and until when its credential is valid (what the cache keeps).
struct Resolved {
    Caller caller;
    core::Instant expires_at{0};
};

core::Result<Resolved> resolve_session(store::Txn& txn,
                                       const core::Clock& clock,
                                       tenancy::CompanyId company,
                                       std::string_view token_hash) {
    BO_TRY_ASSIGN(const std::optional<queries::SessionRow> session,
                  queries::select_session(txn, company, token_hash));
    if (!session) {
        return Error(ErrorCode::unauthenticated, "the session is not valid; sign in again");
    }
    if (session->revoked_at) {
        return Error(ErrorCode::unauthenticated, "the session was signed out; sign in again");
    }
    if (clock.now() >= session->expires_at) {
        return Error(ErrorCode::unauthenticated, "the session has expired; sign in again");
    }
    if (session->status != UserStatus::active) {
        return Error(ErrorCode::unauthenticated,
                     "the account is " + std::string(to_string(session->status)));
    }
    BO_TRY_ASSIGN(Caller caller,
                  caller_for(txn, company, session->user, session->username, AuthMethod::session));
    caller.csrf_token = session->csrf_token;
    caller.credential_id = session->id;
    return Resolved{std::move(caller), session->expires_at};
}

core::Result<Resolved> resolve_token(store::Txn& txn,
                                     const core::Clock& clock,
                                     tenancy::CompanyId company,
                                     std::string_view token_hash) {
    BO_TRY_ASSIGN(const std::optional<queries::TokenRow> row,
                  queries::select_token_by_hash(txn, company, token_hash));
    if (!row) {
        return Error(ErrorCode::unauthenticated, "the API token is not valid");
    }
    if (row->token.revoked_at) {
        return Error(ErrorCode::unauthenticated, "the API token was revoked");
    }
    if (clock.now() >= row->token.expires_at) {
        return Error(ErrorCode::unauthenticated, "the API token has expired");
    }
    if (row->status != UserStatus::active) {
        return Error(ErrorCode::unauthenticated,
                     "the account is " + std::string(to_string(row->status)));
    }
    BO_TRY_ASSIGN(Caller caller,
                  caller_for(txn, company, row->token.user_id, row->username, AuthMethod::token));
    // A token may use what its user may do now, within its scopes (and the signed-in ones).
    access::PermissionSet narrowed;
    for (const std::string& scope : row->token.scopes) {
        if (caller.permissions.contains(scope)) {
            narrowed.add(scope);
        }
    }
    for (const std::string_view permission : access::signed_in_permissions()) {
        narrowed.add(permission);
    }
    caller.permissions = std::move(narrowed);
    caller.credential_id = row->token.id.value();
    return Resolved{std::move(caller), row->token.expires_at};
}

// Resolves one credential, through the cache when there is one. The epoch is read before
// anything else, so that what is resolved is at least as new as the epoch it is tagged with.
core::Result<Caller> authenticate_credential(store::Txn& txn,
                                             const core::Clock& clock,
                                             CallerCacheUse* cache,
                                             CredentialKind kind,
                                             std::string_view token) {
    const bool session = kind == CredentialKind::session;
    if (cache != nullptr) {
        cache->resolved.reset();  // left by an earlier attempt of a retried transaction
    }
    const std::optional<tenancy::CompanyId> company =
        secrets::company_of(token, session ? std::string_view() : api_token_prefix);
    if (!company) {
        return Error(
            ErrorCode::unauthenticated,
            session ? "the session is not valid; sign in again" : "the API token is not valid");
    }
    const std::string token_hash = secrets::hash_hex(token);
    std::int64_t epoch = 0;
    if (cache != nullptr) {
        BO_TRY_ASSIGN(epoch, queries::select_auth_epoch(txn, *company));
        if (auto hit = cache->cache.find(kind, token_hash, *company, epoch, clock.now())) {
            return Caller(*hit);
        }
    }
    BO_TRY_ASSIGN(Resolved resolved,
                  session ? resolve_session(txn, clock, *company, token_hash)
                          : resolve_token(txn, clock, *company, token_hash));
    if (cache != nullptr) {
        cache->resolved = ResolvedCaller{.kind = kind,
                                         .token_hash = token_hash,
                                         .epoch = epoch,
                                         .expires_at = resolved.expires_at,
                                         .caller = resolved.caller};
    }
    return std::move(resolved.caller);
}

}  // namespace

core::Error SignInOutcome::error() const {
    BO_ASSERT(refusal.has_value());
    switch (*refusal) {
        case Refusal::bad_credentials:
            return Error(ErrorCode::unauthenticated, "the company, username or password is wrong");
        case Refusal::locked:
            return Error(ErrorCode::forbidden,
                         "the account is locked after " + std::to_string(sign_in_failures_max)
                             + " failed sign-ins; an administrator must unlock it");
        case Refusal::throttled:
            return Error(ErrorCode::limit_exceeded,
                         "too many failed sign-ins from this address; try again in "
                             + std::to_string(retry_after_s) + " seconds");
    }
    BO_ASSERT(false);
    return Error(ErrorCode::internal, "unreachable");
}

core::Result<PasswordCheck> check_password_ahead(store::Database& database,
                                                 const SignInRequest& request) {
    std::string hash = dummy_hash();
    BO_TRY(database.transact(store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(const std::optional<tenancy::Company> company,
                      tenancy::find_company(txn, request.company));
        if (company) {
            BO_TRY_ASSIGN(const std::optional<queries::SignInRow> user,
                          queries::select_sign_in_row(txn, company->id, request.username));
            if (user) {
                hash = user->password_hash;
            }
        }
        return core::ok();
    }));
    const bool right = verify_password(hash, request.password);
    return PasswordCheck{.hash = std::move(hash), .right = right};
}

core::Result<SignInOutcome> sign_in(store::Txn& txn,
                                    const core::Clock& clock,
                                    const SignInRequest& request,
                                    const PasswordCheck* ahead) {
    const core::Instant now = clock.now();
    const std::int64_t window = window_start_us(now);
    BO_TRY_ASSIGN(const std::int64_t address_failures,
                  queries::select_address_failures(txn, request.client_address, window));
    if (address_failures >= sign_in_address_failures_max) {
        const std::int64_t retry_us = window + sign_in_address_window_us - now.unix_micros();
        return SignInOutcome{
            .session = std::nullopt,
            .refusal = Refusal::throttled,
            .retry_after_s = (retry_us + micros_per_second - 1) / micros_per_second};
    }
    BO_TRY_ASSIGN(const std::optional<tenancy::Company> company,
                  tenancy::find_company(txn, request.company));
    std::optional<queries::SignInRow> user;
    if (company) {
        BO_TRY_ASSIGN(user, queries::select_sign_in_row(txn, company->id, request.username));
    }
    const std::string& hash = user ? user->password_hash : dummy_hash();
    const bool password_right = ahead != nullptr && ahead->hash == hash
                                    ? ahead->right
                                    : verify_password(hash, request.password);
    if (!password_right || !user || user->status != UserStatus::active) {
        SignInOutcome outcome;
        if (password_right && user && user->status == UserStatus::locked) {
            outcome.refusal = Refusal::locked;  // the right password: no new failure to count
            return outcome;
        }
        BO_TRY_ASSIGN(outcome.refusal, record_failure(txn, clock, request, company, user));
        return outcome;
    }
    BO_TRY_ASSIGN(NewSession session, open_session(txn, clock, request, *company, user->id));
    return SignInOutcome{.session = std::move(session), .refusal = std::nullopt};
}

core::Result<void> sign_out(store::Txn& txn, const core::Clock& clock, const Caller& caller) {
    if (caller.method != AuthMethod::session) {
        return Error(ErrorCode::conflict,
                     "signed in with an API token, which has no session; revoke the token with "
                     "DELETE /api/v1/tokens/{id}");
    }
    BO_TRY(queries::revoke_session(txn, caller.actor.company, caller.credential_id, clock.now()));
    return audit::record(txn,
                         clock,
                         caller.actor,
                         {.action = "session.sign_out",
                          .entity_type = "session",
                          .entity_id = std::to_string(caller.credential_id),
                          .changes = {}});
}

core::Result<Caller> caller_for(store::Txn& txn,
                                tenancy::CompanyId company,
                                UserId user,
                                std::string_view username,
                                AuthMethod method) {
    Caller caller;
    caller.actor.company = company;
    caller.actor.user = user;
    caller.actor.username = std::string(username);
    caller.method = method;
    BO_TRY_ASSIGN(caller.roles, queries::select_user_roles(txn, company, user));
    BO_TRY_ASSIGN(access::Grant grant, access::resolve_roles(txn, company, caller.roles));
    caller.permissions = std::move(grant.permissions);
    for (const std::string_view permission : access::signed_in_permissions()) {
        caller.permissions.add(permission);
    }
    if (grant.department_scoped) {
        BO_TRY_ASSIGN(caller.department_scope,
                      queries::select_user_departments(txn, company, user));
    }
    return caller;
}

core::Result<Caller> authenticate(store::Txn& txn,
                                  const core::Clock& clock,
                                  const Credentials& credentials,
                                  const std::string& request_id,
                                  const std::string& client_address,
                                  CallerCacheUse* cache) {
    core::Result<Caller> caller = Caller{};
    if (!credentials.bearer_token.empty()) {
        caller = authenticate_credential(
            txn, clock, cache, CredentialKind::token, credentials.bearer_token);
    } else if (!credentials.session_token.empty()) {
        caller = authenticate_credential(
            txn, clock, cache, CredentialKind::session, credentials.session_token);
    }
    if (caller.ok()) {
        caller->actor.request_id = request_id;
        caller->actor.client_address = client_address;
    }
    return caller;
}

}  // namespace bo::platform::auth
