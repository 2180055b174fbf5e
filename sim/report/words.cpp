// Numbers in words for the brief's sentences (report/words.hpp).
#include "report/words.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <string_view>

#include "io/json.hpp"
#include "report/findings.hpp"

namespace labsim::report {

// Half away from zero, so 2.25 reads "2.3" (fmt would round the exact half to even).
double round_to(double v, int decimals) {
  double f = std::pow(10.0, decimals);
  return std::round(v * f) / f;
}

double round_sig(double v, int digits) {
  return v == 0 ? 0 : round_to(v, digits - 1 - static_cast<int>(std::floor(std::log10(std::fabs(v)))));
}

// A whole number >= 0 with thousands separators: 1234567 -> "1,234,567".
std::string with_separators(double whole) { return io::group_thousands(fmt::format("{:.0f}", whole)); }

// Fixed point without trailing zeros: (2.50, 2) -> "2.5", (1.0, 1) -> "1".
std::string trimmed(double v, int decimals) {
  std::string out = fmt::format("{:.{}f}", v, decimals);
  if (out.find('.') == std::string::npos) return out;
  out.erase(out.find_last_not_of('0') + 1);
  if (out.back() == '.') out.pop_back();
  return out;
}

// v >= 0 at the smallest scale (1, thousand, million, ...) whose rounded mantissa stays below
// 1,000; the mantissa keeps `max_decimals` decimals below 10 and one fewer per extra digit.
// Rounding before the scale is chosen is what turns 999.6 thousand into "1 million".
std::string scaled(double v, int max_decimals) {
  for (int k = 0;; ++k) {
    double m = v / std::pow(1000.0, k);
    int decimals = std::max(0, max_decimals - (m < 10 ? 0 : m < 100 ? 1 : 2));
    double r = round_to(m, decimals);
    if (r < 1000) return trimmed(r, decimals) + kScales[k];
    if (k == kLastScale) return with_separators(r) + kScales[k];
  }
}

bool about_same(double ratio) { return ratio <= kSame && ratio >= 1 / kSame; }

// "H100" -> "H100s", "box" -> "boxes", "university" -> "universities".
std::string plural(const std::string& noun) {
  if (noun.ends_with('s') || noun.ends_with('x') || noun.ends_with("ch") || noun.ends_with("sh"))
    return noun + "es";
  if (noun.ends_with('y') && !noun.ends_with("ay") && !noun.ends_with("ey") && !noun.ends_with("oy"))
    return noun.substr(0, noun.size() - 1) + "ies";
  return noun + "s";
}

// The number of count_words: whole with separators below 100 thousand, else 3 significant digits.
std::string count_number(double n) {
  if (n < 0) return fmt::format("-{}", count_number(-n));
  return std::round(n) < 1e5 ? with_separators(std::round(n)) : scaled(n, 2);
}

// "62%", "9.9%", "0.25%": whole percent from 10%, two significant digits below.
std::string percent_words(double share) {
  double p = share * 100;
  if (p > 0 && p < 0.005) return "less than 0.01%";
  int decimals = p >= 9.95 ? 0 : p >= 0.995 ? 1 : 2;
  return trimmed(round_to(p, decimals), decimals) + "%";
}

// People and fleets are expected values: "no researchers", "less than one researcher", a count.
std::string amount_of(double n, const std::string& noun) {
  if (n <= 0) return fmt::format("no {}", plural(noun));
  return n < 0.5 ? "less than one " + noun : count_words(n, noun);
}

std::string capitalized(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string money_words(double usd) {
  if (!std::isfinite(usd)) return "an undefined amount";
  if (usd < 0) return fmt::format("-{}", money_words(-usd));
  double r = usd < 1000 ? std::round(usd) : round_sig(usd, 3);
  return fmt::format("${}", r < 1e6 ? with_separators(r) : scaled(usd, 2));
}

std::string count_words(double n, const std::string& noun) {
  if (!std::isfinite(n)) return fmt::format("an undefined number of {}", plural(noun));
  std::string number = count_number(n);
  return fmt::format("{} {}", number, number == "1" ? noun : plural(noun));
}

std::string times_words(double ratio) {
  if (!std::isfinite(ratio) || ratio <= 0) return "an undefined number of times";
  if (about_same(ratio)) return "about the same";
  return ratio < 1 ? fmt::format("{:.2g} times", ratio) : scaled(ratio, 1) + " times";
}

}  // namespace labsim::report
