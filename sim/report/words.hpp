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

// A count with thousands separators and its noun, singular for exactly 1: (1240, "H100") ->
// "1,240 H100s"; (1, "researcher") -> "1 researcher"; fractional counts round to whole ones
// below 100 thousand, and above use words ("2.4 million H100s").
std::string count_words(double n, const std::string& noun);

// A ratio a / b in words: "2,520 times", "12 times", "2.5 times", "4.2 million times";
// "about the same" within 5%; "0.5 times" below 1 ("N times smaller" forms are the caller's);
// "an undefined number of times" when the ratio is not finite or not positive.
std::string times_words(double ratio);

}  // namespace labsim::report
