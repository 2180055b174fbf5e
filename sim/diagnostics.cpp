// Diagnostics and their rendering; part of the engine library (standard library only).
#include "labsim/diagnostics.hpp"

#include <algorithm>
#include <string>

#include "text/names.hpp"

namespace labsim {

namespace {

// Source lines longer than this are shown as a window around the column.
constexpr size_t kMaxShown = 100;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The source line (or a window of it) and a caret under byte column `column`. The caret is
// aligned by characters, not bytes, so it stays under the right place after UTF-8 text.
std::string source_and_caret(const std::string& line, int column) {
  size_t col = std::min(static_cast<size_t>(std::max(column, 1) - 1), line.size());
  size_t start = 0, end = line.size();
  if (line.size() > kMaxShown) {
    start = std::min(col > kMaxShown / 2 ? col - kMaxShown / 2 : 0, line.size() - kMaxShown);
    while (start > 0 && is_continuation(line[start])) --start;
    end = start + kMaxShown;
    while (end < line.size() && is_continuation(line[end])) ++end;
  }
  std::string before = start > 0 ? "..." : "";
  std::string after = end < line.size() ? "..." : "";
  std::string pad(before.size(), ' ');
  for (size_t i = start; i < col; ++i)
    if (!is_continuation(line[i])) pad += line[i] == '\t' ? '\t' : ' ';
  return "    " + before + line.substr(start, end - start) + after + "\n    " + pad + "^\n";
}

}  // namespace

std::string SourceLocation::text() const {
  return known() ? file + ":" + std::to_string(line) + ":" + std::to_string(column) : std::string();
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    out += d.file;
    if (d.line > 0) {  // appended piece by piece: GCC 12 warns falsely (-Wrestrict) on ":" + std::string
      out += ':';
      out += std::to_string(d.line);
      out += ':';
      out += std::to_string(d.column);
    }
    out += ": ";
  }
  out += "error: ";
  if (!d.path.empty()) out += d.path + ": ";
  out += d.message;
  out += '\n';
  if (d.line > 0 && !d.source_line.empty()) out += source_and_caret(d.source_line, d.column);
  if (!d.hint.empty()) out += "hint: " + d.hint + '\n';
  return out;
}

namespace {
std::string summary(const std::vector<Diagnostic>& ds) {
  if (ds.empty()) return "invalid input";
  return ds.size() == 1 ? ds.front().message : std::to_string(ds.size()) + " problems in the input";
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summary(diagnostics)), diagnostics_(std::move(diagnostics)) {}

std::string InputError::report() const {
  std::string out;
  for (const auto& d : diagnostics_) out += format_diagnostic(d);
  if (diagnostics_.size() > 1) out += std::to_string(diagnostics_.size()) + " errors\n";
  return out;
}

std::string nearest_name(std::string_view word, const std::vector<std::string>& names) {
  return text::nearest(word, names);
}

}  // namespace labsim
