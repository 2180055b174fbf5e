// Numbers as text, one function per form a reader meets: the exact form of CSV and JSON, the
// table's suffixes ("12.3M"), the brief's words ("2.4 million", "$20 million", "62%") and the
// charts' tick labels ("500k", "1.5e21"). Every form is written here once.
#pragma once

#include <string>
#include <string_view>

namespace labsim::text {

// --- Exact forms (CSV, JSON) ---

// Shortest round-trip form with at most 10 significant digits: whole numbers below 1e15 without
// exponent ("1234567"), others as %.10g ("0.1234567891", "2.1e+25"); -0 is "0"; "" when not finite.
std::string format_number(double v);

// --- Rounding ---

// `v` rounded (half away from zero) to `digits` significant digits; 0 stays 0.
double round_sig(double v, int digits);

// --- Separators ---

// `digits` (an unsigned decimal such as "1234567" or "1234.5") with commas between thousands of
// its integer part: "1,234,567", "1,234.5".
std::string group_thousands(std::string_view digits);
// A whole number >= 0 with thousands separators: 1234567 -> "1,234,567".
std::string with_separators(double whole);

// --- The terminal table ---

// Thousands separators below 10 million ("1,234,567"), 3 significant digits below 10 ("2.35"),
// else 3 significant digits with a suffix M, B, T ("12.3M") up to 1e15 and an exponent from
// there ("1.23e21"); "-" when not finite.
std::string suffixed(double v);

// `v` to 4 significant digits as a reader writes it: "55,450", "0.835", "2.5 million" (from a
// million), "3.142e23" (from 1e15), "undefined" when not finite.
std::string four_digits(double v);

// --- Words, for the brief's sentences ---

// The scales scaled() appends, from ones to trillions.
inline constexpr const char* kScales[] = {"", " thousand", " million", " billion", " trillion"};

// v >= 0 at the smallest scale (1, thousand, million, billion, trillion) whose rounded mantissa
// stays below 1,000; the mantissa keeps `max_decimals` decimals below 10 and one fewer per extra
// digit: (2.4e6, 2) -> "2.4 million", (999.6e3, 2) -> "1 million".
std::string scaled(double v, int max_decimals);
// A count: whole with separators below 10,000 ("1,240"), three significant digits with
// separators below a million ("90,400", "192,000"), else scaled with 2 decimals ("2.4 million");
// negative counts get a leading "-".
std::string count_number(double n);
// "62%", "9.9%", "0.25%": whole percent from 10%, two significant digits below; "less than
// 0.01%" for a positive share below that.
std::string percent_words(double share);
// "$20 million", "$1.5 billion", "$850,000", "$0". Three significant digits at most, trailing
// zeros dropped ("$4 million", "$2.25 billion"); "an undefined amount" when not finite.
std::string money_words(double usd);

// --- Chart tick labels ---

// Slack for floor/ceil of quotients such as 0.3 / 0.1 = 2.9999999999999996.
inline constexpr double kTickSlack = 1e-9;
// Decimals needed to write multiples of `step` (0.5 -> 1, 20 -> 0).
int tick_decimals(double step);
// `v` with `decimals` decimals (none when negative), trailing zeros dropped, commas between
// thousands when `group`; no sign on a value that rounds to zero.
std::string tick_plain(double v, int decimals, bool group = true);
// `n` in superscript digits, with a superscript minus: 25 -> "²⁵", -4 -> "⁻⁴" (UTF-8).
std::string superscript(int n);
// `v` in thousands, millions ... with a suffix: 1.5e6 -> "1.5M"; scientific ("1.5×10²¹", the
// mantissa with the digits `step` needs) for every tick of an axis that reaches 1e15 (`largest` is the largest magnitude among the axis's ticks).
std::string tick_suffixed(double v, double step, double largest);

}  // namespace labsim::text
