// Small JSON text helpers shared by the writers and the resolved-scenario dump.
#pragma once

#include <string>
#include <string_view>

namespace labsim::io {

// `s` as a JSON string literal, quotes included; control characters escaped.
std::string json_string(std::string_view s);

// A number in JSON: shortest round-trip form with at most 10 significant digits;
// "null" when not finite.
std::string json_number(double v);

// The same number for CSV and tables: "" when not finite.
std::string format_number(double v);

}  // namespace labsim::io
