// Numbers in words, as the brief's sentences write them: rounding, separators, scales, plurals.
#pragma once

#include <string>

namespace labsim::report {

inline constexpr const char* kScales[] = {"", " thousand", " million", " billion", " trillion"};
inline constexpr int kLastScale = 4;
inline constexpr double kSame = 1.05;  // "about the same": the larger is within 5% of the smaller

// Half away from zero, so 2.25 reads "2.3" (fmt would round the exact half to even).
double round_to(double v, int decimals);
// `v` rounded to `digits` significant digits.
double round_sig(double v, int digits);
// A whole number >= 0 with thousands separators: 1234567 -> "1,234,567".
std::string with_separators(double whole);
// Fixed point without trailing zeros: (2.50, 2) -> "2.5", (1.0, 1) -> "1".
std::string trimmed(double v, int decimals);
// v >= 0 at the smallest scale (1, thousand, million, ...) whose rounded mantissa stays below
// 1,000; the mantissa keeps `max_decimals` decimals below 10 and one fewer per extra digit.
std::string scaled(double v, int max_decimals);
// Whether two values are "about the same": their ratio within 5%.
bool about_same(double ratio);
// "H100" -> "H100s", "box" -> "boxes", "university" -> "universities".
std::string plural(const std::string& noun);
// The number of count_words: whole with separators below 100 thousand, else 3 significant digits.
std::string count_number(double n);
// "62%", "9.9%", "0.25%": whole percent from 10%, two significant digits below.
std::string percent_words(double share);
// People and fleets are expected values: "no researchers", "less than one researcher", a count.
std::string amount_of(double n, const std::string& noun);
// The text with its first letter upper case.
std::string capitalized(std::string text);

}  // namespace labsim::report
