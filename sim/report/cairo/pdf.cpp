// The brief as a PDF: US Letter pages of flowing text, the charts and the assumptions table; a
// section marked new_page starts a page (page 2, the appendix).
#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "report/cairo/cairo.hpp"
#include "report/cairo/draw.hpp"

namespace labsim::report {

namespace {

constexpr double kPageWidth = 612, kPageHeight = 792, kMargin = 54;  // US Letter, points
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kChartHeight = kContentWidth * 380 / 640;  // the proportions of the chart files
constexpr double kMinChartHeight = kChartHeight * 0.6;
constexpr double kBulletIndent = 14;
constexpr double kCellPad = 4;
constexpr text::Style kTitle{20, true};
constexpr double kTitleMinSize = 15;  // a longer title shrinks to this size to stay on one line
constexpr text::Style kSubtitle{11};
constexpr text::Style kHeading{13, true};
constexpr text::Style kBody{10};
constexpr text::Style kTableHeader{8.5, true};
constexpr text::Style kTableCell{8.5};
constexpr text::Style kNote{8.5, false, true};
constexpr text::Style kSmall{8};

// A cursor running down the pages; a new page starts when content would pass the bottom margin.
class Pages {
 public:
  explicit Pages(cairo_t* cr) : cr_(cr) {}

  cairo_t* cr() const { return cr_; }
  double y() const { return y_; }
  void advance(double dy) { y_ += dy; }
  bool fits(double height) const { return y_ + height <= kPageHeight - kMargin; }

  // Starts a new page unless `height` more points fit on this one (or it is still empty).
  void need(double height) {
    if (!fits(height) && y_ > kMargin) new_page();
  }

  void new_page() {
    number_page();
    cairo_show_page(cr_);
    y_ = kMargin;
    ++page_;
  }

  void finish() { number_page(); }
  int page() const { return page_; }

 private:
  void number_page() {
    cairo_save(cr_);
    text::Layout number = text::layout(cr_, std::to_string(page_), kSmall, kContentWidth, PANGO_ALIGN_RIGHT);
    text::grey(cr_, 0.45);
    text::show(cr_, number.get(), kMargin, kPageHeight - kMargin / 2 - text::size(number.get()).height);
    cairo_restore(cr_);
  }

