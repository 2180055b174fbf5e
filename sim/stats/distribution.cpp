#include "stats/distribution.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <cassert>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace labsim::stats {

namespace {

// The bits of a double (std::bit_cast is missing from emscripten's libc++ 13; model/bits.hpp is
// the model's, which stats/ does not include).
std::uint64_t bits_of(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

namespace bm = boost::math;
namespace bp = boost::math::policies;

// Sampling must never throw nor touch errno: every Boost error returns NaN/inf instead (inputs
// are checked up front, and u and p are clamped, so none is expected). Doubles are not promoted
// to long double: full double accuracy without the cost.
using Policy = bp::policy<bp::domain_error<bp::ignore_error>, bp::pole_error<bp::ignore_error>,
                          bp::overflow_error<bp::ignore_error>, bp::underflow_error<bp::ignore_error>,
                          bp::denorm_error<bp::ignore_error>, bp::evaluation_error<bp::ignore_error>,
                          bp::rounding_error<bp::ignore_error>,
                          bp::indeterminate_result_error<bp::ignore_error>, bp::promote_double<false>>;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// u is clamped to the range the samplers produce; p to where every quantile is finite.
constexpr double kMinU = 0x1p-54, kMaxU = 1 - 0x1p-53;
constexpr double kMinP = std::numeric_limits<double>::min();
constexpr double kPertShape = 4;

// The kPert table. Boost inverts the incomplete beta function iteratively (about 2 us), so the
// quantile z(t) of the standard beta is tabulated once, separately for each tail: the lower
// tail at P(X <= z) = t, the upper tail at P(X > z) = t, for t in [2^-17, 1/2]. Each octave
// [2^k, 2^(k+1)) of t is cut into 128 equal segments, so the segments shrink towards the ends,
// where the density vanishes and z ~ t^(1/alpha) gets steep. Between nodes, the cubic Hermite
// interpolant with the exact slopes 1/pdf(z) errs by at most 6e-12 (the worst shapes,
// alpha = 1 or 5, near t = 1/4; error ~ h^4 z''''/384). A segment is read off t's bits: for
// positive doubles the bit pattern grows with the value, and bits(t) - bits(2^-17) is
// octave * 2^52 + mantissa, i.e. the segment index above the low 45 bits and the position
// within the segment in them.
constexpr int kPertSegmentBits = 7;  // 128 segments per octave
constexpr int kPertOctaves = 16;     // t in [2^-17, 1/2]
constexpr int kPertFractionBits = 52 - kPertSegmentBits;
constexpr std::uint64_t kPertSegments = std::uint64_t{kPertOctaves} << kPertSegmentBits;  // per tail
constexpr double kPertMinT = 0x1p-17;
constexpr double kPertFractionUnit = 1.0 / static_cast<double>(std::uint64_t{1} << kPertFractionBits);
constexpr double kPertSegmentWidth0 = kPertMinT / (1 << kPertSegmentBits);  // in the first octave

using Beta = bm::beta_distribution<double, Policy>;

// t of node n of a tail, n in [0, kPertSegments]; node kPertSegments is t = 1/2, the median.
double pert_node_t(std::uint64_t n) {
  const double step = static_cast<double>(n & ((1u << kPertSegmentBits) - 1)) / (1 << kPertSegmentBits);
  return std::ldexp(1 + step, static_cast<int>(n >> kPertSegmentBits) - kPertOctaves - 1);
}

// Calls f with the Boost distribution of a continuous kind and parameters (a, b, c).
template <class F>
double with_boost(DistKind kind, double a, double b, double c, F&& f) {
  switch (kind) {
    case DistKind::kNormal:
      return f(bm::normal_distribution<double, Policy>(a, b));
    case DistKind::kLognormal:
      return f(bm::lognormal_distribution<double, Policy>(a, b));
    case DistKind::kUniform:
      return f(bm::uniform_distribution<double, Policy>(a, b));
    case DistKind::kTriangular:
      return f(bm::triangular_distribution<double, Policy>(a, b, c));
    case DistKind::kPert:
      return f(bm::beta_distribution<double, Policy>(a, b));
    case DistKind::kChoice:
      break;
  }
  return kNaN;
}

[[noreturn]] void fail(const std::string& message) { throw std::invalid_argument(message); }

const char* param_list(DistKind kind) {
  switch (kind) {
    case DistKind::kNormal:
      return "mean, standard deviation";
    case DistKind::kLognormal:
      return "median, factor";
    case DistKind::kUniform:
      return "low, high";
    case DistKind::kTriangular:
    case DistKind::kPert:
      return "low, mode, high";
    case DistKind::kChoice:
      break;
  }
  return "";
}

std::size_t param_count(DistKind kind) {
  return kind == DistKind::kNormal || kind == DistKind::kLognormal || kind == DistKind::kUniform ? 2 : 3;
}

void check_choice(const DistSpec& s) {
  if (s.params.empty()) fail("a choice needs at least one value");
  if (!s.weights.empty() && s.weights.size() != s.params.size())
    fail(fmt::format("a choice of {} values needs {} weights, found {}", s.params.size(), s.params.size(),
                     s.weights.size()));
  for (double v : s.params)
    if (!std::isfinite(v)) fail(fmt::format("each value must be a finite number, found {}", v));
  for (double w : s.weights) {
    if (!(w > 0)) fail(fmt::format("the weights must be positive, found {}", w));
    if (!std::isfinite(w)) fail(fmt::format("the weights must be finite, found {}", w));
  }
}

void check_low_mode_high(double low, double mode, double high, bool has_mode) {
  if (!(low < high)) fail(fmt::format("low {} must be below high {}", low, high));
  if (has_mode && !(low <= mode && mode <= high))
    fail(fmt::format("the mode {} must lie between low {} and high {}", mode, low, high));
}

void check_continuous(const DistSpec& s) {
  const auto& p = s.params;
  if (p.size() != param_count(s.kind))
    fail(fmt::format("a {} distribution takes {} numbers ({}), found {}", to_string(s.kind),
                     param_count(s.kind), param_list(s.kind), p.size()));
  for (double v : p)
    if (!std::isfinite(v)) fail(fmt::format("each number must be finite, found {}", v));
  switch (s.kind) {
    case DistKind::kNormal:
      if (!(p[1] > 0)) fail(fmt::format("the standard deviation must be positive, found {}", p[1]));
      break;
    case DistKind::kLognormal:
      if (!(p[0] > 0)) fail(fmt::format("the median must be positive, found {}", p[0]));
      if (!(p[1] > 1)) fail(fmt::format("the factor must be greater than 1, found {}", p[1]));
      break;
    case DistKind::kUniform:
      check_low_mode_high(p[0], 0, p[1], false);
      break;
    default:
      check_low_mode_high(p[0], p[1], p[2], true);
      break;
  }
}

void check_range(const DistSpec& s) {
  if (std::isnan(s.min)) fail("min must be a number, found nan");
  if (std::isnan(s.max)) fail("max must be a number, found nan");
  if (s.min > s.max) fail(fmt::format("min {} is above max {}", s.min, s.max));
}

// The nominal value of a continuous kind before truncation.
double median_or_mode(const DistSpec& s) {
  switch (s.kind) {
    case DistKind::kNormal:
    case DistKind::kLognormal:
      return s.params[0];
    case DistKind::kUniform:
      return (s.params[0] + s.params[1]) / 2;
    default:
      return s.params[1];
  }
}

[[noreturn]] void fail_empty_range() { fail("the range [min, max] holds no probability"); }

}  // namespace

const char* to_string(DistKind kind) {
  switch (kind) {
    case DistKind::kNormal:
      return "normal";
    case DistKind::kLognormal:
      return "lognormal";
    case DistKind::kUniform:
      return "uniform";
    case DistKind::kTriangular:
      return "triangular";
    case DistKind::kPert:
      return "pert";
    case DistKind::kChoice:
      return "choice";
  }
  return "?";
}

Distribution::Distribution(DistSpec spec, Use use) : spec_(std::move(spec)) {
  if (spec_.kind == DistKind::kChoice)
    check_choice(spec_);
  else
    check_continuous(spec_);
  check_range(spec_);
  if (spec_.kind == DistKind::kChoice)
    init_choice();
  else
    init_continuous(use);
}

void Distribution::init_continuous(Use use) {
  const auto& p = spec_.params;
  switch (spec_.kind) {
    case DistKind::kNormal:
      base_ = {.a = p[0], .b = p[1], .support_lo = -kInf, .support_hi = kInf};
      break;
    case DistKind::kLognormal:  // mu = ln(median), sigma = ln(factor)
      base_ = {.a = std::log(p[0]), .b = std::log(p[1]), .support_lo = 0, .support_hi = kInf};
      break;
    case DistKind::kUniform:
      base_ = {.a = p[0], .b = p[1], .support_lo = p[0], .support_hi = p[1]};
      break;
    case DistKind::kTriangular:
      base_ = {.a = p[0], .b = p[1], .c = p[2], .support_lo = p[0], .support_hi = p[2]};
      break;
    case DistKind::kPert: {
      // Vose (2008): low + (high - low) Beta(alpha, beta) with
      // alpha = 1 + 4 (mode - low) / (high - low), beta = 1 + 4 (high - mode) / (high - low).
      const double width = p[2] - p[0];
      base_ = {.a = 1 + kPertShape * (p[1] - p[0]) / width,
               .b = 1 + kPertShape * (p[2] - p[1]) / width,
               .loc = p[0],
               .scale = width,
               .support_lo = p[0],
               .support_hi = p[2]};
      if (use == Use::kSampling) init_pert_table();
      break;
    }
    case DistKind::kChoice:
      break;
  }
  // Work in the tail where [min, max] lies, so that a range far in the upper tail keeps its
  // precision (1 - F would round to 0 where the survival function S is still representable).
  p_lo_ = base_cdf(spec_.min, false);
  upper_tail_ = p_lo_ > 0.5;
  if (upper_tail_) {
    p_lo_ = base_cdf(spec_.min, true);  // S(min) >= S(max)
    p_hi_ = base_cdf(spec_.max, true);
    if (!(p_lo_ > p_hi_)) fail_empty_range();
  } else {
    p_hi_ = base_cdf(spec_.max, false);
    if (!(p_hi_ > p_lo_)) fail_empty_range();
  }
  // The median or mode of the truncated distribution: a mode outside [min, max] moves to the
  // nearer bound (the densities are unimodal); a median is recomputed unless no probability
  // was cut off, where the closed form is exact.
  const bool has_mode = spec_.kind == DistKind::kTriangular || spec_.kind == DistKind::kPert;
  const bool untouched = !upper_tail_ && p_lo_ == 0 && p_hi_ == 1;
  nominal_ = has_mode || untouched ? std::clamp(median_or_mode(spec_), spec_.min, spec_.max) : quantile(0.5);
}

void Distribution::init_choice() {
  // Sorted by value (stable, so equal values keep their order) so that the quantile is monotone.
  const std::size_t n = spec_.params.size();
  std::vector<std::size_t> order(n);
  for (std::size_t k = 0; k < n; ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return spec_.params[a] < spec_.params[b]; });
  auto weight = [&](std::size_t k) { return spec_.weights.empty() ? 1.0 : spec_.weights[k]; };
  double total = 0;
  for (std::size_t k = 0; k < n; ++k) total += weight(k);
  values_.resize(n);
  cumulative_.resize(n);
  double sum = 0;
  for (std::size_t k = 0; k < n; ++k) {
    values_[k] = spec_.params[order[k]];
    sum += weight(order[k]);
    cumulative_[k] = sum / total;
  }
  cumulative_.back() = 1;

