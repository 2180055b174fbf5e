// Global sensitivity (sim/explore/sensitivity.hpp): tornado, Morris and Sobol designs and
// analyses, checked against functions whose indices are known in closed form. The tests evaluate
// each design serially, as a caller would.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <set>
#include <stdexcept>
#include <vector>

#include "explore/sensitivity.hpp"

namespace {

namespace ex = labsim::explore;
using std::numbers::pi;

template <class F>
std::vector<double> evaluate(const ex::Design& d, F f) {
  std::vector<double> y(d.rows());
  for (std::size_t i = 0; i < y.size(); ++i) y[i] = f(d.row(i));
  return y;
}

// Ishigami (1990) with a = 7, b = 0.1 on x = -pi + 2 pi u.
double ishigami(std::span<const double> u) {
  const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
  return std::sin(x1) + 7 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

const std::vector<double> kGA = {0, 1, 4.5, 9, 99, 99};

// Sobol's G-function: prod (|4u - 2| + a_i) / (1 + a_i).
double g_function(std::span<const double> u) {
  double y = 1;
  for (std::size_t i = 0; i < kGA.size(); ++i) y *= (std::abs(4 * u[i] - 2) + kGA[i]) / (1 + kGA[i]);
  return y;
}

const std::vector<double> kC = {2, -1, 0.5, 3, 0};

double linear(std::span<const double> u) {
  double y = 0;
  for (std::size_t i = 0; i < kC.size(); ++i) y += kC[i] * u[i];
  return y;
}

double linear_2d(std::span<const double> u) { return u[0] + 2 * u[1]; }

double sum_of_squares(const std::vector<double>& c) {
  double s = 0;
  for (double x : c) s += x * x;
  return s;
}

// Each estimate within `tol` of the exact value and the exact value within 3 half-widths of it.
void check_indices(const std::vector<ex::SobolIndex>& got, const std::vector<double>& s1,
                   const std::vector<double>& st, double tol) {
  REQUIRE(got.size() == s1.size());
  for (std::size_t j = 0; j < got.size(); ++j) {
    INFO("input " << j << ": S1 " << got[j].first_order << " +- " << got[j].first_order_ci << " (exact "
                  << s1[j] << "), ST " << got[j].total << " +- " << got[j].total_ci << " (exact " << st[j]
                  << ")");
    CHECK(got[j].input == static_cast<int>(j));
    CHECK(std::abs(got[j].first_order - s1[j]) < tol);
    CHECK(std::abs(got[j].total - st[j]) < tol);
    CHECK(std::abs(got[j].first_order - s1[j]) <= 3 * got[j].first_order_ci);
    CHECK(std::abs(got[j].total - st[j]) <= 3 * got[j].total_ci);
  }
}

constexpr std::size_t kN = std::size_t{1} << 14;

}  // namespace

// --- Tornado ---

TEST_CASE("tornado design: row 0 nominal, rows 1+2j and 2+2j move input j to low and high", "[sensitivity]") {
  const std::vector<double> nominal = {0.5, 0.3, 0.7};
  const ex::Design d = ex::tornado_design(nominal, 0.1, 0.9);
  REQUIRE(d.dims == 3);
  REQUIRE(d.rows() == 7);
  for (std::size_t r = 0; r < d.rows(); ++r)
    for (std::size_t k = 0; k < 3; ++k) {
      double want = nominal[k];
      if (r == 1 + 2 * k) want = 0.1;
      if (r == 2 + 2 * k) want = 0.9;
      CHECK(d.row(r)[k] == want);
    }
}

TEST_CASE("tornado bars of a linear model swing 0.8 |c_j|, largest first, ties by input", "[sensitivity]") {
  // c = 2, -1, 0.5, 3, 0 at nominal 0.5: swing = |c_j| (0.9 - 0.1) = 0.8 |c_j|.
  const ex::Design d = ex::tornado_design(std::vector<double>(5, 0.5));
  const std::vector<double> y = evaluate(d, linear);
  const std::vector<ex::TornadoBar> bars = ex::tornado_bars(5, y);
  const std::vector<int> order = {3, 0, 1, 2, 4};
  REQUIRE(bars.size() == 5);
  for (std::size_t k = 0; k < 5; ++k) {
    const auto j = static_cast<std::size_t>(order[k]);
    CHECK(bars[k].input == order[k]);
    CHECK(bars[k].swing == Approx(0.8 * std::abs(kC[j])).margin(1e-12));
    CHECK(bars[k].low == Approx(y[0] - 0.4 * kC[j]).margin(1e-12));
    CHECK(bars[k].high == Approx(y[0] + 0.4 * kC[j]).margin(1e-12));
  }
  // Equal swings, one a rise and one a fall, keep input order.
  const std::vector<ex::TornadoBar> tied = ex::tornado_bars(3, std::vector<double>{0, 1, 2, 0, 0, 2, 1});
  CHECK(tied[0].input == 0);
  CHECK(tied[1].input == 2);
  CHECK(tied[2].input == 1);
}

TEST_CASE("tornado rejects quantiles out of order and a wrong number of outputs", "[sensitivity]") {
  const std::vector<double> nominal = {0.5, 0.5};
  CHECK_THROWS_AS(ex::tornado_design(nominal, 0.9, 0.1), std::invalid_argument);
  CHECK_THROWS_AS(ex::tornado_design(nominal, -0.1, 0.9), std::invalid_argument);
  CHECK_THROWS_AS(ex::tornado_design(std::vector<double>{1.5}), std::invalid_argument);
  CHECK_THROWS_AS(ex::tornado_bars(2, std::vector<double>(4, 0.0)), std::invalid_argument);
}

// --- Morris ---

TEST_CASE("morris design: r (dims + 1) grid rows, each step moves one new input by delta", "[sensitivity]") {
  const int dims = 4, levels = 6;
  const std::size_t r = 50;
  const double delta = 6.0 / 10.0;  // p / (2 (p - 1))
  const ex::Design d = ex::morris_design(dims, r, levels, 7);
  REQUIRE(d.dims == dims);
  REQUIRE(d.rows() == r * (dims + 1));
  for (double x : d.points) {
    const double level = x * (levels - 1);
    CHECK(level == Approx(std::round(level)).margin(1e-12));
    CHECK((x >= 0 && x <= 1));
  }
  for (std::size_t t = 0; t < r; ++t) {
    std::set<std::size_t> moved;
    for (std::size_t k = 0; k < dims; ++k) {
      const std::size_t i = t * (dims + 1) + k;
      for (std::size_t j = 0; j < dims; ++j) {
        const double step = d.row(i + 1)[j] - d.row(i)[j];
        if (step == 0) continue;
        CHECK(std::abs(step) == Approx(delta).margin(1e-12));
        CHECK(moved.insert(j).second);
      }
    }
    CHECK(moved.size() == dims);
  }
}

TEST_CASE("morris design draws every start level, both directions and varied input orders", "[sensitivity]") {
  // Starting uniformly over the p levels and stepping the way the grid allows: with 400
  // trajectories each of the 4 levels, each direction and several first-moved inputs occur.
  const int dims = 3, levels = 4;
  const std::size_t r = 400;
  const ex::Design d = ex::morris_design(dims, r, levels, 11);
  std::set<long> start_levels;
  std::set<int> directions;
  std::set<std::size_t> first_moved;
  for (std::size_t t = 0; t < r; ++t) {
    const std::size_t i = t * (dims + 1);
    for (std::size_t j = 0; j < dims; ++j) {
      start_levels.insert(std::lround(d.row(i)[j] * (levels - 1)));
      if (d.row(i + 1)[j] != d.row(i)[j]) first_moved.insert(j);
    }
    for (std::size_t k = 0; k < dims; ++k)
      for (std::size_t j = 0; j < dims; ++j) {
        const double step = d.row(i + k + 1)[j] - d.row(i + k)[j];
        if (step != 0) directions.insert(step > 0 ? 1 : -1);
      }
  }
  CHECK(start_levels == std::set<long>{0, 1, 2, 3});
  CHECK(directions == std::set<int>{-1, 1});
  CHECK(first_moved.size() == dims);
}

TEST_CASE("morris on a linear model: mu* = |c_j|, mu = c_j and sigma = 0", "[sensitivity]") {
  const ex::Design d = ex::morris_design(5, 20, 4, 3);
  const std::vector<ex::MorrisEffect> e = ex::morris_effects(d, evaluate(d, linear));
  REQUIRE(e.size() == 5);
  for (std::size_t j = 0; j < 5; ++j) {
    CHECK(e[j].input == static_cast<int>(j));
    CHECK(e[j].mu_star == Approx(std::abs(kC[j])).margin(1e-12));
    CHECK(e[j].mu == Approx(kC[j]).margin(1e-12));
    CHECK(e[j].sigma == Approx(0).margin(1e-12));
  }
}

TEST_CASE("morris signs a step down: y = u0^2 gives EE = 2 low + delta either way", "[sensitivity]") {
  // Levels 4, delta 2/3: the pair is (0, 2/3) or (1/3, 1), so EE = 2/3 or 4/3, always positive.
  // Unsigned down steps would make about half of them negative.
  const std::size_t r = 200;
  const ex::Design d = ex::morris_design(2, r, 4, 5);
  const std::vector<ex::MorrisEffect> e =
      ex::morris_effects(d, evaluate(d, [](std::span<const double> u) { return u[0] * u[0]; }));
  double sum = 0, sum_sq = 0;
  for (std::size_t t = 0; t < r; ++t) {
    const double low = std::min(d.row(t * 3)[0], d.row(t * 3 + 2)[0]);
    const double ee = 2 * low + 2.0 / 3.0;
    sum += ee;
    sum_sq += ee * ee;
  }
  const double mean = sum / r;
  CHECK(e[0].mu == Approx(mean).epsilon(1e-12));
  CHECK(e[0].mu_star == Approx(mean).epsilon(1e-12));
  CHECK(e[0].sigma == Approx(std::sqrt((sum_sq - r * mean * mean) / (r - 1))).epsilon(1e-9));
  CHECK(e[0].sigma > 0.2);  // both pairs occur
  CHECK(e[1].mu_star == 0);
}

TEST_CASE("morris rejects bad parameters, wrong output counts and foreign designs", "[sensitivity]") {
  CHECK_THROWS_AS(ex::morris_design(3, 1, 4, 0), std::invalid_argument);
  CHECK_THROWS_AS(ex::morris_design(3, 10, 5, 0), std::invalid_argument);
  CHECK_THROWS_AS(ex::morris_design(3, 10, 2, 0), std::invalid_argument);
  const ex::Design d = ex::morris_design(3, 10, 4, 0);
  CHECK_THROWS_AS(ex::morris_effects(d, std::vector<double>(39, 0.0)), std::invalid_argument);
  // A tornado design padded to 8 rows = 2 x (3 + 1): row 2 has input 0 high, row 3 input 1 low,
  // so that step moves two inputs.
  ex::Design eight = ex::tornado_design(std::vector<double>(3, 0.5));
  eight.points.resize(8 * 3, 0.5);
  CHECK_THROWS_AS(ex::morris_effects(eight, std::vector<double>(8, 0.0)), std::invalid_argument);
}

// --- Sobol ---

TEST_CASE("sobol design: n (dims + 2) rows, A, B, then AB_j = A with column j from B", "[sensitivity]") {
  const int dims = 3;
  const std::size_t n = 64;
  const ex::Design d = ex::sobol_design(dims, n, 9);
  REQUIRE(d.dims == dims);
  REQUIRE(d.rows() == n * (dims + 2));
  for (double x : d.points) CHECK((x > 0 && x < 1));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < dims; ++j)
      for (std::size_t k = 0; k < dims; ++k) {
        const double want = k == j ? d.row(n + i)[k] : d.row(i)[k];
        CHECK(d.row((2 + j) * n + i)[k] == want);
      }
  // A and B are different columns of the sequence, not copies.
  CHECK(d.row(0)[0] != d.row(n)[0]);
}

