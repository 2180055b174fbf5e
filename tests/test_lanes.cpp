// Stages written once over their number type (sim/model/lanes.hpp) give, lane by lane, the bits of
// the scalar engine: checked on random values and on every edge a stage branches on.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "model/lanes.hpp"
#include "model/output.hpp"

namespace {

using labsim::model::kLanes;
using labsim::model::Lanes;

std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

// The output stage's share as it was written before it became generic: the reference.
double share_reference(double run, double frontier, const labsim::ResearchOutput& p) {
  if (!(run > 0)) return 0;
  if (!(frontier > 0)) return 1;
  double x = p.steepness * (std::log(run) - std::log(p.threshold * frontier));
  return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x));
}

}  // namespace

TEST_CASE("notable_share in lanes gives the scalar engine's bits, edges included", "[lanes][output]") {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> values = {0, -0.0, -1, 1e-300, 1, 1e18, 1e23, 3.3e23, 2.1e25, 1e29, 1e308, inf, -inf, nan};
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> exponent(0, 30);
  for (int i = 0; i < 200; ++i) values.push_back(std::pow(10.0, exponent(rng)));
  labsim::ResearchOutput p;
  for (double steepness : {0.489, 1.0, 7.5}) {
    p.steepness = steepness;
    // Every pair (run, frontier), kLanes at a time.
    std::vector<std::pair<double, double>> pairs;
    for (double a : values)
      for (double b : values) pairs.emplace_back(a, b);
    for (std::size_t at = 0; at + kLanes <= pairs.size(); at += kLanes) {
      Lanes run, frontier;
      for (int l = 0; l < kLanes; ++l) run[l] = pairs[at + l].first, frontier[l] = pairs[at + l].second;
      Lanes got = labsim::model::notable_share(run, frontier, p);
      for (int l = 0; l < kLanes; ++l) {
        INFO(pairs[at + l].first << " " << pairs[at + l].second);
        double scalar = labsim::model::notable_share(pairs[at + l].first, pairs[at + l].second, p);
        CHECK(bits(got[l]) == bits(scalar));
        CHECK(bits(scalar) == bits(share_reference(pairs[at + l].first, pairs[at + l].second, p)));
      }
    }
  }
}
