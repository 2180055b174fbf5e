// The brief as one self-contained HTML page: inline CSS, charts as inline SVG data, no fetches.
#include <fmt/format.h>

#include "report/brief.hpp"

namespace labsim::report {

std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

constexpr const char* kStyle = R"(
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #1a1a1a; max-width: 46rem;
       margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
.subtitle { color: #555; margin-top: 0; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2rem; }
figure { margin: 1.5rem 0; break-inside: avoid; }
figure img { width: 100%; height: auto; }
figcaption { font-size: 0.8rem; color: #555; }
table { border-collapse: collapse; width: 100%; font-size: 0.8rem; }
th, td { border-bottom: 1px solid #ddd; text-align: left; padding: 0.25rem 0.4rem; vertical-align: top; }
.note, .stamp { font-size: 0.8rem; color: #444; }
.new-page { border-top: 1px solid #ccc; margin-top: 2.5rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; }
               .new-page { break-before: page; border-top: none; margin-top: 0; } }
)";

void list(std::string& out, const std::vector<std::string>& items) {
  out += "<ul>\n";
  for (const auto& item : items) out += "<li>" + html_escape(item) + "</li>\n";
  out += "</ul>\n";
}

void figures(std::string& out, const Document& doc, const std::vector<size_t>& charts,
             const std::vector<std::string>& svgs) {
  for (size_t i : charts) {
    if (i >= doc.charts.size() || i >= svgs.size()) continue;
    const Chart& c = doc.charts[i];
    out += fmt::format("<figure>\n<img alt=\"{}\" src=\"data:image/svg+xml;base64,{}\">\n<figcaption>{}</figcaption>\n</figure>\n",
                       html_escape(c.title), base64(svgs[i]), html_escape(c.source));
  }
}

void table(std::string& out, const Table& t) {
  out += "<table>\n<thead><tr>";
  for (const auto& h : t.header) out += "<th>" + html_escape(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (const auto& cell : row) out += "<td>" + html_escape(cell) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

}  // namespace

std::string brief_html(const Document& doc, const std::vector<std::string>& chart_svgs) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_escape(doc.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<h1>" + html_escape(doc.title) + "</h1>\n<p class=\"subtitle\">" + html_escape(doc.subtitle) + "</p>\n";
  out += "<p>" + html_escape(doc.summary) + "</p>\n<h2>Key findings</h2>\n";
  list(out, doc.findings);
  for (const Section& sec : doc.sections) {
    out += sec.new_page ? "<section class=\"new-page\">\n" : "<section>\n";
    if (!sec.heading.empty()) out += "<h2>" + html_escape(sec.heading) + "</h2>\n";
    for (const auto& p : sec.paragraphs)
      out += (sec.small_print ? "<p class=\"stamp\">" : "<p>") + html_escape(p) + "</p>\n";
    if (!sec.bullets.empty()) list(out, sec.bullets);
    figures(out, doc, sec.charts, chart_svgs);
    if (!sec.table.header.empty()) table(out, sec.table);
    if (!sec.note.empty()) out += "<p class=\"note\">" + html_escape(sec.note) + "</p>\n";
    out += "</section>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace labsim::report
