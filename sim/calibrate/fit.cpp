// calibrate(): weighted least squares over bound fields with Eigen's Levenberg–Marquardt
// (MINPACK lmder), bounds by a change of variable, standard errors from the Jacobian.
#include <fmt/format.h>

#include <Eigen/Dense>
#include <unsupported/Eigen/NonLinearOptimization>
#include <algorithm>
#include <cmath>
#include <limits>

#include "explore/bind.hpp"
#include "explore/input_error.hpp"
#include "io/units.hpp"
#include "labsim/calibrate.hpp"
#include "labsim/engine.hpp"

namespace labsim {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// x in [lower, upper] from an unbounded z, and back (MINUIT's transformations). A positive range
// of three decades or more is searched in log x, so that 1e-4 and 1e-1 are equally easy to reach.
struct Bounded {
  double lower = -kInf, upper = kInf;

  bool logarithmic() const { return lower > 0 && upper / lower >= 1e3; }
  Bounded logs() const { return {std::log(lower), std::log(upper)}; }

  double to_x(double z) const {
    if (logarithmic()) return std::clamp(std::exp(logs().to_x(z)), lower, upper);
    return linear_x(z);
  }
  double to_z(double x) const {
    if (logarithmic()) return logs().linear_z(std::log(std::clamp(x, lower, upper)));
    return linear_z(x);
  }

  double linear_x(double z) const {
    if (std::isfinite(lower) && std::isfinite(upper)) return lower + (upper - lower) * (std::sin(z) + 1) / 2;
    if (std::isfinite(lower)) return lower - 1 + std::sqrt(z * z + 1);
    if (std::isfinite(upper)) return upper + 1 - std::sqrt(z * z + 1);
    return z;
  }
  // A start on a bound is moved 1e-9 of the range (or of 1) inside, where the slope is not 0;
  // any other start is kept as it is.
  double linear_z(double x) const {
    double width = std::isfinite(lower) && std::isfinite(upper) ? upper - lower : 1;
    double inset = 1e-9 * width;
    if (std::isfinite(lower)) x = std::max(x, lower + inset);
    if (std::isfinite(upper)) x = std::min(x, upper - inset);
    if (std::isfinite(lower) && std::isfinite(upper)) return std::asin(std::clamp(2 * (x - lower) / width - 1, -1.0, 1.0));
    if (std::isfinite(lower)) return std::sqrt(std::pow(x - lower + 1, 2) - 1);
    if (std::isfinite(upper)) return std::sqrt(std::pow(upper - x + 1, 2) - 1);
    return x;
  }
};

// "key.path=LO:HI" for the paths being fitted.
void apply_bounds(const std::vector<std::string>& specs, const std::vector<std::string>& paths,
                  std::vector<Bounded>& bounds) {
  for (const std::string& spec : specs) {
    size_t eq = spec.rfind('='), colon = spec.rfind(':');
    if (eq == std::string::npos || colon == std::string::npos || colon < eq)
      explore::input_error("--bounds", fmt::format("expected key.path=LO:HI, found \"{}\"", spec),
                           "either side may be empty: output.steepness=0.1:");
    std::string path = spec.substr(0, eq), lo = spec.substr(eq + 1, colon - eq - 1), hi = spec.substr(colon + 1);
    auto it = std::find(paths.begin(), paths.end(), path);
    if (it == paths.end())
      explore::input_error("--bounds", fmt::format("\"{}\" is not one of the --fit paths", path));
    Bounded& b = bounds[static_cast<size_t>(it - paths.begin())];
    for (auto [text, dst] : {std::pair{lo, &b.lower}, std::pair{hi, &b.upper}}) {
      if (text.empty()) continue;
      io::UnitResult r = io::parse_quantity(text, io::Quantity::kNumber);
      if (!r.ok) explore::input_error("--bounds", fmt::format("expected a number, found \"{}\" in \"{}\"", text, spec));
      *dst = r.parsed.value;
    }
    if (!(b.lower < b.upper))
      explore::input_error("--bounds", fmt::format("the lower bound must be below the upper one in \"{}\"", spec));
  }
}

// The residuals of a scenario whose fields hold x: sqrt(w) (model − observed).
class Problem {
 public:
  Problem(Scenario s, const std::vector<Observation>& targets, const CalibrationOptions& options)
      : scenario_(std::move(s)), targets_(targets) {
    for (const std::string& path : options.fit) {
      fields_.push_back(explore::bind_field(scenario_, path));
      bounds_.push_back({fields_.back().lower, fields_.back().upper});
    }
    apply_bounds(options.bounds, options.fit, bounds_);
  }

