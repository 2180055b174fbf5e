// Sobol indices: Saltelli (2002, 2010) design, Jansen (1999) estimators, bootstrap intervals.
#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "explore/parallel.hpp"
#include "explore/sampler.hpp"
#include "explore/sensitivity.hpp"

namespace labsim::explore {

namespace {

// Per-row terms of the estimators, row-major, `width` = 2 + 2 dims values per base row i:
//   [0] a_i + b_i and [1] a_i^2 + b_i^2, with a = f_A - c, b = f_B - c centred on a shift c close
//       to the mean (centring keeps E[x^2] - E[x]^2 free of cancellation; any c gives the same
//       variance in exact arithmetic, and a c every chunk knows beforehand keeps chunks apart);
//   [2 + j] (f_B - f_ABj)^2 and [2 + dims + j] (f_A - f_ABj)^2.
// Every estimate, the point one and each bootstrap one, is a function of weighted sums of these
// columns, so a resample costs one pass of additions and no allocation.
struct RowTerms {
  std::size_t dims = 0, n = 0, width = 0;
  std::vector<double> terms;
};

RowTerms row_terms(std::size_t dims, std::span<const double> y, double shift) {
  RowTerms t;
  t.dims = dims;
  t.n = y.size() / (dims + 2);
  t.width = 2 + 2 * dims;
  t.terms.resize(t.n * t.width);
  const std::span<const double> f_a = y.subspan(0, t.n), f_b = y.subspan(t.n, t.n);
  for (std::size_t i = 0; i < t.n; ++i) {
    double* r = t.terms.data() + i * t.width;
    const double a = f_a[i] - shift, b = f_b[i] - shift;
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
// variance of the 2 x count A and B outputs with the 1/N denominator; V at or below `v_floor`
// gives indices 0. A NaN output makes V, and so every index, NaN.
void estimate(std::size_t dims, std::span<const double> sums, double count, double v_floor, std::span<double> first,
              std::span<double> total) {
  const double mean = sums[0] / (2 * count);
  const double v = sums[1] / (2 * count) - mean * mean;
  const bool flat = v <= v_floor;
  for (std::size_t j = 0; j < dims; ++j) {
    const double half_b = sums[2 + j] / count / 2, half_a = sums[2 + dims + j] / count / 2;
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

void check_outputs(int dims, std::size_t outputs, int bootstrap) {
  const auto width = static_cast<std::size_t>(dims);
  if (dims < 1 || bootstrap < 0 || outputs == 0 || outputs % (width + 2) != 0)
    throw std::invalid_argument("sobol_indices: expected n x (" + std::to_string(dims) +
                                " + 2) outputs and bootstrap >= 0, found " + std::to_string(outputs) +
                                " outputs, bootstrap " + std::to_string(bootstrap));
}

}  // namespace

namespace {

// The Poisson(1) distribution function P(w <= k) = e^-1 (1 + 1 + 1/2! + ... + 1/k!) for k = 0 to
// 20, summed term by term in that order.
struct PoissonCdf {
  std::array<double, 21> at{};
  PoissonCdf() {
    double term = std::exp(-1.0), cdf = term;
    at[0] = cdf;
    for (int k = 1; k <= 20; ++k) {
      term /= k;
      cdf += term;
      at[static_cast<std::size_t>(k)] = cdf;
    }
  }
};

// The Poisson(1) quantile of a uniform draw u, at most 20.
int poisson_quantile(double u) {
  static const PoissonCdf cdf;
  int k = 0;
  while (k < 20 && u > cdf.at[static_cast<std::size_t>(k)]) ++k;
  return k;
}

}  // namespace

int bootstrap_weight(std::uint64_t seed, std::uint64_t resample, std::uint64_t row) {
  return poisson_quantile(uniform_stream(seed, kBootstrapStream + resample, row));
}

std::size_t sobol_chunk_rows(std::size_t n) { return std::max<std::size_t>(256, (n + 255) / 256); }

Design sobol_design(int dims, std::size_t n, std::uint64_t seed) { return sobol_design(dims, n, seed, 0, n); }

Design sobol_design(int dims, std::size_t n, std::uint64_t seed, std::size_t begin, std::size_t end) {
  if (dims < 1 || dims > 500 || n < 1 || begin > end || end > n)
    throw std::invalid_argument("sobol_design: need 1 <= dims <= 500, n >= 1 and 0 <= begin <= end <= n, found dims " +
                                std::to_string(dims) + ", n " + std::to_string(n) + ", rows " +
                                std::to_string(begin) + "-" + std::to_string(end));
  const auto width = static_cast<std::size_t>(dims);
  const std::size_t rows = end - begin;
  const Sampler sampler(SamplerKind::kSobol, seed, n, 2 * dims);
  Design d;
  d.dims = dims;
  d.points.resize(rows * (width + 2) * width);
  std::vector<double> u(2 * width);
  auto at = [&](std::size_t block, std::size_t i) { return d.points.data() + (block * rows + i) * width; };
  for (std::size_t i = 0; i < rows; ++i) {
    sampler.point(begin + i, u);
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

SobolSums sobol_sums(int dims, std::span<const double> y, std::size_t begin, double shift, int bootstrap,
                     std::uint64_t seed, int threads) {
  check_outputs(dims, y.size(), bootstrap);
  const RowTerms t = row_terms(static_cast<std::size_t>(dims), y, shift);
  SobolSums s;
  s.rows = static_cast<double>(t.n);
  for (std::size_t i = 0; i < 2 * t.n; ++i) s.scale = std::max(s.scale, std::abs(y[i]));
  s.point.assign(t.width, 0.0);
  for (std::size_t i = 0; i < t.n; ++i)
    for (std::size_t c = 0; c < t.width; ++c) s.point[c] += t.terms[i * t.width + c];
  s.resampled.assign(static_cast<std::size_t>(bootstrap) * t.width, 0.0);
  s.weight.assign(static_cast<std::size_t>(bootstrap), 0.0);
  // A Poisson bootstrap: in resample b, row k counts bootstrap_weight(seed, b, k) times, a
  // weight keyed by the row's global index, so rows split among chunks give the same resamples.
  // Each resample's sums are its own (rows in order), so the resamples may run on any thread.
  for_chunks(static_cast<std::size_t>(bootstrap), 16, threads, [&](int, std::size_t, std::size_t from, std::size_t to) {
    for (std::size_t b = from; b < to; ++b) {
      double* sums = s.resampled.data() + b * t.width;
      const UniformStream draws(seed, kBootstrapStream + b);  // bootstrap_weight's, keyed once
      for (std::size_t i = 0; i < t.n; ++i) {
        const int w = poisson_quantile(draws(begin + i));
        if (w == 0) continue;
        const double* r = t.terms.data() + i * t.width;
        for (std::size_t c = 0; c < t.width; ++c) sums[c] += w * r[c];
        s.weight[b] += w;
      }
    }
  });
  return s;
}

void add_sobol_sums(SobolSums& total, const SobolSums& chunk) {
  if (total.point.empty()) {
    total.point.assign(chunk.point.size(), 0.0);
    total.resampled.assign(chunk.resampled.size(), 0.0);
    total.weight.assign(chunk.weight.size(), 0.0);
  }
  if (total.point.size() != chunk.point.size() || total.resampled.size() != chunk.resampled.size() ||
      total.weight.size() != chunk.weight.size())
    throw std::invalid_argument("add_sobol_sums: the chunk's sums are of another shape");
  for (std::size_t c = 0; c < chunk.point.size(); ++c) total.point[c] += chunk.point[c];
  for (std::size_t c = 0; c < chunk.resampled.size(); ++c) total.resampled[c] += chunk.resampled[c];
  for (std::size_t c = 0; c < chunk.weight.size(); ++c) total.weight[c] += chunk.weight[c];
  total.rows += chunk.rows;
  total.scale = std::max(total.scale, chunk.scale);
}

std::vector<SobolIndex> sobol_indices(int dims, const SobolSums& total) {
  const auto width = static_cast<std::size_t>(dims);
  if (dims < 1 || total.point.size() != 2 + 2 * width || total.rows < 1 ||
      total.resampled.size() != total.weight.size() * (2 + 2 * width))
    throw std::invalid_argument("sobol_indices: the sums are not those of " + std::to_string(dims) + " inputs");
  // A constant output does not centre to exactly 0 (the shift has rounding error against the
  // values), so V needs a floor: a spread below ~1e-12 of the output's magnitude is no spread.
  const double v_floor = (1e-12 * total.scale) * (1e-12 * total.scale);
  std::vector<double> first(width), tot(width), half(2 * width, 0.0);
  estimate(width, total.point, total.rows, v_floor, first, tot);
  // 1.96 x the bootstrap standard deviation of each estimate; a resample without rows (likely
  // only for a handful of rows) is skipped.
  std::vector<double> f(width), t(width);
  std::vector<Running> spread(2 * width);
  for (std::size_t b = 0; b < total.weight.size(); ++b) {
    if (total.weight[b] == 0) continue;
    estimate(width, std::span<const double>(total.resampled.data() + b * (2 + 2 * width), 2 + 2 * width),
             total.weight[b], v_floor, f, t);
    for (std::size_t j = 0; j < width; ++j) {
      spread[j].add(f[j]);
      spread[width + j].add(t[j]);
    }
  }
  if (!total.weight.empty())
    for (std::size_t k = 0; k < spread.size(); ++k) half[k] = 1.96 * spread[k].stddev();
  std::vector<SobolIndex> out(width);
  for (std::size_t j = 0; j < width; ++j) out[j] = {static_cast<int>(j), first[j], half[j], tot[j], half[width + j]};
  return out;
}

std::vector<SobolIndex> sobol_indices(int dims, std::span<const double> y, int bootstrap,
                                      std::uint64_t seed) {
  check_outputs(dims, y.size(), bootstrap);
  const auto width = static_cast<std::size_t>(dims);
  const std::size_t n = y.size() / (width + 2), chunk = sobol_chunk_rows(n);
  SobolSums total;
  std::vector<double> part;
  for (std::size_t begin = 0; begin < n; begin += chunk) {
    const std::size_t end = std::min(n, begin + chunk);
    part.clear();
    for (std::size_t block = 0; block < width + 2; ++block)
      part.insert(part.end(), y.begin() + static_cast<std::ptrdiff_t>(block * n + begin),
                  y.begin() + static_cast<std::ptrdiff_t>(block * n + end));
    add_sobol_sums(total, sobol_sums(dims, part, begin, y[0], bootstrap, seed));
  }
  return sobol_indices(dims, total);
}

}  // namespace labsim::explore
