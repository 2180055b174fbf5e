#include <CLI/CLI.hpp>

#include <cstdio>
#include <ostream>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/explore_args.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"

namespace labsim::cli {

void setup_compare(CLI::App& app, CompareOptions& o) {
  app.add_option("baseline", o.baseline, "Baseline scenario file")->required();
  app.add_option("policy", o.policy, "Policy scenario file")->required();
  app.add_flag("--equal-cost", o.equal_cost,
               "Also run the baseline with the policy's yearly cost given to one institution as funding of "
               "purpose any (columns equal_cost and policy_vs_equal_cost)");
  app.add_option("--beneficiary", o.beneficiary,
                 "With --equal-cost: the institution of the baseline that receives the money (default: its only "
                 "university)");
  add_sampling_options(app, o.sampling, "Monte Carlo samples (default: none, one nominal run of each)");
  add_table_options(app, o.sampling);
  app.add_option("--format", o.format, "csv, json or table (default csv)")
      ->check(CLI::IsMember({"csv", "json", "table"}));
  app.add_option("--out", o.out, "Write the comparison to this file instead of stdout");
  app.footer(
      "Examples:\n  labsim compare scenarios/compute-divide.yaml scenarios/nairr.yaml\n"
      "  labsim compare scenarios/compute-divide.yaml scenarios/salary-topup.yaml --equal-cost\n"
      "--equal-cost asks what the same money would do as plain funding: the policy's cost is its yearly change\n"
      "in total revenue over all institutions (nominal runs), given to the beneficiary as a stream named\n"
      "equal-cost at its highest F&A rate.\n"
      "With -n N both scenarios see the same draws for inputs of the same key path (common random\n"
      "numbers), so the spread of the difference reflects the policy, not the dice.\n"
      "Exit status: 0 ok, 1 invalid scenario or option value, 2 usage, 3 cannot read or write.");
}

int run_compare(const CompareOptions& o, const Invocation& call) {
  Scenario baseline = load_scenario_file(o.baseline);
  Scenario policy = load_scenario_file(o.policy);
  check_years(o.sampling.years, baseline.first_year, baseline.last_year);
  std::optional<MonteCarloOptions> mc;
  if (o.sampling.samples) {
    mc = monte_carlo_options(o.sampling);
    mc->progress = progress_bar("labsim compare");
  }
  if (!o.beneficiary.empty() && !o.equal_cost) {
    Diagnostic d;
    d.path = "--beneficiary";
    d.message = "only --equal-cost gives money to a beneficiary";
    d.hint = "add --equal-cost";
    throw InputError({d});
  }
  StatTable table = o.equal_cost
                        ? compare(baseline, policy, equal_cost(baseline, policy, o.beneficiary).scenario, mc,
                                  parse_metrics(o.sampling.metrics))
                        : compare(baseline, policy, mc, parse_metrics(o.sampling.metrics));
  if (mc && mc->progress) std::fprintf(stderr, "\r\033[K");
  table.shown_years = o.sampling.years;
  std::ostringstream text;
  if (o.format == "json") write_stat_json(text, table);
  else if (o.format == "table") write_stat_table(text, table);
  else write_stat_csv(text, table);
  emit(call.out, o.out, text.str());
  return kOk;
}

}  // namespace labsim::cli
