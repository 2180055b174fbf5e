// What chart.cpp (layout: title, legend, axes) and series.cpp (the data drawn
// inside the plot area) share. Internal to the cairo renderers.
#pragma once

#include <cairo.h>

#include "report/chart.hpp"

namespace labsim::report {

inline constexpr double kLineWidth = 2;
inline constexpr double kOuterBandAlpha = 0.18;  // 5-95%: lighter
inline constexpr double kInnerBandAlpha = 0.32;  // 25-75%, drawn over the outer band: darker
inline constexpr double kNominalGrey = 0.25;     // a tornado's nominal line, and its legend sample

// Sets cairo's source to palette colour `index` at opacity `alpha`.
void colour(cairo_t* cr, int index, double alpha = 1);

// The plot area in points and the mapping from data to it.
struct Plot {
  const Axis& x;
  const Axis& y;
  double left, top, right, bottom;
  double x_inset = 0;  // stacked bars: half a bar slot kept free at each end

  double px(double v) const { return left + x_inset + axis_fraction(x, v) * (right - left - 2 * x_inset); }
  double py(double v) const { return bottom - axis_fraction(y, v) * (bottom - top); }
};

// The width of one bar slot of a stacked bar chart: the plot divided among the x steps of the
// first series.
double bar_slot(const Plot& p, const Chart& chart);

// The chart's data inside the plot area, clipped to it: bands then lines, stacked bars of width
// `bar_width`, or tornado bars.
void draw_series(cairo_t* cr, const Plot& plot, const Chart& chart, double bar_width);

}  // namespace labsim::report
