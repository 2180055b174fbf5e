#include "labsim/diagnostics.hpp"

#include <fmt/format.h>

namespace labsim {

std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    out += d.file;
    if (d.line > 0) out += fmt::format(":{}:{}", d.line, d.column);
    out += ": ";
  }
  out += "error: ";
  if (!d.path.empty()) out += d.path + ": ";
  out += d.message;
  out += '\n';
  if (d.line > 0 && !d.source_line.empty()) {
    out += "    " + d.source_line + '\n';
    std::string pad;
    for (int i = 1; i < d.column && static_cast<size_t>(i - 1) < d.source_line.size(); ++i)
      pad += d.source_line[static_cast<size_t>(i - 1)] == '\t' ? '\t' : ' ';
    out += "    " + pad + "^\n";
  }
  if (!d.hint.empty()) out += "hint: " + d.hint + '\n';
  return out;
}

namespace {
std::string summary(const std::vector<Diagnostic>& ds) {
  if (ds.empty()) return "invalid input";
  return ds.size() == 1 ? ds.front().message : fmt::format("{} problems in the input", ds.size());
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summary(diagnostics)), diagnostics_(std::move(diagnostics)) {}

std::string InputError::report() const {
  std::string out;
  for (const auto& d : diagnostics_) out += format_diagnostic(d);
  if (diagnostics_.size() > 1) out += fmt::format("{} errors\n", diagnostics_.size());
  return out;
}

}  // namespace labsim
