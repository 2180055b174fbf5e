// CSV fields.
#pragma once

#include <string>
#include <string_view>

namespace labsim::text {

// `s` as one CSV field: quoted (with doubled quotes) when it holds a comma, quote or newline;
// else as given.
std::string csv_field(std::string_view s);

// `s` as one CSV field, always quoted (with doubled quotes): for free-text columns.
std::string csv_quoted(std::string_view s);

}  // namespace labsim::text
