// The `backoffice` program: everything is a subcommand of the CLI (src/cli/).
#include "cli/app.hpp"

int main(int argc, char** argv) { return bo::cli::run(argc, argv); }
