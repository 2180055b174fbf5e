// Words for the brief's sentences: plurals, counts with their nouns, "about the same".
// The numbers themselves are written by text/number.hpp.
#pragma once

#include <string>

namespace labsim::report {

inline constexpr double kSame = 1.05;  // "about the same": the larger is within 5% of the smaller

// Whether two values are "about the same": their ratio within 5%.
bool about_same(double ratio);
// "H100" -> "H100s", "box" -> "boxes", "university" -> "universities".
std::string plural(const std::string& noun);
// People and fleets are expected values: "no researchers", "less than one researcher", a count.
std::string amount_of(double n, const std::string& noun);
// The text with its first letter upper case.
std::string capitalized(std::string text);

}  // namespace labsim::report
