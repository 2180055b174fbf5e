#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <ostream>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/explore_args.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"

namespace labsim::cli {

void setup_sweep(CLI::App& app, SweepOptions& o) {
  app.add_option("scenario", o.scenario, "Scenario file")->required();
  app.add_option("--set", o.sets, "Override a value: key.path=value (repeatable)")->type_name("K=V")->allow_extra_args(false);
  app.add_option("--vary", o.vary, "key.path=LO:HI:STEPS or key.path=log:LO:HI:STEPS (up to 3)")
      ->required()
      ->allow_extra_args(false);
  app.add_option("--metrics", o.metrics, "Metrics to write (default: the Monte Carlo defaults)")->delimiter(',');
  app.add_option("--threads", o.threads, "Worker threads (default: one per core)")->check(CLI::Range(1, 256));
  app.add_option("--format", o.format, "csv or json (default csv)")->check(CLI::IsMember({"csv", "json"}));
  app.add_option("--out", o.out, "Write to this file instead of stdout");
  app.footer(
      "Example:\n  labsim sweep scenarios/compute-divide.yaml "
      "--vary institutions.institute.operations.mfu=20%:50%:4 --metrics compute.largest_run_flop\n"
      "Uncertain inputs keep their nominal values. Exit status: 0 ok, 1 invalid input, 2 usage, 3 cannot write.");
}

int run_sweep(const SweepOptions& o, const Invocation& call) {
  Scenario s = load_scenario_file(o.scenario, o.sets);
  std::vector<Range> ranges;
  for (const std::string& v : o.vary) ranges.push_back(parse_range(s, v, true));
  SweepTable table = sweep(s, ranges, parse_metrics(o.metrics), threads_or_cores(o.threads));
  std::ostringstream text;
  if (o.format == "json") write_sweep_json(text, table);
  else write_sweep_csv(text, table);
  emit(call.out, o.out, text.str());
  return kOk;
}

}  // namespace labsim::cli
