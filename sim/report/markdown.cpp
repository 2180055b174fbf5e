// The brief as Markdown, with the charts as SVG files beside it.
#include <fmt/format.h>

#include "report/brief.hpp"

namespace labsim::report {

std::string markdown_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    // Characters that start emphasis, code, links, headings, tables or HTML.
    if (std::string_view("\\`*_[]<>#|").find(c) != std::string_view::npos) out += '\\';
    if (c == '\n') {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

std::string brief_markdown(const Document& doc) {
  // Built by appending (GCC 12 warns falsely about chains of string `+`).
  std::string out = fmt::format("# {}\n\n*{}*\n\n{}\n\n## Key findings\n\n", markdown_escape(doc.title),
                                markdown_escape(doc.subtitle), markdown_escape(doc.summary));
  for (const auto& f : doc.findings) out += fmt::format("- {}\n", markdown_escape(f));
  out += "\n## Charts\n\n";
  for (const Chart& c : doc.charts)
    out += fmt::format("![{}]({}.svg)\n\n{}\n\n", markdown_escape(c.title), c.id, markdown_escape(c.source));
  out += fmt::format("## Assumptions and sources\n\n{}\n\n", markdown_escape(doc.assumptions_note));
  auto row_text = [](const std::vector<std::string>& cells) {
    std::string line = "|";
    for (const auto& cell : cells) line += fmt::format(" {} |", markdown_escape(cell));
    return line + "\n";
  };
  out += row_text(doc.assumptions.header);
  out += row_text(std::vector<std::string>(doc.assumptions.header.size(), "---"));
  for (const auto& row : doc.assumptions.rows) out += row_text(row);
  out += "\n## Method\n\n";
  for (const auto& p : doc.method) out += fmt::format("{}\n\n", markdown_escape(p));
  out += "## What the model does not capture\n\n";
  for (const auto& l : doc.limits) out += fmt::format("- {}\n", markdown_escape(l));
  out += "\n## Reproducibility\n\n";
  for (const auto& [k, v] : doc.stamp) out += fmt::format("- {}: {}\n", markdown_escape(k), markdown_escape(v));
  return out;
}

}  // namespace labsim::report
