// Fitting counts by their Poisson likelihood, targets over a range of years, and backtest v2:
// predictive intervals, persistence forecasts and skill (docs/cli.md, "backtest"). Expected values
// are worked out by hand or from closed forms in the comments.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli_helpers.hpp"
#include "labsim/calibrate.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"

namespace {

using labsim::Metric;
using labsim::Observation;
using labsim::test::run_cli;
using labsim::test::TempDir;

// One lab whose researchers grow 100, 200, ..., 600 (2020-2025, hires at once and at full output):
// with a headcount part only, notable models are 0.01 x R: 1, 2, 3, 4, 5, 6.
const char* kLab = R"(
scenario: {name: lab, years: 2020-2025}
market: {industry_comp: 200k, frontier_training_flop: 1e24}
talent: {vacancy_months: {research_scientist: 0}, new_hire_productivity: 100%}
output: {base_productivity: 0.01, productivity: 0}
institutions:
  - id: lab
    kind: industry
    fleet: [{gpu: H100-SXM, count: 100, acquired: 2020, lifetime: 10 years}]
    people: [{role: research_scientist, count: 100, target: {2020: 100, 2025: 600}, salary: market,
              paid_share: 0%, attrition: 0%/yr}]
    funding: [{name: budget, amount: 1M/yr, years: 2020-2025}]
    spending: {compute_share: 0%}
    reserves: 100M
)";

labsim::Scenario lab(const std::vector<std::string>& sets = {}) { return labsim::load_scenario_string(kLab, "lab.yaml", sets); }

double poisson_cdf(int k, double mean) {
  double term = std::exp(-mean), sum = term;
  for (int i = 1; i <= k; ++i) sum += term *= mean / i;
  return sum;
}

}  // namespace

TEST_CASE("the model the tests below rest on: notable models 1 to 6", "[backtest]") {
  labsim::Trajectory t = labsim::run(lab());
  for (int yi = 0; yi < 6; ++yi) CHECK(t.institutions[0].at(yi, Metric::kOutputNotableModels) == Approx(yi + 1));
}

TEST_CASE("Poisson targets are fitted by maximum likelihood: for a linear mean, sum of counts over sum of units",
          "[backtest][calibrate]") {
  // N_t = b x R_t with R = 100..600: the Poisson MLE is b* = Σ y / Σ R (score Σ (y/m − 1) R = 0 at
  // m = b R), whatever the spread of the counts, unlike least squares (Σ R y / Σ R²).
  const double y[] = {3, 1, 6, 2, 9, 4};
  std::string csv = "institution,year,metric,value,likelihood\n";
  double sum_y = 0, sum_r = 0, sum_ry = 0, sum_rr = 0;
  for (int i = 0; i < 6; ++i) {
    double r = 100.0 * (i + 1);
    csv += fmt::format("lab,{},output.notable_models,{},poisson\n", 2020 + i, y[i]);
    sum_y += y[i], sum_r += r, sum_ry += r * y[i], sum_rr += r * r;
  }
  labsim::Scenario s = lab();
  std::vector<Observation> targets = labsim::parse_targets(csv, "counts.csv", s);
  labsim::CalibrationOptions options;
  options.fit = {"output.base_productivity"};
  labsim::CalibrationResult r = labsim::calibrate(s, targets, options);
  CHECK(r.converged);
  CHECK(r.parameters[0].value == Approx(sum_y / sum_r).epsilon(1e-6));            // 25 / 2100
  CHECK(r.parameters[0].value != Approx(sum_ry / sum_rr).epsilon(1e-3));          // not least squares
  // The residual is the signed deviance residual: for y = 3, m = 1: sqrt(2 (1 − 3 + 3 ln 3)) < 0.
  Observation t;
  t.value = 3;
  t.likelihood = labsim::Likelihood::kPoisson;
  CHECK(labsim::fit_residual(t, 1) == Approx(-std::sqrt(2 * (1 - 3 + 3 * std::log(3.0)))));
  t.value = 0;  // y = 0: 2 m
  CHECK(labsim::fit_residual(t, 2) == Approx(2));
  t.likelihood = labsim::Likelihood::kNormal;
  t.weight = 4;  // sqrt(w) (m − y)
  CHECK(labsim::fit_residual(t, 2) == Approx(4));
}

