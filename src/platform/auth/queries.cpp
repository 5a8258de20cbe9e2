#include "platform/auth/queries.hpp"

#include <algorithm>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::platform::auth::queries {
namespace {

using store::Value;

constexpr std::string_view user_columns =
    "id, company_id, username, display_name, email, status, created_at_us";

core::Result<User> decode_user(const store::Row& row) {
    core::Result<UserStatus> status = parse_user_status(row.text(5));
    if (!status) {
        return tenancy::corrupt_row("users", "status " + row.text(5));
    }
    core::Result<core::Instant> created_at = core::Instant::from_unix_micros(row.i64(6));
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

}  // namespace bo::platform::auth::queries
