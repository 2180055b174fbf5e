#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <ostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/explore_args.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"
#include "labsim/writers.hpp"

namespace labsim::cli {

void setup_mc(CLI::App& app, McOptions& o) {
  app.add_option("scenario", o.scenario, "Scenario file with uncertain inputs")->required();
  app.add_option("--set", o.sets, "Override a value: key.path=value (repeatable)")->type_name("K=V")->allow_extra_args(false);
  add_sampling_options(app, o.sampling, fmt::format("Number of samples (default {})", kDefaultMonteCarloSamples));
  add_table_options(app, o.sampling);
  app.add_option("--format", o.format, "csv, json or table (default csv)")
      ->check(CLI::IsMember({"csv", "json", "table"}));
  app.add_option("--out", o.out, "Write the statistics to this file instead of stdout");
  app.add_option("--samples", o.draws,
                 "Also write each sample's input values to this CSV file, each as --set takes it");
  app.footer(
      "Example:\n  labsim mc scenarios/uncertain-divide.yaml -n 10000 --seed 7 --format csv\n"
      "Output: per institution, year and metric the mean and the 5/25/50/75/95th percentiles.\n"
      "Exit status: 0 ok, 1 invalid scenario or option value, 2 usage, 3 cannot read or write.");
}

int run_mc(const McOptions& o, const Invocation& call) {
  Scenario s = load_scenario_file(o.scenario, o.sets);
  check_years(o.sampling.years, s.first_year, s.last_year);
  MonteCarloOptions mc = monte_carlo_options(o.sampling);
  mc.progress = progress_bar("labsim mc");
  StatTable table = monte_carlo(s, mc);
  if (mc.progress) std::fprintf(stderr, "\r\033[K");
  table.shown_years = o.sampling.years;
  std::ostringstream text;
  if (o.format == "json") write_stat_json(text, table);
  else if (o.format == "table") write_stat_table(text, table);
  else write_stat_csv(text, table);
  if (!o.draws.empty()) write_file_atomic(o.draws, [&](std::ostream& f) { write_draws(f, s, mc); });
  emit(call.out, o.out, text.str());
  return kOk;
}

}  // namespace labsim::cli
