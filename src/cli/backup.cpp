// `backoffice backup` and `backoffice restore`.
#include "store/backup.hpp"

#include <iostream>

#include "cli/commands.hpp"

namespace bo::cli {

int command_backup(const core::Config& config, const std::string& file, bool force) {
    auto result = store::backup(
        config.database_url, file, force ? store::Overwrite::replace : store::Overwrite::refuse);
    if (!result.ok()) {
        return report_error(result.error());
    }
    std::cout << "backup written to " << file << std::endl;
    return exit_ok;
}

int command_restore(const core::Config& config, const std::string& file) {
    auto result = store::restore(config.database_url, file);
    if (!result.ok()) {
        return report_error(result.error());
    }
    std::cout << "database restored from " << file << std::endl;
    return exit_ok;
}

}  // namespace bo::cli
