// Goal: sign-in, sessions, the failure lock, the per-address throttle, API tokens and role
// resolution behave as sessions.hpp, tokens.hpp and roles.hpp promise, on both backends.
// Method: each test gets a fresh migrated database (StorageTest) with company ACME and a few
// users, and its own FixedClock that tests move to cross expiry times and throttle windows.
// Passwords are real argon2id hashes, so each sign-in costs ~0.1 s; tests keep them few.
// Every authentication goes through one CallerCache per test (stored after commit, as the API
// does), so each test that changes a session, token, role or user and then authenticates again
// also checks that the cache never answers what the database would refuse.
#include <gtest/gtest.h>

#include "platform/access/roles.hpp"
#include "platform/auth/queries.hpp"
#include "platform/auth/service.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/auth/tokens.hpp"
#include "platform/storage_fixture.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::platform::auth {
namespace {

using testing::only_field;

constexpr std::string_view good_password = "correct horse battery";
constexpr std::int64_t hour_us = std::int64_t{3600} * 1'000'000;
constexpr std::int64_t day_us = 24 * hour_us;

class AuthTest : public testing::StorageTest {
protected:
    void SetUp() override {
        StorageTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        const auto company = in_txn([&](store::Txn& txn) {
            return tenancy::create_company(
                txn,
                clock_,
                {.code = "ACME", .name = "Acme", .functional_currency = "EUR", .time_zone = "UTC"});
        });
        ASSERT_TRUE(company.ok()) << company.error().message();
        company_ = company->id;
        admin_ = Actor{.company = company_,
                       .user = {},
                       .username = "test",
                       .request_id = "t",
                       .client_address = "local"};
    }

    UserId add_user(const std::string& username, std::vector<std::string> roles) {
        const auto user = in_txn([&](store::Txn& txn) {
            return create_user(txn,
                               clock_,
                               admin_,
                               {.username = username,
                                .display_name = username,
                                .email = "",
                                .password = std::string(good_password),
                                .roles = std::move(roles)});
        });
        EXPECT_TRUE(user.ok()) << user.error().message();
        return user.ok() ? user->id : UserId();
    }

    SignInOutcome attempt(const std::string& company,
                          const std::string& username,
                          std::string_view password,
                          const std::string& address = "192.0.2.1") {
        const auto outcome = in_txn([&](store::Txn& txn) {
            return sign_in(txn,
                           clock_,
                           {.company = company,
                            .username = username,
                            .password = std::string(password),
                            .client_address = address,
                            .request_id = "r"});
        });
        EXPECT_TRUE(outcome.ok()) << outcome.error().message();
        return outcome.ok() ? *outcome : SignInOutcome{};
    }

    // Authenticates through the test's cache; `statements` counts what the transaction ran.
    core::Result<Caller> authenticate_with(const Credentials& credentials,
                                           int* statements = nullptr) {
        CallerCacheUse use{cache_};
        auto caller = in_txn([&](store::Txn& txn) {
            CountingTxn counting(txn);
            auto answer = authenticate(counting, clock_, credentials, "r", "192.0.2.1", &use);
            if (statements != nullptr) {
                *statements = counting.statements;
            }
            return answer;
        });
        if (caller.ok() && use.resolved) {
            cache_.store(std::move(*use.resolved));  // committed
        }
        return caller;
    }

    // Runs `sql` as the store would for a service (for changes no service makes yet).
    void run_sql(const std::string& sql, const std::vector<store::Value>& params) {
        const auto done = in_txn([&](store::Txn& txn) { return txn.execute(sql, params); });
        ASSERT_TRUE(done.ok()) << done.error().message();
    }

    // A Txn that counts the statements it passes on.
    struct CountingTxn final : store::Txn {
        explicit CountingTxn(store::Txn& inner_txn) : inner(inner_txn) {}

        core::Result<store::Rows> query(std::string_view sql, store::Params params) override {
            ++statements;
            return inner.query(sql, params);
        }

