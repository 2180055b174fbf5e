// Axes, ticks and tick labels as numbers; the palette.
#include "report/chart.hpp"

#include "io/json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace labsim::report {

namespace {

constexpr int kMaxTicks = 8;
constexpr int kMinTicks = 4;
// Slack for floor/ceil of quotients such as 0.3 / 0.1 = 2.9999999999999996.
constexpr double kSlack = 1e-9;

struct Range {
  double lo, hi;
};

// The finite (and, on a log axis, positive) values among a and b, in order; nullopt if none.
std::optional<Range> usable(double a, double b, ScaleKind kind) {
  auto ok = [&](double v) { return std::isfinite(v) && (kind == ScaleKind::kLinear || v > 0); };
  if (!ok(a) && !ok(b)) return std::nullopt;
  if (!ok(a)) a = b;
  if (!ok(b)) b = a;
  return Range{std::min(a, b), std::max(a, b)};
}

// `v` with `decimals` decimals, trailing zeros dropped, commas between thousands when `group`.
std::string plain(double v, int decimals, bool group = true) {
  std::string digits = fmt::format("{:.{}f}", std::abs(v), std::max(decimals, 0));
  if (digits.find('.') != std::string::npos) {
    digits.erase(digits.find_last_not_of('0') + 1);
    if (digits.back() == '.') digits.pop_back();
  }
  std::string sign = v < 0 && digits.find_first_not_of("0.") != std::string::npos ? "-" : "";
  return sign.append(group ? io::group_thousands(digits) : digits);
}

// Decimals needed to write multiples of `step` (0.5 -> 1, 20 -> 0).
int decimals_for(double step) {
  return static_cast<int>(std::max(0.0, -std::floor(std::log10(step) + kSlack)));
}

// "1.5e21": the mantissa carries the digits the step needs.
std::string scientific(double v, double step) {
  if (v == 0) return "0";
  int exponent = static_cast<int>(std::floor(std::log10(std::abs(v)) + kSlack));
  double unit = std::pow(10.0, exponent);
  return plain(v / unit, decimals_for(step / unit)) + "e" + std::to_string(exponent);
}

// `v` in thousands, millions... with a suffix: 1.5e6 -> "1.5M"; scientific for every tick of an
// axis that reaches 1e15 (`largest` is the largest magnitude among the axis's ticks).
std::string with_suffix(double v, double step, double largest) {
  struct Unit {
    double size;
    const char* suffix;
  };
  static constexpr std::array<Unit, 4> kUnits{{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}}};
  if (largest >= 1e15 * (1 - kSlack)) return scientific(v, step);
  for (const Unit& u : kUnits)
    if (std::abs(v) >= u.size * (1 - kSlack))
      return plain(v / u.size, decimals_for(step / u.size)) + u.suffix;
  return plain(v, decimals_for(step));
}

// The label of a tick at `v` on an axis whose ticks are `step` apart (for log axes, step = v)
// and whose largest tick magnitude is `largest`; `plain_powers`: see below.
std::string label(double v, double step, double largest, TickStyle style, ScaleKind kind,
                  bool plain_powers = true) {
  switch (style) {
    case TickStyle::kYear:
      return plain(v, decimals_for(step), false);
    case TickStyle::kPercent:
      return plain(v * 100, decimals_for(step * 100)) + "%";
    case TickStyle::kUsd: {
      std::string digits = with_suffix(std::abs(v), step, largest);
      return (v < 0 ? "-$" : "$") + digits;
    }
    case TickStyle::kNumber:
      break;
  }
  if (kind == ScaleKind::kLog) {
    // Powers of ten: plain ("0.01", "100,000") when the whole axis lies within 0.001 and 100,000,
    // else "1e-4", "1e0", "1e6" for every tick, so that the labels of one axis read alike.
    int exponent = static_cast<int>(std::lround(std::log10(v)));
    return plain_powers ? plain(v, -exponent) : "1e" + std::to_string(exponent);
  }
  // Below a million, every digit; from there on, every tick with a suffix ("500k", "1M", "1.5M").
  return largest < 1e6 * (1 - kSlack) ? plain(v, decimals_for(step)) : with_suffix(v, step, largest);
}

// k * step, written so that decimal steps give exact decimals (3 * 0.1 -> 0.3, not 0.30000000000000004).
double multiple(double k, double mantissa, int exponent) {
  return exponent >= 0 ? k * mantissa * std::pow(10.0, exponent) : k * mantissa / std::pow(10.0, -exponent);
}

