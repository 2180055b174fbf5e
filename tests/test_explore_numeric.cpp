// Numeric building blocks of Monte Carlo (sim/explore): samplers of the unit cube, input
// distributions by inverse CDF, and the quantile sketch. Expected values come from published
// tables, closed forms worked out in the comments, or an exact computation (sorting).
#include <catch2/catch.hpp>

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/random/sobol.hpp>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "explore/sampler.hpp"
#include "explore/sketch.hpp"
#include "stats/distribution.hpp"

namespace {

using labsim::explore::QuantileSketch;
using labsim::explore::Sampler;
using labsim::explore::SamplerKind;
using labsim::stats::DistKind;
using labsim::stats::Distribution;
using labsim::stats::DistSpec;

const SamplerKind kAllKinds[] = {SamplerKind::kRandom, SamplerKind::kLhs, SamplerKind::kSobol};

const char* name(SamplerKind kind) {
  switch (kind) {
    case SamplerKind::kRandom:
      return "random";
    case SamplerKind::kLhs:
      return "lhs";
    case SamplerKind::kSobol:
      return "sobol";
  }
  return "?";
}

// All n points, row-major.
std::vector<double> all_points(const Sampler& s) {
  const auto d = static_cast<std::size_t>(s.dims());
  std::vector<double> u(s.size() * d);
  for (std::size_t i = 0; i < s.size(); ++i) s.point(i, std::span<double>(u.data() + i * d, d));
  return u;
}

double column_mean(const std::vector<double>& u, std::size_t n, std::size_t d, std::size_t j) {
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += u[i * d + j];
  return sum / static_cast<double>(n);
}

constexpr double kInf = std::numeric_limits<double>::infinity();

DistSpec spec(DistKind kind, std::vector<double> params, double min = -kInf, double max = kInf) {
  DistSpec s;
  s.kind = kind;
  s.params = std::move(params);
  s.min = min;
  s.max = max;
  return s;
}

Distribution dist(DistKind kind, std::vector<double> params, double min = -kInf, double max = kInf) {
  return Distribution(spec(kind, std::move(params), min, max));
}

// The midpoint rule on n cells of u: the mean of g(quantile(u)) over the distribution.
template <class G>
double expectation(const Distribution& d, G g, int n = 20000) {
  double sum = 0;
  for (int k = 0; k < n; ++k) sum += g(d.quantile((k + 0.5) / n));
  return sum / n;
}

std::string message_of(void (*f)()) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no exception)";
}

}  // namespace

// ---------------------------------------------------------------------------------- samplers

TEST_CASE("every sampler coordinate lies strictly inside (0, 1)", "[explore][sampler]") {
  for (SamplerKind kind : kAllKinds) {
    for (std::size_t n : {std::size_t{1}, std::size_t{2}, std::size_t{1000}}) {
      INFO(name(kind) << " n=" << n);
      Sampler s(kind, 42, n, 7);
      for (double x : all_points(s)) {
        REQUIRE(x > 0);
        REQUIRE(x < 1);
      }
    }
  }
}

TEST_CASE("a Latin hypercube has exactly one point in each of the n strata of every input",
          "[explore][sampler]") {
  // Stratum k is [k/n, (k+1)/n).
  for (std::size_t n : {1u, 2u, 3u, 7u, 10u, 64u, 100u, 1000u, 4097u}) {
    INFO("n=" << n);
    Sampler s(SamplerKind::kLhs, 7, n, 5);
    std::vector<double> u = all_points(s);
    for (std::size_t j = 0; j < 5; ++j) {
      std::vector<int> hits(n, 0);
      for (std::size_t i = 0; i < n; ++i) {
        double k = std::floor(u[i * 5 + j] * static_cast<double>(n));
        REQUIRE(k >= 0);
        REQUIRE(k < static_cast<double>(n));
        ++hits[static_cast<std::size_t>(k)];
      }
      CHECK(std::count(hits.begin(), hits.end(), 1) == static_cast<std::ptrdiff_t>(n));
    }
  }
}

TEST_CASE("the three samplers average 1/2 in every input", "[explore][sampler]") {
  // Random: the mean of n uniforms has sd sqrt(1/12 / n) = 0.00204 for n = 20000; allow 4 sd.
  // LHS: one point per stratum, so the mean is within 1/(2n) of 1/2 whatever the jitter.
  // Sobol with n = 2^m: each 1-D projection holds one point per interval [k/n, (k+1)/n), and
  // the digital shift keeps that while moving every point by the same offset c in [0, 1/n) from
  // the interval's start (the shift's bits below 2^-m), so the mean is 1/2 - 1/(2n) + c.
  const std::size_t n_random = 20000, n_grid = 4096, d = 6;
  std::vector<double> r = all_points(Sampler(SamplerKind::kRandom, 3, n_random, 6));
  std::vector<double> l = all_points(Sampler(SamplerKind::kLhs, 3, n_grid, 6));
  std::vector<double> s = all_points(Sampler(SamplerKind::kSobol, 3, n_grid, 6));
  for (std::size_t j = 0; j < d; ++j) {
    INFO("input " << j);
    CHECK(std::abs(column_mean(r, n_random, d, j) - 0.5) < 4 * std::sqrt(1.0 / 12 / n_random));
    CHECK(std::abs(column_mean(l, n_grid, d, j) - 0.5) < 0.5 / n_grid);
    CHECK(std::abs(column_mean(s, n_grid, d, j) - 0.5) < 0.5 / n_grid + 1e-15);
  }
}

