#include "io/units.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cmath>
#include <limits>

namespace labsim::io {

namespace {

// The pieces of a number as written: [$] NUMBER [k|M|B|T] [%|x] [/yr] [unit word].
struct Token {
  bool dollar = false;
  double number = 0;
  double scale = 1;
  bool percent = false;
  bool times = false;
  bool per_year = false;
  std::string word;  // days, years, months ...
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool eat(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  s = trim(s);
  return true;
}

UnitResult fail(std::string message, std::string hint = {}) {
  UnitResult r;
  r.message = std::move(message);
  r.hint = std::move(hint);
  return r;
}

// Splits text into a Token; returns an error message on malformed input.
std::string tokenize(std::string_view text, Token& t, std::string& hint) {
  std::string_view s = trim(text);
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("nan") != std::string::npos || lower.find("inf") != std::string::npos)
    return "NaN and infinity are not allowed";
  t.dollar = eat(s, "$");
  size_t n = 0;
  while (n < s.size() && (std::isdigit(static_cast<unsigned char>(s[n])) || s[n] == '.' ||
                          s[n] == '-' || s[n] == '+' ||
                          ((s[n] == 'e' || s[n] == 'E') && n > 0 &&
                           n + 1 < s.size() && (std::isdigit(static_cast<unsigned char>(s[n + 1])) ||
                                                s[n + 1] == '-' || s[n + 1] == '+'))))
    ++n;
  if (n == 0) return "no number";
  std::string digits(s.substr(0, n));
#if defined(__EMSCRIPTEN__)
  // emscripten's libc++ 13 has no std::from_chars for doubles: strtod, correctly rounded too, with
  // from_chars' refusals (a leading '+', anything left over).
  errno = 0;
  char* stop = nullptr;
  t.number = digits.front() == '+' ? 0 : std::strtod(digits.c_str(), &stop);
  if (errno == ERANGE) return "the number is out of range";
  if (digits.front() == '+' || stop != digits.c_str() + digits.size()) return "malformed number";
#else
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), t.number);
  if (ec == std::errc::result_out_of_range) return "the number is out of range";
  if (ec != std::errc() || end != digits.data() + digits.size()) return "malformed number";
#endif
  if (!std::isfinite(t.number)) return "the number is out of range";
  s.remove_prefix(n);
  s = trim(s);
  // A scale letter stands alone ("5M", "5M/yr"); a letter followed by letters is a unit word
  // ("6 Months").
  if (!s.empty() && (s.size() == 1 || !std::isalpha(static_cast<unsigned char>(s[1])))) {
    switch (s.front()) {
      case 'k': t.scale = 1e3; break;
      case 'M': t.scale = 1e6; break;
      case 'B': t.scale = 1e9; break;
      case 'T': t.scale = 1e12; break;
      case 'm':
        hint = "write M for million (1e6); a lower-case 'm' is ambiguous (milli? million?)";
        return "ambiguous scale suffix 'm'";
      case 'K':
        hint = "write k for thousand (1e3)";
        return "unknown scale suffix 'K'";
      default: break;
    }
    if (t.scale != 1) s.remove_prefix(1), s = trim(s);
  }
  if (eat(s, "%")) t.percent = true;
  else if (eat(s, "x")) t.times = true;
  if (eat(s, "/yr") || eat(s, "/year") || eat(s, "per year")) t.per_year = true;
  for (char c : s) t.word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return {};
}

bool is_word(const std::string& w, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (w == n) return true;
  return false;
}

}  // namespace

const char* describe(Quantity q) {
  switch (q) {
    case Quantity::kNumber: return "a number";
    case Quantity::kCount: return "a count";
    case Quantity::kMoney: return "an amount of money";
    case Quantity::kShare: return "a share";
    case Quantity::kOverhead: return "a percentage";
    case Quantity::kRate: return "a rate per year";
    case Quantity::kGrowth: return "a growth rate";
    case Quantity::kYears: return "a duration in years";
    case Quantity::kDays: return "a duration in days";
    case Quantity::kMonths: return "a duration in months";
    case Quantity::kFlop: return "an amount of FLOP";
    case Quantity::kAmount: return "a non-negative number";
    case Quantity::kHours: return "GPU-hours a year";
    case Quantity::kYear: return "a year";
  }
  return "a value";
}

