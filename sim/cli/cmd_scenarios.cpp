#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <ostream>

#include "cli/commands.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"

namespace labsim::cli {

void setup_scenarios(CLI::App& app, ScenariosOptions& o) {
  app.add_flag("--names", o.names, "Only the names, one a line (for scripts and shell completion)");
  app.footer(
      "Example:\n  labsim scenarios\n"
      "Lists the shipped scenarios: any command takes one by its name (labsim run compute-divide) from any\n"
      "directory. They are looked for in $LABSIM_SCENARIOS (directories separated by ':'), then beside the\n"
      "program: ../share/labsim/scenarios when installed, ../scenarios in the build tree.");
}

int run_scenarios(const ScenariosOptions& o, const Invocation& call) {
  const auto shipped = shipped_scenarios();
  if (o.names) {
    for (const auto& [name, path] : shipped) call.out << name << '\n';
    return kOk;
  }
  if (shipped.empty()) {
    call.out << "no shipped scenarios found (looked in $LABSIM_SCENARIOS and beside the program)\n";
    return kOk;
  }
  size_t width = 0;
  for (const auto& [name, path] : shipped) width = std::max(width, name.size());
  for (const auto& [name, path] : shipped) {
    std::string title;
    try {
      title = load_scenario_file(path).title;
    } catch (const InputError&) {
      title = "(does not load: labsim validate " + path + ")";
    }
    call.out << fmt::format("{:<{}}  {}\n", name, width, title);
  }
  call.out << fmt::format("\n{} scenarios in {}\n", shipped.size(), scenario_dirs().front());
  return kOk;
}

}  // namespace labsim::cli
