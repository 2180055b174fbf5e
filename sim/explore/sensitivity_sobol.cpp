// Sobol indices: Saltelli (2002, 2010) design, Jansen (1999) estimators, bootstrap intervals.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "explore/sampler.hpp"
#include "explore/sensitivity.hpp"

namespace labsim::explore {

namespace {

// Per-row terms of the estimators, row-major, `width` = 2 + 2 dims values per base row i:
//   [0] a_i + b_i and [1] a_i^2 + b_i^2, with a = f_A - m, b = f_B - m centred on the mean m of
//       all A and B outputs (centring keeps E[x^2] - E[x]^2 free of cancellation);
//   [2 + j] (f_B - f_ABj)^2 and [2 + dims + j] (f_A - f_ABj)^2.
// Every estimate, the point one and each bootstrap one, is a function of weighted sums of these
// columns, so a resample costs one pass of additions and no allocation.
struct RowTerms {
  std::size_t dims = 0, n = 0, width = 0;
  double v_floor = 0;  // variances at or below this are rounding noise of a constant output
  std::vector<double> terms;
  std::span<const double> row(std::size_t i) const { return {terms.data() + i * width, width}; }
};

RowTerms row_terms(std::size_t dims, std::span<const double> y) {
  RowTerms t;
  t.dims = dims;
  t.n = y.size() / (dims + 2);
  t.width = 2 + 2 * dims;
  t.terms.resize(t.n * t.width);
  const std::span<const double> f_a = y.subspan(0, t.n), f_b = y.subspan(t.n, t.n);
  double m = 0;
  for (std::size_t i = 0; i < 2 * t.n; ++i) m += y[i];
  m /= static_cast<double>(2 * t.n);
  // A constant output does not centre to exactly 0 (the mean has rounding error), so V needs a
  // floor: a spread below ~1e-12 of the output's magnitude is taken as no spread at all.
  double scale = 0;
  for (std::size_t i = 0; i < 2 * t.n; ++i) scale = std::max(scale, std::abs(y[i]));
  t.v_floor = (1e-12 * scale) * (1e-12 * scale);
  for (std::size_t i = 0; i < t.n; ++i) {
    double* r = t.terms.data() + i * t.width;
    const double a = f_a[i] - m, b = f_b[i] - m;
    r[0] = a + b;
    r[1] = a * a + b * b;
    for (std::size_t j = 0; j < dims; ++j) {
      const double f_ab = y[(2 + j) * t.n + i];
      r[2 + j] = (f_b[i] - f_ab) * (f_b[i] - f_ab);
      r[2 + dims + j] = (f_a[i] - f_ab) * (f_a[i] - f_ab);
    }
  }
  return t;
}

// Jansen estimates from column sums over `count` base rows (with multiplicity). V is the
// variance of the 2 x count A and B outputs with the 1/N denominator; V at or below the floor
// gives indices 0. A NaN output makes V, and so every index, NaN.
void estimate(const RowTerms& t, std::span<const double> sums, double count, std::span<double> first,
              std::span<double> total) {
  const double mean = sums[0] / (2 * count);
  const double v = sums[1] / (2 * count) - mean * mean;
  const bool flat = v <= t.v_floor;
  for (std::size_t j = 0; j < t.dims; ++j) {
    const double half_b = sums[2 + j] / count / 2, half_a = sums[2 + t.dims + j] / count / 2;
    first[j] = flat ? 0.0 : (v - half_b) / v;
    total[j] = flat ? 0.0 : half_a / v;
  }
}

// Running mean and sum of squared deviations (Welford): one pass, no stored resamples.
struct Running {
  double count = 0, mean = 0, m2 = 0;
  void add(double x) {
    count += 1;
    const double d = x - mean;
    mean += d / count;
    m2 += d * (x - mean);
  }
  double stddev() const { return count > 1 ? std::sqrt(m2 / (count - 1)) : 0.0; }
};

// 1.96 x the bootstrap standard deviation of each estimate: first[j] then total[j] in `half`.
// A Poisson bootstrap: in resample b, row k counts bootstrap_weight(seed, b, k) times, a weight
// keyed by the row, so rows split among workers or machines give the same resamples.
void bootstrap_half_widths(const RowTerms& t, int resamples, std::uint64_t seed, std::span<double> half) {
  std::vector<double> sums(t.width), first(t.dims), total(t.dims);
  std::vector<Running> spread(2 * t.dims);
  for (int b = 0; b < resamples; ++b) {
    std::fill(sums.begin(), sums.end(), 0.0);
    double count = 0;
    for (std::size_t k = 0; k < t.n; ++k) {
      const int w = bootstrap_weight(seed, static_cast<std::uint64_t>(b), k);
      if (w == 0) continue;
      const double* r = t.terms.data() + k * t.width;
      for (std::size_t c = 0; c < t.width; ++c) sums[c] += w * r[c];
      count += w;
    }
    if (count == 0) continue;  // a resample without rows (likely only for a handful of rows)
    estimate(t, sums, count, first, total);
    for (std::size_t j = 0; j < t.dims; ++j) {
      spread[j].add(first[j]);
      spread[t.dims + j].add(total[j]);
    }
  }
  for (std::size_t k = 0; k < spread.size(); ++k) half[k] = 1.96 * spread[k].stddev();
}

}  // namespace

int bootstrap_weight(std::uint64_t seed, std::uint64_t resample, std::uint64_t row) {
  // The Poisson(1) quantile of a uniform draw: P(w <= k) = e^-1 (1 + 1 + 1/2! + ... + 1/k!).
  const double u = uniform_stream(seed, kBootstrapStream + resample, row);
  double term = std::exp(-1.0), cdf = term;
  int k = 0;
  while (u > cdf && k < 20) {
    ++k;
    term /= k;
    cdf += term;
  }
  return k;
}

Design sobol_design(int dims, std::size_t n, std::uint64_t seed) {
  if (dims < 1 || dims > 500 || n < 1)
    throw std::invalid_argument("sobol_design: need 1 <= dims <= 500 and n >= 1, found dims " +
                                std::to_string(dims) + ", n " + std::to_string(n));
  const auto width = static_cast<std::size_t>(dims);
  const Sampler sampler(SamplerKind::kSobol, seed, n, 2 * dims);
  Design d;
  d.dims = dims;
  d.points.resize(n * (width + 2) * width);
  std::vector<double> u(2 * width);
  auto at = [&](std::size_t block, std::size_t i) { return d.points.data() + (block * n + i) * width; };
  for (std::size_t i = 0; i < n; ++i) {
    sampler.point(i, u);
    std::copy(u.begin(), u.begin() + dims, at(0, i));
    std::copy(u.begin() + dims, u.end(), at(1, i));
    for (std::size_t j = 0; j < width; ++j) {
      double* ab = at(2 + j, i);
      std::copy(u.begin(), u.begin() + dims, ab);
      ab[j] = u[width + j];
    }
  }
  return d;
}

std::vector<SobolIndex> sobol_indices(int dims, std::span<const double> y, int bootstrap,
                                      std::uint64_t seed) {
  const auto width = static_cast<std::size_t>(dims);
  if (dims < 1 || bootstrap < 0 || y.empty() || y.size() % (width + 2) != 0)
    throw std::invalid_argument("sobol_indices: expected n x (" + std::to_string(dims) +
                                " + 2) outputs and bootstrap >= 0, found " + std::to_string(y.size()) +
                                " outputs, bootstrap " + std::to_string(bootstrap));
  const RowTerms t = row_terms(width, y);
  std::vector<double> sums(t.width, 0.0), first(width), total(width), half(2 * width, 0.0);
  for (std::size_t i = 0; i < t.n; ++i) {
    const std::span<const double> r = t.row(i);
    for (std::size_t c = 0; c < t.width; ++c) sums[c] += r[c];
  }
  estimate(t, sums, static_cast<double>(t.n), first, total);
  if (bootstrap > 0) bootstrap_half_widths(t, bootstrap, seed, half);
  std::vector<SobolIndex> out(width);
  for (std::size_t j = 0; j < width; ++j)
    out[j] = {static_cast<int>(j), first[j], half[j], total[j], half[width + j]};
  return out;
}

}  // namespace labsim::explore
