#include "platform/auth/queries.hpp"

#include <algorithm>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::platform::auth::queries {
namespace {

core::Result<UserStatus> decode_status(const std::string& text) {
    core::Result<UserStatus> status = parse_user_status(text);
    if (!status) {
        return tenancy::corrupt_row("users", "status " + text);
    }
    return *status;
}

core::Result<core::Instant> decode_instant(std::string_view table, std::int64_t micros) {
    core::Result<core::Instant> instant = core::Instant::from_unix_micros(micros);
    if (!instant) {
        return tenancy::corrupt_row(table, "instant out of range");
    }
    return *instant;
}

core::Result<std::optional<core::Instant>> decode_optional_instant(std::string_view table,
                                                                   const store::Row& row,
                                                                   std::size_t column) {
    if (row.is_null(column)) {
        return std::optional<core::Instant>();
    }
    BO_TRY_ASSIGN(const core::Instant instant, decode_instant(table, row.i64(column)));
    return std::optional<core::Instant>(instant);
}

using store::Value;

constexpr std::string_view user_columns =
    "id, company_id, username, display_name, email, status, created_at_us";

// Column positions in user_columns.
constexpr std::size_t user_status_column = 5;
constexpr std::size_t user_created_at_column = 6;

core::Result<User> decode_user(const store::Row& row) {
    core::Result<UserStatus> status = parse_user_status(row.text(user_status_column));
    if (!status) {
        return tenancy::corrupt_row("users", "status " + row.text(user_status_column));
    }
    core::Result<core::Instant> created_at =
        core::Instant::from_unix_micros(row.i64(user_created_at_column));
    if (!created_at) {
        return tenancy::corrupt_row("users", "created_at_us out of range");
    }
    return User{.id = UserId(row.i64(0)),
                .company_id = tenancy::CompanyId(row.i64(1)),
                .username = row.text(2),
                .display_name = row.text(3),
                .email = row.text(4),
                .status = *status,
                .roles = {},
                .created_at = *created_at};
}

// Fills in the roles of `users` (ids ascending) with one query over their id range.
core::Result<void> attach_roles(store::Txn& txn,
                                tenancy::CompanyId company,
                                std::vector<User>& users) {
    if (users.empty()) {
        return core::ok();
    }
    const std::vector<Value> params{
        company.value(), users.front().id.value(), users.back().id.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT user_id, role FROM user_roles WHERE company_id = $1 AND "
                            "user_id BETWEEN $2 AND $3 ORDER BY user_id, role",
                            params));
    for (const store::Row& row : rows) {
        const UserId user_id(row.i64(0));
        const auto user =
            std::lower_bound(users.begin(), users.end(), user_id, [](const User& u, UserId id) {
                return u.id < id;
            });
        if (user != users.end() && user->id == user_id) {
            user->roles.push_back(row.text(1));
        }
    }
    return core::ok();
}

}  // namespace

core::Result<UserId> insert_user(store::Txn& txn,
                                 const User& user,
                                 std::string_view password_hash) {
    const std::vector<Value> params{user.company_id.value(),
                                    user.username,
                                    user.display_name,
                                    user.email,
                                    std::string(password_hash),
                                    std::string(to_string(user.status)),
                                    user.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO users (company_id, username, display_name, email, "
                                "password_hash, status, created_at_us) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                                params));
    return UserId(row.i64(0));
}

core::Result<void> insert_user_roles(store::Txn& txn,
                                     tenancy::CompanyId company,
                                     UserId user,
                                     const std::vector<std::string>& roles) {
    if (roles.empty()) {
        return core::ok();
    }
    std::vector<std::vector<Value>> rows;
    rows.reserve(roles.size());
    for (const std::string& role : roles) {
        rows.push_back({company.value(), user.value(), role});
    }
    return txn.execute_batch(
        "INSERT INTO user_roles (company_id, user_id, role) VALUES ($1, $2, $3)", rows);
}

core::Result<std::optional<User>> select_user(store::Txn& txn,
                                              tenancy::CompanyId company,
                                              std::string_view username) {
    static const std::string sql = "SELECT " + std::string(user_columns)
                                   + " FROM users WHERE company_id = $1 AND username = $2";
    const std::vector<Value> params{company.value(), std::string(username)};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<User>();
    }
    BO_TRY_ASSIGN(User user, decode_user(*row));
    std::vector<User> one{std::move(user)};
    BO_TRY(attach_roles(txn, company, one));
    return std::optional<User>(std::move(one.front()));
}

core::Result<std::optional<Credentials>> select_credentials(store::Txn& txn,
                                                            tenancy::CompanyId company,
                                                            std::string_view username) {
    const std::vector<Value> params{company.value(), std::string(username)};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT password_hash, status FROM users "
                                     "WHERE company_id = $1 AND username = $2",
                                     params));
    if (!row) {
        return std::optional<Credentials>();
    }
    core::Result<UserStatus> status = parse_user_status(row->text(1));
    if (!status) {
        return tenancy::corrupt_row("users", "status " + row->text(1));
    }
    return std::optional<Credentials>(Credentials{row->text(0), *status});
}