TEST_CASE("a target over a range of years is the sum of an extensive metric and the mean of an intensive one",
          "[backtest][calibrate]") {
  labsim::Scenario s = lab();
  std::vector<Observation> targets = labsim::parse_targets(
      "institution,year,metric,value\nlab,2021-2023,output.notable_models,9\nlab,2021-2023,compute.h100_hours_per_researcher,1\n"
      "lab,2025,output.notable_models,6\n",
      "range.csv", s);
  REQUIRE(targets.size() == 3);
  CHECK(targets[0].year == 2021);
  CHECK(targets[0].last_year == 2023);
  CHECK(targets[0].years() == "2021-2023");
  CHECK(targets[2].years() == "2025");
  labsim::Trajectory t = labsim::run(s);
  std::vector<double> model = labsim::model_values(t, s, targets);
  CHECK(model[0] == Approx(2 + 3 + 4));
  // H100-hours per researcher: a fixed fleet over 200, 300, 400 researchers; the mean of the three.
  double h = t.institutions[0].at(0, Metric::kComputeH100Hours) * 0.71;  // research share of an industry lab
  CHECK(model[1] == Approx((h / 200 + h / 300 + h / 400) / 3));
  CHECK(model[2] == Approx(6));
}

TEST_CASE("likelihood and year-range errors are located", "[backtest][calibrate]") {
  labsim::Scenario s = lab();
  auto report = [&](const std::string& csv) {
    try {
      labsim::parse_targets(csv, "t.csv", s);
    } catch (const labsim::InputError& e) {
      return e.report();
    }
    return std::string("(parsed)");
  };
  CHECK_THAT(report("institution,year,metric,value,likelihood\nlab,2021,output.notable_models,3,poison\n"),
             Catch::Contains("t.csv:2:34: error: likelihood: expected \"normal\" or \"poisson\", found \"poison\"") &&
                 Catch::Contains("did you mean 'poisson'?"));
  CHECK_THAT(report("institution,year,metric,value,likelihood\nlab,2021,output.notable_models,-3,poisson\n"),
             Catch::Contains("a Poisson count cannot be negative, found -3"));
  CHECK_THAT(report("institution,year,metric,value\nlab,2023-2021,output.notable_models,3\n"),
             Catch::Contains("t.csv:2:5: error: year:"));
  CHECK_THAT(report("institution,year,metric,value\nlab,2019-2021,output.notable_models,3\n"),
             Catch::Contains("expected a year of the scenario (2020-2025) or a range of them"));
}

TEST_CASE("backtest persistence and skill: the previous fitted value, out of sample the last one held flat",
          "[backtest]") {
  // Fitted: 2020 = 2 (model 1), 2021 = 1 (model 2), 2022 = 5 (model 3); out of sample 2024 = 4
  // (model 5), 2025 = 9 (model 6).
  // Persistence: 2020 none; 2021 → 2 (error −1... |2 − 1| = 1); 2022 → 1 (|1 − 5| = 4);
  //   2024 and 2025 → 5, the last fitted (|5 − 4| = 1, |5 − 9| = 4).
  // Fitted: MAE over all three |1−2| + |2−1| + |3−5| = 4 → 4/3; over the two compared 1 + 2 = 3 → 1.5,
  //   persistence 1 + 4 = 5 → 2.5, skill 1 − 3/5 = 0.4.
  // Out of sample: model |5−4| + |6−9| = 4 → 2; persistence 5 → 2.5; skill 1 − 4/5 = 0.2.
  labsim::Scenario s = lab();
  auto fitted = labsim::parse_targets("institution,year,metric,value\nlab,2020,output.notable_models,2\n"
                                      "lab,2021,output.notable_models,1\nlab,2022,output.notable_models,5\n",
                                      "fit.csv", s);
  auto later = labsim::parse_targets("institution,year,metric,value\nlab,2024,output.notable_models,4\n"
                                     "lab,2025,output.notable_models,9\n",
                                     "oos.csv", s);
  labsim::BacktestOptions options;
  options.fallback = labsim::parse_tolerance("50%", "--tolerance");
  labsim::BacktestResult r = labsim::backtest(s, fitted, later, options);
  REQUIRE(r.rows.size() == 5);
  CHECK(std::isnan(r.rows[0].persistence));
  CHECK(r.rows[1].persistence == 2);
  CHECK(r.rows[2].persistence == 1);
  CHECK(r.rows[3].persistence == 5);
  CHECK(r.rows[4].persistence == 5);
  CHECK(r.rows[3].out_of_sample);
  CHECK(std::isnan(r.rows[0].lower));  // no intervals asked for
  REQUIRE(r.summary.size() == 2);
  CHECK_FALSE(r.summary[0].out_of_sample);
  CHECK(r.summary[0].targets == 3);
  CHECK(r.summary[0].mae == Approx(4.0 / 3));
  CHECK(r.summary[0].compared == 2);
  CHECK(r.summary[0].model_mae == Approx(1.5));
  CHECK(r.summary[0].persistence_mae == Approx(2.5));
  CHECK(r.summary[0].skill == Approx(0.4));
  CHECK(r.summary[1].out_of_sample);
  CHECK(r.summary[1].mae == Approx(2));
  CHECK(r.summary[1].persistence_mae == Approx(2.5));
  CHECK(r.summary[1].skill == Approx(0.2));
}

