// Uncertain inputs: any number in a scenario may be given as a probability distribution
// (`mfu: {normal: [35%, 5%]}`). The loaded Scenario holds the nominal value in the usual field and
// lists the distribution here; the explore commands (mc, compare, sensitivity, solve) draw from it.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "labsim/diagnostics.hpp"

namespace labsim {

enum class DistKind {
  kNormal,      // params: mean, standard deviation (> 0)
  kLognormal,   // params: median (> 0), factor = geometric standard deviation exp(sigma) (> 1)
  kUniform,     // params: low, high (low < high)
  kTriangular,  // params: low, mode, high (low <= mode <= high, low < high)
  kPert,        // params: low, mode, high; beta-PERT with shape 4 (Vose 2008)
  kChoice,      // params: the values; weights: their relative weights (> 0), same length
};

// A distribution in the input's model units (USD, fractions, growth factors, years ...).
struct DistSpec {
  DistKind kind = DistKind::kUniform;
  std::vector<double> params;
  std::vector<double> weights;  // kChoice only; empty means equal weights
  double min = -std::numeric_limits<double>::infinity();  // truncation, inclusive
  double max = std::numeric_limits<double>::infinity();
};

// One input of the scenario given as a distribution.
struct UncertainInput {
  std::string path;         // key path, e.g. "institutions.campus.operations.mfu"
  std::string text;         // as written, e.g. "normal: [35%, 5%]"
  SourceLocation location;  // of the distribution
  std::string source;       // `source:` next to it; empty if none
  DistSpec spec;
  double nominal = 0;       // the value a deterministic run uses (median or mode)
};

}  // namespace labsim
