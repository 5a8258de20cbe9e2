// The command line: `backoffice serve | migrate | seed-demo | backup | restore | version …`.
// Parses arguments with CLI11, resolves configuration (file < environment < flags), and runs
// one command. Every failure prints one line naming the problem to stderr and exits non-zero.
#pragma once

namespace bo::cli {

// Runs the program with the process arguments; returns the process exit code.
int run(int argc, char** argv);

}  // namespace bo::cli
