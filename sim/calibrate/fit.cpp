// calibrate(): weighted least squares over bound fields with Eigen's Levenberg–Marquardt
// (MINPACK lmder), bounds by a change of variable, standard errors from the Jacobian.
#include <fmt/format.h>

#include <Eigen/Dense>
#include <unsupported/Eigen/NonLinearOptimization>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "calibrate/bounds.hpp"
#include "io/bind.hpp"
#include "explore/input_error.hpp"
#include "io/units.hpp"
#include "labsim/calibrate.hpp"
#include "labsim/engine.hpp"

namespace labsim {

namespace {

using fitting::Bounded;

}  // namespace

double fit_residual(const Observation& t, double model) {
  double r;
  if (!std::isfinite(model)) {
    r = 1e6 * (1 + std::fabs(t.value));
  } else if (t.likelihood == Likelihood::kPoisson) {
    // The signed deviance residual: its square is the Poisson deviance 2 (m − y + y ln(y / m)).
    if (!(model > 0)) {
      r = t.value > 0 ? -1e6 * (1 + t.value) : 0;
    } else {
      double deviance = 2 * (model - t.value + (t.value > 0 ? t.value * std::log(t.value / model) : 0));
      r = std::copysign(std::sqrt(std::max(0.0, deviance)), model - t.value);
    }
  } else {
    r = model - t.value;
  }
  return std::sqrt(t.weight) * r;
}

namespace {

// The residuals of a scenario whose fields hold x: sqrt(w) (model − observed).
class Problem {
 public:
  // Binds each fitted path; its bounds are the key's range narrowed by the --bounds specs.
  Problem(Scenario s, const std::vector<Observation>& targets, const CalibrationOptions& options)
      : scenario_(std::move(s)), targets_(targets), max_evaluations_(options.max_evaluations) {
    std::vector<double> lower, upper;
    for (const std::string& path : options.fit) {
      fields_.push_back(io::bind_field(scenario_, path));
      io::Limits l = fields_.back().limits();  // an open bound ("above 0") as a small step inside it
      lower.push_back(l.lower_open ? l.lower + 1e-12 * std::max(1.0, std::fabs(l.lower)) : l.lower);
      upper.push_back(l.upper_open ? l.upper - 1e-12 * std::max(1.0, std::fabs(l.upper)) : l.upper);
    }
    fitting::apply_bound_specs(options.bounds, options.fit, lower, upper);
    for (size_t i = 0; i < fields_.size(); ++i) {
      double start = io::get_field(fields_[i]);
      if (start < lower[i] || start > upper[i])
        explore::input_error(fields_[i].path,
                             fmt::format("the starting value {:g} is outside the bounds [{:g}, {:g}]", start, lower[i], upper[i]),
                             "give a starting value inside them with --set, or widen --bounds");
      bounds_.emplace_back(lower[i], upper[i], start);
    }
    // A bound copy of the scenario per lane, for the Jacobian's runs eight at a time.
    for (size_t l = 0; l < kBlockLanes; ++l) {
      lanes_[l] = scenario_;
      for (const std::string& path : options.fit) lane_fields_[l].push_back(io::bind_field(lanes_[l], path));
    }
  }

  // The search's budget of model runs is spent (the final values and errors take a few more).
  bool exhausted() const { return evaluations_ >= max_evaluations_; }

  int inputs() const { return static_cast<int>(fields_.size()); }
  int values() const { return static_cast<int>(targets_.size()); }
  const std::vector<io::Field>& fields() const { return fields_; }
  const std::vector<Bounded>& bounds() const { return bounds_; }
  int evaluations() const { return evaluations_; }

  // Model values at x (written units); NaN where the model leaves a target undefined.
  std::vector<double> model_at(const Eigen::VectorXd& x) {
    for (size_t i = 0; i < fields_.size(); ++i) io::set_field(fields_[i], x[static_cast<Eigen::Index>(i)]);
    run_into(scenario_, trajectory_, workspace_);
    ++evaluations_;
    return model_values(trajectory_, scenario_, targets_);
  }

  // Residuals at x (fit_residual); an undefined model value is a large residual, which the fit
  // moves away from.
  void residuals_at(const Eigen::VectorXd& x, Eigen::VectorXd& f) { residuals_of(model_at(x), f); }