  // Values inside [min, max] are indices first_..last_ of the sorted list.
  first_ =
      static_cast<std::size_t>(std::lower_bound(values_.begin(), values_.end(), spec_.min) - values_.begin());
  const auto end =
      static_cast<std::size_t>(std::upper_bound(values_.begin(), values_.end(), spec_.max) - values_.begin());
  if (first_ >= end) fail_empty_range();
  last_ = end - 1;
  p_lo_ = first_ == 0 ? 0 : cumulative_[first_ - 1];
  p_hi_ = cumulative_[last_];

  // Mode of the truncated distribution: the allowed value of largest weight, first on ties.
  double best = -1;
  for (std::size_t k = 0; k < n; ++k) {
    const double v = spec_.params[k];
    if (v >= spec_.min && v <= spec_.max && weight(k) > best) best = weight(k), nominal_ = v;
  }
}

void Distribution::init_pert_table() {
  const Beta beta(base_.a, base_.b);
  const std::size_t tail = kPertSegments + 1;  // nodes per tail
  pert_table_.resize(2 * tail);
  for (std::size_t n = 0; n < kPertSegments; ++n) {
    const double t = pert_node_t(n);
    const double lower = bm::quantile(beta, t);
    const double upper = bm::quantile(bm::complement(beta, t));
    pert_table_[n] = {lower, 1 / bm::pdf(beta, lower)};
    pert_table_[tail + n] = {upper, -1 / bm::pdf(beta, upper)};
  }
  // Both tails end at the same median, so that the quantile is monotone across u = 1/2.
  const double median = bm::quantile(beta, 0.5);
  pert_table_[tail - 1] = {median, 1 / bm::pdf(beta, median)};
  pert_table_[2 * tail - 1] = {median, -1 / bm::pdf(beta, median)};
  // Slopes within [0, 3] x the secant keep each cubic monotone (Fritsch & Carlson 1980); the
  // segments are short enough for slopes within a few percent of it.
#ifndef NDEBUG
  for (const PertNode* node : {&pert_table_[0], &pert_table_[tail]})
    for (std::size_t n = 0; n < kPertSegments; ++n) {
      const double secant = (node[n + 1].z - node[n].z) / (pert_node_t(n + 1) - pert_node_t(n));
      assert(node[n].dz_dt / secant >= 0 && node[n].dz_dt / secant <= 3);
      assert(node[n + 1].dz_dt / secant >= 0 && node[n + 1].dz_dt / secant <= 3);
    }
#endif
}

