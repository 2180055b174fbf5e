// Charts as data: axes with their scales and ticks, series, titles and source lines. Pure: no
// drawing here (render.hpp draws them), so scales and ticks are testable as numbers.
#pragma once

#include <string>
#include <vector>

namespace labsim::report {

enum class ScaleKind { kLinear, kLog };

struct Tick {
  double value = 0;   // in data units
  std::string label;  // e.g. "1e21", "2,000", "50%"
};

struct Axis {
  std::string label;  // with units, e.g. "H100-hours per researcher (log scale)"
  ScaleKind kind = ScaleKind::kLinear;
  double min = 0;     // data range shown; for log scales both > 0
  double max = 1;
  std::vector<Tick> ticks;
};

// An axis covering [data_min, data_max] with readable ticks. Linear: 4 to 8 ticks on a 1-2-5
// step starting at a multiple of the step (and at 0 when the data are non-negative and 0 is
// within reach); log: ticks at powers of ten, every k-th decade (k on a 1-2-5 ladder) so that at most 8 are shown,
// the range widened to whole decades. Values <= 0 are ignored on a log axis; with no usable
// data the axis spans [1, 10] (log) or [0, 1] (linear). Labels use the given unit style:
//   kNumber  "0.5", "2,000", "500k", "1.5M", "2B", "3T" (suffixes once the axis reaches a million),
//            "1.5×10²¹" once it reaches 1e15; log axes "0.01", "100,000" when every tick lies within
//            0.001 and 100,000, "1k", "100M", "1T" within 1 and 1e12, else "10²⁵" for every tick
//   kYear    "2030"; ticks at whole years only (a single year spans two years either side)
//   kPercent values are fractions: 0.5 -> "50%"
//   kUsd     "$0", "$500", "$500k", "$1.5M", "$2B", "$3T"
// Zero is within reach when starting the axis there at most doubles its length (lo <= hi / 2);
// a single value v spans [0, v] (or [v, 0]).
enum class TickStyle { kNumber, kYear, kPercent, kUsd };
Axis make_axis(std::string label, ScaleKind kind, double data_min, double data_max,
               TickStyle style = TickStyle::kNumber);

// Position of `value` along `axis` as a fraction of its length in [0, 1] (may fall outside for
// values outside the range; log axes map log10).
double axis_fraction(const Axis& axis, double value);

// A line and, for fan charts, two nested bands around it. Bands are optional: each pair is
// either empty or as long as y; a NaN in either bound is a gap in that band.
struct Series {
  std::string name;        // legend text
  std::vector<double> x;   // years
  std::vector<double> y;   // NaN or (log axes) <= 0: a gap
  bool dashed = false;     // reference lines such as the frontier
  int color = 0;           // index into the palette
  std::vector<double> low;         // inner band, drawn darker (the brief: 25th to 75th percentile)
  std::vector<double> high;
  std::vector<double> outer_low;   // outer band, drawn lighter (the brief: 5th to 95th percentile)
  std::vector<double> outer_high;
};

// One bar of a tornado chart: how far one input, moved alone, moves the output.
struct TornadoBar {
  std::string label;  // axis text: the input's key path, shortened (short_input_label)
  std::string input;  // the full key path
  double low = 0;     // the output with the input at its 10th percentile, the others nominal
  double high = 0;    // the output with the input at its 90th percentile
};

enum class ChartKind {
  kLines,        // one line per series
  kStackedBars,  // one bar per x, series stacked bottom to top
  kTornado,      // horizontal bars (Chart::bars) from Chart::nominal; x is the output's axis
};

struct Chart {
  std::string id;      // file stem: chart_id() of its BriefChart (labsim/report.hpp)
  std::string title;   // e.g. "Compute per researcher"
  std::string source;  // e.g. "Source: labsim 0.1.0, scenario compute-divide (docs/model.md)"
  ChartKind kind = ChartKind::kLines;
  Axis x;
  Axis y;              // kTornado: one tick per bar at bars.size() - 1 - i, labelled with bar i's label
  // kLines and kStackedBars: the data. kTornado: legend entries only, in order the colour of the
  // 10th-percentile ends, of the 90th-percentile ends, and the (dashed) nominal line.
  std::vector<Series> series;
  std::string bands;   // fan charts: what the shaded bands show, the last legend entry; empty: none
  std::vector<TornadoBar> bars;  // kTornado: top to bottom, the largest swing first
  double nominal = 0;            // kTornado: the output with every input at its nominal value
};

// Okabe-Ito colour-blind-safe palette; index wraps around. Components in [0, 1].
struct Rgb {
  double r, g, b;
};
Rgb palette(int index);

}  // namespace labsim::report
