// Global sensitivity analysis, generic over a model of `dims` inputs on the unit hypercube
// (inputs with other distributions are mapped through their quantile functions by the caller).
// Each method is split in two: a design (the points to evaluate, row-major, `dims` per row)
// and an analysis of the model outputs at those rows (one output per row). The caller evaluates
// the rows, in parallel if it likes; designs and analyses are deterministic given the seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace labsim::explore {

struct Design {
  int dims = 0;
  std::vector<double> points;  // rows() * dims values in (0, 1) or [0, 1] (Morris grid)
  std::size_t rows() const { return dims ? points.size() / static_cast<std::size_t>(dims) : 0; }
  std::span<const double> row(std::size_t i) const {
    return {points.data() + i * static_cast<std::size_t>(dims), static_cast<std::size_t>(dims)};
  }
};

// --- Tornado: each input at a low and a high quantile, the others at their nominal point. ---
// Rows: 0 = all nominal, then for input j: 1 + 2j (u_j = low_q), 2 + 2j (u_j = high_q).
// Throws std::invalid_argument unless 0 <= low_q < high_q <= 1 and every nominal_u is in [0, 1].
Design tornado_design(std::span<const double> nominal_u, double low_q = 0.1, double high_q = 0.9);
struct TornadoBar {
  int input = 0;
  double low = 0, high = 0;  // output with the input at low_q and at high_q
  double swing = 0;          // |high - low|
};
// Bars sorted by swing, largest first (ties: lower input index first; NaN swings last).
// `y` holds the outputs of tornado_design's rows; throws std::invalid_argument unless
// y.size() == 1 + 2 dims.
std::vector<TornadoBar> tornado_bars(int dims, std::span<const double> y);

// --- Morris elementary effects (Morris 1991; mu* of Campolongo et al. 2007). ---
// `trajectories` (r >= 2) one-at-a-time paths on a `levels`-level grid (even, >= 4),
// step delta = levels / (2 (levels - 1)). Rows: r * (dims + 1).
// Each trajectory starts on a grid point drawn uniformly and moves every input once, in a random
// order, by +delta or -delta: the one direction that stays in [0, 1] (the same as a base point
// with x + delta <= 1 and a random direction). Coordinates are exactly level / (levels - 1).
// Drawn with boost::random (mt19937_64, uniform_int_distribution), so a seed gives the same
// design with every standard library. Throws std::invalid_argument unless dims >= 1, r >= 2
// and levels is even and >= 4.
Design morris_design(int dims, std::size_t trajectories, int levels, std::uint64_t seed);
struct MorrisEffect {
  int input = 0;
  double mu_star = 0;  // mean of |elementary effect|
  double mu = 0;       // mean of elementary effects
  double sigma = 0;    // standard deviation of elementary effects (n - 1 denominator)
};
// Elementary effect of input j on a step: (y(after) - y(before)) / (u_j(after) - u_j(before)),
// signed by the step's direction. `y` holds one output per design row. Throws
// std::invalid_argument when y.size() != design.rows() or the design is not whole trajectories
// in which each step moves one input and each input moves once per trajectory.
std::vector<MorrisEffect> morris_effects(const Design& design, std::span<const double> y);

