// What the cairo renderers (report/cairo/*.cpp, nothing else) share: output into a string, error checks,
// and text as plain-text pango layouts in DejaVu Sans, sized in points of the cairo user space,
// with hinting off so that SVG, PNG and PDF lay out alike.
#pragma once

#include <pango/pangocairo.h>

#include <memory>
#include <string>

namespace labsim::report {

// A cairo write function appending to the std::string passed as `closure`.
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length);

// Throws std::runtime_error("<what>: <cairo's message>") unless `status` is success.
void check(cairo_status_t status, const char* what);

namespace text {

struct LayoutUnref {
  void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutUnref>;

struct Style {
  double size_pt = 9;
  bool bold = false;
  bool italic = false;
};

// A layout of `text` (plain, no markup) for `cr`, wrapped to `wrap_width` points when it is > 0,
// at spaces or, for words longer than a line, anywhere (without inserting hyphens, which would
// corrupt identifiers such as YAML keys).
Layout layout(cairo_t* cr, const std::string& text, Style style, double wrap_width = 0,
              PangoAlignment align = PANGO_ALIGN_LEFT);

struct Size {
  double width, height;  // of the logical box, points
};
Size size(PangoLayout* layout);

// Draws `layout` with the top-left corner of its box at (x, y), in the current source colour.
void show(cairo_t* cr, PangoLayout* layout, double x, double y);

// Sets cairo's source to a grey level (0 black, 1 white).
void grey(cairo_t* cr, double level);

}  // namespace text

}  // namespace labsim::report
