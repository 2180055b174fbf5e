#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/explore_args.hpp"
#include "cli/mpi.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"
#include "labsim/shard.hpp"
#include "labsim/writers.hpp"

namespace labsim::cli {

void setup_mc(CLI::App& app, McOptions& o) {
  app.add_option("scenario", o.scenario, "Scenario file with uncertain inputs")->required();
  app.add_option("--set", o.sets, "Override a value: key.path=value (repeatable)")->type_name("K=V")->allow_extra_args(false);
  add_sampling_options(app, o.sampling, fmt::format("Number of samples (default {})", kDefaultMonteCarloSamples));
  add_table_options(app, o.sampling);
  app.add_option("--format", o.format, "csv, json or table (default csv)")
      ->check(CLI::IsMember({"csv", "json", "table"}));
  app.add_option("--out", o.out, "Write the statistics to this file instead of stdout (with --shard: the shard)");
  app.add_option("--shard", o.shard,
                 "Run only shard I of K (e.g. 3/8) and write it to --out, for labsim merge (docs/scale.md)")
      ->type_name("I/K");
  app.add_option("--samples", o.draws,
                 "Also write each sample's input values to this CSV file, each as --set takes it");
  app.footer(
      "Examples:\n  labsim mc scenarios/uncertain-divide.yaml -n 10000 --seed 7 --format csv\n"
      "  labsim mc uncertain-divide -n 20000 --seed 7 --shard 1/2 --out part-1.lsr\n"
      "  labsim mc uncertain-divide -n 20000 --seed 7 --shard 2/2 --out part-2.lsr\n"
      "The last two run the first in two parts (on two machines, say): labsim merge part-1.lsr part-2.lsr\n"
      "prints what `labsim mc uncertain-divide -n 20000 --seed 7` prints (docs/scale.md).\n"
      "Output: per institution, year and metric the mean and the 5/25/50/75/95th percentiles.\n"
      "Exit status: 0 ok, 1 invalid scenario or option value, 2 usage, 3 cannot read or write.");
}

namespace {

// Clears the progress line once a run is done (when it drew one).
void clear_progress(const MonteCarloOptions& mc) {
  if (mc.progress) std::fprintf(stderr, "\r\033[K");
}

}  // namespace

int run_mc(const McOptions& o, const Invocation& call) {
  if (!o.shard.empty() && o.out.empty())
    throw UsageError("--shard writes the shard's bytes for labsim merge: give the file with --out (e.g. --out part-1.lsr)");
  if (!o.shard.empty() && !o.draws.empty())
    throw UsageError("--samples writes every sample's inputs: run it without --shard");
  const MpiRank rank = mpi_rank();
  if (rank.size > 1) {
    if (!o.shard.empty()) throw UsageError("--shard and mpirun both split the study: use one of them");
    if (!o.draws.empty()) throw UsageError("--samples writes every sample's inputs: run it without mpirun");
    // Everything that can fail on one rank only (reading the scenario) happens inside, so that
    // rank 0 hears of it.
    return run_on_ranks(call, [&](ShardSpec spec) {
      Scenario s = load_scenario_file(o.scenario, o.sets);
      check_years(o.sampling.years, s.first_year, s.last_year);
      MonteCarloOptions mc = monte_carlo_options(o.sampling);
      if (rank.rank == 0) mc.progress = progress_bar("labsim mc");
      std::string bytes = monte_carlo_shard(s, mc, o.sampling.years, spec);
      clear_progress(mc);
      return bytes;
    }, [&](std::vector<ShardFile> files) { emit(call.out, o.out, format_stats(merge_shards(files).stats, o.format)); });
  }
  Scenario s = load_scenario_file(o.scenario, o.sets);
  check_years(o.sampling.years, s.first_year, s.last_year);
  MonteCarloOptions mc = monte_carlo_options(o.sampling);
  mc.progress = progress_bar("labsim mc");
  if (!o.shard.empty()) {
    std::string bytes = monte_carlo_shard(s, mc, o.sampling.years, parse_shard(o.shard));
    clear_progress(mc);
    write_file_atomic(o.out, bytes);
    return kOk;
  }
  StatTable table = monte_carlo(s, mc);
  clear_progress(mc);
  table.shown_years = o.sampling.years;
  if (!o.draws.empty()) write_file_atomic(o.draws, [&](std::ostream& f) { write_draws(f, s, mc); });
  emit(call.out, o.out, format_stats(table, o.format));
  return kOk;
}

}  // namespace labsim::cli
