// `labsim resolve`: a scenario (after extends: and --set) as the typed, unit-free JSON the engine
// reads (labsim/scenario_json.hpp), for the WebAssembly build and other programs.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "labsim/loader.hpp"
#include "labsim/scenario_json.hpp"

namespace labsim::cli {

void setup_resolve(CLI::App& app, ResolveOptions& o) {
  app.add_option("scenario", o.scenario, "Scenario file or shipped scenario name (default: compute-divide)");
  app.add_option("--set", o.sets, "Override a value: key.path=value (repeatable)")->type_name("K=V")->allow_extra_args(false);
  app.add_option("-o,--out", o.out, "Write the JSON to this file instead of stdout");
  app.footer("Example:\n  labsim resolve compute-divide --set economy.pue=1.1 -o compute-divide.json\n"
             "Numbers in base units (USD, FLOP/s, W, years; shares as fractions, growth as factors), the catalog,\n"
             "the uncertain inputs and the assumptions with their sources; docs/cli.md (resolve) lists the fields.\n"
             "Exit status: 0 ok, 1 invalid scenario, 3 cannot read or write.");
}

int run_resolve(const ResolveOptions& o, const Invocation& call) {
  emit(call.out, o.out, scenario_to_json(load_scenario_file(o.scenario, o.sets)));
  return kOk;
}

}  // namespace labsim::cli
