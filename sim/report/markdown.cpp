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
  out += "\n";
  auto row_text = [](const std::vector<std::string>& cells) {
    std::string line = "|";
    for (const auto& cell : cells) line += fmt::format(" {} |", markdown_escape(cell));
    return line + "\n";
  };
  for (const Section& sec : doc.sections) {
    if (sec.new_page) out += "---\n\n";
    if (!sec.heading.empty()) out += fmt::format("## {}\n\n", markdown_escape(sec.heading));
    for (const auto& p : sec.paragraphs) out += (sec.small_print ? "- " : "") + markdown_escape(p) + (sec.small_print ? "\n" : "\n\n");
    if (sec.small_print && !sec.paragraphs.empty()) out += "\n";
    for (const auto& b : sec.bullets) out += fmt::format("- {}\n", markdown_escape(b));
    if (!sec.bullets.empty()) out += "\n";
    for (size_t i : sec.charts) {
      const Chart& c = doc.charts[i];
      out += fmt::format("![{}]({}.svg)\n\n{}\n\n", markdown_escape(c.title), c.id, markdown_escape(c.source));
    }
    if (!sec.table.header.empty()) {
      out += row_text(sec.table.header);
      out += row_text(std::vector<std::string>(sec.table.header.size(), "---"));
      for (const auto& row : sec.table.rows) out += row_text(row);
      out += "\n";
    }
    if (!sec.note.empty()) out += fmt::format("*{}*\n\n", markdown_escape(sec.note));
  }
  return out;
}

}  // namespace labsim::report