core::Result<std::vector<User>> select_users(store::Txn& txn,
                                             tenancy::CompanyId company,
                                             UserId after_id,
                                             std::int64_t limit) {
    static const std::string sql = "SELECT " + std::string(user_columns)
                                   + " FROM users WHERE company_id = $1 AND id > $2 "
                                     "ORDER BY id LIMIT $3";
    const std::vector<Value> params{company.value(), after_id.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<User> users;
    users.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(User user, decode_user(row));
        users.push_back(std::move(user));
    }
    BO_TRY(attach_roles(txn, company, users));
    return users;
}

core::Result<std::optional<User>> select_user_row_by_id(store::Txn& txn,
                                                        tenancy::CompanyId company,
                                                        UserId id) {
    static const std::string sql =
        "SELECT " + std::string(user_columns) + " FROM users WHERE company_id = $1 AND id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<User>();
    }
    BO_TRY_ASSIGN(User user, decode_user(*row));
    return std::optional<User>(std::move(user));
}

core::Result<std::optional<User>> select_user_by_id(store::Txn& txn,
                                                    tenancy::CompanyId company,
                                                    UserId id) {
    BO_TRY_ASSIGN(std::optional<User> user, select_user_row_by_id(txn, company, id));
    if (!user) {
        return user;
    }
    std::vector<User> one{std::move(*user)};
    BO_TRY(attach_roles(txn, company, one));
    return std::optional<User>(std::move(one.front()));
}

core::Result<std::optional<SignInRow>> select_sign_in_row(store::Txn& txn,
                                                          tenancy::CompanyId company,
                                                          std::string_view username) {
    const std::vector<Value> params{company.value(), std::string(username)};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT id, password_hash, status FROM users "
                                     "WHERE company_id = $1 AND username = $2",
                                     params));
    if (!row) {
        return std::optional<SignInRow>();
    }
    BO_TRY_ASSIGN(const UserStatus status, decode_status(row->text(2)));
    return std::optional<SignInRow>(SignInRow{UserId(row->i64(0)), row->text(1), status});
}

core::Result<std::string> select_password_hash(store::Txn& txn,
                                               tenancy::CompanyId company,
                                               UserId user) {
    const std::vector<Value> params{company.value(), user.value()};
    BO_TRY_ASSIGN(
        const store::Row row,
        txn.query_one("SELECT password_hash FROM users WHERE company_id = $1 AND id = $2", params));
    return row.text(0);
}

core::Result<std::int64_t> add_failed_sign_in(store::Txn& txn,
                                              tenancy::CompanyId company,
                                              UserId user) {
    const std::vector<Value> params{company.value(), user.value()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("UPDATE users SET failed_sign_ins = failed_sign_ins + 1 "
                                "WHERE company_id = $1 AND id = $2 RETURNING failed_sign_ins",
                                params));
    return row.i64(0);
}

core::Result<void> update_status(
    store::Txn& txn, tenancy::CompanyId company, UserId user, UserStatus status, core::Instant at) {
    const bool locking = status == UserStatus::locked;
    const std::vector<Value> params{company.value(),
                                    user.value(),
                                    std::string(to_string(status)),
                                    locking ? Value(at.unix_micros()) : Value(store::Null{})};
    BO_TRY(
        txn.execute("UPDATE users SET status = $3, locked_at_us = $4, failed_sign_ins = "
                    "CASE WHEN $3 = 'active' THEN 0 ELSE failed_sign_ins END "
                    "WHERE company_id = $1 AND id = $2",
                    params));
    return core::ok();
}

