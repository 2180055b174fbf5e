#include "io/json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace labsim::io {

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += ch;
    }
  }
  return out + "\"";
}

std::string format_number(double v) {
  if (!std::isfinite(v)) return {};
  if (v == 0) return "0";  // also folds -0
  if (std::fabs(v) < 1e15 && v == std::round(v)) return fmt::format("{:.0f}", v);
  return fmt::format("{:.10g}", v);
}

std::string group_thousands(const std::string& digits) {
  size_t int_end = std::min(digits.find('.'), digits.size());
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i < int_end && (int_end - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string json_number(double v) {
  std::string s = format_number(v);
  return s.empty() ? "null" : s;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace labsim::io
