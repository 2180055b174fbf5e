#include <CLI/CLI.hpp>

#include <algorithm>
#include <ostream>

#include "cli/commands.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/keys.hpp"
#include "labsim/loader.hpp"
#include "labsim/writers.hpp"

namespace labsim::cli {

void setup_validate(CLI::App& app, ValidateOptions& o) {
  app.add_option("files", o.files, "Scenario files");
  app.add_option("--set", o.sets, "Override a value: key.path=value (repeatable)")
      ->type_name("K=V")
      ->allow_extra_args(false);
  app.add_flag("--inputs", o.list_inputs, "Also list every key path that sweep and solve can vary");
  app.add_flag("--keys", o.list_keys, "List every scenario key: type, default, allowed values (Markdown)");
  app.footer("Example:\n  labsim validate scenarios/*.yaml\n  labsim validate --keys\n"
             "Lists each scenario's uncertain inputs (given as distributions) with their nominal values.\n"
             "Exit status: 0 all valid, 1 some invalid (every problem listed), 3 a file cannot be read.");
}

int run_validate(const ValidateOptions& o, const Invocation& call) {
  std::ostream& out = call.out;
  std::ostream& err = call.err;
  if (o.list_keys) write_keys_markdown(out, scenario_keys());
  if (o.files.empty() && !o.list_keys) throw UsageError("give at least one scenario file, or --keys");
  int status = kOk;
  for (const std::string& file : o.files) {
    try {
      write_validation(out, file, load_scenario_file(file, o.sets), o.list_inputs);
    } catch (const InputError& e) {
      err << e.report();
      status = std::max(status, static_cast<int>(kInvalidInput));
    } catch (const IoError& e) {
      err << "labsim: error: " << e.what() << '\n';
      status = kIoError;
    }
  }
  return status;
}

}  // namespace labsim::cli