        core::Result<std::int64_t> execute(std::string_view sql, store::Params params) override {
            ++statements;
            return inner.execute(sql, params);
        }

        core::Result<void> execute_batch(std::string_view sql,
                                         std::span<const std::vector<store::Value>> rows) override {
            ++statements;
            return inner.execute_batch(sql, rows);
        }

        core::Result<void> execute_script(std::string_view sql) override {
            ++statements;
            return inner.execute_script(sql);
        }

        store::Backend backend() const noexcept override { return inner.backend(); }

        store::Txn& inner;
        int statements = 0;
    };

    CallerCache cache_;
    core::FixedClock clock_{core::Instant(testing::fixed_clock_us)};
    tenancy::CompanyId company_;
    Actor admin_;
};

TEST_P(AuthTest, RightPasswordOpensASessionThatAuthenticates) {
    const UserId alice = add_user("alice", {"ap_clerk"});
    const SignInOutcome outcome = attempt("ACME", "alice", good_password);
    ASSERT_TRUE(outcome.session.has_value());
    const NewSession& session = *outcome.session;
    EXPECT_EQ(session.user.id, alice);
    EXPECT_EQ(session.company.code, "ACME");
    EXPECT_EQ(session.expires_at.unix_micros(), testing::fixed_clock_us + session_lifetime_us);
    EXPECT_FALSE(session.caller.csrf_token.empty());
    EXPECT_EQ(session.token.find("ACME"), std::string::npos);  // the cookie names no secrets

    const auto caller = authenticate_with({.session_token = session.token, .bearer_token = ""});
    ASSERT_TRUE(caller.ok()) << caller.error().message();
    EXPECT_EQ(caller->method, AuthMethod::session);
    EXPECT_EQ(caller->actor.user, alice);
    EXPECT_EQ(caller->actor.company, company_);
    EXPECT_EQ(caller->actor.username, "alice");
    EXPECT_EQ(caller->actor.client_address, "192.0.2.1");
    EXPECT_EQ(caller->csrf_token, session.caller.csrf_token);
    EXPECT_EQ(caller->roles, (std::vector<std::string>{"ap_clerk"}));
    EXPECT_TRUE(caller->permissions.contains("payables.enter"));
    EXPECT_TRUE(caller->permissions.contains("self.profile"));
    EXPECT_FALSE(caller->permissions.contains("payables.approve"));
    EXPECT_FALSE(caller->department_scope.has_value());
}

TEST_P(AuthTest, NoCredentialsIsTheAnonymousCaller) {
    const auto caller = authenticate_with({});
    ASSERT_TRUE(caller.ok());
    EXPECT_FALSE(caller->authenticated());
    EXPECT_TRUE(caller->permissions.all().empty());
}

TEST_P(AuthTest, WrongPasswordUnknownUserAndUnknownCompanyAreRefusedAlike) {
    add_user("alice", {"ap_clerk"});
    const SignInOutcome wrong = attempt("ACME", "alice", "not the password");
    const SignInOutcome nobody = attempt("ACME", "bob", good_password);
    const SignInOutcome elsewhere = attempt("NOPE", "alice", good_password);
    for (const SignInOutcome* outcome : {&wrong, &nobody, &elsewhere}) {
        ASSERT_FALSE(outcome->session.has_value());
        ASSERT_EQ(outcome->refusal, Refusal::bad_credentials);
        EXPECT_EQ(outcome->error().code(), core::ErrorCode::unauthenticated);
        EXPECT_EQ(outcome->error().message(), wrong.error().message());
    }
}

TEST_P(AuthTest, GarbageAndUnknownTokensAreUnauthenticated) {
    for (const std::string token :
         {"x", "1.short", "999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
        const auto caller = authenticate_with({.session_token = token, .bearer_token = ""});
        ASSERT_FALSE(caller.ok()) << token;
        EXPECT_EQ(caller.error().code(), core::ErrorCode::unauthenticated);
        const auto bearer = authenticate_with({.session_token = "", .bearer_token = token});
        ASSERT_FALSE(bearer.ok()) << token;
        EXPECT_EQ(bearer.error().code(), core::ErrorCode::unauthenticated);
    }
}

TEST_P(AuthTest, SessionExpiresAfterTwelveHours) {
    add_user("alice", {"employee"});
    const SignInOutcome outcome = attempt("ACME", "alice", good_password);
    ASSERT_TRUE(outcome.session.has_value());
    const Credentials cookie{.session_token = outcome.session->token, .bearer_token = ""};
    clock_.advance(session_lifetime_us - 1);
    EXPECT_TRUE(authenticate_with(cookie).ok());
    clock_.advance(1);
    const auto expired = authenticate_with(cookie);
    ASSERT_FALSE(expired.ok());
    EXPECT_EQ(expired.error().code(), core::ErrorCode::unauthenticated);
    EXPECT_NE(expired.error().message().find("expired"), std::string::npos);
}

TEST_P(AuthTest, SignOutRevokesTheSession) {
    add_user("alice", {"employee"});
    const SignInOutcome outcome = attempt("ACME", "alice", good_password);
    ASSERT_TRUE(outcome.session.has_value());
    const Credentials cookie{.session_token = outcome.session->token, .bearer_token = ""};
    const auto caller = authenticate_with(cookie);
    ASSERT_TRUE(caller.ok());
    ASSERT_TRUE(in_txn([&](store::Txn& txn) { return sign_out(txn, clock_, *caller); }).ok());
    const auto after = authenticate_with(cookie);
    ASSERT_FALSE(after.ok());
    EXPECT_EQ(after.error().code(), core::ErrorCode::unauthenticated);
}

TEST_P(AuthTest, ACachedCallerCostsOneReadOfTheAuthEpoch) {
    add_user("alice", {"ap_clerk"});
    const SignInOutcome outcome = attempt("ACME", "alice", good_password);
    ASSERT_TRUE(outcome.session.has_value());
    const Credentials cookie{.session_token = outcome.session->token, .bearer_token = ""};
    int first_statements = 0;
    const auto first = authenticate_with(cookie, &first_statements);
    ASSERT_TRUE(first.ok()) << first.error().message();
    EXPECT_EQ(cache_.size(), 1U);
    int second_statements = 0;
    const auto second = authenticate_with(cookie, &second_statements);
    ASSERT_TRUE(second.ok()) << second.error().message();
    EXPECT_GT(first_statements, 1);
    EXPECT_EQ(second_statements, 1);  // the epoch, nothing else
    EXPECT_EQ(second->actor.user, first->actor.user);
    EXPECT_EQ(second->actor.request_id, "r");
    EXPECT_EQ(second->actor.client_address, "192.0.2.1");
    EXPECT_EQ(second->csrf_token, first->csrf_token);
    EXPECT_EQ(second->credential_id, first->credential_id);
    EXPECT_EQ(second->roles, first->roles);
    EXPECT_EQ(second->permissions.all(), first->permissions.all());
}

TEST_P(AuthTest, CachedCallersFollowRolesDepartmentsPermissionsAndStatus) {
    const UserId maria = add_user("maria", {"manager", "employee"});
    const SignInOutcome outcome = attempt("ACME", "maria", good_password);
    ASSERT_TRUE(outcome.session.has_value());
    const Credentials cookie{.session_token = outcome.session->token, .bearer_token = ""};
    auto now = [&] {
        auto caller = authenticate_with(cookie);
        EXPECT_TRUE(caller.ok()) << caller.error().message();
        return caller.ok() ? *caller : Caller{};
    };
    ASSERT_TRUE(now().department_scope.has_value());
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_user_departments(txn, clock_, admin_, maria, {3, 7});
                }).ok());
    EXPECT_EQ(now().department_scope, (std::vector<std::int64_t>{3, 7}));

    EXPECT_FALSE(now().permissions.contains("payables.enter"));
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_user_roles(txn, clock_, admin_, maria, {"ap_clerk"});
                }).ok());
    EXPECT_TRUE(now().permissions.contains("payables.enter"));

    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return access::create_role(txn,
                                               clock_,
                                               admin_,
                                               {.id = "buyer",
                                                .name = "Buyer",
                                                .permissions = {"sales.read", "sales.order"},
                                                .department_scoped = false});
                }).ok());
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_user_roles(txn, clock_, admin_, maria, {"buyer"});
                }).ok());
    EXPECT_TRUE(now().permissions.contains("sales.order"));
    // No service edits a custom role's permissions yet; the triggers watch the table anyway.
    run_sql("DELETE FROM role_permissions WHERE company_id = $1 AND permission = $2",
            {company_.value(), std::string("sales.order")});
    EXPECT_FALSE(now().permissions.contains("sales.order"));
    EXPECT_TRUE(now().permissions.contains("sales.read"));

    run_sql("UPDATE users SET status = 'disabled' WHERE company_id = $1 AND id = $2",
            {company_.value(), maria.value()});
    const auto disabled = authenticate_with(cookie);
    ASSERT_FALSE(disabled.ok());
    EXPECT_EQ(disabled.error().code(), core::ErrorCode::unauthenticated);
}