// At n = 2^14 the estimates land within 0.005 (Ishigami) and 0.002 (G-function) of the exact
// values for seeds 1..20; the tests allow 0.01. The bootstrap treats the quasi-random rows as
// independent, so its intervals are wider than the actual error (errors <= 0.4 half-widths).
TEST_CASE("sobol indices of the Ishigami function are within 0.01 at n = 2^14", "[sensitivity]") {
  // a = 7, b = 0.1: V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2, V1 = (1 + b pi^4/5)^2 / 2,
  // V2 = a^2/8, V13 = b^2 pi^8 (1/18 - 1/50), V3 = 0.
  const double a = 7, b = 0.1, pi4 = std::pow(pi, 4), pi8 = std::pow(pi, 8);
  const double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
  const double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5), v2 = a * a / 8;
  const double v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
  const std::vector<double> s1 = {v1 / v, v2 / v, 0}, st = {(v1 + v13) / v, v2 / v, v13 / v};
  CHECK(s1[0] == Approx(0.3139).margin(1e-4));
  CHECK(st[2] == Approx(0.2437).margin(1e-4));
  const ex::Design d = ex::sobol_design(3, kN, 42);
  check_indices(ex::sobol_indices(3, evaluate(d, ishigami), 500, 1), s1, st, 0.01);
}

