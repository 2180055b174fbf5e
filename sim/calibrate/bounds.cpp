#include "calibrate/bounds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "explore/input_error.hpp"
#include "io/units.hpp"

namespace labsim::fitting {

namespace {

double transform(double z, double lo, double hi) {
  if (std::isfinite(lo) && std::isfinite(hi)) return lo + (hi - lo) * (std::sin(z) + 1) / 2;
  if (std::isfinite(lo)) return lo - 1 + std::sqrt(z * z + 1);
  if (std::isfinite(hi)) return hi + 1 - std::sqrt(z * z + 1);
  return z;
}

double inverse(double t, double lo, double hi) {
  double inset = 1e-9 * (std::isfinite(lo) && std::isfinite(hi) ? hi - lo : 1);
  if (t <= lo) t = lo + inset;
  if (t >= hi) t = hi - inset;
  if (std::isfinite(lo) && std::isfinite(hi)) return std::asin(std::clamp(2 * (t - lo) / (hi - lo) - 1, -1.0, 1.0));
  if (std::isfinite(lo)) return std::sqrt(std::pow(t - lo + 1, 2) - 1);
  if (std::isfinite(hi)) return std::sqrt(std::pow(hi - t + 1, 2) - 1);
  return t;
}

std::string number(double v) { return std::isfinite(v) ? fmt::format("{:g}", v) : (v < 0 ? "-inf" : "inf"); }

}  // namespace

Bounded::Bounded(double lower, double upper, double start) : lower_(lower), upper_(upper), lo_(lower), hi_(upper) {
  double floor = lower > 0 ? lower : start * 1e-12;
  if (lower >= 0 && start > 0 && upper >= 1e3 * floor) {
    log_ = true;
    lo_ = std::log(floor);
    hi_ = std::log(upper);
  }
}

double Bounded::to_x(double z) const {
  double t = transform(z, lo_, hi_);
  return log_ ? std::clamp(std::exp(std::min(t, 690.0)), lower_, upper_) : t;  // e^690 ≈ 1e300: finite
}

double Bounded::to_z(double x) const { return inverse(log_ ? std::log(std::max(x, std::exp(lo_))) : x, lo_, hi_); }

bool Bounded::at_bound(double x) const {
  double t = log_ ? std::log(std::max(x, std::exp(lo_))) : x;
  double width = std::isfinite(hi_ - lo_) ? hi_ - lo_ : std::max(1.0, std::fabs(t));
  return t - lo_ <= 1e-4 * width || hi_ - t <= 1e-4 * width;
}

void apply_bound_specs(const std::vector<std::string>& specs, const std::vector<std::string>& paths,
                       std::vector<double>& lower, std::vector<double>& upper) {
  for (const std::string& spec : specs) {
    size_t eq = spec.rfind('='), colon = spec.rfind(':');
    if (eq == std::string::npos || colon == std::string::npos || colon < eq)
      explore::input_error("--bounds", fmt::format("expected key.path=LO:HI, found \"{}\"", spec),
                           "either side may be empty: output.steepness=0.1:");
    std::string path = spec.substr(0, eq), lo = spec.substr(eq + 1, colon - eq - 1), hi = spec.substr(colon + 1);
    auto it = std::find(paths.begin(), paths.end(), path);
    if (it == paths.end()) explore::input_error("--bounds", fmt::format("\"{}\" is not one of the --fit paths", path));
    size_t i = static_cast<size_t>(it - paths.begin());
    double key_lower = lower[i], key_upper = upper[i];
    for (auto [text, dst] : {std::pair{lo, &lower[i]}, std::pair{hi, &upper[i]}}) {
      if (text.empty()) continue;
      io::UnitResult r = io::parse_quantity(text, io::Quantity::kNumber);
      if (!r.ok) explore::input_error("--bounds", fmt::format("expected a number, found \"{}\" in \"{}\"", text, spec));
      *dst = r.parsed.value;
    }
    if (lower[i] < key_lower || upper[i] > key_upper)
      explore::input_error("--bounds",
                           fmt::format("\"{}\" reaches outside what {} accepts, [{}, {}]", spec, path,
                                       number(key_lower), number(key_upper)),
                           "bounds may only narrow a key's range");
    if (!(lower[i] < upper[i]))
      explore::input_error("--bounds", fmt::format("the lower bound must be below the upper one in \"{}\"", spec));
  }
}

}  // namespace labsim::fitting
