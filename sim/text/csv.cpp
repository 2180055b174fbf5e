#include "text/csv.hpp"

namespace labsim::text {

std::string csv_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  return csv_quoted(s);
}

}  // namespace labsim::text
