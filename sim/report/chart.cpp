// Axes, ticks and tick labels as numbers.
#include "report/chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "text/number.hpp"

namespace labsim::report {

namespace {

constexpr int kMaxTicks = 8;
constexpr int kMinTicks = 4;
constexpr double kSlack = text::kTickSlack;

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

// The label of a tick at `v` on an axis whose ticks are `step` apart (for log axes, step = v)
// and whose largest tick magnitude is `largest`; `plain_powers`: see below.
// How a log axis writes its powers of ten, the same for every tick of the axis.
enum class Powers { kPlain, kSuffixed, kSuperscript };

std::string label(double v, double step, double largest, TickStyle style, ScaleKind kind,
                  Powers powers = Powers::kPlain) {
  switch (style) {
    case TickStyle::kYear:
      return text::tick_plain(v, text::tick_decimals(step), false);
    case TickStyle::kPercent:
      return text::tick_plain(v * 100, text::tick_decimals(step * 100)) + "%";
    case TickStyle::kUsd: {
      std::string digits = text::tick_suffixed(std::abs(v), step, largest);
      return (v < 0 ? "-$" : "$") + digits;
    }
    case TickStyle::kNumber:
      break;
  }
  if (kind == ScaleKind::kLog) {
    // Powers of ten: plain ("0.01", "100,000") when the whole axis lies within 0.001 and 100,000;
    // with a suffix ("1k", "100M", "1B", "1T") within 1 and 1e12; else "10⁻⁴", "10⁰", "10²⁵" for
    // every tick, so that the labels of one axis read alike.
    int exponent = static_cast<int>(std::lround(std::log10(v)));
    switch (powers) {
      case Powers::kPlain: return text::tick_plain(v, -exponent);
      case Powers::kSuffixed: return text::tick_suffixed(v, v, largest);
      case Powers::kSuperscript: return "10" + text::superscript(exponent);
    }
  }
  // Below a million, every digit; from there on, every tick with a suffix ("500k", "1M", "1.5M").
  return largest < 1e6 * (1 - kSlack) ? text::tick_plain(v, text::tick_decimals(step))
                                      : text::tick_suffixed(v, step, largest);
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
    const Powers powers = first >= -3 && last <= 5   ? Powers::kPlain
                          : first >= 0 && last <= 12 ? Powers::kSuffixed
                                                     : Powers::kSuperscript;
    axis.ticks.push_back({v, label(v, v, axis.max, style, ScaleKind::kLog, powers)});
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

}  // namespace labsim::report