core::Result<void> reset_failed_sign_ins(store::Txn& txn, tenancy::CompanyId company, UserId user) {
    const std::vector<Value> params{company.value(), user.value()};
    BO_TRY(
        txn.execute("UPDATE users SET failed_sign_ins = 0 WHERE company_id = $1 AND id = $2 "
                    "AND failed_sign_ins <> 0",
                    params));
    return core::ok();
}

core::Result<void> update_password_hash(store::Txn& txn,
                                        tenancy::CompanyId company,
                                        UserId user,
                                        std::string_view password_hash) {
    const std::vector<Value> params{company.value(), user.value(), std::string(password_hash)};
    BO_TRY(txn.execute("UPDATE users SET password_hash = $3 WHERE company_id = $1 AND id = $2",
                       params));
    return core::ok();
}

core::Result<std::vector<std::string>> select_user_roles(store::Txn& txn,
                                                         tenancy::CompanyId company,
                                                         UserId user) {
    const std::vector<Value> params{company.value(), user.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT role FROM user_roles WHERE company_id = $1 AND user_id = $2 "
                            "ORDER BY role",
                            params));
    std::vector<std::string> roles;
    roles.reserve(rows.size());
    for (const store::Row& row : rows) {
        roles.push_back(row.text(0));
    }
    return roles;
}

core::Result<void> replace_user_roles(store::Txn& txn,
                                      tenancy::CompanyId company,
                                      UserId user,
                                      const std::vector<std::string>& roles) {
    const std::vector<Value> params{company.value(), user.value()};
    BO_TRY(txn.execute("DELETE FROM user_roles WHERE company_id = $1 AND user_id = $2", params));
    return insert_user_roles(txn, company, user, roles);
}

core::Result<std::vector<std::int64_t>> select_user_departments(store::Txn& txn,
                                                                tenancy::CompanyId company,
                                                                UserId user) {
    const std::vector<Value> params{company.value(), user.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT department_id FROM user_departments WHERE company_id = $1 "
                            "AND user_id = $2 ORDER BY department_id",
                            params));
    std::vector<std::int64_t> departments;
    departments.reserve(rows.size());
    for (const store::Row& row : rows) {
        departments.push_back(row.i64(0));
    }
    return departments;
}

core::Result<void> replace_user_departments(store::Txn& txn,
                                            tenancy::CompanyId company,
                                            UserId user,
                                            const std::vector<std::int64_t>& departments) {
    const std::vector<Value> params{company.value(), user.value()};
    BO_TRY(
        txn.execute("DELETE FROM user_departments WHERE company_id = $1 AND user_id = $2", params));
    if (departments.empty()) {
        return core::ok();
    }
    std::vector<std::vector<Value>> rows;
    rows.reserve(departments.size());
    for (const std::int64_t department : departments) {
        rows.push_back({company.value(), user.value(), department});
    }
    return txn.execute_batch(
        "INSERT INTO user_departments (company_id, user_id, department_id) VALUES ($1, $2, $3)",
        rows);
}

