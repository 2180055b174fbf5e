// labsim calibrate and labsim backtest: fitting inputs to targets, and the model against them.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "cli/commands.hpp"
#include "labsim/calibrate.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"
#include "labsim/writers.hpp"

namespace labsim::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kOverlayMark = "# Written by labsim calibrate";

// The overlay's path (-o), and its `extends:` path relative to the overlay's directory.
std::pair<std::string, std::string> overlay_paths(const CalibrateCliOptions& o) {
  const std::string& out = o.out;
  fs::path dir = fs::absolute(fs::path(out)).parent_path();
  std::string extends = fs::absolute(fs::path(o.scenario)).lexically_normal().lexically_relative(dir).generic_string();
  return {out, extends};
}

// An existing file at `path` that labsim calibrate did not write is refused without --force.
void check_overlay_path(const std::string& path, bool force) {
  std::error_code ec;
  if (force || !fs::exists(path, ec)) return;
  std::ifstream in(path);
  std::string first;
  std::getline(in, first);
  if (first.rfind(kOverlayMark, 0) != 0)
    throw UsageError(fmt::format("--out {}: the file exists and was not written by labsim calibrate; "
                                 "use --force to replace it", path));
}

// "a,b" and repeated --fit both give a list of paths.
std::vector<std::string> split_paths(const std::vector<std::string>& given) {
  std::vector<std::string> out;
  for (const std::string& g : given) {
    size_t at = 0;
    for (size_t comma; (comma = g.find(',', at)) != std::string::npos; at = comma + 1) out.push_back(g.substr(at, comma - at));
    out.push_back(g.substr(at));
    for (const std::string& path : out)
      if (path.empty()) throw UsageError(fmt::format("--fit: expected key paths separated by commas, found \"{}\"", g));
  }
  return out;
}

}  // namespace

void setup_calibrate(CLI::App& app, CalibrateCliOptions& o) {
  app.add_option("scenario", o.scenario, "Scenario file (the fit starts from its values)")->required();
  app.add_option("--targets", o.targets, "Observed values: CSV institution,year,metric,value[,weight][,tolerance][,source]")
      ->required();
  app.add_option("--fit", o.fit, "Key paths to fit, comma-separated or repeated")->required()->type_name("K[,K...]");
  app.add_option("--bounds", o.bounds, "Bounds of a fitted path: key.path=LO:HI (either side may be empty)")
      ->type_name("K=LO:HI")->allow_extra_args(false);
  app.add_option("--set", o.sets, "Override a value: key.path=value (repeatable)")->type_name("K=V")->allow_extra_args(false);
  app.add_option("--format", o.format, "text or json (default text)")->check(CLI::IsMember({"text", "json"}));
  app.add_option("-o,--out", o.out, "Write the fitted values as a scenario that extends SCENARIO (default: none written)");
  app.add_flag("--force", o.force, "Replace an --out file that labsim calibrate did not write");
  app.add_option("--max-evaluations", o.max_evaluations, "Model runs allowed (default 2000)")
      ->check(CLI::Range(1, 1000000));
  app.footer(
      "Example:\n  labsim calibrate scenarios/history.yaml --targets validation/history-targets.csv "
      "--fit talent.choice.intercept,talent.choice.compute\n"
      "Exit status: 0 ok, 1 invalid input, 2 usage, 3 cannot read or write a file.");
}

int run_calibrate(const CalibrateCliOptions& o, const Invocation& call) {
  Scenario s = load_scenario_file(o.scenario, o.sets);
  std::vector<Observation> targets = read_targets(o.targets, s);
  // The overlay is written only when -o names it: no command writes a file it was not asked to.
  auto [overlay_path, extends] = o.out.empty() ? std::pair<std::string, std::string>{} : overlay_paths(o);
  if (!o.out.empty()) check_overlay_path(overlay_path, o.force);
  CalibrationOptions options;
  options.fit = split_paths(o.fit);
  options.bounds = o.bounds;
  options.max_evaluations = o.max_evaluations;
  check_overlay_paths(s, options.fit);  // before the fit spends its time
  std::error_code ec;
  fs::path dir = fs::path(overlay_path).parent_path();
  if (!dir.empty() && !fs::create_directories(dir, ec) && ec)
    throw IoError(fmt::format("{}: cannot create the directory ({})", dir.string(), ec.message()));
  CalibrationResult r = calibrate(s, targets, options);
  if (!o.out.empty()) write_file_atomic(overlay_path, overlay_yaml(s, r, extends, o.targets, o.sets));
  if (o.format == "json") write_calibration_json(call.out, r, targets, overlay_path);
  else write_calibration_text(call.out, r, targets, o.targets, overlay_path);
  return kOk;
}