TEST_CASE("sobol indices of the G-function with a = 0, 1, 4.5, 9, 99, 99 are within 0.01", "[sensitivity]") {
  // V_i = 1 / (3 (1 + a_i)^2), V = prod (1 + V_i) - 1, S_i = V_i / V,
  // ST_i = V_i prod_{j != i} (1 + V_j) / V (Saltelli et al. 2010).
  std::vector<double> vi;
  double prod = 1;
  for (double ai : kGA) {
    vi.push_back(1 / (3 * (1 + ai) * (1 + ai)));
    prod *= 1 + vi.back();
  }
  const double v = prod - 1;
  std::vector<double> s1, st;
  for (double x : vi) {
    s1.push_back(x / v);
    st.push_back(x * (prod / (1 + x)) / v);
  }
  const ex::Design d = ex::sobol_design(6, kN, 42);
  check_indices(ex::sobol_indices(6, evaluate(d, g_function), 500, 1), s1, st, 0.01);
}

TEST_CASE("sobol indices of a linear model are within 0.01 of S_j = ST_j = c_j^2 / sum c^2",
          "[sensitivity]") {
  const double total = sum_of_squares(kC);
  std::vector<double> share;
  for (double c : kC) share.push_back(c * c / total);
  const ex::Design d = ex::sobol_design(5, kN, 42);
  check_indices(ex::sobol_indices(5, evaluate(d, linear), 500, 1), share, share, 0.01);
}

