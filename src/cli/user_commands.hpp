// `backoffice user add`: create a user of a company from the command line (the first admin of
// a new company, service accounts, recovery when every admin is locked out).
#pragma once

#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/result.hpp"

namespace bo::cli {

// Where the new user's password comes from.
enum class PasswordSource {
    generate,        // a random password, printed once on stdout
    standard_input,  // the first line of standard input (for scripts; never on the command line)
};

struct UserAddOptions {
    std::string company;             // company code, e.g. DEMO
    std::string username;            // lower-case login name
    std::vector<std::string> roles;  // at least one role id (built-in or the company's own)
    std::string display_name;        // defaults to the username
    std::string email;               // optional
    PasswordSource password = PasswordSource::generate;
};

// The first line of standard input without its line ending (a password given with
// --password-stdin), or an error when there is none.
core::Result<std::string> read_password_line();

// Creates the user (audited as done by the operator, "cli"). Exit codes: exit_ok, or
// exit_failure with one line on stderr: unknown company, duplicate user, unknown role, a
// password refused by the rules, or a database problem.
int command_user_add(const core::Config& config, const UserAddOptions& options);

}  // namespace bo::cli
