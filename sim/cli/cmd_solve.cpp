#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/explore_args.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"

namespace labsim::cli {

void setup_solve(CLI::App& app, SolveCliOptions& o) {
  app.add_option("scenario", o.scenario, "Scenario file")->required();
  app.add_option("--set", o.sets, "Override a value: key.path=value (repeatable)")->type_name("K=V")->allow_extra_args(false);
  app.add_option("--vary", o.vary, "The input to search: key.path=LO:HI (log:LO:HI for a factor search)")->required();
  app.add_option("--target", o.target, "\"METRIC[INSTITUTION,YEAR] >= VALUE\" (or >, <=, <)")->required();
  add_sampling_options(app, o.sampling, "Monte Carlo samples: meet the target with probability --prob");
  app.add_option("--prob", o.probability, "Required probability with -n (default 0.9)");
  app.add_option("--format", o.format, "text, csv or json (default text)")->check(CLI::IsMember({"text", "csv", "json"}));
  app.footer(
      "Example:\n  labsim solve scenarios/compute-divide.yaml "
      "--vary institutions.institute.funding.nsf-institute.amount=1M:200M "
      "--target \"compute.h100_hours_per_researcher[institute,2030] >= 1000\"\n"
      "Exit status: 0 ok (also when no value meets the target: see \"met\"), 1 invalid input, 2 usage.");
}

int run_solve(const SolveCliOptions& o, const Invocation& call) {
  Scenario s = load_scenario_file(o.scenario, o.sets);
  SolveOptions so;
  so.range = parse_range(s, o.vary, false);
  so.target = parse_target(s, o.target);
  so.probability = o.probability;
  if (o.sampling.samples) so.monte_carlo = monte_carlo_options(o.sampling);
  SolveResult r = solve(s, so);
  if (o.format == "json") write_solve_json(call.out, r, so);
  else if (o.format == "csv") write_solve_csv(call.out, r);
  else write_solve_text(call.out, r, so);
  return kOk;
}

}  // namespace labsim::cli
