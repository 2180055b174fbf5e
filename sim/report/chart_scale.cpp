// Where a value falls on an axis, and the palette: what both the charts' data (chart.cpp) and
// the render module (report/cairo/) need. No dependencies beyond the standard library, so the
// module compiles this file too.
#include <array>
#include <cmath>

#include "report/chart.hpp"

namespace labsim::report {

double axis_fraction(const Axis& axis, double value) {
  if (axis.kind == ScaleKind::kLog) {
    if (!(value > 0) || !(axis.min > 0) || !(axis.max > axis.min)) return std::nan("");
    return (std::log10(value) - std::log10(axis.min)) / (std::log10(axis.max) - std::log10(axis.min));
  }
  if (!(axis.max > axis.min)) return std::nan("");
  return (value - axis.min) / (axis.max - axis.min);
}

Rgb palette(int index) {
  // Okabe & Ito (2008), without black, which is kept for text and axes.
  static constexpr std::array<Rgb, 8> kColors{{
      {0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0},  // orange
      {0x56 / 255.0, 0xB4 / 255.0, 0xE9 / 255.0},  // sky blue
      {0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0},  // bluish green
      {0xF0 / 255.0, 0xE4 / 255.0, 0x42 / 255.0},  // yellow
      {0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0},  // blue
      {0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0},  // vermillion
      {0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0},  // reddish purple
      {0x99 / 255.0, 0x99 / 255.0, 0x99 / 255.0},  // grey
  }};
  constexpr int kCount = static_cast<int>(kColors.size());
  return kColors[static_cast<size_t>(((index % kCount) + kCount) % kCount)];
}

}  // namespace labsim::report