TEST_P(AuthTest, EveryChangeOfWhoMayDoWhatBumpsTheAuthEpoch) {
    const UserId alice = add_user("alice", {"employee"});
    const SignInOutcome outcome = attempt("ACME", "alice", good_password);
    ASSERT_TRUE(outcome.session.has_value());
    auto epoch = [&] {
        auto read =
            in_txn([&](store::Txn& txn) { return queries::select_auth_epoch(txn, company_); });
        EXPECT_TRUE(read.ok());
        return read.ok() ? *read : -1;
    };
    const std::vector<store::Value> ids{company_.value(), alice.value()};

    struct Change {
        std::string what;
        std::string sql;
    };

    const std::vector<Change> changes = {
        {"user status", "UPDATE users SET status = 'locked' WHERE company_id = $1 AND id = $2"},
        {"username", "UPDATE users SET username = 'alicia' WHERE company_id = $1 AND id = $2"},
        {"role added", "INSERT INTO user_roles (company_id, user_id, role) VALUES ($1, $2, 'x')"},
        {"role removed", "DELETE FROM user_roles WHERE company_id = $1 AND user_id = $2"},
        {"department", "INSERT INTO user_departments VALUES ($1, $2, 5)"},
        {"session revoked",
         "UPDATE sessions SET revoked_at_us = 1 WHERE company_id = $1 AND "
         "user_id = $2"},
        {"session deleted", "DELETE FROM sessions WHERE company_id = $1 AND user_id = $2"},
    };
    for (const Change& change : changes) {
        const std::int64_t before = epoch();
        run_sql(change.sql, ids);
        EXPECT_GT(epoch(), before) << change.what;
    }
    // Counting failed sign-ins changes nobody's rights: no bump, the cache stays warm.
    const std::int64_t before = epoch();
    run_sql("UPDATE users SET failed_sign_ins = 1 WHERE company_id = $1 AND id = $2", ids);
    EXPECT_EQ(epoch(), before);
}

