#include "text/number.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <iterator>

namespace labsim::text {

namespace {

// Half away from zero, so 2.25 reads "2.3" (fmt would round the exact half to even).
double round_to(double v, int decimals) {
  double f = std::pow(10.0, decimals);
  return std::round(v * f) / f;
}

// Fixed point without trailing zeros: (2.50, 2) -> "2.5", (1.0, 1) -> "1".
std::string trimmed(double v, int decimals) {
  std::string out = fmt::format("{:.{}f}", v, decimals);
  if (out.find('.') == std::string::npos) return out;
  out.erase(out.find_last_not_of('0') + 1);
  if (out.back() == '.') out.pop_back();
  return out;
}

}  // namespace

std::string format_number(double v) {
  if (!std::isfinite(v)) return {};
  if (v == 0) return "0";  // also folds -0
  if (std::fabs(v) < 1e15 && v == std::round(v)) return fmt::format("{:.0f}", v);
  return fmt::format("{:.10g}", v);
}

double round_sig(double v, int digits) {
  return v == 0 ? 0 : round_to(v, digits - 1 - static_cast<int>(std::floor(std::log10(std::fabs(v)))));
}

std::string group_thousands(std::string_view digits) {
  std::string out;
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
    out += digits.front();  // a sign is not a digit: "-123" stays "-123"
    digits.remove_prefix(1);
  }
  size_t int_end = std::min(digits.find('.'), digits.size());
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i < int_end && (int_end - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string with_separators(double whole) { return group_thousands(fmt::format("{:.0f}", whole)); }

std::string suffixed(double v) {
  if (!std::isfinite(v)) return "-";
  double a = std::fabs(v);
  if (a == 0) return "0";
  if (a < 10) return fmt::format("{:.3g}", v);
  if (a < 1e7) {
    auto n = static_cast<long long>(std::llround(v));
    std::string out = n < 0 ? "-" : "";
    return out.append(group_thousands(std::to_string(std::llabs(n))));
  }
  if (a < 1e15) {
    const char* suffix[] = {"M", "B", "T"};
    int k = static_cast<int>(std::floor(std::log10(a) / 3)) - 2;
    return fmt::format("{:.3g}{}", v / std::pow(1000.0, k + 2), suffix[k]);
  }
  // "3.83e24": the exponent without its sign and padding (fmt writes "3.83e+24").
  const int exponent = static_cast<int>(std::floor(std::log10(a)));
  double mantissa = v / std::pow(10.0, exponent);
  if (std::fabs(round_to(mantissa, 2)) >= 10) return fmt::format("{:.2f}e{}", mantissa / 10, exponent + 1);
  return fmt::format("{:.2f}e{}", mantissa, exponent);
}

// Rounding before the scale is chosen is what turns 999.6 thousand into "1 million".
std::string scaled(double v, int max_decimals) {
  for (int k = 0;; ++k) {
    double m = v / std::pow(1000.0, k);
    int decimals = std::max(0, max_decimals - (m < 10 ? 0 : m < 100 ? 1 : 2));
    double r = round_to(m, decimals);
    if (r < 1000) return trimmed(r, decimals) + kScales[k];
    if (k == static_cast<int>(std::size(kScales)) - 1) return with_separators(r) + kScales[k];
  }
}

std::string count_number(double n) {
  if (n < 0) return fmt::format("-{}", count_number(-n));
  if (std::round(n) < 1e4) return with_separators(std::round(n));
  const double r = round_sig(n, 3);
  return r < 1e6 ? with_separators(r) : scaled(n, 2);
}

std::string four_digits(double v) {
  if (!std::isfinite(v)) return "undefined";
  const double x = round_sig(v, 4), a = std::fabs(x);
  const std::string sign = x < 0 ? "-" : "";
  if (a >= 1e15) {
    std::string e = fmt::format("{:.4g}", x);
    if (size_t at = e.find("e+"); at != std::string::npos) e.erase(at + 1, 1);
    return e;
  }
  if (a >= 1e6) return sign + scaled(a, 2);
  if (a >= 1000) return sign + with_separators(a);
  return fmt::format("{:g}", x);
}

std::string percent_words(double share) {
  double p = share * 100;
  if (p > 0 && p < 0.005) return "less than 0.01%";
  int decimals = p >= 9.95 ? 0 : p >= 0.995 ? 1 : 2;
  return trimmed(round_to(p, decimals), decimals) + "%";
}

std::string money_words(double usd) {
  if (!std::isfinite(usd)) return "an undefined amount";
  if (usd < 0) return fmt::format("-{}", money_words(-usd));
  double r = usd < 1000 ? std::round(usd) : round_sig(usd, 3);
  return fmt::format("${}", r < 1e6 ? with_separators(r) : scaled(usd, 2));
}

int tick_decimals(double step) {
  return static_cast<int>(std::max(0.0, -std::floor(std::log10(step) + kTickSlack)));
}

std::string tick_plain(double v, int decimals, bool group) {
  std::string digits = trimmed(std::abs(v), std::max(decimals, 0));
  std::string sign = v < 0 && digits.find_first_not_of("0.") != std::string::npos ? "-" : "";
  return sign.append(group ? group_thousands(digits) : digits);
}

namespace {

// "1.5×10²¹": the mantissa carries the digits `step` needs.
std::string tick_scientific(double v, double step) {
  if (v == 0) return "0";
  int exponent = static_cast<int>(std::floor(std::log10(std::abs(v)) + kTickSlack));
  double unit = std::pow(10.0, exponent);
  return tick_plain(v / unit, tick_decimals(step / unit)) + "\u00d710" + superscript(exponent);
}

}  // namespace

std::string superscript(int n) {
  static constexpr const char* kDigits[] = {"\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                            "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};
  std::string out = n < 0 ? "\u207b" : "";
  for (char d : std::to_string(n < 0 ? -static_cast<long long>(n) : n)) out += kDigits[d - '0'];
  return out;
}

std::string tick_suffixed(double v, double step, double largest) {
  struct Unit {
    double size;
    const char* suffix;
  };
  static constexpr std::array<Unit, 4> kUnits{{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}}};
  if (largest >= 1e15 * (1 - kTickSlack)) return tick_scientific(v, step);
  for (const Unit& u : kUnits)
    if (std::abs(v) >= u.size * (1 - kTickSlack))
      return tick_plain(v / u.size, tick_decimals(step / u.size)) + u.suffix;
  return tick_plain(v, tick_decimals(step));
}

}  // namespace labsim::text
