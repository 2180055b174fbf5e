// The render module's one exported symbol: the table of its entry points (report/render_api.hpp),
// each catching what the drawing code throws so that no exception leaves the module.
#include <new>
#include <stdexcept>
#include <string>

#include "report/cairo/draw.hpp"
#include "report/render_api.hpp"

namespace {

using labsim::report::RenderStatus;

template <class F>
RenderStatus guarded(std::string& out, F draw) noexcept {
  try {
    out = draw();
    return RenderStatus::kOk;
  } catch (const std::bad_alloc&) {
    return RenderStatus::kOutOfMemory;
  } catch (const std::exception& e) {
    try {
      out = e.what();
    } catch (...) {
      return RenderStatus::kOutOfMemory;
    }
    return RenderStatus::kFailed;
  } catch (...) {
    out.clear();
    return RenderStatus::kFailed;
  }
}

RenderStatus chart_svg(const labsim::report::Chart& chart, double width, double height, std::string& out) noexcept {
  return guarded(out, [&] { return labsim::report::draw::chart_svg(chart, width, height); });
}
RenderStatus chart_png(const labsim::report::Chart& chart, double width, double height, double scale,
                       std::string& out) noexcept {
  return guarded(out, [&] { return labsim::report::draw::chart_png(chart, width, height, scale); });
}
RenderStatus brief_pdf(const labsim::report::Document& doc, std::string& out) noexcept {
  return guarded(out, [&] { return labsim::report::draw::brief_pdf(doc); });
}

}  // namespace

extern "C" __attribute__((visibility("default"))) const labsim::report::RenderApi* labsim_render_api() {
  static const labsim::report::RenderApi api{.version = labsim::report::kRenderApiVersion,
                                             .chart_svg = &chart_svg,
                                             .chart_png = &chart_png,
                                             .brief_pdf = &brief_pdf};
  return &api;
}
