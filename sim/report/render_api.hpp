// The interface between labsim and its render module (labsim_render.so): the one symbol the
// module exports, and the table of functions it returns. Both sides are built together from
// this header; `version` guards against a module from another build.
#pragma once

#include <string>

#include "report/chart.hpp"
#include "report/document.hpp"

namespace labsim::report {

inline constexpr int kRenderApiVersion = 1;

struct RenderApi {
  int version = kRenderApiVersion;
  std::string (*chart_svg)(const Chart& chart, double width, double height) = nullptr;
  std::string (*chart_png)(const Chart& chart, double width, double height, double scale) = nullptr;
  std::string (*brief_pdf)(const Document& doc) = nullptr;
};

// The name of the module's entry point, `extern "C" const RenderApi* labsim_render_api()`.
inline constexpr const char* kRenderApiSymbol = "labsim_render_api";

}  // namespace labsim::report