TEST_CASE("random inputs are uncorrelated with each other", "[explore][sampler]") {
  // Correlation of independent uniforms over n points has sd 1/sqrt(n) = 0.0071; allow 4 sd.
  const std::size_t n = 20000, d = 4;
  std::vector<double> u = all_points(Sampler(SamplerKind::kRandom, 11, n, 4));
  for (std::size_t a = 0; a < d; ++a)
    for (std::size_t b = a + 1; b < d; ++b) {
      double sum = 0;
      for (std::size_t i = 0; i < n; ++i) sum += (u[i * d + a] - 0.5) * (u[i * d + b] - 0.5);
      double correlation = sum / static_cast<double>(n) * 12;
      CHECK(std::abs(correlation) < 4 / std::sqrt(static_cast<double>(n)));
    }
}

TEST_CASE("Sobol points XOR their digital shift are the published Sobol sequence", "[explore][sampler]") {
  // Coordinates are 53-bit binary fractions k / 2^53. Point 0 is the origin XOR the shift, so
  // it reveals the shift of each input. The next points of the first two inputs (Joe & Kuo
  // directions, Gray-code order, as in Boost's documentation):
  // (0.5, 0.5), (0.75, 0.25), (0.25, 0.75), (0.375, 0.375), (0.875, 0.875).
  Sampler s(SamplerKind::kSobol, 2024, 1000, 10);
  std::vector<double> u = all_points(s);
  auto bits = [](double x) { return static_cast<std::uint64_t>(x * 0x1p53); };  // exact
  auto unshifted = [&](std::size_t i, std::size_t j) {
    return static_cast<double>(bits(u[i * 10 + j]) ^ bits(u[j])) * 0x1p-53;
  };
  for (std::size_t j = 0; j < 10; ++j) REQUIRE(u[j] * 0x1p53 == std::floor(u[j] * 0x1p53));
  const double published[5][2] = {{0.5, 0.5}, {0.75, 0.25}, {0.25, 0.75}, {0.375, 0.375}, {0.875, 0.875}};
  for (std::size_t i = 0; i < 5; ++i)
    for (std::size_t j = 0; j < 2; ++j) CHECK(unshifted(i + 1, j) == published[i][j]);
  // All ten inputs against Boost's own engine, which starts at our point 1, to 53 bits.
  boost::random::sobol engine(10);
  for (std::size_t i = 1; i < 1000; ++i)
    for (std::size_t j = 0; j < 10; ++j) {
      double expected = static_cast<double>(engine() >> 11) * 0x1p-53;
      INFO("point " << i << " input " << j);
      REQUIRE(unshifted(i, j) == expected);
    }
}

TEST_CASE("a digitally shifted Sobol design keeps one point in each elementary interval",
          "[explore][sampler]") {
  // The first 2^m Sobol points form a (t, m, 2)-net in inputs 0 and 1 with t = 0: each box
  // [a/2^k, (a+1)/2^k) x [b/2^(m-k), (b+1)/2^(m-k)) holds exactly one point. A digital shift
  // permutes such boxes, so the property survives; a shift modulo 1 would not keep it.
  const int m = 10;
  const std::size_t n = std::size_t{1} << m;
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    std::vector<double> u = all_points(Sampler(SamplerKind::kSobol, seed, n, 2));
    for (int k = 0; k <= m; ++k) {
      INFO("seed " << seed << " boxes of 2^-" << k << " x 2^-" << m - k);
      std::vector<int> hits(n, 0);
      for (std::size_t i = 0; i < n; ++i) {
        const auto a = static_cast<std::size_t>(u[2 * i] * std::ldexp(1.0, k));
        const auto b = static_cast<std::size_t>(u[2 * i + 1] * std::ldexp(1.0, m - k));
        ++hits[(a << (m - k)) | b];
      }
      CHECK(std::count(hits.begin(), hits.end(), 1) == static_cast<std::ptrdiff_t>(n));
    }
  }
}

TEST_CASE("Sobol integrates a smooth function far more accurately than random points", "[explore][sampler]") {
  // f(u) = exp(0.4 (u_0 + ... + u_4)) = prod_j exp(0.4 u_j):
  //   integral I = ((e^0.4 - 1) / 0.4)^5 = 1.2295617^5 = 2.8083;
  //   E[f^2] = ((e^0.8 - 1) / 0.8)^5 = 1.5319261^5 = 8.4329, so sd(f) = sqrt(8.4329 - I^2) = 0.739
  //   and plain Monte Carlo with n = 4096 points errs by about 0.739 / 64 = 0.0115.
  const std::size_t n = 4096, d = 5;
  const double exact = std::pow((std::exp(0.4) - 1) / 0.4, 5);
  const double mc_error = std::sqrt(std::pow((std::exp(0.8) - 1) / 0.8, 5) - exact * exact) / 64;
  CHECK(mc_error == Approx(0.0115).epsilon(0.01));
  auto integral = [&](SamplerKind kind, std::uint64_t seed) {
    std::vector<double> u = all_points(Sampler(kind, seed, n, 5));
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      double s = 0;
      for (std::size_t j = 0; j < d; ++j) s += u[i * d + j];
      sum += std::exp(0.4 * s);
    }
    return sum / static_cast<double>(n);
  };
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    INFO("seed " << seed);
    CHECK(std::abs(integral(SamplerKind::kRandom, seed) - exact) < 4 * mc_error);
    CHECK(std::abs(integral(SamplerKind::kSobol, seed) - exact) < mc_error / 10);
  }
}