// The smallest 1-2-5 step (at least `min_step`) that covers [lo, hi] with at most 8 ticks.
Axis linear_ticks(Range r, TickStyle style) {
  double min_step = style == TickStyle::kYear ? 1 : 0;
  int exponent = static_cast<int>(std::floor(std::log10((r.hi - r.lo) / kMaxTicks))) - 1;
  for (;; ++exponent) {
    for (double mantissa : {1.0, 2.0, 5.0}) {
      double step = multiple(1, mantissa, exponent);
      double k_lo = std::floor(r.lo / step + kSlack), k_hi = std::ceil(r.hi / step - kSlack);
      if (step < min_step || k_hi - k_lo + 1 > kMaxTicks) continue;
      // Only a minimum step (years) can leave fewer than 4 ticks; widen both ends.
      while (k_hi - k_lo + 1 < kMinTicks) {
        --k_lo;
        if (k_hi - k_lo + 1 < kMinTicks) ++k_hi;
      }
      Axis axis;
      axis.min = multiple(k_lo, mantissa, exponent);
      axis.max = multiple(k_hi, mantissa, exponent);
      double largest = std::max(std::abs(axis.min), std::abs(axis.max));
      for (int i = 0; i <= static_cast<int>(k_hi - k_lo); ++i) {
        double v = multiple(k_lo + i, mantissa, exponent);
        axis.ticks.push_back({v, label(v, step, largest, style, ScaleKind::kLinear)});
      }
      return axis;
    }
  }
}

Axis linear_axis(std::optional<Range> r, TickStyle style) {
  if (!r) r = Range{0, 1};
  // A span lost in rounding counts as a single value.
  if (r->hi - r->lo <= std::abs(r->hi) * 1e-12) {
    if (style == TickStyle::kYear) {
      r = Range{r->lo - 2, r->hi + 2};
    } else if (r->hi > 0) {
      r = Range{0, r->hi};
    } else if (r->lo < 0) {
      r = Range{r->lo, 0};
    } else {
      r = Range{0, 1};
    }
  }
  // Zero is within reach when starting there at most doubles the length of the axis.
  if (style != TickStyle::kYear && r->lo >= 0 && r->lo <= r->hi / 2) r->lo = 0;
  return linear_ticks(*r, style);
}

Axis log_axis(std::optional<Range> r, TickStyle style) {
  if (!r) r = Range{1, 10};
  int lo = static_cast<int>(std::floor(std::log10(r->lo) + kSlack));
  int hi = static_cast<int>(std::ceil(std::log10(r->hi) - kSlack));
  if (hi <= lo) hi = lo + 1;
  // Every k-th decade, at multiples of k, so that at most 8 ticks remain; k on a 1-2-5 ladder
  // (1, 2, 5, 10, 20, ...) so that labels step evenly (1e20, 1e25, 1e30 rather than every 7th).
  auto down = [](int e, int k) { return static_cast<int>(std::floor(static_cast<double>(e) / k)) * k; };
  auto up = [](int e, int k) { return static_cast<int>(std::ceil(static_cast<double>(e) / k)) * k; };
  int k = 1;
  for (int step = 0; (up(hi, k) - down(lo, k)) / k + 1 > kMaxTicks; ++step)
    k = (step % 3 == 0 ? 2 : step % 3 == 1 ? 5 : 10) * static_cast<int>(std::pow(10, step / 3));
  int first = down(lo, k), last = up(hi, k);
  Axis axis;
  axis.kind = ScaleKind::kLog;
  axis.min = std::pow(10.0, first);
  axis.max = std::pow(10.0, last);
  for (int e = first; e <= last; e += k) {
    double v = std::pow(10.0, e);
    axis.ticks.push_back({v, label(v, v, axis.max, style, ScaleKind::kLog, first >= -3 && last <= 5)});
  }
  return axis;
}

}  // namespace

Axis make_axis(std::string label, ScaleKind kind, double data_min, double data_max, TickStyle style) {
  std::optional<Range> r = usable(data_min, data_max, kind);
  Axis axis = kind == ScaleKind::kLog ? log_axis(r, style) : linear_axis(r, style);
  axis.label = std::move(label);
  return axis;
}

double axis_fraction(const Axis& axis, double value) {
  if (axis.kind == ScaleKind::kLog) {
    if (!(value > 0) || !(axis.min > 0) || !(axis.max > axis.min)) return std::nan("");
    return (std::log10(value) - std::log10(axis.min)) / (std::log10(axis.max) - std::log10(axis.min));
  }
  if (!(axis.max > axis.min)) return std::nan("");
  return (value - axis.min) / (axis.max - axis.min);
}

Rgb palette(int index) {
  // Okabe & Ito (2008), without black, which is kept for text and axes.
  static constexpr std::array<Rgb, 8> kColors{{
      {0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0},  // orange
      {0x56 / 255.0, 0xB4 / 255.0, 0xE9 / 255.0},  // sky blue
      {0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0},  // bluish green
      {0xF0 / 255.0, 0xE4 / 255.0, 0x42 / 255.0},  // yellow
      {0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0},  // blue
      {0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0},  // vermillion
      {0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0},  // reddish purple
      {0x99 / 255.0, 0x99 / 255.0, 0x99 / 255.0},  // grey
  }};
  constexpr int kCount = static_cast<int>(kColors.size());
  return kColors[static_cast<size_t>(((index % kCount) + kCount) % kCount)];
}

}  // namespace labsim::report
