// labsim calibrate and labsim backtest: fitting inputs to targets, and the model against them.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <ostream>

#include "cli/commands.hpp"
#include "labsim/calibrate.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"
#include "labsim/writers.hpp"
#include "text/csv.hpp"
#include "text/json.hpp"
#include "text/number.hpp"

namespace labsim::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kOverlayMark = "# Written by labsim calibrate";

std::string target_name(const Observation& t) {
  return fmt::format("{} {} {}", t.institution, t.year, metric_info(t.metric).name);
}

std::string bound_text(double lo, double hi) {
  auto side = [](double v) { return std::isfinite(v) ? fmt::format("{:.4g}", v) : std::string(v < 0 ? "-inf" : "inf"); };
  return fmt::format("[{}, {}]", side(lo), side(hi));
}

// The overlay's path, and its `extends:` path relative to the overlay's directory.
std::pair<std::string, std::string> overlay_paths(const CalibrateCliOptions& o) {
  std::string out = o.out.empty() ? fs::path(o.scenario).stem().string() + "-calibrated.yaml" : o.out;
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

void print_text(const CalibrationResult& r, const std::vector<Observation>& targets, const CalibrateCliOptions& o,
                const std::string& overlay, std::ostream& out) {
  out << fmt::format("Fitted {} input{} to {} targets ({}) by weighted least squares: {} model runs.\n",
                     r.parameters.size(), r.parameters.size() == 1 ? "" : "s", targets.size(), o.targets, r.evaluations);
  out << fmt::format("{}: {}.\n\n", r.converged ? "Converged" : "Did not converge", r.stop_reason);
  size_t width = 5;
  for (const FitParameter& p : r.parameters) width = std::max(width, p.path.size());
  out << fmt::format("{:<{}}  {:>12}  {:>12}  {:>12}  {}\n", "input", width, "start", "fitted", "std. error", "bounds");
  for (const FitParameter& p : r.parameters)
    out << fmt::format("{:<{}}  {:>12.6g}  {:>12.6g}  {:>12}  {}{}\n", p.path, width, p.start, p.value,
                       std::isfinite(p.stderr_) ? fmt::format("{:.3g}", p.stderr_) : "n/a", bound_text(p.lower, p.upper),
                       p.at_bound ? "  at a bound" : "");
  out << fmt::format("\nWeighted RMSE {:.4g} ({:.4g} at the start).\n\n", r.rmse, r.start_rmse);
  size_t name_width = 6;
  for (const Observation& t : targets) name_width = std::max(name_width, target_name(t).size());
  out << fmt::format("{:<{}}  {:>12}  {:>12}  {:>12}  {:>6}\n", "target", name_width, "observed", "model", "residual",
                     "weight");
  for (size_t i = 0; i < targets.size(); ++i)
    out << fmt::format("{:<{}}  {:>12.4g}  {:>12.4g}  {:>+12.4g}  {:>6.4g}\n", target_name(targets[i]), name_width,
                       targets[i].value, r.residuals[i].model, r.residuals[i].residual, targets[i].weight);
  out << fmt::format("\nOverlay written: {}\n", overlay);
}

void print_json(const CalibrationResult& r, const std::vector<Observation>& targets, const std::string& overlay,
                std::ostream& out) {
  text::JsonWriter w(out);
  w.object().key("fitted").object();
  for (const FitParameter& p : r.parameters) {
    w.key(p.path).object().key("value").number(p.value).key("stderr").number(p.stderr_);
    w.key("start").number(p.start).key("lower").number(p.lower).key("upper").number(p.upper);
    w.key("at_bound").boolean(p.at_bound).end();
  }
  w.end().key("rmse").number(r.rmse).key("start_rmse").number(r.start_rmse);
  w.key("evaluations").integer(r.evaluations).key("converged").boolean(r.converged);
  w.key("stop_reason").string(r.stop_reason).key("overlay").string(overlay);
  w.key("residuals").array();
  for (size_t i = 0; i < targets.size(); ++i) {
    const Observation& t = targets[i];
    w.object().key("institution").string(t.institution).key("year").integer(t.year);
    w.key("metric").string(metric_info(t.metric).name).key("observed").number(t.value);
    w.key("model").number(r.residuals[i].model).key("residual").number(r.residuals[i].residual);
    w.key("weight").number(t.weight).key("location").string(t.location()).end();
  }
  w.end().end();
  out << '\n';
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
  app.add_option("-o,--out", o.out, "The overlay scenario to write (default: <scenario>-calibrated.yaml here)");
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
  auto [overlay_path, extends] = overlay_paths(o);
  check_overlay_path(overlay_path, o.force);
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
  write_file_atomic(overlay_path, overlay_yaml(s, r, extends, o.targets, o.sets));
  if (o.format == "json") print_json(r, targets, overlay_path, call.out);
  else print_text(r, targets, o, overlay_path, call.out);
  return kOk;
}

void setup_backtest(CLI::App& app, BacktestCliOptions& o) {
  app.add_option("scenario", o.scenario, "Scenario file")->required();
  app.add_option("--targets", o.targets, "Observed values: CSV institution,year,metric,value[,weight][,tolerance][,source]")
      ->required();
  app.add_option("--tolerance", o.tolerance,
                 "Allowed error for targets without their own: relative (\"25%\") or absolute (\"0.05\"); default 10%");
  app.add_option("--set", o.sets, "Override a value: key.path=value (repeatable)")->type_name("K=V")->allow_extra_args(false);
  app.add_option("--format", o.format, "text, csv or json (default text)")->check(CLI::IsMember({"text", "csv", "json"}));
  app.footer(
      "Example:\n  labsim backtest scenarios/history.yaml --targets validation/history-targets.csv\n"
      "Exit status: 0 every target within its tolerance, 5 any target missed, 1 invalid input, 2 usage, 3 "
      "cannot read a file.");
}

int run_backtest(const BacktestCliOptions& o, const Invocation& call) {
  std::ostream& out = call.out;
  Scenario s = load_scenario_file(o.scenario, o.sets);
  Tolerance fallback = parse_tolerance(o.tolerance, "--tolerance");
  std::vector<Observation> targets = read_targets(o.targets, s);
  std::vector<BacktestRow> rows = backtest(s, targets, fallback);
  int missed = 0;
  for (const BacktestRow& r : rows) missed += !r.pass;
  auto tol = [](const Tolerance& t) {
    return t.relative ? fmt::format("{:.4g}%", t.value * 100) : fmt::format("{:.4g}", t.value);
  };
  if (o.format == "csv") {
    out << "institution,year,metric,observed,model,error,relative_error,tolerance,pass,source\n";
    for (size_t i = 0; i < rows.size(); ++i) {
      const Observation& t = targets[i];
      out << fmt::format("{},{},{},{},{},{},{},{},{},{}\n", text::csv_field(t.institution), t.year,
                         metric_info(t.metric).name, text::format_number(t.value), text::format_number(rows[i].model),
                         text::format_number(rows[i].error), text::format_number(rows[i].relative_error),
                         tol(rows[i].tolerance), rows[i].pass ? "true" : "false", text::csv_field(t.source));
    }
  } else if (o.format == "json") {
    text::JsonWriter w(out);
    w.object().key("targets").integer(rows.size()).key("missed").integer(missed).key("rows").array();
    for (size_t i = 0; i < rows.size(); ++i) {
      const Observation& t = targets[i];
      w.object().key("institution").string(t.institution).key("year").integer(t.year);
      w.key("metric").string(metric_info(t.metric).name).key("observed").number(t.value);
      w.key("model").number(rows[i].model).key("error").number(rows[i].error);
      w.key("relative_error").number(rows[i].relative_error).key("tolerance").string(tol(rows[i].tolerance));
      w.key("pass").boolean(rows[i].pass).key("source").string(t.source).end();
    }
    w.end().end();
    out << '\n';
  } else {
    size_t width = 6;
    for (const Observation& t : targets) width = std::max(width, target_name(t).size());
    out << fmt::format("{:<{}}  {:>12}  {:>12}  {:>12}  {:>9}\n", "target", width, "observed", "model", "error",
                       "tolerance");
    for (size_t i = 0; i < rows.size(); ++i)
      out << fmt::format("{:<{}}  {:>12.4g}  {:>12.4g}  {:>+12.4g}  {:>9}  {}\n", target_name(targets[i]), width,
                         targets[i].value, rows[i].model, rows[i].error, tol(rows[i].tolerance),
                         rows[i].pass ? "ok" : "MISSED");
    out << fmt::format("\n{} of {} targets within tolerance{}.\n", rows.size() - static_cast<size_t>(missed),
                       rows.size(), missed ? fmt::format("; {} missed", missed) : "");
  }
  return missed ? kMissed : kOk;
}

}  // namespace labsim::cli