TEST_P(AuthTest, FiveFailuresInARowLockUntilUnlocked) {
    const UserId alice = add_user("alice", {"employee"});
    for (std::int64_t failure = 1; failure < sign_in_failures_max; ++failure) {
        EXPECT_EQ(attempt("ACME", "alice", "wrong password!").refusal, Refusal::bad_credentials);
    }
    const SignInOutcome locking = attempt("ACME", "alice", "wrong password!");
    EXPECT_EQ(locking.refusal, Refusal::locked);
    EXPECT_EQ(locking.error().code(), core::ErrorCode::forbidden);
    EXPECT_NE(locking.error().message().find("locked"), std::string::npos);
    // Now even the right password is refused, with the same clear message.
    const SignInOutcome right = attempt("ACME", "alice", good_password);
    EXPECT_FALSE(right.session.has_value());
    EXPECT_EQ(right.refusal, Refusal::locked);
    const auto found =
        in_txn([&](store::Txn& txn) { return find_user_by_id(txn, company_, alice); });
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->status, UserStatus::locked);

    const auto unlocked =
        in_txn([&](store::Txn& txn) { return unlock_user(txn, clock_, admin_, alice); });
    ASSERT_TRUE(unlocked.ok()) << unlocked.error().message();
    EXPECT_EQ(unlocked->status, UserStatus::active);
    EXPECT_TRUE(attempt("ACME", "alice", good_password).session.has_value());
    // The count started again from zero.
    EXPECT_EQ(attempt("ACME", "alice", "wrong password!").refusal, Refusal::bad_credentials);
}

