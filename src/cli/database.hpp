// Opening the database for a command: open the URL and apply pending migrations.
#pragma once

#include <memory>
#include <string>

#include "core/result.hpp"
#include "store/database.hpp"

namespace bo::cli {

// Opens the database at `url` and applies every pending migration, printing each one applied.
// Errors name the URL (without password) and the problem in one line.
core::Result<std::unique_ptr<store::Database>> open_and_migrate(const std::string& url);

}  // namespace bo::cli