  // Columns of a Jacobian of the residuals: column i is (r(above[i]) − r(below[i])) / step[i],
  // for pairs of points that differ in one input. The runs go eight at a time on the batch engine
  // (run_block), each with the bits of a single run.
  void differences(const std::vector<Eigen::VectorXd>& below, const std::vector<Eigen::VectorXd>& above,
                   const std::vector<double>& step, Eigen::MatrixXd& columns) {
    std::vector<const Eigen::VectorXd*> points;
    for (size_t i = 0; i < below.size(); ++i) points.push_back(&below[i]), points.push_back(&above[i]);
    std::vector<std::vector<double>> models(points.size());
    for (size_t first = 0; first < points.size(); first += kBlockLanes) {
      const size_t n = std::min<size_t>(kBlockLanes, points.size() - first);
      std::array<const Scenario*, kBlockLanes> in{};
      std::array<Trajectory*, kBlockLanes> out{};
      for (size_t l = 0; l < kBlockLanes; ++l) {
        const Eigen::VectorXd& x = *points[first + std::min(l, n - 1)];
        for (size_t k = 0; k < lane_fields_[l].size(); ++k) io::set_field(lane_fields_[l][k], x[static_cast<Eigen::Index>(k)]);
        in[l] = &lanes_[l];
        out[l] = &lane_out_[l];
      }
      run_block(in, out, block_workspace_);
      for (size_t l = 0; l < n; ++l) models[first + l] = model_values(lane_out_[l], lanes_[l], targets_);
    }
    evaluations_ += static_cast<int>(points.size());
    Eigen::VectorXd down(values()), up(values());
    for (size_t i = 0; i < below.size(); ++i) {
      residuals_of(models[2 * i], down);
      residuals_of(models[2 * i + 1], up);
      columns.col(static_cast<Eigen::Index>(i)) = (up - down) / step[i];
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
  std::vector<io::Field> fields_;
  std::vector<Bounded> bounds_;
  Trajectory trajectory_;
  EngineWorkspace workspace_;
  std::array<Scenario, kBlockLanes> lanes_;
  std::array<std::vector<io::Field>, kBlockLanes> lane_fields_;
  std::array<Trajectory, kBlockLanes> lane_out_;
  BlockWorkspace block_workspace_;
  int evaluations_ = 0;

  void residuals_of(const std::vector<double>& m, Eigen::VectorXd& f) const {
    for (size_t j = 0; j < targets_.size(); ++j) f[static_cast<Eigen::Index>(j)] = fit_residual(targets_[j], m[j]);
  }
  int max_evaluations_ = 0;
};

// The functor Eigen's Levenberg–Marquardt calls: residuals and their Jacobian in z. Returning a
// negative number stops the search when the budget of model runs is spent; df returns how many
// runs it made, which Eigen adds to its count.
struct Functor {
  using Scalar = double;
  Problem& problem;

  int inputs() const { return problem.inputs(); }
  int values() const { return problem.values(); }

  int operator()(const Eigen::VectorXd& z, Eigen::VectorXd& f) const {
    if (problem.exhausted()) return -1;
    problem.residuals_at(problem.x_of(z), f);
    return 0;
  }
  // Central differences with a step of 1e-5 (relative, at least 1e-5 absolute) in z.
  int df(const Eigen::VectorXd& z, Eigen::MatrixXd& jac) const {
    if (problem.exhausted()) return -1;
    std::vector<Eigen::VectorXd> below, above;
    std::vector<double> steps;
    for (Eigen::Index i = 0; i < z.size(); ++i) {
      double h = 1e-5 * std::max(1.0, std::fabs(z[i]));
      Eigen::VectorXd zp = z, zm = z;
      zp[i] += h;
      zm[i] -= h;
      below.push_back(problem.x_of(zm));
      above.push_back(problem.x_of(zp));
      steps.push_back(2 * h);
    }
    problem.differences(below, above, steps, jac);
    return static_cast<int>(2 * z.size());
  }
};

// Jacobian of the residuals, sqrt(w) · model, in x, by central differences kept inside the bounds.
Eigen::MatrixXd jacobian_in_x(Problem& p, const Eigen::VectorXd& x) {
  Eigen::MatrixXd j(p.values(), p.inputs());
  std::vector<Eigen::VectorXd> below, above;
  std::vector<double> steps;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const Bounded& b = p.bounds()[static_cast<size_t>(i)];
    double h = 1e-5 * std::max(std::fabs(x[i]), 1e-3);
    double hi = std::min(x[i] + h, b.upper()), lo = std::max(x[i] - h, b.lower());
    Eigen::VectorXd xp = x, xm = x;
    xp[i] = hi;
    xm[i] = lo;
    below.push_back(xm);
    above.push_back(xp);
    steps.push_back(hi - lo);
  }
  p.differences(below, above, steps, j);
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

// The covariance σ² (JᵀWJ)⁻¹ of the fitted inputs at x, σ² = Σ r² / (m − k) (r: fit_residual),
// over the k parameters that are identifiable: not at a bound (where the fit is a constraint, not
// an estimate) and with a relative sensitivity |∂model/∂x|·|x| above 1e-6 of the largest (else
// the targets hardly depend on it). Rows and columns of the others are NaN, as are those of any
// parameter the targets cannot tell apart from another (a null direction of JᵀWJ), and all when
// there are no more targets than parameters. `model` holds the model values at x, `parameters`
// the inputs at x (parameter_at).
Eigen::MatrixXd covariance(Problem& problem, const Eigen::VectorXd& x, const std::vector<Observation>& targets,
                           const std::vector<double>& model, const std::vector<FitParameter>& parameters) {
  const Eigen::Index n = x.size();
  Eigen::MatrixXd cov = Eigen::MatrixXd::Constant(n, n, NAN);
  Eigen::MatrixXd j = jacobian_in_x(problem, x);
  // Sensitivity to a relative change of each input: |∂model/∂x| · |x|.
  std::vector<double> sensitivity;
  double largest = 0;
  for (Eigen::Index i = 0; i < j.cols(); ++i) {
    sensitivity.push_back(j.col(i).norm() * std::max(std::fabs(x[i]), 1e-12));
    largest = std::max(largest, sensitivity.back());
  }
  std::vector<Eigen::Index> kept;
  for (Eigen::Index i = 0; i < j.cols(); ++i)
    if (!parameters[static_cast<size_t>(i)].at_bound && sensitivity[static_cast<size_t>(i)] > 1e-6 * largest)
      kept.push_back(i);
  Eigen::Index m = 0;  // targets that weigh in the fit
  for (const Observation& t : targets) m += t.weight > 0;
  const auto k = static_cast<Eigen::Index>(kept.size());
  if (k == 0 || m <= k) return cov;
  Eigen::MatrixXd sub(j.rows(), k);
  for (Eigen::Index c = 0; c < k; ++c) sub.col(c) = j.col(kept[static_cast<size_t>(c)]);
  // JᵀWJ = V Λ Vᵀ. Directions with λ below 1e-10 of the largest are not determined by the
  // targets; a parameter with a share of such a direction has no variance.
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(sub.transpose() * sub);
  const Eigen::VectorXd& lambda = eigen.eigenvalues();
  const Eigen::MatrixXd& v = eigen.eigenvectors();
  double top = lambda.maxCoeff();
  if (!(top > 0)) return cov;
  double sum = 0;
  for (size_t t = 0; t < targets.size(); ++t) sum += std::pow(fit_residual(targets[t], model[t]), 2);
  double sigma2 = sum / static_cast<double>(m - k);
  std::vector<bool> determined(static_cast<size_t>(k), true);
  for (Eigen::Index c = 0; c < k; ++c)
    for (Eigen::Index e = 0; e < k; ++e)
      if (!(lambda[e] > 1e-10 * top) && std::fabs(v(c, e)) > 1e-6) determined[static_cast<size_t>(c)] = false;
  for (Eigen::Index a = 0; a < k; ++a)
    for (Eigen::Index b = 0; b < k; ++b) {
      if (!determined[static_cast<size_t>(a)] || !determined[static_cast<size_t>(b)]) continue;
      double c = 0;
      for (Eigen::Index e = 0; e < k; ++e)
        if (lambda[e] > 1e-10 * top) c += v(a, e) * v(b, e) / lambda[e];
      cov(kept[static_cast<size_t>(a)], kept[static_cast<size_t>(b)]) = sigma2 * c;
    }
  return cov;
}

// Input i of `problem` at `value`, from `start`: its path, bounds and whether it is at one; no
// standard error yet (NaN).
FitParameter parameter_at(const Problem& problem, Eigen::Index i, double start, double value) {
  const Bounded& b = problem.bounds()[static_cast<size_t>(i)];
  FitParameter p;
  p.path = problem.fields()[static_cast<size_t>(i)].path;
  p.start = start;
  p.lower = b.lower();
  p.upper = b.upper();
  p.value = value;
  p.at_bound = b.at_bound(value);
  p.stderr_ = NAN;
  return p;
}

// Standard errors: the square roots of the covariance's diagonal (NaN where it is).
void standard_errors(Problem& problem, const Eigen::VectorXd& x, const std::vector<Observation>& targets,
                     CalibrationResult& result) {
  std::vector<double> model;
  for (const Residual& r : result.residuals) model.push_back(r.model);
  Eigen::MatrixXd cov = covariance(problem, x, targets, model, result.parameters);
  for (Eigen::Index i = 0; i < x.size(); ++i) result.parameters[static_cast<size_t>(i)].stderr_ = std::sqrt(cov(i, i));
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
  size_t weighted = 0;
  for (const Observation& t : targets) weighted += t.weight > 0;
  if (weighted < options.fit.size())
    explore::input_error("--targets", fmt::format("{} inputs need at least as many targets with a weight above 0; "
                                                  "the file has {}", options.fit.size(), weighted));
  Problem problem(scenario, targets, options);
  const auto n = static_cast<Eigen::Index>(problem.inputs());

  CalibrationResult result;
  Eigen::VectorXd x0(n), z(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    x0[i] = io::get_field(problem.fields()[static_cast<size_t>(i)]);
    z[i] = problem.bounds()[static_cast<size_t>(i)].to_z(x0[i]);
  }
  std::vector<double> start = problem.model_at(x0);
  std::vector<Diagnostic> undefined;
  for (size_t t = 0; t < targets.size(); ++t)
    if (!std::isfinite(start[t])) {
      Diagnostic d;
      d.file = targets[t].file;
      d.line = targets[t].line;
      d.column = targets[t].column;
      d.path = "metric";
      d.message = fmt::format("{} of {} in {} is undefined in the scenario at its starting values",
                              metric_info(targets[t].metric).name, targets[t].institution, targets[t].year);
      d.hint = "an undefined value (a ratio with nothing to divide by) cannot be fitted: drop the row";
      undefined.push_back(std::move(d));
    }
  if (!undefined.empty()) throw InputError(std::move(undefined));
  result.start_rmse = weighted_rmse(start, targets);

  Functor functor{problem};
  Eigen::LevenbergMarquardt<Functor> lm(functor);
  lm.parameters.maxfev = options.max_evaluations;
  lm.parameters.ftol = 1e-10;
  lm.parameters.xtol = 1e-10;
  lm.parameters.factor = 1;  // a first step of at most |z|: saturated logistic terms stay reachable
  Eigen::LevenbergMarquardtSpace::Status status = lm.minimize(z);
  if (status == Eigen::LevenbergMarquardtSpace::UserAsked) status = Eigen::LevenbergMarquardtSpace::TooManyFunctionEvaluation;
  result.converged = status == Eigen::LevenbergMarquardtSpace::RelativeReductionTooSmall ||
                     status == Eigen::LevenbergMarquardtSpace::RelativeErrorTooSmall ||
                     status == Eigen::LevenbergMarquardtSpace::RelativeErrorAndReductionTooSmall ||
                     status == Eigen::LevenbergMarquardtSpace::CosinusTooSmall;
  result.stop_reason = describe(status);

  Eigen::VectorXd x = problem.x_of(z);
  std::vector<double> fitted = problem.model_at(x);
  result.rmse = weighted_rmse(fitted, targets);
  for (size_t t = 0; t < targets.size(); ++t) result.residuals.push_back({fitted[t], fitted[t] - targets[t].value});

  for (Eigen::Index i = 0; i < n; ++i) result.parameters.push_back(parameter_at(problem, i, x0[i], x[i]));
  standard_errors(problem, x, targets, result);
  result.evaluations = problem.evaluations();
  return result;
}

}  // namespace labsim

namespace labsim {

ParameterUncertainty parameter_uncertainty(const Scenario& scenario, const std::vector<Observation>& targets,
                                           const std::vector<std::string>& paths) {
  CalibrationOptions options;
  options.fit = paths;
  Problem problem(scenario, targets, options);
  const auto n = static_cast<Eigen::Index>(problem.inputs());
  Eigen::VectorXd x(n);
  for (Eigen::Index i = 0; i < n; ++i) x[i] = io::get_field(problem.fields()[static_cast<size_t>(i)]);
  std::vector<double> model = problem.model_at(x);
  ParameterUncertainty u;
  for (Eigen::Index i = 0; i < n; ++i) u.parameters.push_back(parameter_at(problem, i, x[i], x[i]));
  Eigen::MatrixXd cov = covariance(problem, x, targets, model, u.parameters);
  for (Eigen::Index i = 0; i < n; ++i) {
    u.parameters[static_cast<size_t>(i)].stderr_ = std::sqrt(cov(i, i));
    for (Eigen::Index j = 0; j < n; ++j) u.covariance.push_back(cov(i, j));
  }
  double deviance = 0;
  int counts = 0;
  for (size_t t = 0; t < targets.size(); ++t)
    if (targets[t].likelihood == Likelihood::kPoisson && targets[t].weight > 0) {
      deviance += std::pow(fit_residual(targets[t], model[t]), 2) / targets[t].weight;
      ++counts;
    }
  if (counts > n) u.dispersion = std::max(1.0, deviance / static_cast<double>(counts - n));
  return u;
}

}  // namespace labsim