TEST_P(AuthTest, ASuccessResetsTheFailureCount) {
    add_user("alice", {"employee"});
    for (std::int64_t failure = 1; failure < sign_in_failures_max; ++failure) {
        attempt("ACME", "alice", "wrong password!");
    }
    ASSERT_TRUE(attempt("ACME", "alice", good_password).session.has_value());
    for (std::int64_t failure = 1; failure < sign_in_failures_max; ++failure) {
        EXPECT_EQ(attempt("ACME", "alice", "wrong password!").refusal, Refusal::bad_credentials);
    }
}

TEST_P(AuthTest, UnlockingAnUnknownUserIsNotFound) {
    const auto missing =
        in_txn([&](store::Txn& txn) { return unlock_user(txn, clock_, admin_, UserId(999)); });
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), core::ErrorCode::not_found);
}

TEST_P(AuthTest, AnAddressIsThrottledPastTheLimitUntilTheWindowEnds) {
    add_user("alice", {"employee"});
    for (std::int64_t failure = 0; failure < sign_in_address_failures_max; ++failure) {
        EXPECT_EQ(
            attempt("ACME", "user" + std::to_string(failure), "guess", "198.51.100.7").refusal,
            Refusal::bad_credentials);
    }
    const SignInOutcome throttled = attempt("ACME", "alice", good_password, "198.51.100.7");
    EXPECT_FALSE(throttled.session.has_value());
    EXPECT_EQ(throttled.refusal, Refusal::throttled);
    EXPECT_GT(throttled.retry_after_s, 0);
    EXPECT_EQ(throttled.error().code(), core::ErrorCode::limit_exceeded);
    // Other addresses are not affected; the throttled one recovers in the next window.
    EXPECT_TRUE(attempt("ACME", "alice", good_password, "203.0.113.9").session.has_value());
    clock_.advance(sign_in_address_window_us);
    EXPECT_TRUE(attempt("ACME", "alice", good_password, "198.51.100.7").session.has_value());
}

TEST_P(AuthTest, AdminResetChangesThePasswordAndEndsSessions) {
    const UserId alice = add_user("alice", {"employee"});
    const SignInOutcome before = attempt("ACME", "alice", good_password);
    ASSERT_TRUE(before.session.has_value());
    const auto too_short = in_txn(
        [&](store::Txn& txn) { return reset_password(txn, clock_, admin_, alice, "short"); });
    ASSERT_FALSE(too_short.ok());
    EXPECT_EQ(only_field(too_short.error()), "password");
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return reset_password(txn, clock_, admin_, alice, "a brand new secret");
                }).ok());
    EXPECT_FALSE(
        authenticate_with({.session_token = before.session->token, .bearer_token = ""}).ok());
    EXPECT_EQ(attempt("ACME", "alice", good_password).refusal, Refusal::bad_credentials);
    EXPECT_TRUE(attempt("ACME", "alice", "a brand new secret").session.has_value());
}

