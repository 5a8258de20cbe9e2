// The commands of the `backoffice` program, one function each, called by app.cpp once the
// arguments are parsed and the configuration resolved. Each returns the process exit code and
// prints failures as one line on stderr (see report_error).
#pragma once

#include <string>

#include "core/config.hpp"
#include "core/result.hpp"

namespace bo::cli {

// Exit codes: a failure the user can act on, and a command line that does not parse.
constexpr int exit_ok = 0;
constexpr int exit_failure = 1;
constexpr int exit_usage = 2;

// Prints "backoffice: <message>" to stderr and answers exit_failure.
int report_error(const core::Error& error);

int command_serve(const core::Config& config);
int command_migrate(const core::Config& config);
int command_seed_demo(const core::Config& config);
int command_backup(const core::Config& config, const std::string& file, bool force);
int command_restore(const core::Config& config, const std::string& file);
int command_version();

}  // namespace bo::cli