  int inputs() const { return static_cast<int>(fields_.size()); }
  int values() const { return static_cast<int>(targets_.size()); }
  const std::vector<explore::Field>& fields() const { return fields_; }
  const std::vector<Bounded>& bounds() const { return bounds_; }
  Scenario& scenario() { return scenario_; }
  int evaluations() const { return evaluations_; }

  // Model values at x (written units); NaN where the model leaves a target undefined.
  std::vector<double> model_at(const Eigen::VectorXd& x) {
    for (size_t i = 0; i < fields_.size(); ++i) explore::set_field(fields_[i], x[static_cast<Eigen::Index>(i)]);
    run_into(scenario_, trajectory_, workspace_);
    ++evaluations_;
    return model_values(trajectory_, scenario_, targets_);
  }

  // Residuals at x; an undefined model value is a large residual, which the fit moves away from.
  void residuals_at(const Eigen::VectorXd& x, Eigen::VectorXd& f) {
    std::vector<double> m = model_at(x);
    for (size_t j = 0; j < targets_.size(); ++j) {
      const Observation& t = targets_[j];
      double r = std::isfinite(m[j]) ? m[j] - t.value : 1e6 * (1 + std::fabs(t.value));
      f[static_cast<Eigen::Index>(j)] = std::sqrt(t.weight) * r;
    }
  }

  Eigen::VectorXd x_of(const Eigen::VectorXd& z) const {
    Eigen::VectorXd x(z.size());
    for (Eigen::Index i = 0; i < z.size(); ++i) x[i] = bounds_[static_cast<size_t>(i)].to_x(z[i]);
    return x;
  }

 private:
  Scenario scenario_;
  const std::vector<Observation>& targets_;
  std::vector<explore::Field> fields_;
  std::vector<Bounded> bounds_;
  Trajectory trajectory_;
  EngineWorkspace workspace_;
  int evaluations_ = 0;
};

// The functor Eigen's Levenberg–Marquardt calls: residuals and their Jacobian in z.
struct Functor {
  using Scalar = double;
  Problem& problem;

  int inputs() const { return problem.inputs(); }
  int values() const { return problem.values(); }

  int operator()(const Eigen::VectorXd& z, Eigen::VectorXd& f) const {
    problem.residuals_at(problem.x_of(z), f);
    return 0;
  }
  // Central differences with a step of 1e-5 (relative, at least 1e-5 absolute) in z.
  int df(const Eigen::VectorXd& z, Eigen::MatrixXd& jac) const {
    Eigen::VectorXd up(values()), down(values());
    for (Eigen::Index i = 0; i < z.size(); ++i) {
      double h = 1e-5 * std::max(1.0, std::fabs(z[i]));
      Eigen::VectorXd zp = z, zm = z;
      zp[i] += h;
      zm[i] -= h;
      problem.residuals_at(problem.x_of(zp), up);
      problem.residuals_at(problem.x_of(zm), down);
      jac.col(i) = (up - down) / (2 * h);
    }
    return 0;
  }
};

// Jacobian of sqrt(w) · model in x, by central differences kept inside the bounds.
Eigen::MatrixXd jacobian_in_x(Problem& p, const Eigen::VectorXd& x, const std::vector<Observation>& targets) {
  Eigen::MatrixXd j(p.values(), p.inputs());
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const Bounded& b = p.bounds()[static_cast<size_t>(i)];
    double h = 1e-5 * std::max(std::fabs(x[i]), 1e-3);
    double hi = std::min(x[i] + h, b.upper), lo = std::max(x[i] - h, b.lower);
    Eigen::VectorXd xp = x, xm = x;
    xp[i] = hi;
    xm[i] = lo;
    std::vector<double> up = p.model_at(xp), down = p.model_at(xm);
    for (size_t t = 0; t < targets.size(); ++t)
      j(static_cast<Eigen::Index>(t), i) = std::sqrt(targets[t].weight) * (up[t] - down[t]) / (hi - lo);
  }
  return j;
}