// The API checks the password before the sign-in's transaction (check_password_ahead), so the
// slow hash check does not hold the writer. A verdict about a hash that has since been
// replaced must not count: the old password stops working the moment it is reset.
TEST_P(AuthTest, APasswordCheckedAheadCountsOnlyWhileTheHashIsUnchanged) {
    const UserId alice = add_user("alice", {"employee"});
    const SignInRequest old_password{.company = "ACME",
                                     .username = "alice",
                                     .password = std::string(good_password),
                                     .client_address = "192.0.2.1",
                                     .request_id = "r"};
    const auto ahead = check_password_ahead(db(), old_password);
    ASSERT_TRUE(ahead.ok()) << ahead.error().message();
    EXPECT_TRUE(ahead->right);
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return reset_password(txn, clock_, admin_, alice, "a brand new secret");
                }).ok());
    const auto stale = in_txn(
        [&](store::Txn& txn) { return sign_in(txn, clock_, old_password, &*ahead); });
    ASSERT_TRUE(stale.ok()) << stale.error().message();
    EXPECT_EQ(stale->refusal, Refusal::bad_credentials);

    SignInRequest new_password = old_password;
    new_password.password = "a brand new secret";
    const auto fresh = check_password_ahead(db(), new_password);
    ASSERT_TRUE(fresh.ok()) << fresh.error().message();
    const auto signed_in = in_txn(
        [&](store::Txn& txn) { return sign_in(txn, clock_, new_password, &*fresh); });
    ASSERT_TRUE(signed_in.ok()) << signed_in.error().message();
    EXPECT_TRUE(signed_in->session.has_value());

    SignInRequest unknown = old_password;
    unknown.username = "nobody";
    const auto nobody = check_password_ahead(db(), unknown);
    ASSERT_TRUE(nobody.ok()) << nobody.error().message();
    EXPECT_FALSE(nobody->right);
}

TEST_P(AuthTest, UnknownRolesAreRefusedAtCreation) {
    const auto refused = in_txn([&](store::Txn& txn) {
        return create_user(txn,
                           clock_,
                           admin_,
                           {.username = "carol",
                            .display_name = "Carol",
                            .email = "",
                            .password = std::string(good_password),
                            .roles = {"ap_clerk", "wizard"}});
    });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(only_field(refused.error()), "roles/1");
}

// --- API tokens --------------------------------------------------------------------------------

class TokenTest : public AuthTest {
protected:
    Caller signed_in(const std::string& username) {
        const SignInOutcome outcome = attempt("ACME", username, good_password);
        EXPECT_TRUE(outcome.session.has_value());
        return outcome.session ? outcome.session->caller : Caller{};
    }

    core::Result<CreatedApiToken> make_token(const Caller& caller,
                                             std::vector<std::string> scopes,
                                             std::optional<core::Instant> expires_at) {
        return in_txn([&](store::Txn& txn) {
            return create_token(
                txn,
                clock_,
                caller,
                {.name = "ci", .scopes = std::move(scopes), .expires_at = expires_at});
        });
    }

    core::Instant in_days(std::int64_t days) const {
        return core::Instant(clock_.now().unix_micros() + days * day_us);
    }
};

TEST_P(TokenTest, ABearerTokenGetsItsScopesWithinItsUsersPermissions) {
    const UserId alice = add_user("alice", {"ap_clerk", "executive"});
    const Caller caller = signed_in("alice");
    const auto created = make_token(caller, {"payables.read", "payables.enter"}, in_days(30));
    ASSERT_TRUE(created.ok()) << created.error().message();
    EXPECT_TRUE(created->secret.starts_with(api_token_prefix));
    EXPECT_EQ(created->token.scopes, (std::vector<std::string>{"payables.enter", "payables.read"}));

    const Credentials bearer{.session_token = "", .bearer_token = created->secret};
    const auto as_token = authenticate_with(bearer);
    ASSERT_TRUE(as_token.ok()) << as_token.error().message();
    EXPECT_EQ(as_token->method, AuthMethod::token);
    EXPECT_EQ(as_token->actor.user, alice);
    EXPECT_TRUE(as_token->permissions.contains("payables.enter"));
    EXPECT_TRUE(as_token->permissions.contains("self.profile"));
    EXPECT_FALSE(as_token->permissions.contains("payables.approve"));  // held, but not in scope
    EXPECT_TRUE(as_token->csrf_token.empty());

    // Taking a role away from the user narrows the token at once.
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_user_roles(txn, clock_, admin_, alice, {"executive"});
                }).ok());
    const auto narrowed = authenticate_with(bearer);
    ASSERT_TRUE(narrowed.ok());
    EXPECT_TRUE(narrowed->permissions.contains("payables.read"));
    EXPECT_FALSE(narrowed->permissions.contains("payables.enter"));
}