UnitResult parse_quantity(std::string_view text, Quantity q, bool allow_per_year) {
  Token t;
  std::string hint;
  std::string found = fmt::format("\"{}\"", trim(text));
  std::string err = tokenize(text, t, hint);
  if (!err.empty())
    return fail(fmt::format("expected {}, found {} ({})", describe(q), found, err), hint);
  auto expected = [&](std::string why = {}, std::string h = {}) {
    return fail(fmt::format("expected {}, found {}{}", describe(q), found,
                            why.empty() ? "" : " (" + why + ")"), std::move(h));
  };
  double v = t.number * t.scale;
  if (!std::isfinite(v)) return expected("the number is out of range");  // "1e304M"
  bool plain = !t.dollar && !t.percent && !t.times && !t.per_year && t.word.empty();
  UnitResult ok;
  ok.ok = true;
  switch (q) {
    case Quantity::kNumber:
    case Quantity::kFlop:
    case Quantity::kAmount:
      if (!plain) return expected("no unit belongs here");
      if (q != Quantity::kNumber && v < 0) return expected("it cannot be negative");
      ok.parsed.value = v;
      return ok;
    case Quantity::kHours:
      // Hours are always a year's: "/yr" may be written and changes nothing.
      if (t.dollar || t.percent || t.times || !(t.word.empty() || is_word(t.word, {"h", "hours", "hour"})))
        return expected("write hours a year such as 500k or 500k/yr");
      if (v < 0) return expected("it cannot be negative");
      if (v > 1e12) return expected("more than 1e12 hours a year is not plausible");
      ok.parsed.value = v;
      return ok;
    case Quantity::kCount:
      if (!plain && !(t.word == "gpu" || t.word == "gpus" || t.word == "people"))
        return expected("no unit belongs here");
      if (v < 0) return expected("it cannot be negative");
      if (v > 1e9) return expected("more than 1e9 is not plausible");
      ok.parsed.value = v;
      return ok;
    case Quantity::kMoney:
      if (t.percent || t.times || !(t.word.empty() || t.word == "USD" || t.word == "usd"))
        return expected("write dollars as 140M, $140M or 1.4e8");
      if (t.per_year && !allow_per_year) return expected("a per-year amount does not belong here");
      if (v < 0) return expected("it cannot be negative");
      if (v > 1e15) return expected("more than $1e15 is not plausible");
      ok.parsed = Parsed{v, t.per_year};
      return ok;
    case Quantity::kShare:
    case Quantity::kOverhead:
    case Quantity::kRate: {
      bool per_year_ok = q == Quantity::kRate;
      if (t.dollar || t.times || !t.word.empty() || (t.per_year && !per_year_ok))
        return expected("write a percentage such as 35% or a fraction such as 0.35");
      double f = t.percent ? v / 100 : v;
      if (!t.percent && t.scale != 1) return expected("write a percentage such as 35%");
      if (!t.percent && f > 1)
        return expected("a bare number above 1 is not a fraction",
                        f >= 2 ? fmt::format("write {}% for a percentage", trim(text))
                               : fmt::format("write a percentage such as {:g}% or a fraction such as {:g}", f * 100 - 100,
                                             f - 1) + fmt::format("; {}% if you mean more than the whole", f * 100));
      if (f < 0) return expected("it cannot be negative");
      if (q != Quantity::kOverhead && f > 1) return expected("it cannot exceed 100%");
      if (q == Quantity::kOverhead && f > 10) return expected("more than 1000% is not plausible");
      ok.parsed.value = f;
      return ok;
    }
    case Quantity::kGrowth:
      if (t.dollar || !t.word.empty() || (!t.percent && !t.times))
        return expected("write growth as 4%/yr or 4.1x/yr",
                        "a bare number is ambiguous: 4%/yr is x1.04 a year, 4x/yr is x4");
      ok.parsed.value = t.percent ? 1 + v / 100 : v;
      if (ok.parsed.value <= 0) return expected("growth must leave a positive factor");
      if (ok.parsed.value > 100) return expected("more than 100x a year is not plausible");
      return ok;
    case Quantity::kYears:
    case Quantity::kDays:
    case Quantity::kMonths: {
      if (t.dollar || t.percent || t.times || t.per_year || t.scale != 1)
        return expected("write a duration such as 5 years, 6 months or 90 days");
      // Days in a unit; a bare number is in the key's own unit.
      const double own = q == Quantity::kYears ? 365 : q == Quantity::kMonths ? 365.0 / 12 : 1;
      double unit;
      if (is_word(t.word, {"days", "day", "d"})) unit = 1;
      else if (is_word(t.word, {"years", "year", "yr", "yrs", "y"})) unit = 365;
      else if (is_word(t.word, {"months", "month"})) unit = 365.0 / 12;
      else if (t.word.empty()) unit = own;
      else return expected(fmt::format("unknown unit '{}'", t.word), "units: days, months, years");
      double days = v * unit;
      if (days < 0) return expected("it cannot be negative");
      if (days > 200 * 365) return expected("more than 200 years is not plausible");
      // A value in the key's own unit is taken as written: through days it could lose its last bit.
      ok.parsed.value = unit == own                 ? v
                        : q == Quantity::kYears  ? days / 365
                        : q == Quantity::kMonths ? days * 12 / 365
                                                 : days;
      return ok;
    }
    case Quantity::kYear:
      if (!plain || t.scale != 1 || v != std::floor(v)) return expected("write a year such as 2024");
      if (v < 1900 || v > 2200) return expected("outside 1900-2200");
      ok.parsed.value = v;
      return ok;
  }
  return expected();
}

std::pair<double, double> domain(Quantity q) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  switch (q) {
    case Quantity::kNumber: return {-kInf, kInf};
    case Quantity::kShare:
    case Quantity::kRate: return {0, 1};
    case Quantity::kOverhead: return {0, 10};
    case Quantity::kCount: return {0, 1e9};
    case Quantity::kHours: return {0, 1e12};
    case Quantity::kMoney: return {0, 1e15};
    case Quantity::kGrowth: return {0, 100};
    case Quantity::kYears: return {0, 200};
    case Quantity::kMonths: return {0, 200 * 12};
    case Quantity::kDays: return {0, 200 * 365};
    default: return {0, kInf};
  }
}

}  // namespace labsim::io
