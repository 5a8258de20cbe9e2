#include "cli/user_commands.hpp"

#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/database.hpp"
#include "platform/auth/passwords.hpp"
#include "platform/auth/service.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::cli {
namespace {

// One line naming the problem: an unknown role by its name, anything else by its message.
core::Error explain(const core::Error& error, const UserAddOptions& options) {
    for (const core::FieldError& field : error.fields()) {
        constexpr std::string_view prefix = "roles/";
        if (field.field.starts_with(prefix)) {
            const std::size_t index = std::stoul(field.field.substr(prefix.size()));
            const std::string role = index < options.roles.size() ? options.roles[index] : "";
            return core::Error(error.code(),
                               "unknown role " + role + " in company " + options.company);
        }
    }
    return error;
}

}  // namespace

core::Result<std::string> read_password_line() {
    std::string line;
    if (!std::getline(std::cin, line)) {
        return core::Error::invalid("password", "--password-stdin: standard input is empty");
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
        line.pop_back();
    }
    if (line.empty()) {
        return core::Error::invalid("password", "--password-stdin: the first line is empty");
    }
    return line;
}

int command_user_add(const core::Config& config, const UserAddOptions& options) {
    if (options.roles.empty()) {
        return report_error(core::Error::invalid("role", "give at least one --role"));
    }
    platform::auth::NewUser input{
        .username = options.username,
        .display_name = options.display_name.empty() ? options.username : options.display_name,
        .email = options.email,
        .password = {},
        .roles = options.roles};
    if (options.password == PasswordSource::standard_input) {
        auto line = read_password_line();
        if (!line.ok()) {
            return report_error(line.error());
        }
        input.password = std::move(*line);
    } else {
        input.password = platform::auth::generate_password();
    }
    auto database = open_and_migrate(config.database_url);
    if (!database.ok()) {
        return report_error(database.error());
    }
    core::SystemClock clock;
    std::optional<platform::auth::User> created;
    auto done = (*database)->transact(
        store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(auto company, platform::tenancy::find_company(txn, options.company));
            if (!company) {
                return core::Error(core::ErrorCode::not_found,
                                   "unknown company " + options.company);
            }
            const platform::Actor operator_actor{.company = company->id,
                                                 .user = {},
                                                 .username = "cli",
                                                 .request_id = "cli-user-add",
                                                 .client_address = "local"};
            BO_TRY_ASSIGN(created, platform::auth::create_user(txn, clock, operator_actor, input));
            return core::ok();
        });
    if (!done.ok()) {
        return report_error(explain(done.error(), options));
    }
    std::cout << "created user " << created->username << " (id " << created->id.value()
              << ") in company " << options.company << " with roles";
    for (const std::string& role : created->roles) {
        std::cout << " " << role;
    }
    std::cout << "\n";
    if (options.password == PasswordSource::generate) {
        std::cout << "password " << input.password
                  << "\n(shown once; it is stored only as an argon2id hash)\n";
    }
    std::cout << std::flush;
    return exit_ok;
}

}  // namespace bo::cli