double weighted_rmse(const std::vector<double>& model, const std::vector<Observation>& targets) {
  double sum = 0, weights = 0;
  for (size_t t = 0; t < targets.size(); ++t) {
    sum += targets[t].weight * std::pow(model[t] - targets[t].value, 2);
    weights += targets[t].weight;
  }
  return weights > 0 ? std::sqrt(sum / weights) : 0;
}

// Standard errors sqrt(diag(σ² (JᵀWJ)⁻¹)), σ² = Σ w r² / (m − k), over the k parameters that
// are identifiable: not at a bound (where the fit is a constraint, not an estimate) and with a
// Jacobian column that is not zero (the targets do not depend on it). The others stay NaN, as
// does any parameter the targets cannot tell apart from another (a null direction of JᵀWJ), and
// all when there are no more targets than parameters.
void standard_errors(Problem& problem, const Eigen::VectorXd& x, const std::vector<Observation>& targets,
                     CalibrationResult& result) {
  Eigen::MatrixXd j = jacobian_in_x(problem, x, targets);
  double largest = 0;
  for (Eigen::Index i = 0; i < j.cols(); ++i) largest = std::max(largest, j.col(i).norm());
  std::vector<Eigen::Index> kept;
  for (Eigen::Index i = 0; i < j.cols(); ++i)
    if (!result.parameters[static_cast<size_t>(i)].at_bound && j.col(i).norm() > 1e-12 * largest) kept.push_back(i);
  const auto m = static_cast<Eigen::Index>(targets.size()), k = static_cast<Eigen::Index>(kept.size());
  if (k == 0 || m <= k) return;
  Eigen::MatrixXd sub(m, k);
  for (Eigen::Index c = 0; c < k; ++c) sub.col(c) = j.col(kept[static_cast<size_t>(c)]);
  // JᵀWJ = V Λ Vᵀ. Directions with λ below 1e-10 of the largest are not determined by the
  // targets; a parameter with a share of such a direction has no standard error.
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(sub.transpose() * sub);
  const Eigen::VectorXd& lambda = eigen.eigenvalues();
  const Eigen::MatrixXd& v = eigen.eigenvectors();
  double top = lambda.maxCoeff();
  if (!(top > 0)) return;
  double sum = 0;
  for (size_t t = 0; t < targets.size(); ++t) sum += targets[t].weight * std::pow(result.residuals[t].residual, 2);
  double sigma2 = sum / static_cast<double>(m - k);
  for (Eigen::Index c = 0; c < k; ++c) {
    double variance = 0;
    bool determined = true;
    for (Eigen::Index e = 0; e < k; ++e) {
      if (lambda[e] > 1e-10 * top) variance += v(c, e) * v(c, e) / lambda[e];
      else if (std::fabs(v(c, e)) > 1e-6) determined = false;
    }
    if (determined) result.parameters[static_cast<size_t>(kept[static_cast<size_t>(c)])].stderr_ = std::sqrt(sigma2 * variance);
  }
}

const char* describe(Eigen::LevenbergMarquardtSpace::Status status) {
  using namespace Eigen::LevenbergMarquardtSpace;
  switch (status) {
    case RelativeReductionTooSmall: return "the sum of squares stopped falling (relative reduction below 1e-10)";
    case RelativeErrorTooSmall: return "the parameters stopped moving (relative change below 1e-10)";
    case RelativeErrorAndReductionTooSmall: return "the sum of squares and the parameters stopped changing";
    case CosinusTooSmall: return "the residuals are orthogonal to the Jacobian (a minimum)";
    case TooManyFunctionEvaluation: return "the evaluation limit was reached before convergence";
    case FtolTooSmall:
    case XtolTooSmall:
    case GtolTooSmall: return "no further improvement is possible at machine precision";
    default: return "the iteration stopped on an error";
  }
}

}  // namespace

