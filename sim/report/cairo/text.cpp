// Charts as SVG and PNG files, and the helpers the cairo renderers share.
#include "report/cairo/draw.hpp"

#include <cairo-svg.h>
#include <cairo.h>

#include <cmath>
#include <stdexcept>

#include "report/cairo/cairo.hpp"

namespace labsim::report {

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void check(cairo_status_t status, const char* what) {
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string(what) + ": " + cairo_status_to_string(status));
}

namespace text {

Layout layout(cairo_t* cr, const std::string& text, Style style, double wrap_width, PangoAlignment align) {
  Layout l(pango_cairo_create_layout(cr));
  // Unhinted outlines and metrics: the same positions at every scale and on every surface.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(pango_layout_get_context(l.get()), options);
  cairo_font_options_destroy(options);
  pango_layout_context_changed(l.get());

  PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
  pango_font_description_set_absolute_size(font, style.size_pt * PANGO_SCALE);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(l.get(), font);
  pango_font_description_free(font);

  pango_layout_set_text(l.get(), text.data(), static_cast<int>(text.size()));
  if (wrap_width > 0) {
    pango_layout_set_width(l.get(), static_cast<int>(std::lround(wrap_width * PANGO_SCALE)));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    PangoAttrList* attributes = pango_attr_list_new();
    pango_attr_list_insert(attributes, pango_attr_insert_hyphens_new(FALSE));
    pango_layout_set_attributes(l.get(), attributes);
    pango_attr_list_unref(attributes);
  }
  pango_layout_set_alignment(l.get(), align);
  return l;
}

Size size(PangoLayout* layout) {
  int width = 0, height = 0;
  pango_layout_get_size(layout, &width, &height);
  return {static_cast<double>(width) / PANGO_SCALE, static_cast<double>(height) / PANGO_SCALE};
}

void show(cairo_t* cr, PangoLayout* layout, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_update_layout(cr, layout);
  pango_cairo_show_layout(cr, layout);
}

void grey(cairo_t* cr, double level) { cairo_set_source_rgb(cr, level, level, level); }

}  // namespace text

namespace {

// Draws `chart` on `surface` at `scale` surface units per point.
void draw_on(cairo_surface_t* surface, const Chart& chart, double width, double height, double scale) {
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, scale, scale);
  draw::draw_chart(cr, chart, width, height);
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  check(status, "drawing a chart");
}

// cairo names the SVG's top-level group after a process-wide surface counter ("surface6" for the
// second chart drawn), the only thing that differs between two renderings of one chart.
void number_surface_one(std::string& svg) {
  const std::string open = "<g id=\"surface";
  size_t at = svg.find(open);
  if (at == std::string::npos) return;
  size_t digits = at + open.size(), end = svg.find_first_not_of("0123456789", digits);
  if (end != std::string::npos) svg = svg.substr(0, digits) + "1" + svg.substr(end);
}

}  // namespace

std::string draw::chart_svg(const Chart& chart, double width, double height) {
  std::string svg;
  cairo_surface_t* surface = cairo_svg_surface_create_for_stream(append_to_string, &svg, width, height);
  cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
  draw_on(surface, chart, width, height, 1);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  check(status, "writing an SVG chart");
  number_surface_one(svg);
  return svg;
}

std::string draw::chart_png(const Chart& chart, double width, double height, double scale) {
  int pixels_x = static_cast<int>(std::ceil(width * scale));
  int pixels_y = static_cast<int>(std::ceil(height * scale));
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pixels_x, pixels_y);
  std::string png;
  draw_on(surface, chart, width, height, scale);
  cairo_status_t status = cairo_surface_write_to_png_stream(surface, append_to_string, &png);
  cairo_surface_destroy(surface);
  check(status, "writing a PNG chart");
  return png;
}

}  // namespace labsim::report