TEST_P(TokenTest, ScopesMustBeHeldAndExpiryIsRequiredWithinAYear) {
    add_user("alice", {"ap_clerk", "executive"});
    const Caller caller = signed_in("alice");
    const auto not_held = make_token(caller, {"payroll.run"}, in_days(30));
    ASSERT_FALSE(not_held.ok());
    EXPECT_EQ(only_field(not_held.error()), "scopes/0");
    const auto unknown = make_token(caller, {"payables.read", "nope.nope"}, in_days(30));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(only_field(unknown.error()), "scopes/1");
    const auto empty = make_token(caller, {}, in_days(30));
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(only_field(empty.error()), "scopes");
    for (const std::optional<core::Instant> expiry :
         {std::optional<core::Instant>(), std::optional(in_days(0)), std::optional(in_days(366))}) {
        const auto refused = make_token(caller, {"payables.read"}, expiry);
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(only_field(refused.error()), "expires_at");
    }
    EXPECT_TRUE(make_token(caller, {"payables.read"}, in_days(365)).ok());
}

TEST_P(TokenTest, RevokedAndExpiredTokensStopWorking) {
    add_user("alice", {"ap_clerk", "executive"});
    add_user("bob", {"ap_clerk"});
    const Caller alice = signed_in("alice");
    const auto first = make_token(alice, {"payables.read"}, in_days(1));
    const auto second = make_token(alice, {"payables.read"}, in_days(10));
    ASSERT_TRUE(first.ok() && second.ok());

    // Bob may not see, let alone revoke, Alice's token.
    const Caller bob = signed_in("bob");
    const auto foreign =
        in_txn([&](store::Txn& txn) { return revoke_token(txn, clock_, bob, second->token.id); });
    ASSERT_FALSE(foreign.ok());
    EXPECT_EQ(foreign.error().code(), core::ErrorCode::not_found);

    const auto revoked =
        in_txn([&](store::Txn& txn) { return revoke_token(txn, clock_, alice, second->token.id); });
    ASSERT_TRUE(revoked.ok()) << revoked.error().message();
    EXPECT_TRUE(revoked->revoked_at.has_value());
    EXPECT_FALSE(authenticate_with({.session_token = "", .bearer_token = second->secret}).ok());
    EXPECT_TRUE(authenticate_with({.session_token = "", .bearer_token = first->secret}).ok());
    clock_.advance(day_us);
    EXPECT_FALSE(authenticate_with({.session_token = "", .bearer_token = first->secret}).ok());

    const auto listed = in_txn([&](store::Txn& txn) { return list_tokens(txn, alice); });
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 2U);
    EXPECT_EQ((*listed)[0].id, second->token.id);  // newest first
}

// --- roles -----------------------------------------------------------------------------------

class RoleTest : public AuthTest {};

TEST_P(RoleTest, PermissionsAreTheUnionOfTheRoles) {
    const auto grant = in_txn([&](store::Txn& txn) {
        return access::resolve_roles(txn, company_, {"ap_clerk", "hr_clerk", "gone"});
    });
    ASSERT_TRUE(grant.ok());
    EXPECT_TRUE(grant->permissions.contains("payables.enter"));
    EXPECT_TRUE(grant->permissions.contains("hr.manage"));
    EXPECT_FALSE(grant->permissions.contains("payroll.run"));
    EXPECT_FALSE(grant->department_scoped);
}

TEST_P(RoleTest, TheAuditorMayChangeNothing) {
    const auto grant =
        in_txn([&](store::Txn& txn) { return access::resolve_roles(txn, company_, {"auditor"}); });
    ASSERT_TRUE(grant.ok());
    EXPECT_TRUE(grant->permissions.contains("audit.verify"));
    EXPECT_TRUE(grant->permissions.contains("ledger.read"));
    for (const std::string& permission : grant->permissions.all()) {
        EXPECT_TRUE(access::is_read_only_permission(permission)) << permission;
    }
}

