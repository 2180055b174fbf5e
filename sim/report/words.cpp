// Words for the brief's sentences (report/words.hpp).
#include "report/words.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>

#include "text/number.hpp"

namespace labsim::report {

bool about_same(double ratio) { return ratio <= kSame && ratio >= 1 / kSame; }

// "H100" -> "H100s", "box" -> "boxes", "university" -> "universities".
std::string plural(const std::string& noun) {
  if (noun.ends_with('s') || noun.ends_with('x') || noun.ends_with("ch") || noun.ends_with("sh"))
    return noun + "es";
  if (noun.ends_with('y') && !noun.ends_with("ay") && !noun.ends_with("ey") && !noun.ends_with("oy"))
    return noun.substr(0, noun.size() - 1) + "ies";
  return noun + "s";
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

std::string count_words(double n, const std::string& noun) {
  if (!std::isfinite(n)) return fmt::format("an undefined number of {}", plural(noun));
  std::string number = text::count_number(n);
  return fmt::format("{} {}", number, number == "1" ? noun : plural(noun));
}

std::string times_words(double ratio) {
  if (!std::isfinite(ratio) || ratio <= 0) return "an undefined number of times";
  if (about_same(ratio)) return "about the same";
  if (ratio < 1) return fmt::format("{:.2g} times", ratio);
  if (ratio < 10) return text::scaled(ratio, 1) + " times";
  return text::count_number(ratio) + " times";  // "2,520 times", "255,000 times", "1.4 million times"
}

}  // namespace labsim::report