CalibrationResult calibrate(const Scenario& scenario, const std::vector<Observation>& targets,
                            const CalibrationOptions& options) {
  if (options.fit.empty()) explore::input_error("--fit", "expected at least one key path to fit, found none");
  for (size_t i = 0; i < options.fit.size(); ++i)
    for (size_t k = 0; k < i; ++k)
      if (options.fit[i] == options.fit[k])
        explore::input_error("--fit", fmt::format("\"{}\" is named twice", options.fit[i]));
  if (targets.size() < options.fit.size())
    explore::input_error("--fit", fmt::format("{} parameters need at least as many targets; the file has {}",
                                              options.fit.size(), targets.size()));
  Problem problem(scenario, targets, options);
  const auto n = static_cast<Eigen::Index>(problem.inputs());

  CalibrationResult result;
  Eigen::VectorXd x0(n), z(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const explore::Field& f = problem.fields()[static_cast<size_t>(i)];
    const Bounded& b = problem.bounds()[static_cast<size_t>(i)];
    x0[i] = explore::get_field(f);
    if (x0[i] < b.lower || x0[i] > b.upper)
      explore::input_error(f.path, fmt::format("the starting value {} is outside the bounds [{}, {}]", x0[i], b.lower, b.upper),
                           "give a starting value inside them with --set, or widen --bounds");
    z[i] = b.to_z(x0[i]);
  }
  std::vector<double> start = problem.model_at(x0);
  for (size_t t = 0; t < targets.size(); ++t)
    if (!std::isfinite(start[t]))
      explore::input_error(targets[t].location,
                           fmt::format("{} of {} in {} is undefined in the scenario at its starting values",
                                       metric_info(targets[t].metric).name, targets[t].institution, targets[t].year));
  result.start_rmse = weighted_rmse(start, targets);

  Functor functor{problem};
  Eigen::LevenbergMarquardt<Functor> lm(functor);
  lm.parameters.maxfev = options.max_evaluations;
  lm.parameters.ftol = 1e-10;
  lm.parameters.xtol = 1e-10;
  lm.parameters.factor = 1;  // a first step of at most |z|: saturated logistic terms stay reachable
  Eigen::LevenbergMarquardtSpace::Status status = lm.minimize(z);
  result.converged = status == Eigen::LevenbergMarquardtSpace::RelativeReductionTooSmall ||
                     status == Eigen::LevenbergMarquardtSpace::RelativeErrorTooSmall ||
                     status == Eigen::LevenbergMarquardtSpace::RelativeErrorAndReductionTooSmall ||
                     status == Eigen::LevenbergMarquardtSpace::CosinusTooSmall;
  result.stop_reason = describe(status);

  Eigen::VectorXd x = problem.x_of(z);
  std::vector<double> fitted = problem.model_at(x);
  result.rmse = weighted_rmse(fitted, targets);
  for (size_t t = 0; t < targets.size(); ++t) result.residuals.push_back({fitted[t], fitted[t] - targets[t].value});

  for (Eigen::Index i = 0; i < n; ++i) {
    const Bounded& b = problem.bounds()[static_cast<size_t>(i)];
    FitParameter p;
    p.path = problem.fields()[static_cast<size_t>(i)].path;
    p.start = x0[i];
    p.lower = b.lower;
    p.upper = b.upper;
    p.value = x[i];
    double width = std::isfinite(b.upper - b.lower) ? b.upper - b.lower : std::max(1.0, std::fabs(x[i]));
    p.at_bound = std::fabs(x[i] - b.lower) <= 1e-6 * width || std::fabs(b.upper - x[i]) <= 1e-6 * width;
    p.stderr_ = NAN;
    result.parameters.push_back(p);
  }
  standard_errors(problem, x, targets, result);
  result.evaluations = problem.evaluations();
  return result;
}

}  // namespace labsim