  cairo_t* cr_;
  double y_ = kMargin;
  int page_ = 1;
};

struct Line {
  PangoLayoutLine* line;
  double top, bottom, baseline, x;  // within the layout, points
};

std::vector<Line> lines_of(PangoLayout* layout) {
  std::vector<Line> lines;
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    int top = 0, bottom = 0;
    pango_layout_iter_get_line_yrange(it, &top, &bottom);
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    lines.push_back({pango_layout_iter_get_line_readonly(it), top / double{PANGO_SCALE},
                     bottom / double{PANGO_SCALE}, pango_layout_iter_get_baseline(it) / double{PANGO_SCALE},
                     logical.x / double{PANGO_SCALE}});
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  return lines;
}

// Draws `layout` at x from the cursor down in the grey `level`, breaking it between lines across
// pages, never leaving a paragraph's first or last line alone on a page (a paragraph of up to 3
// lines stays whole). `marker` (a bullet), when given, is drawn at `marker_x` beside the first line.
void flow(Pages& pages, PangoLayout* layout, double x, double level, PangoLayout* marker = nullptr,
          double marker_x = 0) {
  cairo_t* cr = pages.cr();
  std::vector<Line> lines = lines_of(layout);
  size_t n = lines.size();
  double origin = pages.y();  // where the layout's top falls on the current page
  auto fits = [&](size_t i) { return origin + lines[i].bottom <= kPageHeight - kMargin; };
  for (size_t i = 0; i < n; ++i) {
    bool orphan = i == 0 && !fits(n <= 3 ? n - 1 : 1);
    bool widow = i + 2 == n && i >= 2 && !fits(i + 1);
    if ((!fits(i) || orphan || widow) && origin + lines[i].top > kMargin) {
      pages.new_page();
      origin = pages.y() - lines[i].top;
    }
    text::grey(cr, level);
    if (i == 0 && marker) text::show(cr, marker, marker_x, origin + lines[0].top);
    cairo_move_to(cr, x + lines[i].x, origin + lines[i].baseline);
    pango_cairo_show_layout_line(cr, lines[i].line);
  }
  pages.advance(origin + lines.back().bottom - pages.y());
}

void paragraph(Pages& pages, const std::string& s, text::Style style, double space_after,
               double level = 0.1) {
  if (s.empty()) return;
  text::Layout l = text::layout(pages.cr(), s, style, kContentWidth);
  flow(pages, l.get(), kMargin, level);
  pages.advance(space_after);
}

// A heading kept on the same page as the start of what follows it.
void heading(Pages& pages, const std::string& s) {
  text::Layout l = text::layout(pages.cr(), s, kHeading, kContentWidth);
  double height = text::size(l.get()).height;
  pages.need(height + 4 + 3 * kBody.size_pt * 1.3);
  pages.advance(6);
  flow(pages, l.get(), kMargin, 0.1);
  pages.advance(4);
}

void bullets(Pages& pages, const std::vector<std::string>& items) {
  for (const std::string& item : items) {
    text::Layout l = text::layout(pages.cr(), item, kBody, kContentWidth - kBulletIndent);
    text::Layout bullet = text::layout(pages.cr(), "\u2022", kBody);
    flow(pages, l.get(), kMargin + kBulletIndent, 0.1, bullet.get(), kMargin + 3);
    pages.advance(4);
  }
}

// A chart at the full width, or on page 1 shrunk (down to kMinChartHeight) to fit what is left
// of the page: the headline chart belongs to the first page.
void chart(Pages& pages, const Chart& c, bool shrink) {
  double height = kChartHeight;
  if (shrink) height = std::clamp(kPageHeight - kMargin - pages.y() - 2, kMinChartHeight, kChartHeight);
  pages.need(height);
  const double width = height * kContentWidth / kChartHeight;
  cairo_save(pages.cr());
  cairo_translate(pages.cr(), kMargin + (kContentWidth - width) / 2, pages.y());
  draw::draw_chart(pages.cr(), c, width, height);
  cairo_restore(pages.cr());
  pages.advance(height + 14);
}

// Column widths filling `total`: a column narrower than its share keeps its natural width, the
// others share what is left; when everything fits, the spare width is spread in proportion.
std::vector<double> column_widths(cairo_t* cr, const Table& t, double total) {
  size_t n = t.header.size();
  std::vector<double> natural(n, 0);
  auto measure = [&](const std::vector<std::string>& cells, text::Style style) {
    for (size_t c = 0; c < n && c < cells.size(); ++c)
      natural[c] =
          std::max(natural[c], text::size(text::layout(cr, cells[c], style).get()).width + 2 * kCellPad);
  };
  measure(t.header, kTableHeader);
  for (const auto& row : t.rows) measure(row, kTableCell);
  std::vector<double> width(n, 0);
  double remaining = total;
  size_t open = n;
  for (bool changed = true; changed && open > 0;) {
    changed = false;
    for (size_t c = 0; c < n; ++c) {
      if (width[c] > 0 || natural[c] > remaining / static_cast<double>(open)) continue;
      width[c] = std::max(natural[c], 1.0);
      remaining -= width[c];
      --open;
      changed = true;
    }
  }
  double sum = 0;
  for (double& w : width) sum += (w = w > 0 ? w : remaining / static_cast<double>(open));
  for (double& w : width) w *= total / sum;
  return width;
}

struct Row {
  std::vector<text::Layout> cells;
  double height = 0;
};

// Key paths (text without spaces) wrap at their dots and underscores (a zero-width space after
// each), not mid-word; prose, where a dot may be a decimal point, is left alone.
std::string breakable(const std::string& text) {
  if (text.find(' ') != std::string::npos) return text;
  std::string out;
  for (char ch : text) {
    out += ch;
    if (ch == '.' || ch == '_') out += "\u200B";
  }
  return out;
}

Row layout_row(cairo_t* cr, const std::vector<std::string>& cells, const std::vector<double>& widths,
               text::Style style) {
  Row row;
  for (size_t c = 0; c < widths.size(); ++c) {
    std::string cell = c < cells.size() ? cells[c] : "";
    row.cells.push_back(text::layout(cr, breakable(cell), style, widths[c] - 2 * kCellPad));
    row.height = std::max(row.height, text::size(row.cells.back().get()).height + 2 * kCellPad);
  }
  return row;
}

void draw_row(Pages& pages, const Row& row, const std::vector<double>& widths, bool header) {
  cairo_t* cr = pages.cr();
  text::grey(cr, header ? 0.9 : 0.82);
  if (header) {
    cairo_rectangle(cr, kMargin, pages.y(), kContentWidth, row.height);
    cairo_fill(cr);
  } else {
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, kMargin, pages.y() + row.height);
    cairo_line_to(cr, kMargin + kContentWidth, pages.y() + row.height);
    cairo_stroke(cr);
  }
  text::grey(cr, 0.1);
  double x = kMargin;
  for (size_t c = 0; c < widths.size(); ++c) {
    text::show(cr, row.cells[c].get(), x + kCellPad, pages.y() + kCellPad);
    x += widths[c];
  }
  pages.advance(row.height);
}

// The table with wrapped cells; the header is drawn again at the top of each new page.
void table(Pages& pages, const Table& t) {
  if (t.header.empty()) return;
  cairo_t* cr = pages.cr();
  std::vector<double> widths = column_widths(cr, t, kContentWidth);
  Row header = layout_row(cr, t.header, widths, kTableHeader);
  double first_row = t.rows.empty() ? 0 : layout_row(cr, t.rows.front(), widths, kTableCell).height;
  pages.need(header.height + first_row);
  draw_row(pages, header, widths, true);
  for (const auto& cells : t.rows) {
    Row row = layout_row(cr, cells, widths, kTableCell);
    if (!pages.fits(row.height)) {
      pages.new_page();
      draw_row(pages, header, widths, true);
    }
    draw_row(pages, row, widths, false);
  }
  pages.advance(8);
}

bool is_iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (i != 4 && i != 7 && !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// The PDF's creation and modification date: the stamp's date, else a fixed one, never the clock.
std::string pdf_date(const Document& doc) {
  for (const auto& [key, value] : doc.stamp)
    if (key == "date" && is_iso_date(value)) return value + "T00:00:00Z";
  return "2000-01-01T00:00:00Z";
}

void set_metadata(cairo_surface_t* surface, const Document& doc) {
  std::string date = pdf_date(doc);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "labsim " LABSIM_VERSION);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
}

// The title's style: the largest size from 20 down to 15 points that keeps it on one line, else
// 20 points over several lines.
text::Style title_style(cairo_t* cr, const std::string& title) {
  for (text::Style style = kTitle; style.size_pt >= kTitleMinSize; style.size_pt -= 1)
    if (pango_layout_get_line_count(text::layout(cr, title, style, kContentWidth).get()) == 1) return style;
  return kTitle;
}

void write_brief(Pages& pages, const Document& doc) {
  paragraph(pages, doc.title, title_style(pages.cr(), doc.title), 4);
  paragraph(pages, doc.subtitle, kSubtitle, 12, 0.35);
  paragraph(pages, doc.summary, kBody, 8);
  if (!doc.findings.empty()) heading(pages, "Key findings");
  bullets(pages, doc.findings);
  pages.advance(8);
  for (const Section& sec : doc.sections) {
    if (sec.new_page && pages.y() > kMargin) pages.new_page();
    if (!sec.heading.empty()) heading(pages, sec.heading);
    for (const std::string& p : sec.paragraphs)
      sec.small_print ? paragraph(pages, p, kSmall, 2, 0.25) : paragraph(pages, p, kBody, 6);
    bullets(pages, sec.bullets);
    for (size_t i : sec.charts)
      if (i < doc.charts.size()) chart(pages, doc.charts[i], pages.page() == 1);
    if (!sec.table.header.empty()) table(pages, sec.table);
    if (!sec.note.empty()) paragraph(pages, sec.note, kNote, 8, 0.3);
  }
}

}  // namespace

std::string draw::brief_pdf(const Document& doc) {
  std::string pdf;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(append_to_string, &pdf, kPageWidth, kPageHeight);
  set_metadata(surface, doc);
  cairo_t* cr = cairo_create(surface);
  Pages pages(cr);
  write_brief(pages, doc);
  pages.finish();
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  check(status, "writing the PDF brief");
  return pdf;
}

}  // namespace labsim::report