TEST_CASE("a constant model has zero indices, zero intervals and no NaN", "[sensitivity]") {
  auto constant = [](std::span<const double>) { return 0.1; };
  const ex::Design s = ex::sobol_design(4, 256, 1);
  for (const ex::SobolIndex& i : ex::sobol_indices(4, evaluate(s, constant), 100, 1)) {
    CHECK(i.first_order == 0);
    CHECK(i.total == 0);
    CHECK(i.first_order_ci == 0);
    CHECK(i.total_ci == 0);
  }
  const ex::Design m = ex::morris_design(4, 10, 4, 1);
  for (const ex::MorrisEffect& e : ex::morris_effects(m, evaluate(m, constant))) {
    CHECK(e.mu_star == 0);
    CHECK(e.mu == 0);
    CHECK(e.sigma == 0);
  }
  const ex::Design t = ex::tornado_design(std::vector<double>(4, 0.5));
  for (const ex::TornadoBar& b : ex::tornado_bars(4, evaluate(t, constant))) CHECK(b.swing == 0);
}

TEST_CASE("a NaN output shows as NaN indices, never as zeros", "[sensitivity]") {
  const ex::Design d = ex::sobol_design(2, 64, 1);
  std::vector<double> y = evaluate(d, linear_2d);
  y[3] = std::nan("");  // an A row: it enters V
  for (const ex::SobolIndex& i : ex::sobol_indices(2, y, 10, 1)) {
    CHECK(std::isnan(i.first_order));
    CHECK(std::isnan(i.total));
  }
}