TEST_CASE("a sampler is a pure function of its seed", "[explore][sampler]") {
  for (SamplerKind kind : kAllKinds) {
    INFO(name(kind));
    std::vector<double> a = all_points(Sampler(kind, 99, 500, 4));
    std::vector<double> b = all_points(Sampler(kind, 99, 500, 4));
    std::vector<double> c = all_points(Sampler(kind, 100, 500, 4));
    CHECK(a == b);
    std::size_t same = 0;
    for (std::size_t k = 0; k < a.size(); ++k) same += a[k] == c[k];
    CHECK(same == 0);
  }
}

TEST_CASE("coordinate j of a point does not depend on the number of inputs", "[explore][sampler]") {
  for (SamplerKind kind : kAllKinds) {
    INFO(name(kind));
    std::vector<double> narrow = all_points(Sampler(kind, 5, 300, 3));
    std::vector<double> wide = all_points(Sampler(kind, 5, 300, 10));
    for (std::size_t i = 0; i < 300; ++i)
      for (std::size_t j = 0; j < 3; ++j) REQUIRE(narrow[i * 3 + j] == wide[i * 10 + j]);
  }
}

TEST_CASE("a sampler rejects an empty sample and too many inputs", "[explore][sampler]") {
  CHECK(message_of([] { Sampler(SamplerKind::kLhs, 1, 0, 3); }) ==
        "the number of samples must be at least 1, found 0");
  CHECK(message_of([] { Sampler(SamplerKind::kSobol, 1, 10, 1001); }) ==
        "the number of uncertain inputs must be between 0 and 1000, found 1001");
  CHECK(message_of([] { Sampler(SamplerKind::kRandom, 1, 10, -1); }) ==
        "the number of uncertain inputs must be between 0 and 1000, found -1");
  Sampler none(SamplerKind::kSobol, 1, 10, 0);
  CHECK(none.dims() == 0);
  CHECK(none.size() == 10);
}

// ----------------------------------------------------------------------------- distributions

TEST_CASE("normal quantiles match the published table", "[explore][distribution]") {
  // Standard normal table: z(0.975) = 1.959964, z(0.8413447) = 1.
  Distribution standard = dist(DistKind::kNormal, {0, 1});
  CHECK(standard.quantile(0.975) == Approx(1.959964).margin(1e-6));
  CHECK(standard.quantile(0.025) == Approx(-1.959964).margin(1e-6));
  CHECK(standard.quantile(0.8413447) == Approx(1).margin(1e-6));
  CHECK(standard.quantile(0.5) == Approx(0).margin(1e-15));
  CHECK(standard.cdf(1.959964) == Approx(0.975).margin(1e-7));
  // Mean 10, sd 2: 10 + 2 x 1.959964 = 13.919928.
  CHECK(dist(DistKind::kNormal, {10, 2}).quantile(0.975) == Approx(13.919928).margin(2e-6));
}

TEST_CASE("a lognormal is its median times a power of its factor", "[explore][distribution]") {
  // Median 100, factor 2: one standard deviation of ln X is a factor 2 either side,
  // and z(0.975) = 1.959964 gives 100 x 2^1.959964 = 389.05227.
  Distribution d = dist(DistKind::kLognormal, {100, 2});
  CHECK(d.quantile(0.5) == Approx(100).epsilon(1e-12));
  CHECK(d.quantile(0.8413447) == Approx(200).epsilon(1e-6));
  CHECK(d.quantile(0.1586553) == Approx(50).epsilon(1e-6));
  CHECK(d.quantile(0.975) == Approx(389.05227).epsilon(1e-6));
  CHECK(d.cdf(100) == Approx(0.5).margin(1e-12));
  CHECK(d.cdf(0) == 0);
  CHECK(d.cdf(-5) == 0);
}

TEST_CASE("uniform and triangular quantiles follow their closed forms", "[explore][distribution]") {
  // Uniform [2, 6]: x = 2 + 4u.
  Distribution u = dist(DistKind::kUniform, {2, 6});
  CHECK(u.quantile(0.25) == Approx(3));
  CHECK(u.quantile(0.9) == Approx(5.6));
  CHECK(u.cdf(5) == Approx(0.75));
  // Triangular (0, 1, 4): F(mode) = 1/4; below it x = sqrt(u x 4 x 1), above it
  // x = 4 - sqrt((1 - u) x 4 x 3).  u = 0.16: sqrt(0.64) = 0.8;  u = 0.52: 4 - sqrt(5.76) = 1.6.
  Distribution t = dist(DistKind::kTriangular, {0, 1, 4});
  CHECK(t.quantile(0.16) == Approx(0.8));
  CHECK(t.quantile(0.25) == Approx(1));
  CHECK(t.quantile(0.52) == Approx(1.6));
  CHECK(t.cdf(0.8) == Approx(0.16));
}

