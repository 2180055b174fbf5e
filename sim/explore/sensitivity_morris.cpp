// Morris (1991) elementary effects with mu* of Campolongo, Cariboni & Saltelli (2007).
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "explore/sensitivity.hpp"

namespace labsim::explore {

namespace {

using Rng = boost::random::mt19937_64;

// Boost's distribution, not std::'s: its output for a given engine state is the same with every
// standard library, so a seed names the same design everywhere.
int draw_int(Rng& rng, int lo, int hi) { return boost::random::uniform_int_distribution<int>(lo, hi)(rng); }

// A random permutation of 0..dims-1 by Fisher-Yates (std::shuffle's algorithm is unspecified).
std::vector<int> random_order(Rng& rng, int dims) {
  std::vector<int> order(static_cast<std::size_t>(dims));
  for (int j = 0; j < dims; ++j) order[static_cast<std::size_t>(j)] = j;
  for (int j = dims - 1; j > 0; --j)
    std::swap(order[static_cast<std::size_t>(j)], order[static_cast<std::size_t>(draw_int(rng, 0, j))]);
  return order;
}

// Appends one trajectory of dims + 1 rows. Input j sits on grid level base_j or base_j + p/2
// (base_j drawn from 0..p/2-1, so x + delta stays in [0, 1]); a random direction decides which
// of the two it starts at, and it moves to the other at its turn in a random order. Starting on
// a uniformly drawn level of all p and stepping the one way the grid allows is the same thing.
// Levels are kept as integers so every coordinate is exactly level / (p - 1).
void append_trajectory(Rng& rng, int dims, int levels, std::vector<double>& points) {
  const int jump = levels / 2;
  const double denom = static_cast<double>(levels - 1);
  std::vector<int> level(static_cast<std::size_t>(dims));
  std::vector<int> step(static_cast<std::size_t>(dims));
  for (std::size_t j = 0; j < level.size(); ++j) {
    const int base = draw_int(rng, 0, jump - 1);
    const bool up = draw_int(rng, 0, 1) == 1;
    level[j] = up ? base : base + jump;
    step[j] = up ? jump : -jump;
  }
  const std::vector<int> order = random_order(rng, dims);
  auto append_row = [&] {
    for (int l : level) points.push_back(l / denom);
  };
  append_row();
  for (int j : order) {
    level[static_cast<std::size_t>(j)] += step[static_cast<std::size_t>(j)];
    append_row();
  }
}

// The single input that differs between two consecutive rows; throws when there is not exactly
// one (the design did not come from morris_design).
std::size_t moved_input(std::span<const double> from, std::span<const double> to) {
  std::size_t moved = from.size();
  for (std::size_t j = 0; j < from.size(); ++j) {
    if (from[j] == to[j]) continue;
    if (moved != from.size()) throw std::invalid_argument("morris_effects: a step moves more than one input");
    moved = j;
  }
  if (moved == from.size()) throw std::invalid_argument("morris_effects: a step moves no input");
  return moved;
}

}  // namespace

Design morris_design(int dims, std::size_t trajectories, int levels, std::uint64_t seed) {
  if (dims < 1 || trajectories < 2 || levels < 4 || levels % 2 != 0)
    throw std::invalid_argument(
        "morris_design: need dims >= 1, trajectories >= 2 and an even "
        "number of levels >= 4, found dims " +
        std::to_string(dims) + ", trajectories " + std::to_string(trajectories) + ", levels " +
        std::to_string(levels));
  Design d;
  d.dims = dims;
  const auto width = static_cast<std::size_t>(dims);
  d.points.reserve(trajectories * (width + 1) * width);
  Rng rng(seed);
  for (std::size_t t = 0; t < trajectories; ++t) append_trajectory(rng, dims, levels, d.points);
  return d;
}

std::vector<MorrisEffect> morris_effects(const Design& design, std::span<const double> y) {
  const auto width = static_cast<std::size_t>(design.dims);
  const std::size_t rows = design.rows();
  if (design.dims < 1 || rows % (width + 1) != 0 || rows / (width + 1) < 1)
    throw std::invalid_argument("morris_effects: the design is not whole trajectories");
  if (y.size() != rows)
    throw std::invalid_argument("morris_effects: expected " + std::to_string(rows) + " outputs, found " +
                                std::to_string(y.size()));
  const std::size_t r = rows / (width + 1);
  // Effects stored per input; each trajectory moves every input once, which moved_input plus
  // the count check below verify.
  std::vector<std::vector<double>> effects(width);
  for (std::size_t t = 0; t < r; ++t) {
    for (std::size_t k = 0; k < width; ++k) {
      const std::size_t i = t * (width + 1) + k;
      const std::span<const double> from = design.row(i), to = design.row(i + 1);
      const std::size_t j = moved_input(from, to);
      effects[j].push_back((y[i + 1] - y[i]) / (to[j] - from[j]));
    }
  }
  std::vector<MorrisEffect> out(width);
  for (std::size_t j = 0; j < width; ++j) {
    const std::vector<double>& ee = effects[j];
    if (ee.size() != r)
      throw std::invalid_argument("morris_effects: input " + std::to_string(j) +
                                  " does not move exactly once per trajectory");
    MorrisEffect& m = out[j];
    m.input = static_cast<int>(j);
    for (double e : ee) {
      m.mu += e;
      m.mu_star += std::abs(e);
    }
    m.mu /= static_cast<double>(r);
    m.mu_star /= static_cast<double>(r);
    double ss = 0;
    for (double e : ee) ss += (e - m.mu) * (e - m.mu);
    m.sigma = r > 1 ? std::sqrt(ss / static_cast<double>(r - 1)) : 0.0;
  }
  return out;
}

}  // namespace labsim::explore