TEST_CASE("designs and intervals are a function of the seed", "[sensitivity]") {
  CHECK(ex::morris_design(4, 10, 4, 5).points == ex::morris_design(4, 10, 4, 5).points);
  CHECK(ex::morris_design(4, 10, 4, 5).points != ex::morris_design(4, 10, 4, 6).points);
  CHECK(ex::sobol_design(3, 128, 5).points == ex::sobol_design(3, 128, 5).points);
  CHECK(ex::sobol_design(3, 128, 5).points != ex::sobol_design(3, 128, 6).points);
  const ex::Design d = ex::sobol_design(3, 1024, 5);
  const std::vector<double> y = evaluate(d, ishigami);
  const auto once = ex::sobol_indices(3, y, 200, 8), again = ex::sobol_indices(3, y, 200, 8),
             other = ex::sobol_indices(3, y, 200, 9);
  for (std::size_t j = 0; j < 3; ++j) {
    CHECK(once[j].first_order == again[j].first_order);
    CHECK(once[j].first_order_ci == again[j].first_order_ci);
    CHECK(once[j].total_ci == again[j].total_ci);
    // The bootstrap seed moves the intervals, never the estimates.
    CHECK(once[j].total == other[j].total);
    CHECK(once[j].total_ci != other[j].total_ci);
  }
}

TEST_CASE("bootstrap intervals narrow as n grows and vanish without resamples", "[sensitivity]") {
  const ex::Design small = ex::sobol_design(3, 1024, 5), large = ex::sobol_design(3, 16384, 5);
  const auto s = ex::sobol_indices(3, evaluate(small, ishigami), 200, 1);
  const auto l = ex::sobol_indices(3, evaluate(large, ishigami), 200, 1);
  const auto none = ex::sobol_indices(3, evaluate(small, ishigami), 0, 1);
  for (std::size_t j = 0; j < 3; ++j) {
    // 16 x the rows: about 4 x narrower for independent rows.
    CHECK(l[j].first_order_ci < s[j].first_order_ci / 2);
    CHECK(l[j].total_ci < s[j].total_ci / 2);
    CHECK(none[j].first_order_ci == 0);
    CHECK(none[j].total == s[j].total);
  }
}

TEST_CASE("sobol rejects a design size that is not a multiple of dims + 2", "[sensitivity]") {
  CHECK_THROWS_AS(ex::sobol_design(0, 16, 1), std::invalid_argument);
  CHECK_THROWS_AS(ex::sobol_indices(3, std::vector<double>(51, 0.0), 10, 1), std::invalid_argument);
  CHECK_THROWS_AS(ex::sobol_indices(3, std::vector<double>(50, 0.0), -1, 1), std::invalid_argument);
}