TEST_CASE("PERT has the mean (low + 4 mode + high) / 6 and the beta shape of Vose",
          "[explore][distribution]") {
  // PERT(10, 12, 20): mean (10 + 48 + 20) / 6 = 13; variance (mean - low)(high - mean) / 7 = 3.
  Distribution d = dist(DistKind::kPert, {10, 12, 20});
  const double mean = expectation(d, [](double x) { return x; });
  CHECK(mean == Approx(13).epsilon(1e-6));
  CHECK(expectation(d, [&](double x) { return (x - 13) * (x - 13); }) == Approx(3).epsilon(1e-4));
  // Mode at low: alpha = 1, beta = 5, so X = 1 - (1 - u)^(1/5); u = 0.5 gives 1 - 0.5^0.2 = 0.1294494.
  CHECK(dist(DistKind::kPert, {0, 0, 1}).quantile(0.5) == Approx(0.12944944).epsilon(1e-7));
}

namespace {

// Boost's beta quantile, as Distribution computed PERT quantiles before it had a table: no
// promotion to long double, errors ignored.
namespace bmp = boost::math::policies;
using ExactBeta = boost::math::beta_distribution<
    double, bmp::policy<bmp::promote_double<false>, bmp::overflow_error<bmp::ignore_error>,
                        bmp::underflow_error<bmp::ignore_error>, bmp::denorm_error<bmp::ignore_error>>>;

struct PertShape {
  const char* what;
  double low, mode, high;
};

// alpha, beta >= 1; the table's worst cases are alpha or beta = 5 (a density vanishing like
// x^4 at one end) and alpha or beta near 1.
const PertShape kPertShapes[] = {
    {"mode at low", 0, 0, 1}, {"mode at high", 10, 20, 20},   {"symmetric", -3, 0, 3},
    {"skewed", 10, 12, 20},   {"mode near low", 0, 0.001, 1}, {"narrow", 0.35, 0.3502, 0.3505},
};

// Vose's shape: low + (high - low) Beta(1 + 4 (mode - low) / width, 1 + 4 (high - mode) / width).
ExactBeta pert_beta(const PertShape& s) {
  const double width = s.high - s.low;
  return ExactBeta(1 + 4 * (s.mode - s.low) / width, 1 + 4 * (s.high - s.mode) / width);
}

// Values of u, sorted, with whether to compare them with Boost: a uniform grid of step 1e-5
// and values near 0 and 1 down to 2^-53 are compared (100,423 values). For monotonicity only, the
// double just above each grid value, and the doubles either side of the octave boundaries
// t = 2^-e (e <= 17) of the table's tail probability t: the seams between segments, between the
// table and Boost (t = 2^-17), and between the tails (t = 1/2). Beyond the table, adjacent
// doubles are left out: Boost's own quantile there may step back by an ulp from one to the next.
std::vector<std::pair<double, bool>> fine_u_grid() {
  std::vector<std::pair<double, bool>> u;
  for (int k = 1; k < 100000; ++k) {
    u.emplace_back(k / 100000.0, true);
    u.emplace_back(std::nextafter(k / 100000.0, 1.0), false);
  }
  for (int e = 1; e <= 53; ++e)
    for (double m : {1.0, 1.3, 1.5, 1.7}) {
      const double t = std::ldexp(m, -e);
      for (double v : {t, 1 - t}) u.emplace_back(v, true);
      if (m == 1.0 && e <= 17)
        for (double v : {std::nextafter(t, 0.0), std::nextafter(t, 1.0)}) {
          u.emplace_back(v, false);
          u.emplace_back(1 - v, false);
        }
    }
  std::sort(u.begin(), u.end());
  return u;
}

}  // namespace

TEST_CASE("PERT quantiles are within 1e-11 of the range of Boost's beta quantile and monotone",
          "[explore][distribution]") {
  // The table interpolates between nodes computed by Boost; its worst error is 6e-12 x (high -
  // low), and below a tail probability of 2^-17 it calls Boost itself.
  const std::vector<std::pair<double, bool>> grid = fine_u_grid();
  REQUIRE(std::count_if(grid.begin(), grid.end(), [](const auto& g) { return g.second; }) == 100423);
  for (const PertShape& shape : kPertShapes) {
    INFO(shape.what);
    const Distribution d = dist(DistKind::kPert, {shape.low, shape.mode, shape.high});
    const ExactBeta beta = pert_beta(shape);
    const double width = shape.high - shape.low;
    double worst = 0, worst_u = 0, previous = -kInf, first_decrease = -1;
    for (const auto& [u, compare] : grid) {
      const double x = d.quantile(u);
      if (x < previous && first_decrease < 0) first_decrease = u;
      previous = x;
      if (!compare) continue;
      const double error = std::abs(x - (shape.low + width * boost::math::quantile(beta, u)));
      if (error > worst) worst = error, worst_u = u;
    }
    INFO("worst error " << worst / width << " x (high - low) at u = " << worst_u);
    CHECK(worst <= 1e-11 * width);
    CHECK(first_decrease == -1);
  }
}