void setup_backtest(CLI::App& app, BacktestCliOptions& o) {
  app.add_option("scenario", o.scenario, "Scenario file")->required();
  app.add_option("--targets", o.targets,
                 "The observed values the scenario was fitted to: CSV institution,year,metric,value[,weight]"
                 "[,tolerance][,likelihood][,source]")
      ->required();
  app.add_option("--out-of-sample", o.out_of_sample, "Observed values kept out of the fit, in the same format");
  app.add_option("--intervals", o.intervals,
                 "P: a central P% predictive interval for every target, from the --fit inputs' uncertainty and "
                 "count noise")
      ->check(CLI::Range(1.0, 99.9));
  app.add_option("--fit", o.fit, "With --intervals: the fitted inputs, key paths (comma-separated or repeated)");
  app.add_option("--draws", o.draws, "With --intervals: draws of inputs and noise (default 2000)")
      ->check(CLI::Range(100, 1000000));
  app.add_option("--seed", o.seed, "With --intervals: random seed (default 1)");
  app.add_option("--tolerance", o.tolerance,
                 "Allowed error for targets without their own: relative (\"25%\") or absolute (\"0.05\"); default 10%");
  app.add_option("--set", o.sets, "Override a value: key.path=value (repeatable)")->type_name("K=V")->allow_extra_args(false);
  app.add_option("--format", o.format, "text, csv or json (default text)")->check(CLI::IsMember({"text", "csv", "json"}));
  app.footer(
      "Example:\n  labsim backtest scenarios/history.yaml --targets validation/history-targets.csv \\\n"
      "      --out-of-sample validation/history-outofsample.csv --intervals 90 \\\n"
      "      --fit talent.choice.intercept,talent.choice.demand\n"
      "Exit status: 0 every target within its tolerance, 5 any target missed, 1 invalid input, 2 usage, 3 "
      "cannot read a file.");
}

int run_backtest(const BacktestCliOptions& o, const Invocation& call) {
  auto usage_error = [](std::string message, std::string hint) {
    Diagnostic d;
    d.path = "--fit";
    d.message = std::move(message);
    d.hint = std::move(hint);
    throw InputError({d});
  };
  if (o.intervals > 0 && o.fit.empty())
    usage_error("--intervals needs the fitted inputs whose uncertainty they include, found none",
                "name them as for calibrate: --fit talent.choice.intercept,output.base_productivity");
  if (o.intervals == 0 && !o.fit.empty()) usage_error("backtest uses --fit only with --intervals", "");
  Scenario s = load_scenario_file(o.scenario, o.sets);
  BacktestOptions options;
  options.fallback = parse_tolerance(o.tolerance, "--tolerance");
  options.interval = o.intervals;
  options.fit = split_paths(o.fit);
  options.draws = o.draws;
  options.seed = o.seed;
  std::vector<Observation> fitted = read_targets(o.targets, s);
  std::vector<Observation> later;
  if (!o.out_of_sample.empty()) later = read_targets(o.out_of_sample, s);
  BacktestResult r = backtest(s, fitted, later, options);
  if (o.format == "csv") write_backtest_csv(call.out, r);
  else if (o.format == "json") write_backtest_json(call.out, r);
  else write_backtest_text(call.out, r);
  bool missed = std::any_of(r.rows.begin(), r.rows.end(), [](const BacktestRow& row) { return !row.pass; });
  return missed ? kMissed : kOk;
}

}  // namespace labsim::cli
