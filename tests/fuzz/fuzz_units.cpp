// Fuzz target: parse_quantity on the input for every Quantity, with and without "/yr" allowed.
// It must not throw; an accepted value must be finite and within the kind's documented limits
// (docs/scenario-format.md §2); a refusal must carry a message.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"
#include "io/units.hpp"

namespace {

using labsim::io::Quantity;

constexpr Quantity kAll[] = {
    Quantity::kNumber, Quantity::kCount, Quantity::kMoney,  Quantity::kShare, Quantity::kOverhead,
    Quantity::kRate,   Quantity::kGrowth, Quantity::kYears, Quantity::kDays,  Quantity::kMonths,
    Quantity::kFlop,   Quantity::kAmount, Quantity::kYear,  Quantity::kHours,
};

// The documented range of an accepted value, or true when the kind has none beyond finiteness.
bool within_limits(Quantity q, double v) {
  switch (q) {
    case Quantity::kCount: return v >= 0 && v <= 1e9;
    case Quantity::kMoney: return v >= 0 && v <= 1e15;
    case Quantity::kShare: return v >= 0 && v <= 1;
    case Quantity::kOverhead: return v >= 0 && v <= 10;
    case Quantity::kRate: return v >= 0 && v <= 1;
    case Quantity::kGrowth: return v > 0 && v <= 100;
    case Quantity::kYears: return v >= 0 && v <= 200;
    case Quantity::kDays: return v >= 0 && v <= 200 * 365.0 * (1 + 1e-12);
    case Quantity::kMonths: return v >= 0 && v <= 200 * 12.0 * (1 + 1e-12);
    case Quantity::kFlop: return v >= 0;
    case Quantity::kAmount: return v >= 0;
    case Quantity::kHours: return v >= 0 && v <= 1e12;
    case Quantity::kYear: return v >= 1900 && v <= 2200 && v == std::floor(v);
    case Quantity::kNumber: return true;
  }
  return true;
}

void check(std::string_view text, Quantity q, bool allow_per_year) {
  labsim::io::UnitResult r;
  try {
    r = labsim::io::parse_quantity(text, q, allow_per_year);
  } catch (const std::exception& e) {
    labsim::fuzz::fail("parse_quantity threw", e.what());
  }
  std::string kind = labsim::io::describe(q);
  if (!r.ok) {
    if (r.message.empty()) labsim::fuzz::fail("refusal without a message", kind);
    return;
  }
  if (!std::isfinite(r.parsed.value)) labsim::fuzz::fail("accepted a non-finite value", kind);
  if (!within_limits(q, r.parsed.value)) {
    labsim::fuzz::fail("accepted a value outside the limits",
                       kind + " " + std::to_string(r.parsed.value));
  }
  if (r.parsed.per_year && !allow_per_year && q == Quantity::kMoney) {
    labsim::fuzz::fail("accepted /yr where it is not allowed", kind);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 256) return 0;  // numbers are short; long inputs only slow the search down
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (Quantity q : kAll) {
    check(text, q, false);
    check(text, q, true);
  }
  return 0;
}