TEST_CASE("a truncated PERT maps u onto [F(min), F(max)] and then takes the beta quantile",
          "[explore][distribution]") {
  // F is the untruncated cdf. Ranges in the upper half use the survival function S = 1 - F, for
  // precision: S(min) - u (S(min) - S(max)). PERT(0, 1, 10) is 10 Beta(1.4, 4.6): F(2) = 0.494
  // and F(3) = 0.700 straddle the median; S(6) = 0.0277; S(9.5) = 2.24e-6 is below the table's
  // 2^-17 = 7.6e-6, so [9.5, 10] is all Boost. PERT(10, 20, 20) is 10 + 10 Beta(5, 1) with
  // F(12) = 0.2^5 = 3.2e-4, deep in the table's lower tail.
  struct Case {
    PertShape shape;
    double min, max;
  };
  const Case cases[] = {
      {{"across the median", 0, 1, 10}, 2, 3},
      {{"upper tail", 0, 1, 10}, 6, kInf},
      {{"beyond the table", 0, 1, 10}, 9.5, 10},
      {{"deep lower tail", 10, 20, 20}, -kInf, 12},
  };
  for (const Case& c : cases) {
    INFO(c.shape.what);
    const Distribution d = dist(DistKind::kPert, {c.shape.low, c.shape.mode, c.shape.high}, c.min, c.max);
    const ExactBeta beta = pert_beta(c.shape);
    const double width = c.shape.high - c.shape.low;
    auto z = [&](double x) { return std::clamp((x - c.shape.low) / width, 0.0, 1.0); };
    const bool upper = boost::math::cdf(beta, z(c.min)) > 0.5;
    double worst = 0;
    for (int k = 1; k < 2000; ++k) {
      const double u = k / 2000.0;
      double exact = 0;
      if (upper) {
        const double s_min = boost::math::cdf(boost::math::complement(beta, z(c.min)));
        const double s_max = boost::math::cdf(boost::math::complement(beta, z(c.max)));
        exact = boost::math::quantile(boost::math::complement(beta, s_min - u * (s_min - s_max)));
      } else {
        const double f_min = boost::math::cdf(beta, z(c.min)), f_max = boost::math::cdf(beta, z(c.max));
        exact = boost::math::quantile(beta, f_min + u * (f_max - f_min));
      }
      exact = std::clamp(c.shape.low + width * exact, c.min, c.max);
      worst = std::max(worst, std::abs(d.quantile(u) - exact));
    }
    INFO("worst error " << worst / width << " x (high - low)");
    CHECK(worst <= 1e-11 * width);
  }
  const ExactBeta b = pert_beta({"", 0, 1, 10});
  CHECK(boost::math::cdf(b, 0.2) == Approx(0.494).margin(5e-4));
  CHECK(boost::math::cdf(b, 0.3) == Approx(0.700).margin(5e-4));
  CHECK(boost::math::cdf(boost::math::complement(b, 0.6)) == Approx(0.0277).margin(5e-5));
  CHECK(boost::math::cdf(boost::math::complement(b, 0.95)) == Approx(2.24e-6).epsilon(0.01));
}

TEST_CASE("a truncated distribution stays between min and max and inverts its cdf", "[explore][distribution]") {
  // Normal(0.35, 0.1) on [0.3, 0.5]: the median solves F(x) = (F(0.3) + F(0.5)) / 2
  // = (0.3085375 + 0.9331928) / 2, which gives x = 0.3807754.
  Distribution d = dist(DistKind::kNormal, {0.35, 0.1}, 0.3, 0.5);
  CHECK(d.quantile(0.5) == Approx(0.3807754).margin(1e-7));
  // Standard normal on [0, inf) is the half-normal: x(u) = z((1 + u) / 2), so x(0.95) = 1.959964.
  CHECK(dist(DistKind::kNormal, {0, 1}, 0).quantile(0.95) == Approx(1.959964).margin(1e-6));
  // Far in the upper tail: on [8, inf) the median solves S(x) = S(8) / 2 (S(8) = 6.2e-16),
  // x = 8.0849110; [9, 10] holds only 1.1e-19 yet is a valid range.
  CHECK(dist(DistKind::kNormal, {0, 1}, 8).quantile(0.5) == Approx(8.0849110).margin(1e-6));
  Distribution tail = dist(DistKind::kNormal, {0, 1}, 9, 10);
  for (const Distribution& t :
       {d, tail, dist(DistKind::kLognormal, {1, 3}, 0.5, 20), dist(DistKind::kPert, {0, 1, 10}, 2, 3)}) {
    for (double u = 0.005; u < 1; u += 0.01) {
      const double x = t.quantile(u);
      REQUIRE(x >= t.spec().min);
      REQUIRE(x <= t.spec().max);
      REQUIRE(t.cdf(x) == Approx(u).margin(1e-9));
    }
  }
}

