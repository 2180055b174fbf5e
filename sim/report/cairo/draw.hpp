// The cairo renderers' entry points, inside the render module (labsim_render.so). The rest of
// labsim reaches them through report/render.hpp, which loads the module on first use.
#pragma once

#include <cairo.h>

#include <string>

#include "report/chart.hpp"
#include "report/document.hpp"

namespace labsim::report::draw {

// Each function below throws std::runtime_error only if cairo fails (out of memory).

// Draws `chart` on a white background filling [0, width] x [0, height] of `cr`'s user space
// (points): title, legend, axes with ticks and grid, the series, the source line. Used for every
// output format, so an SVG, a PNG and a PDF page show the same chart.
void draw_chart(cairo_t* cr, const Chart& chart, double width, double height);

// What report/render.hpp promises, drawn with cairo and pango.
std::string chart_svg(const Chart& chart, double width, double height);
std::string chart_png(const Chart& chart, double width, double height, double scale);
std::string brief_pdf(const Document& doc);

}  // namespace labsim::report::draw