TEST_P(RoleTest, CustomRolesAreStoredListedAndGranted) {
    const auto created = in_txn([&](store::Txn& txn) {
        return access::create_role(txn,
                                   clock_,
                                   admin_,
                                   {.id = "night_shift",
                                    .name = "Night shift",
                                    .permissions = {"sales.read", "sales.order", "sales.read"},
                                    .department_scoped = false});
    });
    ASSERT_TRUE(created.ok()) << created.error().message();
    EXPECT_EQ(created->permissions, (std::vector<std::string>{"sales.order", "sales.read"}));
    EXPECT_FALSE(created->built_in);

    const auto roles = in_txn([&](store::Txn& txn) { return access::list_roles(txn, company_); });
    ASSERT_TRUE(roles.ok());
    ASSERT_EQ(roles->size(), access::built_in_roles().size() + 1);
    EXPECT_EQ(roles->back().id, "night_shift");

    const UserId nina = add_user("nina", {"night_shift"});
    const auto caller = in_txn([&](store::Txn& txn) {
        return caller_for(txn, company_, nina, "nina", AuthMethod::session);
    });
    ASSERT_TRUE(caller.ok()) << caller.error().message();
    EXPECT_TRUE(caller->permissions.contains("sales.order"));
    EXPECT_FALSE(caller->permissions.contains("sales.manage"));
}

TEST_P(RoleTest, CustomRolesAreValidated) {
    const auto make = [&](access::NewRole role) {
        return in_txn(
            [&](store::Txn& txn) { return access::create_role(txn, clock_, admin_, role); });
    };
    const auto built_in = make({.id = "admin", .name = "Mine", .permissions = {"sales.read"}});
    ASSERT_FALSE(built_in.ok());
    EXPECT_EQ(built_in.error().code(), core::ErrorCode::conflict);
    const auto unknown =
        make({.id = "odd", .name = "Odd", .permissions = {"sales.read", "sales.fly"}});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(only_field(unknown.error()), "permissions/1");
    const auto bad_id = make({.id = "Bad Id", .name = "Bad", .permissions = {"sales.read"}});
    ASSERT_FALSE(bad_id.ok());
    EXPECT_EQ(only_field(bad_id.error()), "id");
    ASSERT_TRUE(make({.id = "twice", .name = "Twice", .permissions = {"sales.read"}}).ok());
    const auto twice = make({.id = "twice", .name = "Twice", .permissions = {"sales.read"}});
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code(), core::ErrorCode::conflict);
}

TEST_P(RoleTest, AManagerIsLimitedToTheirDepartmentsUnlessAnotherRoleWidens) {
    const UserId maria = add_user("maria", {"manager", "employee"});
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_user_departments(txn, clock_, admin_, maria, {7, 3, 7});
                }).ok());
    const auto scoped = in_txn([&](store::Txn& txn) {
        return caller_for(txn, company_, maria, "maria", AuthMethod::session);
    });
    ASSERT_TRUE(scoped.ok());
    ASSERT_TRUE(scoped->department_scope.has_value());
    EXPECT_EQ(*scoped->department_scope, (std::vector<std::int64_t>{3, 7}));

    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_user_roles(txn, clock_, admin_, maria, {"manager", "ap_clerk"});
                }).ok());
    const auto widened = in_txn([&](store::Txn& txn) {
        return caller_for(txn, company_, maria, "maria", AuthMethod::session);
    });
    ASSERT_TRUE(widened.ok());
    EXPECT_FALSE(widened->department_scope.has_value());
}

BO_INSTANTIATE_ON_ALL_BACKENDS(AuthTest);
BO_INSTANTIATE_ON_ALL_BACKENDS(TokenTest);
BO_INSTANTIATE_ON_ALL_BACKENDS(RoleTest);

}  // namespace
}  // namespace bo::platform::auth
