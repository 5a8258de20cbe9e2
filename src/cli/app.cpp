#include "cli/app.hpp"

#include <CLI/CLI.hpp>

namespace bo::cli {

int run(int argc, char** argv) {
    CLI::App app{"Backoffice: the back office of a company or a public body"};
    app.require_subcommand(1);
    app.add_subcommand("version", "Print the version")->callback([] {});
    CLI11_PARSE(app, argc, argv);
    return 0;
}

}  // namespace bo::cli