core::Result<std::int64_t> insert_session(store::Txn& txn, const NewSessionRow& session) {
    const std::vector<Value> params{session.company.value(),
                                    session.user.value(),
                                    session.token_hash,
                                    session.csrf_token,
                                    session.client_address,
                                    session.created_at.unix_micros(),
                                    session.expires_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO sessions (company_id, user_id, token_hash, "
                                "csrf_token, client_address, created_at_us, expires_at_us) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                                params));
    return row.i64(0);
}

core::Result<std::int64_t> select_auth_epoch(store::Txn& txn, tenancy::CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(
        const std::optional<store::Row> row,
        txn.query_optional("SELECT epoch FROM auth_epochs WHERE company_id = $1", params));
    return row ? row->i64(0) : std::int64_t{0};
}

core::Result<std::optional<SessionRow>> select_session(store::Txn& txn,
                                                       tenancy::CompanyId company,
                                                       std::string_view token_hash) {
    const std::vector<Value> params{company.value(), std::string(token_hash)};
    BO_TRY_ASSIGN(
        const std::optional<store::Row> row,
        txn.query_optional("SELECT s.id, s.user_id, u.username, u.status, s.csrf_token, "
                           "s.expires_at_us, s.revoked_at_us FROM sessions s JOIN users u "
                           "ON u.company_id = s.company_id AND u.id = s.user_id "
                           "WHERE s.company_id = $1 AND s.token_hash = $2",
                           params));
    if (!row) {
        return std::optional<SessionRow>();
    }
    BO_TRY_ASSIGN(const UserStatus status, decode_status(row->text(3)));
    BO_TRY_ASSIGN(const core::Instant expires_at, decode_instant("sessions", row->i64(5)));
    BO_TRY_ASSIGN(const std::optional<core::Instant> revoked_at,
                  decode_optional_instant("sessions", *row, 6));
    return std::optional<SessionRow>(SessionRow{.id = row->i64(0),
                                                .user = UserId(row->i64(1)),
                                                .username = row->text(2),
                                                .status = status,
                                                .csrf_token = row->text(4),
                                                .expires_at = expires_at,
                                                .revoked_at = revoked_at});
}

core::Result<void> revoke_session(store::Txn& txn,
                                  tenancy::CompanyId company,
                                  std::int64_t session,
                                  core::Instant at) {
    const std::vector<Value> params{company.value(), session, at.unix_micros()};
    BO_TRY(
        txn.execute("UPDATE sessions SET revoked_at_us = $3 WHERE company_id = $1 AND id = $2 "
                    "AND revoked_at_us IS NULL",
                    params));
    return core::ok();
}

core::Result<std::int64_t> revoke_user_sessions(
    store::Txn& txn, tenancy::CompanyId company, UserId user, std::int64_t keep, core::Instant at) {
    const std::vector<Value> params{company.value(), user.value(), keep, at.unix_micros()};
    return txn.execute(
        "UPDATE sessions SET revoked_at_us = $4 WHERE company_id = $1 AND "
        "user_id = $2 AND id <> $3 AND revoked_at_us IS NULL AND "
        "expires_at_us > $4",
        params);
}

namespace {

constexpr std::string_view token_columns =
    "t.id, t.company_id, t.user_id, t.name, t.created_at_us, t.expires_at_us, t.revoked_at_us";

core::Result<ApiToken> decode_token(const store::Row& row) {
    BO_TRY_ASSIGN(const core::Instant created_at, decode_instant("api_tokens", row.i64(4)));
    BO_TRY_ASSIGN(const core::Instant expires_at, decode_instant("api_tokens", row.i64(5)));
    BO_TRY_ASSIGN(const std::optional<core::Instant> revoked_at,
                  decode_optional_instant("api_tokens", row, 6));
    return ApiToken{.id = ApiTokenId(row.i64(0)),
                    .company_id = tenancy::CompanyId(row.i64(1)),
                    .user_id = UserId(row.i64(2)),
                    .name = row.text(3),
                    .scopes = {},
                    .created_at = created_at,
                    .expires_at = expires_at,
                    .revoked_at = revoked_at};
}

core::Result<void> attach_scopes(store::Txn& txn, ApiToken& token) {
    const std::vector<Value> params{token.company_id.value(), token.id.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT permission FROM api_token_scopes WHERE company_id = $1 AND "
                            "token_id = $2 ORDER BY permission",
                            params));
    for (const store::Row& row : rows) {
        token.scopes.push_back(row.text(0));
    }
    return core::ok();
}

}  // namespace

core::Result<ApiTokenId> insert_token(store::Txn& txn,
                                      const ApiToken& token,
                                      std::string_view token_hash) {
    const std::vector<Value> params{token.company_id.value(),
                                    token.user_id.value(),
                                    token.name,
                                    std::string(token_hash),
                                    token.created_at.unix_micros(),
                                    token.expires_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO api_tokens (company_id, user_id, name, token_hash, "
                                "created_at_us, expires_at_us) VALUES ($1, $2, $3, $4, $5, $6) "
                                "RETURNING id",
                                params));
    const ApiTokenId id(row.i64(0));
    std::vector<std::vector<Value>> scopes;
    scopes.reserve(token.scopes.size());
    for (const std::string& scope : token.scopes) {
        scopes.push_back({token.company_id.value(), id.value(), scope});
    }
    if (!scopes.empty()) {
        BO_TRY(txn.execute_batch(
            "INSERT INTO api_token_scopes (company_id, token_id, permission) VALUES ($1, $2, $3)",
            scopes));
    }
    return id;
}

core::Result<std::optional<TokenRow>> select_token_by_hash(store::Txn& txn,
                                                           tenancy::CompanyId company,
                                                           std::string_view token_hash) {
    static const std::string sql = "SELECT " + std::string(token_columns)
                                   + ", u.username, u.status FROM api_tokens t JOIN users u "
                                     "ON u.company_id = t.company_id AND u.id = t.user_id "
                                     "WHERE t.company_id = $1 AND t.token_hash = $2";
    const std::vector<Value> params{company.value(), std::string(token_hash)};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<TokenRow>();
    }
    BO_TRY_ASSIGN(ApiToken token, decode_token(*row));
    // After the token columns come the user's name and status.
    constexpr std::size_t username_column = 7;
    constexpr std::size_t status_column = 8;
    BO_TRY_ASSIGN(const UserStatus status, decode_status(row->text(status_column)));
    BO_TRY(attach_scopes(txn, token));
    return std::optional<TokenRow>(TokenRow{std::move(token), row->text(username_column), status});
}

