// The results of calibrate and backtest: text for the terminal, CSV and JSON.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ostream>

#include "labsim/calibrate.hpp"
#include "text/csv.hpp"
#include "text/json.hpp"
#include "text/number.hpp"

namespace labsim {

namespace {

std::string target_name(const Observation& t) {
  return fmt::format("{} {} {}", t.institution, t.year, metric_info(t.metric).name);
}

// The width of the target column: the longest target name, at least the header's.
size_t target_width(const std::vector<Observation>& targets) {
  size_t width = 6;
  for (const Observation& t : targets) width = std::max(width, target_name(t).size());
  return width;
}

std::string bound_text(double lo, double hi) {
  auto side = [](double v) { return std::isfinite(v) ? fmt::format("{:.4g}", v) : std::string(v < 0 ? "-inf" : "inf"); };
  return fmt::format("[{}, {}]", side(lo), side(hi));
}

std::string tolerance_text(const Tolerance& t) {
  return t.relative ? fmt::format("{:.4g}%", t.value * 100) : fmt::format("{:.4g}", t.value);
}

size_t missed_count(const std::vector<BacktestRow>& rows) {
  return static_cast<size_t>(std::count_if(rows.begin(), rows.end(), [](const BacktestRow& r) { return !r.pass; }));
}

}  // namespace

void write_calibration_text(std::ostream& out, const CalibrationResult& r, const std::vector<Observation>& targets,
                            const std::string& targets_name, const std::string& overlay_path) {
  out << fmt::format("Fitted {} input{} to {} targets ({}) by weighted least squares: {} model runs.\n",
                     r.parameters.size(), r.parameters.size() == 1 ? "" : "s", targets.size(), targets_name,
                     r.evaluations);
  out << fmt::format("{}: {}.\n\n", r.converged ? "Converged" : "Did not converge", r.stop_reason);
  size_t width = 5;
  for (const FitParameter& p : r.parameters) width = std::max(width, p.path.size());
  out << fmt::format("{:<{}}  {:>12}  {:>12}  {:>12}  {}\n", "input", width, "start", "fitted", "std. error", "bounds");
  for (const FitParameter& p : r.parameters)
    out << fmt::format("{:<{}}  {:>12.6g}  {:>12.6g}  {:>12}  {}{}\n", p.path, width, p.start, p.value,
                       std::isfinite(p.stderr_) ? fmt::format("{:.3g}", p.stderr_) : "n/a", bound_text(p.lower, p.upper),
                       p.at_bound ? "  at a bound" : "");
  out << fmt::format("\nWeighted RMSE {:.4g} ({:.4g} at the start).\n\n", r.rmse, r.start_rmse);
  size_t name_width = target_width(targets);
  out << fmt::format("{:<{}}  {:>12}  {:>12}  {:>12}  {:>6}\n", "target", name_width, "observed", "model", "residual",
                     "weight");
  for (size_t i = 0; i < targets.size(); ++i)
    out << fmt::format("{:<{}}  {:>12.4g}  {:>12.4g}  {:>+12.4g}  {:>6.4g}\n", target_name(targets[i]), name_width,
                       targets[i].value, r.residuals[i].model, r.residuals[i].residual, targets[i].weight);
  out << fmt::format("\nOverlay written: {}\n", overlay_path);
}

void write_calibration_json(std::ostream& out, const CalibrationResult& r, const std::vector<Observation>& targets,
                            const std::string& overlay_path) {
  text::JsonWriter w(out);
  w.object().key("fitted").object();
  for (const FitParameter& p : r.parameters) {
    w.key(p.path).object().key("value").number(p.value).key("stderr").number(p.stderr_);
    w.key("start").number(p.start).key("lower").number(p.lower).key("upper").number(p.upper);
    w.key("at_bound").boolean(p.at_bound).end();
  }
  w.end().key("rmse").number(r.rmse).key("start_rmse").number(r.start_rmse);
  w.key("evaluations").integer(r.evaluations).key("converged").boolean(r.converged);
  w.key("stop_reason").string(r.stop_reason).key("overlay").string(overlay_path);
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

void write_backtest_text(std::ostream& out, const std::vector<BacktestRow>& rows, const std::vector<Observation>& targets) {
  size_t width = target_width(targets);
  out << fmt::format("{:<{}}  {:>12}  {:>12}  {:>12}  {:>9}\n", "target", width, "observed", "model", "error",
                     "tolerance");
  for (size_t i = 0; i < rows.size(); ++i)
    out << fmt::format("{:<{}}  {:>12.4g}  {:>12.4g}  {:>+12.4g}  {:>9}  {}\n", target_name(targets[i]), width,
                       targets[i].value, rows[i].model, rows[i].error, tolerance_text(rows[i].tolerance),
                       rows[i].pass ? "ok" : "MISSED");
  size_t missed = missed_count(rows);
  out << fmt::format("\n{} of {} targets within tolerance{}.\n", rows.size() - missed, rows.size(),
                     missed ? fmt::format("; {} missed", missed) : "");
}

void write_backtest_csv(std::ostream& out, const std::vector<BacktestRow>& rows, const std::vector<Observation>& targets) {
  out << "institution,year,metric,observed,model,error,relative_error,tolerance,pass,source\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const Observation& t = targets[i];
    out << fmt::format("{},{},{},{},{},{},{},{},{},{}\n", text::csv_field(t.institution), t.year,
                       metric_info(t.metric).name, text::format_number(t.value), text::format_number(rows[i].model),
                       text::format_number(rows[i].error), text::format_number(rows[i].relative_error),
                       tolerance_text(rows[i].tolerance), rows[i].pass ? "true" : "false", text::csv_field(t.source));
  }
}

void write_backtest_json(std::ostream& out, const std::vector<BacktestRow>& rows, const std::vector<Observation>& targets) {
  text::JsonWriter w(out);
  w.object().key("targets").integer(rows.size()).key("missed").integer(missed_count(rows)).key("rows").array();
  for (size_t i = 0; i < rows.size(); ++i) {
    const Observation& t = targets[i];
    w.object().key("institution").string(t.institution).key("year").integer(t.year);
    w.key("metric").string(metric_info(t.metric).name).key("observed").number(t.value);
    w.key("model").number(rows[i].model).key("error").number(rows[i].error);
    w.key("relative_error").number(rows[i].relative_error).key("tolerance").string(tolerance_text(rows[i].tolerance));
    w.key("pass").boolean(rows[i].pass).key("source").string(t.source).end();
  }
  w.end().end();
  out << '\n';
}

}  // namespace labsim
