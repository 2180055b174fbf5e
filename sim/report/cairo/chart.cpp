// One chart drawn with cairo: the same code for the SVG and PNG files and for each chart of the PDF.
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "report/cairo/cairo.hpp"
#include "report/cairo/draw.hpp"
#include "report/cairo/plot.hpp"

namespace labsim::report {

namespace {

constexpr double kPad = 10;  // around the whole chart, points
constexpr double kTickLength = 4;
constexpr double kSwatchWidth = 18;  // legend: sample line or square, gap, text; gap to the next item
constexpr double kSquareSize = 9;
constexpr double kSwatchGap = 4;
constexpr double kItemGap = 14;
constexpr text::Style kTitleStyle{12.5, true};
constexpr text::Style kAxisStyle{9};
constexpr text::Style kTickStyle{8.5};
constexpr text::Style kLegendStyle{8.5};
constexpr text::Style kSourceStyle{7};

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

// A legend sample: a filled square (bars), a line with the series' bands behind it, or for the
// note on a fan chart's bands two nested grey bands around a grey line.
enum class Swatch { kSquare, kLine, kBandsNote };

struct LegendItem {
  const Series* series;  // nullptr for the bands note
  Swatch swatch;
  text::Layout label;
  double x, y;
};

double swatch_width(Swatch s) { return s == Swatch::kSquare ? kSquareSize : kSwatchWidth; }

Swatch swatch_of(const Chart& chart, const Series& s) {
  bool bar = chart.kind == ChartKind::kStackedBars || (chart.kind == ChartKind::kTornado && !s.dashed);
  return bar ? Swatch::kSquare : Swatch::kLine;
}

// Legend items left to right from (x0, y0), wrapping to new rows within `width`: the named
// series, then the note on the bands.
std::vector<LegendItem> place_legend(cairo_t* cr, const Chart& chart, double x0, double y0, double width,
                                     double& height) {
  std::vector<LegendItem> items;
  double x = x0, y = y0, row_height = 0;
  auto add = [&](const Series* series, Swatch swatch, const std::string& name) {
    double swatch_w = swatch_width(swatch);
    text::Layout label = text::layout(cr, name, kLegendStyle, width - swatch_w - kSwatchGap);
    text::Size size = text::size(label.get());
    double item_width = swatch_w + kSwatchGap + size.width;
    if (x > x0 && x + item_width > x0 + width) {
      x = x0;
      y += row_height + 3;
      row_height = 0;
    }
    items.push_back({series, swatch, std::move(label), x, y});
    x += item_width + kItemGap;
    row_height = std::max(row_height, size.height);
  };
  for (const Series& s : chart.series)
    if (!s.name.empty()) add(&s, swatch_of(chart, s), s.name);
  if (!chart.bands.empty()) add(nullptr, Swatch::kBandsNote, chart.bands);
  height = items.empty() ? 0 : y + row_height - y0;
  return items;
}

// Nested bands as a legend sample: the outer one taller and lighter.
void band_sample(cairo_t* cr, double x, double mid, int color, bool outer, bool inner) {
  if (outer) {
    colour(cr, color, kOuterBandAlpha);
    cairo_rectangle(cr, x, mid - 5, kSwatchWidth, 10);
    cairo_fill(cr);
  }
  if (inner) {
    colour(cr, color, kInnerBandAlpha);
    cairo_rectangle(cr, x, mid - 2.5, kSwatchWidth, 5);
    cairo_fill(cr);
  }
}

void line_sample(cairo_t* cr, double x, double mid, bool dashed) {
  cairo_set_line_width(cr, kLineWidth);
  const double dash[] = {5, 3};
  cairo_set_dash(cr, dash, dashed ? 2 : 0, 0);
  cairo_move_to(cr, x, mid);
  cairo_line_to(cr, x + kSwatchWidth, mid);
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
}

void draw_legend(cairo_t* cr, const std::vector<LegendItem>& items, ChartKind kind) {
  constexpr int kNoteColour = 7;  // grey
  for (const LegendItem& item : items) {
    double mid = item.y + kLegendStyle.size_pt * 0.62;  // about the middle of the first line
    const Series* s = item.series;
    if (item.swatch == Swatch::kSquare) {
      colour(cr, s->color);
      cairo_rectangle(cr, item.x, mid - kSquareSize / 2, kSquareSize, kSquareSize);
      cairo_fill(cr);
    } else if (item.swatch == Swatch::kBandsNote) {
      band_sample(cr, item.x, mid, kNoteColour, true, true);
      colour(cr, kNoteColour);
      line_sample(cr, item.x, mid, false);
    } else {
      band_sample(cr, item.x, mid, s->color, !s->outer_low.empty(), !s->low.empty());
      if (kind == ChartKind::kTornado) text::grey(cr, kNominalGrey);
      else colour(cr, s->color);
      line_sample(cr, item.x, mid, s->dashed);
    }
    text::grey(cr, 0.15);
    text::show(cr, item.label.get(), item.x + swatch_width(item.swatch) + kSwatchGap, item.y);
  }
}

// Ticks and their labels, grid lines across the plot where asked, the two axis lines.
void draw_axes(cairo_t* cr, const Plot& plot, const TickLabels& xt, const TickLabels& yt, bool x_grid, bool y_grid) {
  cairo_set_line_width(cr, 0.6);
  for (size_t i = 0; i < yt.ticks.size(); ++i) {
    double y = plot.py(yt.ticks[i]->value);
    if (y_grid) {
      text::grey(cr, 0.88);
      cairo_move_to(cr, plot.left, y);
      cairo_line_to(cr, plot.right, y);
      cairo_stroke(cr);
    }
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

}  // namespace

void draw::draw_chart(cairo_t* cr, const Chart& chart, double width, double height) {
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
    // Lines: a grid both ways; bars: along the values only.
    draw_axes(cr, plot, xt, yt, chart.kind != ChartKind::kStackedBars, chart.kind != ChartKind::kTornado);
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
