// The data of a chart inside its plot area: fan bands and lines, stacked bars, tornado bars.
#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <vector>

#include "report/cairo/cairo.hpp"
#include "report/cairo/plot.hpp"

namespace labsim::report {

void colour(cairo_t* cr, int index, double alpha) {
  Rgb c = palette(index);
  cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

namespace {

// Calls `draw` with each maximal run of consecutive indices below `n` for which `ok` holds.
void for_each_run(size_t n, const std::function<bool(size_t)>& ok,
                  const std::function<void(const std::vector<size_t>&)>& draw) {
  std::vector<size_t> run;
  for (size_t i = 0; i <= n; ++i) {
    if (i < n && ok(i)) {
      run.push_back(i);
    } else if (!run.empty()) {
      draw(run);
      run.clear();
    }
  }
}

// The band between `low` and `high` of `s`, broken where a bound cannot be shown.
void draw_band(cairo_t* cr, const Plot& p, const Series& s, const std::vector<double>& low,
               const std::vector<double>& high, double alpha) {
  size_t n = std::min({s.x.size(), low.size(), high.size()});
  auto ok = [&](size_t i) {
    return std::isfinite(p.px(s.x[i])) && std::isfinite(p.py(low[i])) && std::isfinite(p.py(high[i]));
  };
  colour(cr, s.color, alpha);
  for_each_run(n, ok, [&](const std::vector<size_t>& run) {
    cairo_new_path(cr);
    for (size_t i : run) cairo_line_to(cr, p.px(s.x[i]), p.py(high[i]));
    for (auto i = run.rbegin(); i != run.rend(); ++i) cairo_line_to(cr, p.px(s.x[*i]), p.py(low[*i]));
    cairo_close_path(cr);
    cairo_fill(cr);
  });
}

// The line of `s`, broken where a value cannot be shown; a point alone between gaps is a dot.
void draw_line(cairo_t* cr, const Plot& p, const Series& s) {
  size_t n = std::min(s.x.size(), s.y.size());
  auto ok = [&](size_t i) { return std::isfinite(p.px(s.x[i])) && std::isfinite(p.py(s.y[i])); };
  colour(cr, s.color);
  cairo_set_line_width(cr, kLineWidth);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, s.dashed ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
  const double dash[] = {6, 3.5};
  cairo_set_dash(cr, dash, s.dashed ? 2 : 0, 0);
  for_each_run(n, ok, [&](const std::vector<size_t>& run) {
    cairo_new_path(cr);
    if (run.size() == 1) {
      cairo_arc(cr, p.px(s.x[run[0]]), p.py(s.y[run[0]]), kLineWidth * 1.2, 0, 2 * std::numbers::pi);
      cairo_fill(cr);
      return;
    }
    for (size_t i : run) cairo_line_to(cr, p.px(s.x[i]), p.py(s.y[i]));
    cairo_stroke(cr);
  });
  cairo_set_dash(cr, nullptr, 0, 0);
}

// Bars of width `bar_width` at the x values of the first series; each series stacked on the
// ones before it. Values that are not positive add nothing.
void draw_bars(cairo_t* cr, const Plot& p, const Chart& chart, double bar_width) {
  const std::vector<double>& xs = chart.series.front().x;
  for (size_t i = 0; i < xs.size(); ++i) {
    double base = chart.y.kind == ScaleKind::kLog ? chart.y.min : 0;
    for (const Series& s : chart.series) {
      if (i >= s.y.size() || !(s.y[i] > 0) || !std::isfinite(s.y[i])) continue;
      double x = p.px(xs[i]), y0 = p.py(base), y1 = p.py(base + s.y[i]);
      base += s.y[i];
      if (!std::isfinite(x) || !std::isfinite(y0) || !std::isfinite(y1)) continue;
      cairo_rectangle(cr, x - bar_width / 2, y1, bar_width, y0 - y1);
      colour(cr, s.color);
      cairo_fill_preserve(cr);
      cairo_set_line_width(cr, 0.5);
      text::grey(cr, 1);
      cairo_stroke(cr);
    }
  }
}

constexpr double kMaxBarHeight = 30;  // points: a tornado of two or three inputs keeps slim bars

// Bar i at height bars.size() - 1 - i: one box from the nominal value to each end, the farther
// end first so that a shorter box on the same side stays visible; then the nominal line.
void draw_tornado(cairo_t* cr, const Plot& p, const Chart& chart) {
  size_t n = chart.bars.size();
  if (n == 0) return;
  int colours[2] = {4, 5};
  for (size_t k = 0; k < 2 && k < chart.series.size(); ++k) colours[k] = chart.series[k].color;
  double height = std::min(0.6 * (p.bottom - p.top) / static_cast<double>(n), kMaxBarHeight);
  double x0 = p.px(chart.nominal);
  for (size_t i = 0; i < n; ++i) {
    const TornadoBar& b = chart.bars[i];
    double y = p.py(static_cast<double>(n - 1 - i)) - height / 2;
    double ends[2] = {b.low, b.high};
    bool high_first = std::abs(b.high - chart.nominal) > std::abs(b.low - chart.nominal);
    for (size_t k : {high_first ? size_t{1} : size_t{0}, high_first ? size_t{0} : size_t{1}}) {
      double x1 = p.px(ends[k]);
      if (!std::isfinite(x0) || !std::isfinite(x1)) continue;
      cairo_rectangle(cr, std::min(x0, x1), y, std::abs(x1 - x0), height);
      colour(cr, colours[k]);
      cairo_fill(cr);
    }
  }
  if (!std::isfinite(x0)) return;
  text::grey(cr, kNominalGrey);
  cairo_set_line_width(cr, 1.2);
  const double dash[] = {4, 3};
  cairo_set_dash(cr, dash, 2, 0);
  cairo_move_to(cr, x0, p.top);
  cairo_line_to(cr, x0, p.bottom);
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
}

}  // namespace

double bar_slot(const Plot& p, const Chart& chart) {
  const std::vector<double>& xs = chart.series.front().x;
  double step = 0;
  for (size_t i = 1; i < xs.size(); ++i)
    if (double d = std::abs(xs[i] - xs[i - 1]); d > 0 && (step == 0 || d < step)) step = d;
  if (step == 0) step = 1;  // a single bar: one slot of a yearly axis
  double slots = (p.x.max - p.x.min) / step + 1;
  return (p.right - p.left) / std::max(slots, 1.0);
}

void draw_series(cairo_t* cr, const Plot& plot, const Chart& chart, double bar_width) {
  cairo_save(cr);
  cairo_rectangle(cr, plot.left - 1, plot.top - 1, plot.right - plot.left + 2, plot.bottom - plot.top + 2);
  cairo_clip(cr);
  switch (chart.kind) {
    case ChartKind::kStackedBars:
      draw_bars(cr, plot, chart, bar_width);
      break;
    case ChartKind::kTornado:
      draw_tornado(cr, plot, chart);
      break;
    case ChartKind::kLines:
      // Every outer band, then every inner one, then the lines on top.
      for (const Series& s : chart.series) draw_band(cr, plot, s, s.outer_low, s.outer_high, kOuterBandAlpha);
      for (const Series& s : chart.series) draw_band(cr, plot, s, s.low, s.high, kInnerBandAlpha);
      for (const Series& s : chart.series) draw_line(cr, plot, s);
      break;
  }
  cairo_restore(cr);
}

}  // namespace labsim::report
