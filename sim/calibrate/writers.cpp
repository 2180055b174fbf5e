// The results of calibrate and backtest: text for the terminal, CSV and JSON.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ostream>

#include "labsim/calibrate.hpp"
#include "text/csv.hpp"
#include "text/json.hpp"
#include "text/number.hpp"

namespace labsim {

namespace {

std::string target_name(const Observation& t) {
  return fmt::format("{} {} {}", t.institution, t.years(), metric_info(t.metric).name);
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

const char* set_name(bool out_of_sample) { return out_of_sample ? "out-of-sample" : "fitted"; }

// A number for the table, or "-" when undefined.
std::string cell(double v, const char* spec = "{:.4g}") {
  return std::isfinite(v) ? fmt::format(fmt::runtime(spec), v) : std::string("-");
}

}  // namespace

void write_calibration_text(std::ostream& out, const CalibrationResult& r, const std::vector<Observation>& targets,
                            const std::string& targets_name, const std::string& overlay_path) {
  bool poisson = std::any_of(targets.begin(), targets.end(),
                             [](const Observation& t) { return t.likelihood == Likelihood::kPoisson; });
  out << fmt::format("Fitted {} input{} to {} targets ({}) by {}: {} model runs.\n", r.parameters.size(),
                     r.parameters.size() == 1 ? "" : "s", targets.size(), targets_name,
                     poisson ? "maximum likelihood (Poisson counts, weighted squares)" : "weighted least squares",
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
  if (overlay_path.empty()) out << "\nNo overlay written (-o FILE writes the fitted values as a scenario).\n";
  else out << fmt::format("\nOverlay written: {}\n", overlay_path);
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
  w.key("stop_reason").string(r.stop_reason).key("overlay");
  if (overlay_path.empty()) w.null();
  else w.string(overlay_path);
  w.key("residuals").array();
  for (size_t i = 0; i < targets.size(); ++i) {
    const Observation& t = targets[i];
    w.object().key("institution").string(t.institution).key("year").integer(t.year);
    if (!t.single_year()) w.key("last_year").integer(t.last_year);
    w.key("metric").string(metric_info(t.metric).name).key("observed").number(t.value);
    w.key("model").number(r.residuals[i].model).key("residual").number(r.residuals[i].residual);
    w.key("weight").number(t.weight).key("location").string(t.location()).end();
  }
  w.end().end();
  out << '\n';
}

void write_backtest_text(std::ostream& out, const BacktestResult& r) {
  const std::vector<Observation>& targets = r.targets;
  const std::vector<BacktestRow>& rows = r.rows;
  size_t width = target_width(targets);
  const bool intervals = r.interval > 0;
  std::string interval_head = intervals ? fmt::format("{:g}% interval", r.interval) : "";
  out << fmt::format("{:<13}  {:<{}}  {:>10}  {:>10}  {:>10}  {:>21}  {:>11}  {:>9}\n", "set", "target", width,
                     "observed", "model", "error", interval_head, "persistence", "tolerance");
  for (size_t i = 0; i < rows.size(); ++i) {
    const BacktestRow& row = rows[i];
    std::string band = intervals ? fmt::format("[{}, {}]{}", cell(row.lower), cell(row.upper), row.covered ? " " : "*") : "";
    out << fmt::format("{:<13}  {:<{}}  {:>10.4g}  {:>10.4g}  {:>+10.4g}  {:>21}  {:>11}  {:>9}  {}\n",
                       set_name(row.out_of_sample), target_name(targets[i]), width, targets[i].value, row.model,
                       row.error, band, cell(row.persistence), tolerance_text(row.tolerance),
                       row.pass ? "ok" : "MISSED");
  }
  if (intervals)
    out << fmt::format("\n* outside its interval. Intervals: {} draws of the fitted inputs and of count noise "
                       "(dispersion {:.3g}).\n",
                       r.draws, r.dispersion);
  size_t name = 6;
  for (const BacktestSummary& s : r.summary)
    name = std::max(name, s.institution.size() + 1 + std::strlen(metric_info(s.metric).name));
  out << fmt::format("\n{:<13}  {:<{}}  {:>7}  {:>10}  {:>11}  {:>11}  {:>7}  {:>8}\n", "set", "series", name,
                     "targets", "MAE", "model MAE", "persist MAE", "skill", "covered");
  for (const BacktestSummary& s : r.summary) {
    std::string covered = intervals ? fmt::format("{}/{}", s.covered, s.targets) : "-";
    out << fmt::format("{:<13}  {:<{}}  {:>7}  {:>10.4g}  {:>11}  {:>11}  {:>7}  {:>8}\n", set_name(s.out_of_sample),
                       s.institution + " " + metric_info(s.metric).name, name, s.targets, s.mae, cell(s.model_mae),
                       cell(s.persistence_mae), cell(s.skill, "{:+.2f}"), covered);
  }
  out << "(model MAE and persistence MAE over the targets with a persistence forecast: the previous fitted "
         "value, or out of sample the last fitted one held flat; skill = 1 - model MAE / persistence MAE)\n";
  size_t missed = missed_count(rows);
  out << fmt::format("\n{} of {} targets within tolerance{}.\n", rows.size() - missed, rows.size(),
                     missed ? fmt::format("; {} missed", missed) : "");
}

void write_backtest_csv(std::ostream& out, const BacktestResult& r) {
  out << "set,institution,year,metric,observed,model,error,relative_error,lower,upper,covered,persistence,"
         "tolerance,pass,source\n";
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const Observation& t = r.targets[i];
    const BacktestRow& row = r.rows[i];
    out << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", set_name(row.out_of_sample),
                       text::csv_field(t.institution), t.years(), metric_info(t.metric).name,
                       text::format_number(t.value), text::format_number(row.model), text::format_number(row.error),
                       text::format_number(row.relative_error), text::format_number(row.lower),
                       text::format_number(row.upper), r.interval > 0 ? (row.covered ? "true" : "false") : "",
                       text::format_number(row.persistence), tolerance_text(row.tolerance),
                       row.pass ? "true" : "false", text::csv_field(t.source));
  }
}

void write_backtest_json(std::ostream& out, const BacktestResult& r) {
  text::JsonWriter w(out);
  w.object().key("targets").integer(r.rows.size()).key("missed").integer(missed_count(r.rows));
  w.key("interval").number(r.interval).key("draws").integer(r.draws).key("dispersion").number(r.dispersion);
  w.key("rows").array();
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const Observation& t = r.targets[i];
    const BacktestRow& row = r.rows[i];
    w.object().key("set").string(set_name(row.out_of_sample));
    w.key("institution").string(t.institution).key("year").integer(t.year);
    if (!t.single_year()) w.key("last_year").integer(t.last_year);
    w.key("metric").string(metric_info(t.metric).name).key("observed").number(t.value);
    w.key("model").number(row.model).key("error").number(row.error);
    w.key("relative_error").number(row.relative_error);
    w.key("lower").number(row.lower).key("upper").number(row.upper);
    if (r.interval > 0) w.key("covered").boolean(row.covered);
    w.key("persistence").number(row.persistence).key("tolerance").string(tolerance_text(row.tolerance));
    w.key("pass").boolean(row.pass).key("source").string(t.source).end();
  }
  w.end().key("summary").array();
  for (const BacktestSummary& s : r.summary) {
    w.object().key("set").string(set_name(s.out_of_sample)).key("institution").string(s.institution);
    w.key("metric").string(metric_info(s.metric).name);
    w.key("targets").integer(s.targets).key("mae").number(s.mae).key("compared").integer(s.compared);
    w.key("model_mae").number(s.model_mae).key("persistence_mae").number(s.persistence_mae);
    w.key("skill").number(s.skill);
    if (r.interval > 0) w.key("covered").integer(s.covered);
    w.end();
  }
  w.end().end();
  out << '\n';
}

}  // namespace labsim