TEST_CASE("bootstrap weights are Poisson(1) draws keyed by seed, resample and row", "[sensitivity]") {
  using labsim::explore::bootstrap_weight;
  // 200,000 draws: mean 1 and variance 1 (Poisson(1)), P(0) = P(1) = e^-1 = 0.3679, P(2) = 0.1839.
  double sum = 0, sum2 = 0;
  std::vector<double> freq(8, 0);
  const int n = 200000;
  for (int b = 0; b < 10; ++b)
    for (std::uint64_t k = 0; k < n / 10; ++k) {
      int w = bootstrap_weight(7, static_cast<std::uint64_t>(b), k);
      REQUIRE(w >= 0);
      sum += w, sum2 += double(w) * w;
      if (w < 8) freq[static_cast<size_t>(w)] += 1.0 / n;
    }
  CHECK(sum / n == Approx(1).margin(0.01));
  CHECK(sum2 / n - (sum / n) * (sum / n) == Approx(1).margin(0.02));
  CHECK(freq[0] == Approx(std::exp(-1.0)).margin(0.004));
  CHECK(freq[1] == Approx(std::exp(-1.0)).margin(0.004));
  CHECK(freq[2] == Approx(std::exp(-1.0) / 2).margin(0.003));
  // A pure function of its key: the same key, the same weight, whatever was drawn before.
  CHECK(bootstrap_weight(7, 3, 12345) == bootstrap_weight(7, 3, 12345));
  int differ = 0;
  for (std::uint64_t k = 0; k < 100; ++k) differ += bootstrap_weight(7, 0, k) != bootstrap_weight(7, 1, k);
  CHECK(differ > 30);
}

TEST_CASE("sobol interval half-widths are 1.96 standard deviations over the row-keyed resamples",
          "[sensitivity]") {
  // One input, n = 40 rows of made-up outputs; the Jansen estimates of each resample are worked
  // out here from the weights, apart from the library's code.
  const int n = 40, resamples = 25;
  std::vector<double> y(3 * n);
  for (int i = 0; i < n; ++i) {
    y[static_cast<size_t>(i)] = std::sin(i * 1.3) + 2;              // f_A
    y[static_cast<size_t>(n + i)] = std::cos(i * 0.7) + 2;          // f_B
    y[static_cast<size_t>(2 * n + i)] = std::sin(i * 1.3 + 0.4) + 2;  // f_AB
  }
  double m = 0;
  for (int i = 0; i < 2 * n; ++i) m += y[static_cast<size_t>(i)];
  m /= 2 * n;
  std::vector<double> firsts, totals;
  for (int b = 0; b < resamples; ++b) {
    double w_sum = 0, s0 = 0, s1 = 0, sb = 0, sa = 0;
    for (int i = 0; i < n; ++i) {
      double w = labsim::explore::bootstrap_weight(5, static_cast<std::uint64_t>(b), static_cast<std::uint64_t>(i));
      double fa = y[static_cast<size_t>(i)], fb = y[static_cast<size_t>(n + i)], fab = y[static_cast<size_t>(2 * n + i)];
      double a = fa - m, bb = fb - m;
      w_sum += w, s0 += w * (a + bb), s1 += w * (a * a + bb * bb);
      sb += w * (fb - fab) * (fb - fab), sa += w * (fa - fab) * (fa - fab);
    }
    double mean = s0 / (2 * w_sum), v = s1 / (2 * w_sum) - mean * mean;
    firsts.push_back((v - sb / w_sum / 2) / v);
    totals.push_back(sa / w_sum / 2 / v);
  }
  auto sd = [](const std::vector<double>& x) {
    double mu = 0, ss = 0;
    for (double v : x) mu += v;
    mu /= static_cast<double>(x.size());
    for (double v : x) ss += (v - mu) * (v - mu);
    return std::sqrt(ss / static_cast<double>(x.size() - 1));
  };
  auto idx = labsim::explore::sobol_indices(1, y, resamples, 5);
  REQUIRE(idx.size() == 1);
  CHECK(idx[0].first_order_ci == Approx(1.96 * sd(firsts)).epsilon(1e-9));
  CHECK(idx[0].total_ci == Approx(1.96 * sd(totals)).epsilon(1e-9));
}
