// Number and JSON text helpers shared by the writers, the table and the brief.
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

// `s` as one CSV field: quoted (with doubled quotes) when it holds a comma, quote or newline.
std::string csv_field(const std::string& s);

// `digits` (an unsigned decimal such as "1234567" or "1234.5") with commas between thousands
// of its integer part: "1,234,567", "1,234.5".
std::string group_thousands(const std::string& digits);

}  // namespace labsim::io