double Distribution::pert_quantile(double p, bool survival) const {
  const bool upper = (p > 0.5) != survival;  // z lies in the upper tail
  const double t = p > 0.5 ? 1 - p : p;      // exact for p >= 1/2 (Sterbenz)
  if (pert_table_.empty()) {  // built for its nominal value only: Boost's quantile
    const Beta beta(base_.a, base_.b);
    return upper ? bm::quantile(bm::complement(beta, t)) : bm::quantile(beta, t);
  }
  const PertNode* node = pert_table_.data() + (upper ? kPertSegments + 1 : 0);
  if (t < kPertMinT) {
    // Beyond the table's first node, capped by it so that the quantile stays monotone.
    const Beta beta(base_.a, base_.b);
    return upper ? std::max(bm::quantile(bm::complement(beta, t)), node[0].z)
                 : std::min(bm::quantile(beta, t), node[0].z);
  }
  const std::uint64_t offset = bits_of(t) - bits_of(kPertMinT);
  const std::uint64_t n = std::min(offset >> kPertFractionBits, kPertSegments - 1);  // t = 1/2: r = 1
  const double r = static_cast<double>(offset - (n << kPertFractionBits)) * kPertFractionUnit;  // in [0, 1]
  const double width = kPertSegmentWidth0 * static_cast<double>(1u << (n >> kPertSegmentBits));
  const PertNode& a = node[n];
  const PertNode& b = node[n + 1];
  const double d0 = a.dz_dt * width, d1 = b.dz_dt * width, dz = b.z - a.z;
  const double z = a.z + r * (d0 + r * ((3 * dz - 2 * d0 - d1) + r * (d0 + d1 - 2 * dz)));
  // Within the segment's node values, so that the quantile is monotone across nodes too.
  return std::clamp(z, std::min(a.z, b.z), std::max(a.z, b.z));
}

