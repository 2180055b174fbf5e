// train-time and optimal: training arithmetic on catalog parts.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <ostream>

#include "cli/commands.hpp"
#include "labsim/catalog.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"
#include "labsim/trajectory.hpp"
#include "model/throughput.hpp"
#include "text/json.hpp"

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

// Numbers in JSON with up to 10 significant digits (%.10g, exponents kept: 1.4e+12).
std::string general10(double v) { return fmt::format("{:.10g}", v); }

void print(std::ostream& out, const std::string& format,
           std::initializer_list<std::pair<const char*, double>> values) {
  if (format == "json") {
    text::JsonWriter w(out);
    w.object();
    for (auto [k, v] : values) w.key(k).raw(general10(v));
    w.end();
    out << '\n';
    return;
  }
  for (auto [k, v] : values) out << fmt::format("{:<10} {:.4g}\n", k, v);
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
  std::ostream& out = call.out;
  const Accelerator& a = find_part(o.gpu);
  double params = positive(o.params, "--params"), tokens = positive(o.tokens, "--tokens");
  double count = positive(o.count, "--count"), mfu = share(o.mfu, "--mfu");
  double flop = model::training_flop(params, tokens);
  double gpu_hours = flop / (a.bf16_flops * mfu * 3600);
  double days = gpu_hours / count / 24;
  require_finite({flop, gpu_hours, days});
  double cost = kUndefined;
  if (a.cloud_usd_per_hour) {
    int year = o.year ? o.year : a.cloud_usd_per_hour->points.back().first;
    cost = gpu_hours * a.cloud_usd_per_hour->at(year);
    require_finite({cost});
  }
  if (o.format == "json") {
    text::JsonWriter w(out);
    w.object().key("flop").raw(general10(flop)).key("gpu_hours").raw(general10(gpu_hours));
    w.key("days").raw(general10(days)).key("cost_usd");
    is_defined(cost) ? w.raw(general10(cost)) : w.null();
    w.end();
    out << '\n';
    return kOk;
  }
  print(out, o.format, {{"flop", flop}, {"gpu_hours", gpu_hours}, {"days", days}});
  out << (is_defined(cost) ? fmt::format("{:<10} {:.4g}\n", "cost_usd", cost)
                           : fmt::format("{:<10} (no cloud rate for {})\n", "cost_usd", a.name));
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
    flop = positive(o.count, "--count") * a.bf16_flops * share(o.mfu, "--mfu") * positive(o.days, "--days", CliQuantity::kDays) * 86400;
  } else {
    throw UsageError("optimal needs --flop C, or --gpu NAME --count K --days T");
  }
  model::OptimalModel m = model::compute_optimal(flop, positive(o.tokens_per_parameter, "--tokens-per-parameter"));
  require_finite({flop, m.params, m.tokens});
  print(call.out, o.format, {{"params", m.params}, {"tokens", m.tokens}, {"flop", flop}});
  return kOk;
}

}  // namespace labsim::cli
