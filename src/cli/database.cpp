#include "cli/database.hpp"

#include <iostream>

#include "store/migrations.hpp"

#include "schema.hpp"

namespace bo::cli {

core::Result<std::unique_ptr<store::Database>> open_and_migrate(const std::string& url) {
    BO_TRY_ASSIGN(auto database, store::Database::open(url));
    auto migrations = schema::migrations();
    BO_TRY_ASSIGN(auto report, store::migrate(*database, migrations));
    if (report.applied.empty()) {
        std::cout << "database " << database->display_url() << " is up to date ("
                  << migrations.size() << " migrations)" << std::endl;
    }
    for (const auto& name : report.applied) {
        std::cout << "applied migration " << name << std::endl;
    }
    return database;
}

}  // namespace bo::cli
