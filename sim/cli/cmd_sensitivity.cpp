#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <ostream>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/explore_args.hpp"
#include "cli/mpi.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"
#include "labsim/shard.hpp"
#include "labsim/writers.hpp"

namespace labsim::cli {

void setup_sensitivity(CLI::App& app, SensitivityCliOptions& o) {
  app.add_option("scenario", o.scenario, "Scenario file with uncertain inputs")->required();
  app.add_option("--set", o.sets, "Override a value: key.path=value (repeatable)")->type_name("K=V")->allow_extra_args(false);
  app.add_option("--metric", o.metric, "Metric to explain (default compute.h100_hours_per_researcher)");
  app.add_option("--institution", o.institution, "Institution id")->required();
  app.add_option("--year", o.year, "Year (default: the last)");
  app.add_flag("--per-year", o.per_year, "Indices for every year");
  app.add_option("--method", o.method, "tornado, morris or sobol (default tornado)")
      ->check(CLI::IsMember({"tornado", "morris", "sobol"}));
  add_sampling_options(app, o.sampling,
                       fmt::format("Sobol: base samples (default {}); Morris: trajectories (default {})",
                                   kDefaultSobolSamples, kDefaultMorrisTrajectories),
                       false);
  app.add_option("--format", o.format, "csv or json (default csv)")->check(CLI::IsMember({"csv", "json"}));
  app.add_option("--out", o.out, "Write to this file instead of stdout (with --shard: the shard)");
  app.add_option("--shard", o.shard,
                 "Sobol: run only shard I of K (e.g. 3/8) and write it to --out, for labsim merge (docs/scale.md)")
      ->type_name("I/K");
  app.footer(
      "Example:\n  labsim sensitivity scenarios/uncertain-divide.yaml --institution institute --metric "
      "compute.h100_hours_per_researcher --year 2030 --method sobol -n 4096\n"
      "Exit status: 0 ok, 1 invalid input, 2 usage, 3 cannot write.");
}

int run_sensitivity(const SensitivityCliOptions& o, const Invocation& call) {
  if (!o.shard.empty() && o.out.empty())
    throw UsageError("--shard writes the shard's bytes for labsim merge: give the file with --out (e.g. --out part-1.lsr)");
  const MpiRank rank = mpi_rank();
  if (rank.size > 1 && !o.shard.empty()) throw UsageError("--shard and mpirun both split the study: use one of them");
  // Tornado and Morris under mpirun: rank 0 runs them whole.
  if (rank.rank != 0 && o.method != "sobol") return kOk;
  auto options = [&] {
    SensitivityOptions so;
    so.method = o.method == "sobol" ? SensitivityMethod::kSobol
                : o.method == "morris" ? SensitivityMethod::kMorris : SensitivityMethod::kTornado;
    so.metric = parse_metrics({o.metric}).front();
    so.institution = o.institution;
    so.year = o.year;
    so.per_year = o.per_year;
    so.samples = o.sampling.samples;
    so.seed = o.sampling.seed;
    so.threads = threads_or_cores(o.sampling.threads);
    return so;
  };
  if (rank.size > 1 && o.method == "sobol") {
    // Reading the scenario inside, so that a failure on one rank only reaches rank 0.
    return run_on_ranks(call, [&](ShardSpec spec) {
      return sensitivity_shard(load_scenario_file(o.scenario, o.sets), options(), spec);
    }, [&](std::vector<ShardFile> files) {
      emit(call.out, o.out, format_sensitivity(merge_shards(files).sensitivity, o.format));
    });
  }
  const Scenario s = load_scenario_file(o.scenario, o.sets);
  const SensitivityOptions so = options();
  if (!o.shard.empty()) {
    write_file_atomic(o.out, sensitivity_shard(s, so, parse_shard(o.shard)));
    return kOk;
  }
  emit(call.out, o.out, format_sensitivity(sensitivity(s, so), o.format));
  return kOk;
}

}  // namespace labsim::cli
