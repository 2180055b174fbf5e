// backtest(): each target against the scenario's value, within its tolerance; predictive intervals
// from the fitted inputs' covariance and count noise; a persistence forecast to compare with.
#include <boost/math/distributions/negative_binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <boost/math/policies/policy.hpp>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string_view>
#include <tuple>

#include "explore/sampler.hpp"
#include "io/bind.hpp"
#include "labsim/calibrate.hpp"
#include "labsim/engine.hpp"

namespace labsim {

namespace {

// Inverse-CDF sampling of a count: the least k with P(X ≤ k) ≥ u.
using CountPolicy = boost::math::policies::policy<boost::math::policies::discrete_quantile<
    boost::math::policies::integer_round_up>>;

double count_draw(double mean, double dispersion, double u) {
  if (!(mean > 0)) return 0;
  if (dispersion <= 1 + 1e-9) return boost::math::quantile(boost::math::poisson_distribution<double, CountPolicy>(mean), u);
  // Negative binomial of mean m and variance φ m: r = m / (φ − 1), p = 1 / φ.
  boost::math::negative_binomial_distribution<double, CountPolicy> nb(mean / (dispersion - 1), 1 / dispersion);
  return boost::math::quantile(nb, u);
}

// The persistence forecast of every row (BacktestRow::persistence).
void persistence(const std::vector<Observation>& targets, std::vector<BacktestRow>& rows) {
  using Key = std::tuple<std::string, Metric>;
  std::map<Key, std::vector<size_t>> fitted;  // fitted single-year rows of a series
  for (size_t i = 0; i < targets.size(); ++i)
    if (!rows[i].out_of_sample && targets[i].single_year())
      fitted[{targets[i].institution, targets[i].metric}].push_back(i);
  for (size_t i = 0; i < targets.size(); ++i) {
    const Observation& t = targets[i];
    if (!t.single_year()) continue;
    auto it = fitted.find({t.institution, t.metric});
    if (it == fitted.end()) continue;
    int best = -1;
    for (size_t k : it->second) {
      int year = targets[k].year;
      bool earlier = rows[i].out_of_sample || year < t.year;
      if (earlier && (best < 0 || year > targets[static_cast<size_t>(best)].year)) best = static_cast<int>(k);
    }
    if (best >= 0) rows[i].persistence = targets[static_cast<size_t>(best)].value;
  }
}

std::vector<BacktestSummary> summarise(const std::vector<Observation>& targets, const std::vector<BacktestRow>& rows) {
  std::vector<BacktestSummary> out;
  std::vector<std::string> institutions;  // in order of first appearance
  for (const Observation& t : targets)
    if (std::find(institutions.begin(), institutions.end(), t.institution) == institutions.end())
      institutions.push_back(t.institution);
  for (bool oos : {false, true})
    for (const std::string& inst : institutions)
    for (int m = 0; m < kMetricCount; ++m) {
      BacktestSummary s;
      s.out_of_sample = oos;
      s.institution = inst;
      s.metric = static_cast<Metric>(m);
      double error = 0, model = 0, naive = 0;
      for (size_t i = 0; i < targets.size(); ++i) {
        if (rows[i].out_of_sample != oos || targets[i].metric != s.metric || targets[i].institution != inst) continue;
        ++s.targets;
        error += std::fabs(rows[i].error);
        s.covered += rows[i].covered;
        if (std::isfinite(rows[i].persistence)) {
          ++s.compared;
          model += std::fabs(rows[i].error);
          naive += std::fabs(rows[i].persistence - targets[i].value);
        }
      }
      if (s.targets == 0) continue;
      s.mae = error / s.targets;
      if (s.compared > 0) {
        s.model_mae = model / s.compared;
        s.persistence_mae = naive / s.compared;
        s.skill = naive > 0 ? 1 - model / naive : NAN;
      }
      out.push_back(s);
    }
  return out;
}

// The P% central interval of every target: fitted inputs drawn from their covariance (a normal
// distribution, kept within their bounds), count or observation noise on top.
void intervals(const Scenario& scenario, const std::vector<Observation>& fitted, const BacktestOptions& o,
               BacktestResult& result) {
  ParameterUncertainty u = parameter_uncertainty(scenario, fitted, o.fit);
  result.dispersion = u.dispersion;
  const auto k = static_cast<Eigen::Index>(u.parameters.size());
  // The inputs with a variance, and the Cholesky factor of their covariance.
  std::vector<Eigen::Index> free;
  for (Eigen::Index i = 0; i < k; ++i)
    if (std::isfinite(u.covariance[static_cast<size_t>(i * k + i)])) free.push_back(i);
  const auto f = static_cast<Eigen::Index>(free.size());
  Eigen::MatrixXd cov(f, f);
  auto variable = [&](Eigen::Index a) { return free[static_cast<size_t>(a)]; };
  for (Eigen::Index a = 0; a < f; ++a)
    for (Eigen::Index b = 0; b < f; ++b) cov(a, b) = u.covariance[static_cast<size_t>(variable(a) * k + variable(b))];
  Eigen::LDLT<Eigen::MatrixXd> ldlt(cov);
  Eigen::MatrixXd l = ldlt.matrixL();
  Eigen::VectorXd d = ldlt.vectorD().cwiseMax(0).cwiseSqrt();
  Eigen::MatrixXd ld = l * d.asDiagonal();
  Eigen::MatrixXd factor = ldlt.transpositionsP().transpose() * ld;  // factor · factorᵀ = cov

  Scenario s = scenario;
  std::vector<io::Field> fields;
  for (const FitParameter& p : u.parameters) fields.push_back(io::bind_field(s, p.path));
  const std::vector<Observation>& targets = result.targets;
  const size_t n = targets.size();
  const int dims = static_cast<int>(f);
  explore::Sampler sampler(explore::SamplerKind::kRandom, o.seed, static_cast<size_t>(o.draws), dims);
  std::vector<double> point(static_cast<size_t>(dims));
  std::vector<std::vector<double>> draws(n);
  const boost::math::normal_distribution<double> normal;
  Trajectory t;
  EngineWorkspace workspace;
  for (int draw = 0; draw < o.draws; ++draw) {
    sampler.point(static_cast<size_t>(draw), point);
    Eigen::VectorXd z(f);
    for (Eigen::Index a = 0; a < f; ++a) z[a] = boost::math::quantile(normal, point[static_cast<size_t>(a)]);
    Eigen::VectorXd shift = factor * z;
    for (Eigen::Index i = 0; i < k; ++i) {
      const FitParameter& p = u.parameters[static_cast<size_t>(i)];
      double v = p.value;
      auto at = std::find(free.begin(), free.end(), i);
      if (at != free.end()) v = std::clamp(v + shift[at - free.begin()], p.lower, p.upper);
      io::set_field(fields[static_cast<size_t>(i)], v);
    }
    run_into(s, t, workspace);
    std::vector<double> model = model_values(t, s, targets);
    for (size_t j = 0; j < n; ++j) {
      double m = model[j], v = explore::uniform_stream(o.seed, j, static_cast<std::uint64_t>(draw));
      if (!std::isfinite(m)) continue;
      const Observation& target = targets[j];
      if (target.likelihood == Likelihood::kPoisson) m = count_draw(m, u.dispersion, v);
      else if (target.weight > 0) m += boost::math::quantile(normal, v) / std::sqrt(target.weight);
      if (std::string_view(metric_info(target.metric).unit) == "share") m = std::clamp(m, 0.0, 1.0);
      draws[j].push_back(m);
    }
  }
  const double tail = (1 - o.interval / 100) / 2;
  for (size_t j = 0; j < n; ++j) {
    std::vector<double>& v = draws[j];
    if (v.empty()) continue;
    std::sort(v.begin(), v.end());
    // The empirical quantiles at tail and 1 − tail (lower and upper order statistics).
    auto q = [&](double p) { return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))]; };
    BacktestRow& row = result.rows[j];
    row.lower = q(tail);
    row.upper = q(1 - tail);
    row.covered = targets[j].value >= row.lower && targets[j].value <= row.upper;
  }
}

}  // namespace

