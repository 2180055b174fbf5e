// train-time and optimal: training arithmetic on catalog parts.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <ostream>

#include "cli/commands.hpp"
#include "labsim/catalog.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"
#include "labsim/training.hpp"
#include "labsim/writers.hpp"

namespace labsim::cli {

namespace {

const Accelerator& find_part(const std::string& name) {
  const Catalog& c = builtin_catalog();
  int i = c.find(name);
  if (i >= 0) return c.parts[static_cast<size_t>(i)];
  Diagnostic d;
  d.path = "--gpu";
  d.message = fmt::format("unknown GPU \"{}\"", name);
  std::string names;
  for (const auto& p : c.parts) names += (names.empty() ? "" : ", ") + p.name;
  d.hint = "parts: " + names + " (labsim catalog)";
  throw InputError({d});
}

double positive(const std::string& text, const std::string& what,
                CliQuantity kind = CliQuantity::kAmount) {
  double v = parse_cli_number(text, what, kind);
  if (v <= 0) {
    Diagnostic d;
    d.path = what;
    d.message = fmt::format("expected a positive number, found \"{}\"", text);
    throw InputError({d});
  }
  return v;
}

double share(const std::string& text, const std::string& what) {
  return positive(text, what, CliQuantity::kShare);
}

// Results past the range of a double (1e200 parameters...) are refused, never printed as inf.
void require_finite(std::initializer_list<double> values) {
  for (double v : values) {
    if (std::isfinite(v)) continue;
    Diagnostic d;
    d.path = "result";
    d.message = "the result is too large to represent; check the orders of magnitude of the options";
    throw InputError({d});
  }
}

}  // namespace

void setup_train_time(CLI::App& app, TrainTimeOptions& o) {
  app.add_option("--params", o.params, "Model parameters, e.g. 70B")->required();
  app.add_option("--tokens", o.tokens, "Training tokens, e.g. 1.4T")->required();
  app.add_option("--gpu", o.gpu, "Catalog part, e.g. H100-SXM")->required();
  app.add_option("--count", o.count, "Number of GPUs")->required();
  app.add_option("--mfu", o.mfu, "Model FLOPs utilization (default 37.5%, Epoch AI median)");
  app.add_option("--year", o.year, "Year of the cloud price (default: the part's latest)");
  app.add_option("--format", o.format, "table or json")->check(CLI::IsMember({"table", "json"}));
  app.footer("Example:\n  labsim train-time --params 70B --tokens 1.4T --gpu H100-SXM --count 1024 --format json\n"
             "Prints flop (6 N D), gpu_hours, days and cost_usd at the part's on-demand cloud rate.");
}

int run_train_time(const TrainTimeOptions& o, const Invocation& call) {
  const Accelerator& a = find_part(o.gpu);
  double params = positive(o.params, "--params"), tokens = positive(o.tokens, "--tokens");
  double count = positive(o.count, "--count"), mfu = share(o.mfu, "--mfu");
  TrainingRun run = training_run(a, params, tokens, count, mfu, o.year);
  require_finite({run.flop, run.gpu_hours, run.days});
  if (run.cost_usd) require_finite({*run.cost_usd});
  if (o.format == "json") write_training_run_json(call.out, run);
  else write_training_run_table(call.out, run, a.name);
  return kOk;
}

void setup_optimal(CLI::App& app, OptimalOptions& o) {
  auto* flop = app.add_option("--flop", o.flop, "Training compute, e.g. 2.1e25");
  auto* gpu = app.add_option("--gpu", o.gpu, "Catalog part (with --count and --days)");
  auto* count = app.add_option("--count", o.count, "Number of GPUs");
  auto* days = app.add_option("--days", o.days, "Length of the run in days");
  flop->excludes(gpu)->excludes(count)->excludes(days);
  gpu->needs(count)->needs(days);
  app.add_option("--mfu", o.mfu, "Model FLOPs utilization (default 37.5%)");
  app.add_option("--tokens-per-parameter", o.tokens_per_parameter, "Chinchilla ratio (default 20)");
  app.add_option("--format", o.format, "table or json")->check(CLI::IsMember({"table", "json"}));
  app.footer("Examples:\n  labsim optimal --flop 2.1e25\n  labsim optimal --gpu H100-SXM --count 512 --days 90 --format json\n"
             "Prints params N = sqrt(C / (6 r)), tokens D = r N and flop C (Hoffmann et al. 2022).");
}

int run_optimal(const OptimalOptions& o, const Invocation& call) {
  double flop;
  if (!o.flop.empty()) {
    flop = positive(o.flop, "--flop");
  } else if (!o.gpu.empty()) {
    const Accelerator& a = find_part(o.gpu);
    double count = positive(o.count, "--count"), mfu = share(o.mfu, "--mfu");
    flop = cluster_flop(a, count, mfu, positive(o.days, "--days", CliQuantity::kDays));
  } else {
    throw UsageError("optimal needs --flop C, or --gpu NAME --count K --days T");
  }
  OptimalModel m = compute_optimal(flop, positive(o.tokens_per_parameter, "--tokens-per-parameter"));
  require_finite({flop, m.params, m.tokens});
  if (o.format == "json") write_optimal_json(call.out, m);
  else write_optimal_table(call.out, m);
  return kOk;
}

}  // namespace labsim::cli