double Distribution::base_cdf(double x, bool survival) const {
  if (x <= base_.support_lo) return survival ? 1 : 0;
  if (x >= base_.support_hi) return survival ? 0 : 1;
  const double z = (x - base_.loc) / base_.scale;
  return with_boost(spec_.kind, base_.a, base_.b, base_.c,
                    [&](const auto& d) { return survival ? bm::cdf(bm::complement(d, z)) : bm::cdf(d, z); });
}

double Distribution::quantile(double u) const {
  u = std::clamp(u, kMinU, kMaxU);
  if (spec_.kind == DistKind::kChoice) {
    const double p = p_lo_ + u * (p_hi_ - p_lo_);
    auto k = static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), p) -
                                      cumulative_.begin());
    return values_[std::clamp(k, first_, last_)];
  }
  const double p =
      std::clamp(upper_tail_ ? p_lo_ - u * (p_lo_ - p_hi_) : p_lo_ + u * (p_hi_ - p_lo_), kMinP, kMaxU);
  if (spec_.kind == DistKind::kPert)
    return std::clamp(base_.loc + base_.scale * pert_quantile(p, upper_tail_), spec_.min, spec_.max);
  const double z = with_boost(spec_.kind, base_.a, base_.b, base_.c, [&](const auto& d) {
    return upper_tail_ ? bm::quantile(bm::complement(d, p)) : bm::quantile(d, p);
  });
  return std::clamp(base_.loc + base_.scale * z, spec_.min, spec_.max);
}

double Distribution::cdf(double x) const {
  if (x < spec_.min) return 0;
  if (x >= spec_.max) return 1;
  double below = 0;  // P(X <= x) untruncated, or P(X > x) in upper-tail mode
  if (spec_.kind == DistKind::kChoice) {
    const auto k = std::upper_bound(values_.begin(), values_.end(), x) - values_.begin();
    below = k == 0 ? 0 : cumulative_[static_cast<std::size_t>(k - 1)];
  } else {
    below = base_cdf(x, upper_tail_);
  }
  const double f = upper_tail_ ? (p_lo_ - below) / (p_lo_ - p_hi_) : (below - p_lo_) / (p_hi_ - p_lo_);
  return std::clamp(f, 0.0, 1.0);
}

}  // namespace labsim::stats
