// Numbers with units and scale suffixes, as written in scenarios ("$140M", "30%", "4.1x/yr").
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace labsim::io {

// What a key holds; decides which suffixes are accepted and how the number is converted.
enum class Quantity {
  kNumber,    // plain real number, may be negative ("-1.2")
  kCount,     // non-negative, at most 1e9 ("350k")
  kMoney,     // USD, non-negative ("$140M", "1.5M/yr" where per-year is allowed)
  kShare,     // fraction in [0, 1]: "35%" or "0.35"; a bare "35" is an error
  kOverhead,  // fraction that may exceed 1: "64%" or "0.64"
  kRate,      // per-year fraction: "5%/yr", "5%" or "0.05"
  kGrowth,    // per-year factor: "4%/yr" -> 1.04, "4.1x/yr" -> 4.1
  kYears,     // duration in years: "5 years", "6 months", "5"
  kDays,      // duration in days: "90 days", "3 months", "90"
  kMonths,    // duration in months: "6 months", "0.5 years", "6"
  kFlop,      // non-negative amount of FLOP ("2.1e25")
  kAmount,    // any non-negative number with a scale suffix ("70B", "1024")
  kHours,     // GPU-hours a year, non-negative, at most 1e12 ("500k", "500k/yr")
  kYear,      // calendar year, integer 1900..2200
};

struct Parsed {
  double value = 0;
  bool per_year = false;  // the text ended in "/yr" (kMoney)
};

// Result of parsing: ok, or a message ("expected a share, found \"35\"") and a hint.
struct UnitResult {
  bool ok = false;
  Parsed parsed;
  std::string message;
  std::string hint;
};

// Parses `text` as a `q`. `allow_per_year` lets kMoney accept "/yr".
UnitResult parse_quantity(std::string_view text, Quantity q, bool allow_per_year = false);

// The values a key of quantity `q` can take (the units' own range; keys may narrow it): shares
// and rates [0, 1], money [0, 1e15], growth factors (0, 100], plain numbers unbounded, ...
std::pair<double, double> domain(Quantity q);

// Name used in messages: "an amount of money", "a share", ...
const char* describe(Quantity q);

}  // namespace labsim::io