// --- Sobol indices: Saltelli sampling, Jansen estimators, bootstrap confidence intervals. ---
// Base matrices A and B from a (2 * dims)-dimensional scrambled/shifted Sobol sequence of n
// points. Rows: blocks of n: A, B, then AB_j for j = 0..dims-1 (A with column j from B):
// n * (dims + 2) rows. Uses Sampler(kSobol, seed, n, 2 dims): A is sequence columns 0..dims-1,
// B columns dims..2 dims-1. Throws std::invalid_argument unless 1 <= dims <= 500 and n >= 1.
Design sobol_design(int dims, std::size_t n, std::uint64_t seed);
struct SobolIndex {
  int input = 0;
  double first_order = 0, first_order_ci = 0;  // S_j and the half-width of its 95% interval
  double total = 0, total_ci = 0;              // ST_j and the half-width of its 95% interval
};
// Computed in chunks of sobol_chunk_rows(n) base rows (sobol_sums, added in chunk order), centred
// on f_A of base row 0.
// Jansen (1999): S_j = (V - mean((f_B - f_ABj)^2) / 2) / V, ST_j = mean((f_A - f_ABj)^2) / 2 / V,
// V the variance of f over A and B together (1/(2n) denominator). CI half-width = 1.96 x the
// standard deviation over `bootstrap` resamples of the n rows (seeded by `seed`; 0 resamples give
// half-widths 0). A resample is a Poisson bootstrap: base row k counts bootstrap_weight(seed, b, k)
// times in resample b, keeping each row's A, B and AB_j outputs together; a resample whose weights
// are all 0 is skipped. The seed moves only the half-widths, never the estimates. A constant output
// (spread below 1e-12 of its magnitude) gives indices 0; NaN outputs give NaN indices.
// The resampling treats the quasi-random rows as independent, so for smooth models the intervals
// are conservative. Throws std::invalid_argument unless dims >= 1, bootstrap >= 0 and y holds
// n (dims + 2) outputs with n >= 1.
std::vector<SobolIndex> sobol_indices(int dims, std::span<const double> y, int bootstrap,
                                      std::uint64_t seed);

// --- The same indices in chunks of base rows, for a study split among threads, processes or
// machines: each chunk's sums are computed apart and added in chunk order. ---

// Base rows per chunk for n base rows: max(256, ceil(n / 256)), so that a study has at most
// about 256 chunks (and its shards' sums stay small) whatever its size.
std::size_t sobol_chunk_rows(std::size_t n);
// sobol_design's rows for base rows [begin, end) only (the same points): blocks A, B, AB_j of
// end - begin rows each. Throws std::invalid_argument unless begin <= end <= n.
Design sobol_design(int dims, std::size_t n, std::uint64_t seed, std::size_t begin, std::size_t end);
// What the estimators need from some base rows: the column sums of their terms, the same sums
// weighted by each bootstrap resample with the resample's total weight, the number of rows and
// the largest |f| of their A and B outputs. Element-wise sums, so that chunks add up.
struct SobolSums {
  std::vector<double> point;      // 2 + 2 dims: sum (a + b), sum (a^2 + b^2), then the Jansen terms
  std::vector<double> resampled;  // bootstrap x (2 + 2 dims)
  std::vector<double> weight;     // bootstrap: the rows each resample counts (with multiplicity)
  double rows = 0;
  double scale = 0;
};
// The sums of base rows [begin, end), whose outputs `y` are laid out as sobol_design(dims, n,
// seed, begin, end)'s rows; a = f_A - shift and b = f_B - shift. Every chunk of one study must
// use the same shift (sobol_indices below uses f_A of base row 0). The resamples are summed on
// `threads` workers; the result does not depend on it. Throws std::invalid_argument as
// sobol_indices does.
SobolSums sobol_sums(int dims, std::span<const double> y, std::size_t begin, double shift, int bootstrap,
                     std::uint64_t seed, int threads = 1);
// total += chunk, element by element (an empty total takes the chunk's shape first); rows add,
// scale is the larger. Throws std::invalid_argument when the shapes differ.
void add_sobol_sums(SobolSums& total, const SobolSums& chunk);
// The indices of the rows summed in `total`, as the overload below defines them.
std::vector<SobolIndex> sobol_indices(int dims, const SobolSums& total);

// The weight of base row `row` in bootstrap resample `resample`: a Poisson(1) draw (0, 1, 2, ...
// with probabilities e^-1 / k!) that depends on (seed, resample, row) only, so that rows handled
// apart, on other threads or machines, give the same resamples. Draws from uniform_stream on
// streams kBootstrapStream + resample.
int bootstrap_weight(std::uint64_t seed, std::uint64_t resample, std::uint64_t row);
inline constexpr std::uint64_t kBootstrapStream = std::uint64_t{1} << 40;

}  // namespace labsim::explore
