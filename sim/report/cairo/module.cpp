// The render module's one exported symbol: the table of its entry points (report/render_api.hpp).
#include "report/cairo/draw.hpp"
#include "report/render_api.hpp"

extern "C" __attribute__((visibility("default"))) const labsim::report::RenderApi* labsim_render_api() {
  namespace draw = labsim::report::draw;
  static const labsim::report::RenderApi api{.version = labsim::report::kRenderApiVersion,
                                             .chart_svg = &draw::chart_svg,
                                             .chart_png = &draw::chart_png,
                                             .brief_pdf = &draw::brief_pdf};
  return &api;
}