TEST_CASE("with certain inputs a Poisson target's interval is the Poisson quantiles of the model's mean",
          "[backtest]") {
  // Fitted targets equal to the model (1..4): residuals 0, so no parameter spread and dispersion 1.
  // The 2025 target's 90% interval is then the 5% and 95% quantiles of Poisson(6): P(X ≤ 1) =
  // 0.017, P(X ≤ 2) = 0.062 → 2; P(X ≤ 9) = 0.916, P(X ≤ 10) = 0.957 → 10. (The sample quantile of
  // 4,000 draws lands on them: both CDFs are at least 0.007 from 5% and 95%.)
  CHECK(poisson_cdf(1, 6) < 0.05);
  CHECK(poisson_cdf(2, 6) > 0.05);
  CHECK(poisson_cdf(9, 6) < 0.95);
  CHECK(poisson_cdf(10, 6) > 0.95);
  labsim::Scenario s = lab();
  std::string fit = "institution,year,metric,value,likelihood\n";
  for (int i = 0; i < 4; ++i) fit += fmt::format("lab,{},output.notable_models,{},poisson\n", 2020 + i, i + 1);
  auto fitted = labsim::parse_targets(fit, "fit.csv", s);
  auto later = labsim::parse_targets("institution,year,metric,value,likelihood\nlab,2025,output.notable_models,11,poisson\n",
                                     "oos.csv", s);
  labsim::BacktestOptions options;
  options.fallback = labsim::parse_tolerance("10%", "--tolerance");
  options.interval = 90;
  options.fit = {"output.base_productivity"};
  options.draws = 4000;
  labsim::BacktestResult r = labsim::backtest(s, fitted, later, options);
  CHECK(r.dispersion == 1);
  CHECK(r.rows[4].lower == 2);
  CHECK(r.rows[4].upper == 10);
  CHECK_FALSE(r.rows[4].covered);  // 11 is above it
  CHECK(r.summary[1].covered == 0);
  // Same seed, same intervals; another seed may differ but stays a valid interval.
  labsim::BacktestResult again = labsim::backtest(s, fitted, later, options);
  CHECK(again.rows[4].lower == r.rows[4].lower);
  CHECK(again.rows[4].upper == r.rows[4].upper);
}

TEST_CASE("backtest --intervals needs --fit, and --fit needs --intervals", "[backtest][cli]") {
  TempDir dir("backtest-v2");
  std::string scenario = dir.file("lab.yaml"), targets = dir.file("t.csv");
  std::ofstream(scenario) << kLab;
  std::ofstream(targets) << "institution,year,metric,value\nlab,2020,output.notable_models,1\n";
  auto no_fit = run_cli(fmt::format("backtest {} --targets {} --intervals 90", scenario, targets));
  CHECK(no_fit.status == 1);
  CHECK_THAT(no_fit.err, Catch::Contains("--fit: --intervals needs the fitted inputs"));
  auto no_intervals = run_cli(fmt::format("backtest {} --targets {} --fit output.base_productivity", scenario, targets));
  CHECK(no_intervals.status == 1);
  CHECK_THAT(no_intervals.err, Catch::Contains("--fit: backtest uses --fit only with --intervals"));
  auto bad = run_cli(fmt::format("backtest {} --targets {} --intervals 100 --fit output.base_productivity", scenario, targets));
  CHECK(bad.status == 2);
  auto ok = run_cli(fmt::format("backtest {} --targets {} --intervals 80 --fit output.base_productivity --format json",
                                scenario, targets));
  CHECK(ok.status == 0);
  CHECK_THAT(ok.out, Catch::Contains("\"interval\": 80"));
}
