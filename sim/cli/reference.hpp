// The man page and shell completion of labsim, from the command table `--help` uses.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace labsim::cli {

// labsim(1) in roff: name, synopsis, the program's description, each command's own --help text
// word for word (no-fill), exit status, environment, files, version.
std::string man_page(const CLI::App& app, const std::vector<const CLI::App*>& commands);

// A bash completion script: the commands, each command's options, metric names after --metrics
// (also after a comma), files after -o/--out, and shipped scenario names (asked of `labsim
// scenarios --names` when completing) and *.yaml files for arguments.
std::string bash_completion(const std::vector<const CLI::App*>& commands);

}  // namespace labsim::cli