TEST_CASE("a choice draws its values with the frequencies of their weights", "[explore][distribution]") {
  // Values [3, 1, 2] with weights [1, 2, 1]: sorted 1 (1/2), 2 (1/4), 3 (1/4).
  DistSpec s = spec(DistKind::kChoice, {3, 1, 2});
  s.weights = {1, 2, 1};
  Distribution d(s);
  CHECK(d.quantile(0.25) == 1);
  CHECK(d.quantile(0.6) == 2);
  CHECK(d.quantile(0.9) == 3);
  CHECK(d.cdf(1) == Approx(0.5));
  CHECK(d.cdf(2.5) == Approx(0.75));
  CHECK(d.cdf(0.5) == 0);
  // 40000 random draws: each frequency has sd at most sqrt(0.25 / 40000) = 0.0025; allow 4 sd.
  const std::size_t n = 40000;
  Sampler sampler(SamplerKind::kRandom, 8, n, 1);
  double counts[4] = {0, 0, 0, 0};
  double u = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sampler.point(i, std::span<double>(&u, 1));
    counts[static_cast<int>(d.quantile(u))] += 1.0 / n;
  }
  CHECK(counts[1] == Approx(0.5).margin(0.01));
  CHECK(counts[2] == Approx(0.25).margin(0.01));
  CHECK(counts[3] == Approx(0.25).margin(0.01));
  // Truncated to [1.5, inf): 2 and 3 remain with equal weights.
  s.min = 1.5;
  Distribution truncated(s);
  CHECK(truncated.quantile(0.49) == 2);
  CHECK(truncated.quantile(0.51) == 3);
  CHECK(truncated.cdf(2) == Approx(0.5));
}

TEST_CASE("the nominal value is the median or the mode of the truncated distribution", "[explore][distribution]") {
  CHECK(dist(DistKind::kNormal, {0.35, 0.05}).nominal() == 0.35);
  CHECK(dist(DistKind::kLognormal, {2e6, 1.5}).nominal() == 2e6);
  CHECK(dist(DistKind::kUniform, {2, 6}).nominal() == 4);
  CHECK(dist(DistKind::kTriangular, {0, 1, 4}).nominal() == 1);
  CHECK(dist(DistKind::kPert, {10, 12, 20}).nominal() == 12);
  // Truncated: the median of the truncated distribution. Uniform [0, 10] on (-inf, 2] is
  // uniform [0, 2], median 1; normal(0, 1) on [0, inf) is the half-normal, median
  // z(0.75) = 0.6744898; a mode outside [min, max] moves to the nearer bound.
  CHECK(dist(DistKind::kUniform, {0, 10}, -kInf, 2).nominal() == Approx(1));
  CHECK(dist(DistKind::kNormal, {0, 1}, 0).nominal() == Approx(0.6744898).margin(1e-7));
  CHECK(dist(DistKind::kTriangular, {0, 1, 4}, 2).nominal() == 2);
  CHECK(dist(DistKind::kPert, {10, 12, 20}, -kInf, 11).nominal() == 11);
  DistSpec c = spec(DistKind::kChoice, {3, 1, 2});
  c.weights = {1, 2, 1};
  CHECK(Distribution(c).nominal() == 1);  // largest weight
  c.min = 1.5;
  CHECK(Distribution(c).nominal() == 3);  // 1 excluded; 3 and 2 tie, 3 is listed first
  CHECK(Distribution(spec(DistKind::kChoice, {5, 7})).nominal() == 5);
}

TEST_CASE("quantile is monotone, finite at the ends of (0, 1), and leaves errno alone",
          "[explore][distribution]") {
  DistSpec choice = spec(DistKind::kChoice, {4, -1, 2.5});
  const Distribution all[] = {dist(DistKind::kNormal, {0, 1}),       dist(DistKind::kLognormal, {3, 10}),
                              dist(DistKind::kUniform, {-1, 1}),     dist(DistKind::kTriangular, {0, 0, 1}),
                              dist(DistKind::kPert, {0, 1, 1}),      Distribution(choice),
                              dist(DistKind::kNormal, {0, 1}, -1, 2)};
  const double ends[] = {-1, 0, 1e-300, 1e-17, 1 - 1e-17, 1, 2};
  for (const Distribution& d : all) {
    INFO(labsim::stats::to_string(d.spec().kind));
    errno = 0;
    for (double u : ends) {
      REQUIRE(std::isfinite(d.quantile(u)));
      REQUIRE(d.quantile(u) >= d.spec().min);
      REQUIRE(d.quantile(u) <= d.spec().max);
    }
    double previous = -kInf;
    for (int k = 0; k <= 1000; ++k) {
      const double x = d.quantile(k / 1000.0);
      REQUIRE(x >= previous);
      previous = x;
    }
    CHECK(errno == 0);
  }
}

