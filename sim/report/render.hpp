// Charts as SVG and PNG files and the brief as a PDF, drawn with cairo and pango. The drawing
// code is a separate module (labsim_render.so, report/cairo/), loaded the first time one of these
// functions is called: commands that draw nothing do not load cairo, pango and fontconfig.
#pragma once

#include <string>

#include "report/chart.hpp"
#include "report/document.hpp"

namespace labsim::report {

// Each function below throws IoError if the render module cannot be loaded (the message names the
// paths tried), and std::runtime_error if cairo fails (out of memory).

// A chart as a standalone SVG 1.1 file (bytes), `width` x `height` points: title, legend, axes
// with ticks and grid, the series, the source line, on a white background.
std::string chart_svg(const Chart& chart, double width = 640, double height = 380);

// A chart as a PNG file (bytes) at `scale` pixels per point; the same drawing as chart_svg.
std::string chart_png(const Chart& chart, double width = 640, double height = 380, double scale = 2);

// The whole brief as a PDF file (bytes): US Letter pages, title, summary, findings, the charts,
// the assumptions table, method and limits, reproducibility stamp. Deterministic: the same
// document gives the same bytes; the creation date is the stamp's "date" entry (YYYY-MM-DD) if
// there is one, else 2000-01-01.
std::string brief_pdf(const Document& doc);

}  // namespace labsim::report
