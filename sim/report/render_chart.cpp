// One chart drawn with cairo: the same code for the SVG and PNG files and for each chart of the PDF.
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <vector>

#include "report/render.hpp"
#include "report/render_cairo.hpp"

namespace labsim::report {

namespace {

constexpr double kPad = 10;  // around the whole chart, points
constexpr double kTickLength = 4;
constexpr double kLineWidth = 2;
constexpr double kSwatchWidth = 18;  // legend: sample line or square, gap, text; gap to the next item
constexpr double kSquare = 9;
constexpr double kSwatchGap = 4;
constexpr double kItemGap = 14;
constexpr double kBandAlpha = 0.2;
constexpr text::Style kTitleStyle{12.5, true};
constexpr text::Style kAxisStyle{9};
constexpr text::Style kTickStyle{8.5};
constexpr text::Style kLegendStyle{8.5};
constexpr text::Style kSourceStyle{7};

void colour(cairo_t* cr, int index, double alpha = 1) {
  Rgb c = palette(index);
  cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

// The plot area in points and the mapping from data to it.
struct Plot {
  const Axis& x;
  const Axis& y;
  double left, top, right, bottom;
  double x_inset = 0;  // stacked bars: half a bar slot kept free at each end

  double px(double v) const { return left + x_inset + axis_fraction(x, v) * (right - left - 2 * x_inset); }
  double py(double v) const { return bottom - axis_fraction(y, v) * (bottom - top); }
};

bool in_range(const Axis& axis, double v) {
  double f = axis_fraction(axis, v);
  return f >= -1e-9 && f <= 1 + 1e-9;
}

struct TickLabels {
  std::vector<const Tick*> ticks;  // those within the axis range
  std::vector<text::Layout> labels;
  double width = 0, height = 0;  // the largest
};

TickLabels tick_labels(cairo_t* cr, const Axis& axis) {
  TickLabels t;
  for (const Tick& tick : axis.ticks) {
    if (!in_range(axis, tick.value)) continue;
    t.ticks.push_back(&tick);
    t.labels.push_back(text::layout(cr, tick.label, kTickStyle));
    text::Size s = text::size(t.labels.back().get());
    t.width = std::max(t.width, s.width);
    t.height = std::max(t.height, s.height);
  }
  if (t.labels.empty()) t.height = text::size(text::layout(cr, "0", kTickStyle).get()).height;
  return t;
}

struct LegendItem {
  const Series* series;
  text::Layout label;
  double x, y;
};

double swatch_width(ChartKind kind) { return kind == ChartKind::kStackedBars ? kSquare : kSwatchWidth; }

// Legend items left to right from (x0, y0), wrapping to new rows within `width`.
std::vector<LegendItem> place_legend(cairo_t* cr, const Chart& chart, double x0, double y0, double width,
                                     double& height) {
  std::vector<LegendItem> items;
  double swatch = swatch_width(chart.kind);
  double x = x0, y = y0, row_height = 0;
  for (const Series& s : chart.series) {
    if (s.name.empty()) continue;
    text::Layout label = text::layout(cr, s.name, kLegendStyle, width - swatch - kSwatchGap);
    text::Size size = text::size(label.get());
    double item_width = swatch + kSwatchGap + size.width;
    if (x > x0 && x + item_width > x0 + width) {
      x = x0;
      y += row_height + 3;
      row_height = 0;
    }
    items.push_back({&s, std::move(label), x, y});
    x += item_width + kItemGap;
    row_height = std::max(row_height, size.height);
  }
  height = items.empty() ? 0 : y + row_height - y0;
  return items;
}

void draw_legend(cairo_t* cr, const std::vector<LegendItem>& items, ChartKind kind) {
  for (const LegendItem& item : items) {
    const Series& s = *item.series;
    double mid = item.y + kLegendStyle.size_pt * 0.62;  // about the middle of the first line
    if (kind == ChartKind::kStackedBars) {
      colour(cr, s.color);
      cairo_rectangle(cr, item.x, mid - kSquare / 2, kSquare, kSquare);
      cairo_fill(cr);
    } else {
      if (!s.low.empty()) {
        colour(cr, s.color, kBandAlpha);
        cairo_rectangle(cr, item.x, mid - 4, kSwatchWidth, 8);
        cairo_fill(cr);
      }
      colour(cr, s.color);
      cairo_set_line_width(cr, kLineWidth);
      const double dash[] = {5, 3};
      cairo_set_dash(cr, dash, s.dashed ? 2 : 0, 0);
      cairo_move_to(cr, item.x, mid);
      cairo_line_to(cr, item.x + kSwatchWidth, mid);
      cairo_stroke(cr);
      cairo_set_dash(cr, nullptr, 0, 0);
    }
    text::grey(cr, 0.15);
    text::show(cr, item.label.get(), item.x + swatch_width(kind) + kSwatchGap, item.y);
  }
}

void draw_axes(cairo_t* cr, const Plot& plot, const TickLabels& xt, const TickLabels& yt, bool x_grid) {
  cairo_set_line_width(cr, 0.6);
  for (size_t i = 0; i < yt.ticks.size(); ++i) {
    double y = plot.py(yt.ticks[i]->value);
    text::grey(cr, 0.88);
    cairo_move_to(cr, plot.left, y);
    cairo_line_to(cr, plot.right, y);
    cairo_stroke(cr);
    text::grey(cr, 0.35);
    cairo_move_to(cr, plot.left - kTickLength, y);
    cairo_line_to(cr, plot.left, y);
    cairo_stroke(cr);
    text::Size s = text::size(yt.labels[i].get());
    text::show(cr, yt.labels[i].get(), plot.left - kTickLength - 3 - s.width, y - s.height / 2);
  }
  // Labels wider than the spacing of the ticks: label every n-th tick only.
  size_t every = 1;
  if (xt.ticks.size() > 1) {
    double spacing = std::abs(plot.px(xt.ticks[1]->value) - plot.px(xt.ticks[0]->value));
    if (spacing > 0) every = static_cast<size_t>(std::max(1.0, std::ceil((xt.width + 8) / spacing)));
  }
  for (size_t i = 0; i < xt.ticks.size(); ++i) {
    double x = plot.px(xt.ticks[i]->value);
    if (x_grid) {
      text::grey(cr, 0.88);
      cairo_move_to(cr, x, plot.top);
      cairo_line_to(cr, x, plot.bottom);
      cairo_stroke(cr);
    }
    text::grey(cr, 0.35);
    cairo_move_to(cr, x, plot.bottom);
    cairo_line_to(cr, x, plot.bottom + kTickLength);
    cairo_stroke(cr);
    if (i % every != 0) continue;
    text::Size s = text::size(xt.labels[i].get());
    text::show(cr, xt.labels[i].get(), x - s.width / 2, plot.bottom + kTickLength + 2);
  }
  text::grey(cr, 0.35);
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, plot.left, plot.top);
  cairo_line_to(cr, plot.left, plot.bottom);
  cairo_line_to(cr, plot.right, plot.bottom);
  cairo_stroke(cr);
}

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

void draw_band(cairo_t* cr, const Plot& p, const Series& s) {
  size_t n = std::min({s.x.size(), s.low.size(), s.high.size()});
  auto ok = [&](size_t i) {
    return std::isfinite(p.px(s.x[i])) && std::isfinite(p.py(s.low[i])) && std::isfinite(p.py(s.high[i]));
  };
  colour(cr, s.color, kBandAlpha);
  for_each_run(n, ok, [&](const std::vector<size_t>& run) {
    cairo_new_path(cr);
    for (size_t i : run) cairo_line_to(cr, p.px(s.x[i]), p.py(s.high[i]));
    for (auto i = run.rbegin(); i != run.rend(); ++i) cairo_line_to(cr, p.px(s.x[*i]), p.py(s.low[*i]));
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

// The width of one bar slot: the plot divided among the x steps of the first series.
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
  if (chart.kind == ChartKind::kStackedBars) {
    draw_bars(cr, plot, chart, bar_width);
  } else {
    for (const Series& s : chart.series) draw_band(cr, plot, s);
    for (const Series& s : chart.series) draw_line(cr, plot, s);
  }
  cairo_restore(cr);
}

}  // namespace

void draw_chart(cairo_t* cr, const Chart& chart, double width, double height) {
  cairo_save(cr);
  text::grey(cr, 1);
  cairo_rectangle(cr, 0, 0, width, height);
  cairo_fill(cr);
  double inner = width - 2 * kPad;

  // Top down: title, legend. Bottom up: source, x-axis label, x tick labels.
  text::Layout title = text::layout(cr, chart.title, kTitleStyle, inner);
  double top = kPad + text::size(title.get()).height + 6, legend_height = 0;
  std::vector<LegendItem> legend = place_legend(cr, chart, kPad, top, inner, legend_height);
  top += legend_height + (legend.empty() ? 4 : 12);
  text::Layout source = text::layout(cr, chart.source, kSourceStyle, inner);
  double source_y = height - kPad - text::size(source.get()).height;
  text::Layout x_label = text::layout(cr, chart.x.label, kAxisStyle, inner);
  text::Size x_label_size = text::size(x_label.get());
  double x_label_y = source_y - 6 - x_label_size.height;
  TickLabels xt = tick_labels(cr, chart.x), yt = tick_labels(cr, chart.y);
  double bottom = x_label_y - 3 - xt.height - 2 - kTickLength;
  top += yt.height / 2;  // room for the top tick label

  // Left to right: rotated y-axis label, y tick labels, the plot; half a tick label spare at the right.
  text::Layout y_label = text::layout(cr, chart.y.label, kAxisStyle, bottom - top, PANGO_ALIGN_CENTER);
  double left = kPad + text::size(y_label.get()).height + 6 + yt.width + 3 + kTickLength;
  double right = width - kPad - (xt.labels.empty() ? 0 : text::size(xt.labels.back().get()).width / 2);

  if (right - left > 20 && bottom - top > 20) {
    Plot plot{chart.x, chart.y, left, top, right, bottom};
    double slot = chart.kind == ChartKind::kStackedBars && !chart.series.empty() ? bar_slot(plot, chart) : 0;
    plot.x_inset = slot / 2;
    draw_axes(cr, plot, xt, yt, chart.kind == ChartKind::kLines);
    draw_series(cr, plot, chart, slot * 0.7);
    text::grey(cr, 0.15);
    cairo_save(cr);
    cairo_translate(cr, kPad, bottom);
    cairo_rotate(cr, -std::numbers::pi / 2);
    text::show(cr, y_label.get(), 0, 0);
    cairo_restore(cr);
    double x = std::clamp((left + right - x_label_size.width) / 2, kPad, width - kPad - x_label_size.width);
    text::show(cr, x_label.get(), x, x_label_y);
  }
  text::grey(cr, 0.1);
  text::show(cr, title.get(), kPad, kPad);
  draw_legend(cr, legend, chart.kind);
  text::grey(cr, 0.45);
  text::show(cr, source.get(), kPad, source_y);
  cairo_restore(cr);
}

}  // namespace labsim::report