TEST_CASE("an invalid distribution is rejected with a message for users", "[explore][distribution]") {
  struct Case {
    DistSpec spec;
    std::string message;
  };
  DistSpec weights_short = spec(DistKind::kChoice, {1, 2, 3});
  weights_short.weights = {1, 2};
  DistSpec weight_zero = spec(DistKind::kChoice, {1, 2});
  weight_zero.weights = {1, 0};
  DistSpec weight_inf = spec(DistKind::kChoice, {1, 2});
  weight_inf.weights = {1, kInf};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const Case cases[] = {
      {spec(DistKind::kNormal, {1, 2, 3}),
       "a normal distribution takes 2 numbers (mean, standard deviation), found 3"},
      {spec(DistKind::kLognormal, {1}), "a lognormal distribution takes 2 numbers (median, factor), found 1"},
      {spec(DistKind::kUniform, {}), "a uniform distribution takes 2 numbers (low, high), found 0"},
      {spec(DistKind::kTriangular, {1, 2}),
       "a triangular distribution takes 3 numbers (low, mode, high), found 2"},
      {spec(DistKind::kPert, {1, 2, 3, 4}), "a pert distribution takes 3 numbers (low, mode, high), found 4"},
      {spec(DistKind::kNormal, {0.3, -0.05}), "the standard deviation must be positive, found -0.05"},
      {spec(DistKind::kNormal, {0.3, 0}), "the standard deviation must be positive, found 0"},
      {spec(DistKind::kNormal, {nan, 1}), "each number must be finite, found nan"},
      {spec(DistKind::kLognormal, {0, 2}), "the median must be positive, found 0"},
      {spec(DistKind::kLognormal, {5, 0.5}), "the factor must be greater than 1, found 0.5"},
      {spec(DistKind::kLognormal, {5, 1}), "the factor must be greater than 1, found 1"},
      {spec(DistKind::kUniform, {3, 3}), "low 3 must be below high 3"},
      {spec(DistKind::kUniform, {5, -kInf}), "each number must be finite, found -inf"},
      {spec(DistKind::kTriangular, {4, 2, 1}), "low 4 must be below high 1"},
      {spec(DistKind::kPert, {1, 7, 5}), "the mode 7 must lie between low 1 and high 5"},
      {spec(DistKind::kTriangular, {1, 0.5, 5}), "the mode 0.5 must lie between low 1 and high 5"},
      {spec(DistKind::kChoice, {}), "a choice needs at least one value"},
      {spec(DistKind::kChoice, {1, kInf}), "each value must be a finite number, found inf"},
      {weights_short, "a choice of 3 values needs 3 weights, found 2"},
      {weight_zero, "the weights must be positive, found 0"},
      {weight_inf, "the weights must be finite, found inf"},
      {spec(DistKind::kNormal, {0, 1}, 0.5, 0.2), "min 0.5 is above max 0.2"},
      {spec(DistKind::kNormal, {0, 1}, nan), "min must be a number, found nan"},
      {spec(DistKind::kNormal, {0, 1}, 0, nan), "max must be a number, found nan"},
      {spec(DistKind::kUniform, {0, 1}, 2, 3), "the range [min, max] holds no probability"},
      {spec(DistKind::kNormal, {0, 1}, 0.5, 0.5), "the range [min, max] holds no probability"},
      {spec(DistKind::kNormal, {0, 1}, 40), "the range [min, max] holds no probability"},
      {spec(DistKind::kChoice, {1, 2}, 1.2, 1.8), "the range [min, max] holds no probability"},
  };
  for (const Case& c : cases) {
    std::string message = "(no exception)";
    try {
      Distribution d(c.spec);
    } catch (const std::invalid_argument& e) {
      message = e.what();
    }
    CHECK(message == c.message);
  }
}

TEST_CASE("a choice of one value restricted to it by min = max is valid", "[explore][distribution]") {
  Distribution d = Distribution(spec(DistKind::kChoice, {1, 2}, 2, 2));
  CHECK(d.quantile(0.1) == 2);
  CHECK(d.quantile(0.9) == 2);
  CHECK(d.nominal() == 2);
}

// -------------------------------------------------------------------------------- the sketch

namespace {

const double kProbes[] = {0, 0.05, 0.25, 0.5, 0.75, 0.95, 1};

// Within relative accuracy alpha, with a hair of slack for rounding at a bucket's edge.
Approx within(double value, double alpha) { return Approx(value).epsilon(alpha * (1 + 1e-9)); }

// n draws of `d` from a random sampler.
std::vector<double> draws(const Distribution& d, std::size_t n, std::uint64_t seed) {
  Sampler sampler(SamplerKind::kRandom, seed, n, 1);
  std::vector<double> x(n);
  double u = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sampler.point(i, std::span<double>(&u, 1));
    x[i] = d.quantile(u);
  }
  return x;
}

// Every probe is within relative accuracy alpha of the exact order statistic of rank
// floor(q (n - 1)); a hair of slack (1e-12) for the rounding of log(x) at bucket edges.
void check_against_sorted(std::vector<double> x, double alpha) {
  QuantileSketch sketch(alpha);
  for (double v : x) sketch.add(v);
  std::sort(x.begin(), x.end());
  REQUIRE(sketch.count() == x.size());
  for (double q : kProbes) {
    const double exact = x[static_cast<std::size_t>(q * static_cast<double>(x.size() - 1))];
    INFO("q=" << q << " exact=" << exact << " sketch=" << sketch.quantile(q));
    CHECK(std::abs(sketch.quantile(q) - exact) <= alpha * std::abs(exact) * (1 + 1e-12));
  }
}

}  // namespace