core::Result<std::optional<ApiToken>> select_token(store::Txn& txn,
                                                   tenancy::CompanyId company,
                                                   ApiTokenId id) {
    static const std::string sql = "SELECT " + std::string(token_columns)
                                   + " FROM api_tokens t WHERE t.company_id = $1 AND t.id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<ApiToken>();
    }
    BO_TRY_ASSIGN(ApiToken token, decode_token(*row));
    BO_TRY(attach_scopes(txn, token));
    return std::optional<ApiToken>(std::move(token));
}

core::Result<std::vector<ApiToken>> select_user_tokens(store::Txn& txn,
                                                       tenancy::CompanyId company,
                                                       UserId user,
                                                       std::int64_t limit) {
    static const std::string sql = "SELECT " + std::string(token_columns)
                                   + " FROM api_tokens t WHERE t.company_id = $1 AND "
                                     "t.user_id = $2 ORDER BY t.id DESC LIMIT $3";
    const std::vector<Value> params{company.value(), user.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<ApiToken> tokens;
    tokens.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(ApiToken token, decode_token(row));
        BO_TRY(attach_scopes(txn, token));
        tokens.push_back(std::move(token));
    }
    return tokens;
}

core::Result<std::int64_t> count_live_tokens(store::Txn& txn,
                                             tenancy::CompanyId company,
                                             UserId user,
                                             core::Instant now) {
    const std::vector<Value> params{company.value(), user.value(), now.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("SELECT COUNT(*) FROM api_tokens WHERE company_id = $1 AND "
                                "user_id = $2 AND revoked_at_us IS NULL AND expires_at_us > $3",
                                params));
    return row.i64(0);
}

core::Result<void> revoke_token(store::Txn& txn,
                                tenancy::CompanyId company,
                                ApiTokenId id,
                                core::Instant at) {
    const std::vector<Value> params{company.value(), id.value(), at.unix_micros()};
    BO_TRY(
        txn.execute("UPDATE api_tokens SET revoked_at_us = $3 WHERE company_id = $1 AND "
                    "id = $2 AND revoked_at_us IS NULL",
                    params));
    return core::ok();
}

core::Result<std::int64_t> select_address_failures(store::Txn& txn,
                                                   std::string_view address,
                                                   std::int64_t window_start_us) {
    const std::vector<Value> params{std::string(address), window_start_us};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT failures FROM sign_in_address_failures WHERE "
                                     "client_address = $1 AND window_start_us = $2",
                                     params));
    return row ? row->i64(0) : std::int64_t{0};
}

core::Result<void> add_address_failure(store::Txn& txn,
                                       std::string_view address,
                                       std::int64_t window_start_us) {
    const std::vector<Value> params{std::string(address), window_start_us};
    BO_TRY(
        txn.execute("INSERT INTO sign_in_address_failures (client_address, window_start_us, "
                    "failures) VALUES ($1, $2, 1) ON CONFLICT (client_address, "
                    "window_start_us) DO UPDATE SET failures = "
                    "sign_in_address_failures.failures + 1",
                    params));
    const std::vector<Value> old{window_start_us};
    BO_TRY(txn.execute("DELETE FROM sign_in_address_failures WHERE window_start_us < $1", old));
    return core::ok();
}

}  // namespace bo::platform::auth::queries