BacktestResult backtest(const Scenario& scenario, const std::vector<Observation>& fitted,
                        const std::vector<Observation>& out_of_sample, const BacktestOptions& options) {
  BacktestResult result;
  result.targets = fitted;
  result.targets.insert(result.targets.end(), out_of_sample.begin(), out_of_sample.end());
  Trajectory t = run(scenario);
  std::vector<double> model = model_values(t, scenario, result.targets);
  for (size_t i = 0; i < result.targets.size(); ++i) {
    const Observation& target = result.targets[i];
    BacktestRow row;
    row.out_of_sample = i >= fitted.size();
    row.model = model[i];
    row.error = model[i] - target.value;
    row.relative_error = target.value != 0 ? row.error / std::fabs(target.value) : NAN;
    row.tolerance = target.tolerance.given ? target.tolerance : options.fallback;
    double allowed = row.tolerance.relative ? row.tolerance.value * std::fabs(target.value) : row.tolerance.value;
    // An undefined model value never passes.
    row.pass = std::isfinite(row.model) && std::fabs(row.error) <= allowed * (1 + 1e-12);
    result.rows.push_back(row);
  }
  persistence(result.targets, result.rows);
  if (options.interval > 0) {
    result.interval = options.interval;
    result.draws = options.draws;
    intervals(scenario, fitted, options, result);
  }
  result.summary = summarise(result.targets, result.rows);
  return result;
}

}  // namespace labsim
