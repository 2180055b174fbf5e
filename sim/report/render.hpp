// Drawing charts and the PDF brief with cairo and pango: one code path for SVG, PNG and PDF.
// The only code that includes cairo or pango.
#pragma once

#include <string>

#include "report/chart.hpp"
#include "report/document.hpp"

// cairo's context type, declared so that this header need not include cairo.
typedef struct _cairo cairo_t;

namespace labsim::report {

// Each function below throws std::runtime_error only if cairo fails (out of memory).

// Draws `chart` on a white background filling [0, width] x [0, height] of `cr`'s user space
// (points): title, legend, axes with ticks and grid, the series, the source line. Used for every
// output format, so an SVG, a PNG and a PDF page show the same chart.
void draw_chart(cairo_t* cr, const Chart& chart, double width, double height);

// A chart as a standalone SVG 1.1 file (bytes), `width` x `height` points.
std::string chart_svg(const Chart& chart, double width = 640, double height = 380);

// A chart as a PNG file (bytes) at `scale` pixels per point.
std::string chart_png(const Chart& chart, double width = 640, double height = 380, double scale = 2);

// The whole brief as a PDF file (bytes): US Letter pages, title, summary, findings, the charts,
// the assumptions table, method and limits, reproducibility stamp. Deterministic: the same
// document gives the same bytes; the creation date is the stamp's "date" entry (YYYY-MM-DD) if
// there is one, else 2000-01-01.
std::string brief_pdf(const Document& doc);

}  // namespace labsim::report
