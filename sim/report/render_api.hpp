// The interface between labsim and its render module (labsim_render.so): the one symbol the
// module exports, and the table of functions it returns. Both sides are built together from
// this header; `version` guards against a module from another build.
#pragma once

#include <string>

#include "report/chart.hpp"
#include "report/document.hpp"

namespace labsim::report {

inline constexpr int kRenderApiVersion = 3;  // 3: Document holds sections

// What an entry point returns: the drawing is in `out`; or `out` says what failed; or memory ran
// out. No exception crosses the module's boundary: labsim carries its own C++ runtime (it is
// linked into the executable) and the module uses the system's. Charts, documents and strings
// still cross it: both runtimes are the same libstdc++ version (one layout) and both allocate with
// the C library's malloc, so either side may free what the other allocated.
enum class RenderStatus { kOk, kFailed, kOutOfMemory };

struct RenderApi {
  int version = kRenderApiVersion;
  RenderStatus (*chart_svg)(const Chart& chart, double width, double height, std::string& out) noexcept = nullptr;
  RenderStatus (*chart_png)(const Chart& chart, double width, double height, double scale,
                            std::string& out) noexcept = nullptr;
  RenderStatus (*brief_pdf)(const Document& doc, std::string& out) noexcept = nullptr;
};

// The name of the module's entry point, `extern "C" const RenderApi* labsim_render_api()`.
inline constexpr const char* kRenderApiSymbol = "labsim_render_api";

}  // namespace labsim::report