TEST_CASE("sketch quantiles are within the relative accuracy of the exact ones", "[explore][sketch]") {
  SECTION("uniform values") {
    check_against_sorted(draws(dist(DistKind::kUniform, {0, 1}), 100000, 1), 0.005);
  }
  SECTION("a heavy-tailed lognormal spanning ten decades") {
    check_against_sorted(draws(dist(DistKind::kLognormal, {1e6, 20}), 100000, 2), 0.005);
    check_against_sorted(draws(dist(DistKind::kLognormal, {1e-3, 20}), 50000, 3), 0.02);
  }
  SECTION("negative values and exact zeros") {
    std::vector<double> x = draws(dist(DistKind::kNormal, {-1, 5}), 60000, 4);
    for (std::size_t i = 0; i < x.size(); i += 7) x[i] = 0;  // one in seven is 0
    check_against_sorted(x, 0.005);
    check_against_sorted({-3, -2, -1}, 0.01);
    check_against_sorted({0, 0, 0, 0}, 0.01);
  }
  SECTION("magnitudes from 1e-300 to 1e300, at every accuracy from 1e-4 to 0.1") {
    // Bucket edges fall inside powers of two and across them; the bucket comes from the
    // exponent bits and a mantissa table, so every decade and both signs are covered.
    std::vector<double> x;
    for (int e = -300; e <= 300; e += 3)
      for (double m : {1.0, 1.37, 2.0, 4.999, 7.3}) x.push_back((e % 2 ? -1 : 1) * m * std::pow(10.0, e));
    for (double alpha : {1e-4, 0.001, 0.005, 0.05, 0.1}) {
      INFO("alpha=" << alpha);
      check_against_sorted(x, alpha);
    }
  }
}

TEST_CASE("the sketch estimates the order statistic of rank floor(q (n - 1))", "[explore][sketch]") {
  // Values 1..11: q = 0.5 is rank 5 (value 6); q = 0.99 is rank floor(9.9) = 9 (value 10).
  QuantileSketch sketch(0.001);
  for (int k = 11; k >= 1; --k) sketch.add(k);
  CHECK(sketch.quantile(0.5) == within(6, 0.001));
  CHECK(sketch.quantile(0.99) == within(10, 0.001));
  CHECK(sketch.quantile(0) == within(1, 0.001));
  CHECK(sketch.quantile(1) == within(11, 0.001));
}

TEST_CASE("merging two halves gives exactly the sketch of the whole, in either order", "[explore][sketch]") {
  std::vector<double> x = draws(dist(DistKind::kNormal, {2, 10}), 40000, 5);
  for (std::size_t i = 0; i < x.size(); i += 11) x[i] = 0;
  x[17] = std::numeric_limits<double>::quiet_NaN();
  x[18] = kInf;
  QuantileSketch whole, first, second;
  for (std::size_t i = 0; i < x.size(); ++i) {
    whole.add(x[i]);
    (i % 3 == 0 ? first : second).add(x[i]);  // interleaved, so both halves span the range
  }
  QuantileSketch ab = first, ba = second;
  ab.merge(second);
  ba.merge(first);
  for (const QuantileSketch* merged : {&ab, &ba}) {
    CHECK(merged->count() == whole.count());
    CHECK(merged->undefined() == 2);
    for (int k = 0; k <= 1000; ++k) REQUIRE(merged->quantile(k / 1000.0) == whole.quantile(k / 1000.0));
  }
  // Halves with disjoint ranges exercise a store that grows on both sides during the merge.
  QuantileSketch low, high, all;
  for (int k = 1; k <= 100; ++k) {
    low.add(k * 1e-6);
    high.add(k * 1e6);
    all.add(k * 1e-6);
    all.add(k * 1e6);
  }
  high.merge(low);
  for (double q : kProbes) CHECK(high.quantile(q) == all.quantile(q));
}

TEST_CASE("the sketch counts undefined values apart and is NaN when empty", "[explore][sketch]") {
  QuantileSketch sketch;
  CHECK(std::isnan(sketch.quantile(0.5)));
  sketch.add(std::numeric_limits<double>::quiet_NaN());
  sketch.add(kInf);
  sketch.add(-kInf);
  CHECK(sketch.count() == 0);
  CHECK(sketch.undefined() == 3);
  CHECK(std::isnan(sketch.quantile(0.5)));
  sketch.add(42);
  CHECK(sketch.count() == 1);
  CHECK(sketch.quantile(0) == within(42, 0.005));
  CHECK(sketch.quantile(1) == within(42, 0.005));
  CHECK(std::isnan(sketch.quantile(std::numeric_limits<double>::quiet_NaN())));
}

TEST_CASE("the sketch rejects an accuracy that is not above 0 and at most 0.1", "[explore][sketch]") {
  const std::pair<double, std::string> cases[] = {
      {0.0, "the relative accuracy must be above 0 and at most 0.1, found 0"},
      {-0.01, "the relative accuracy must be above 0 and at most 0.1, found -0.01"},
      {0.2, "the relative accuracy must be above 0 and at most 0.1, found 0.2"},
  };
  for (const auto& [alpha, expected] : cases) {
    std::string message = "(no exception)";
    try {
      QuantileSketch sketch(alpha);
    } catch (const std::invalid_argument& e) {
      message = e.what();
    }
    CHECK(message == expected);
  }
  CHECK_NOTHROW(QuantileSketch(0.1));
}

TEST_CASE("a distribution built for its nominal value alone gives the same nominal and quantiles", "[distribution]") {
  using labsim::stats::Distribution;
  labsim::DistSpec spec;
  spec.kind = labsim::DistKind::kPert;
  spec.params = {0.2, 0.375, 0.52};
  Distribution sampling(spec), nominal_only(spec, Distribution::Use::kNominal);
  CHECK(nominal_only.nominal() == sampling.nominal());
  CHECK(nominal_only.nominal() == 0.375);
  for (double u : {0.001, 0.1, 0.5, 0.9, 0.999}) CHECK(nominal_only.quantile(u) == Approx(sampling.quantile(u)).epsilon(1e-10));
}
