// The numbers model stages are written in: a `double` for one run (the scalar engine), or a pack
// of kLanes doubles, one per sample of a block, for the batch engine (docs/performance.md, "the
// batch engine"). A stage written once as a template over its number type R computes, lane by
// lane, exactly what the scalar engine computes: every operation here is the IEEE operation of
// each lane, and transcendental functions call the same scalar function per lane, so that the
// batch gives the scalar engine's bits.
//
// Branches that depend on a value become select(mask, a, b); both sides are computed for every
// lane, so a stage must not let an unused side trap (none does: IEEE arithmetic never traps here).
#pragma once

#include <array>
#include <concepts>
#include <cmath>
#include <cstdint>

#include "model/bits.hpp"

namespace labsim::model {

inline constexpr int kLanes = 8;

struct Lanes;
// The number types stages are written in: a generic stage accepts only these (a call with an int
// takes the double overload instead of computing in integers).
template <class R>
concept Number = std::same_as<R, double> || std::same_as<R, Lanes>;

struct Mask {
  std::array<bool, kLanes> on{};
};

struct Lanes {
  alignas(64) std::array<double, kLanes> v{};

  Lanes() = default;
  Lanes(double x) { v.fill(x); }  // NOLINT: a plain number is the same in every lane
  double& operator[](int lane) { return v[static_cast<std::size_t>(lane)]; }
  double operator[](int lane) const { return v[static_cast<std::size_t>(lane)]; }
};

namespace lanes_detail {
template <class F>
inline Lanes map(const Lanes& a, F f) {
  Lanes r;
  for (int l = 0; l < kLanes; ++l) r[l] = f(a[l]);
  return r;
}
template <class F>
inline Lanes zip(const Lanes& a, const Lanes& b, F f) {
  Lanes r;
  for (int l = 0; l < kLanes; ++l) r[l] = f(a[l], b[l]);
  return r;
}
template <class F>
inline Mask test(const Lanes& a, const Lanes& b, F f) {
  Mask m;
  for (int l = 0; l < kLanes; ++l) m.on[static_cast<std::size_t>(l)] = f(a[l], b[l]);
  return m;
}
}  // namespace lanes_detail

inline Lanes operator+(const Lanes& a, const Lanes& b) { return lanes_detail::zip(a, b, [](double x, double y) { return x + y; }); }
inline Lanes operator-(const Lanes& a, const Lanes& b) { return lanes_detail::zip(a, b, [](double x, double y) { return x - y; }); }
inline Lanes operator*(const Lanes& a, const Lanes& b) { return lanes_detail::zip(a, b, [](double x, double y) { return x * y; }); }
inline Lanes operator/(const Lanes& a, const Lanes& b) { return lanes_detail::zip(a, b, [](double x, double y) { return x / y; }); }
inline Lanes operator-(const Lanes& a) { return lanes_detail::map(a, [](double x) { return -x; }); }
inline Mask operator>(const Lanes& a, const Lanes& b) { return lanes_detail::test(a, b, [](double x, double y) { return x > y; }); }
inline Mask operator>=(const Lanes& a, const Lanes& b) { return lanes_detail::test(a, b, [](double x, double y) { return x >= y; }); }
inline Mask operator<(const Lanes& a, const Lanes& b) { return lanes_detail::test(a, b, [](double x, double y) { return x < y; }); }
inline Mask operator!(const Mask& m) {
  Mask r;
  for (std::size_t l = 0; l < kLanes; ++l) r.on[l] = !m.on[l];
  return r;
}

// Whether any lane is on: lets a stage skip work no lane selects (the skipped side would have been
// discarded lane by lane, so skipping it changes no bits).
inline bool any(const Mask& m) {
  bool on = false;
  for (bool b : m.on) on = on || b;
  return on;
}
inline bool any(bool m) { return m; }

inline Lanes select(const Mask& m, const Lanes& a, const Lanes& b) {
  Lanes r;
  for (int l = 0; l < kLanes; ++l) r[l] = m.on[static_cast<std::size_t>(l)] ? a[l] : b[l];
  return r;
}
inline double select(bool m, double a, double b) { return m ? a : b; }

// Whether every lane holds the same bits (a number no sample varies).
inline bool uniform(const Lanes& a) {
  const auto first = bits_of(a[0]);
  bool same = true;
  for (int l = 1; l < kLanes; ++l) same = same && bits_of(a[l]) == first;
  return same;
}

// Transcendental functions: the C library's, lane by lane (the scalar engine's bits); once for all
// lanes when they hold the same argument.
template <class F>
inline Lanes map_costly(const Lanes& a, F f) {
  return uniform(a) ? Lanes(f(a[0])) : lanes_detail::map(a, f);
}
inline Lanes exp(const Lanes& a) { return map_costly(a, [](double x) { return std::exp(x); }); }
inline Lanes log(const Lanes& a) { return map_costly(a, [](double x) { return std::log(x); }); }
inline Lanes abs_of(const Lanes& a) { return lanes_detail::map(a, [](double x) { return std::fabs(x); }); }
inline double abs_of(double x) { return std::fabs(x); }

// min, max and clamp with std::min's, std::max's and std::clamp's semantics, NaN included.
inline Lanes min_of(const Lanes& a, const Lanes& b) { return select(b < a, b, a); }
inline Lanes max_of(const Lanes& a, const Lanes& b) { return select(a < b, b, a); }
inline double min_of(double a, double b) { return b < a ? b : a; }
inline double max_of(double a, double b) { return a < b ? b : a; }
template <class R>
R clamp_of(const R& v, const R& lo, const R& hi) {
  return select(v < lo, lo, select(hi < v, hi, v));
}
inline Mask operator&&(const Mask& a, const Mask& b) {
  Mask r;
  for (std::size_t l = 0; l < kLanes; ++l) r.on[l] = a.on[l] && b.on[l];
  return r;
}
inline Mask operator||(const Mask& a, const Mask& b) {
  Mask r;
  for (std::size_t l = 0; l < kLanes; ++l) r.on[l] = a.on[l] || b.on[l];
  return r;
}
inline Mask operator<=(const Lanes& a, const Lanes& b) { return lanes_detail::test(a, b, [](double x, double y) { return x <= y; }); }

// A stage's settings: for one run an Institution (or any settings struct) itself; for a block,
// one per lane. The lanes share their structure (lists, roles, kinds, switches) and may differ in
// numbers: a stage takes its structure from shape() and its numbers from value().
template <class C>
struct PerLane {
  std::array<const C*, kLanes> at{};
};
template <class C>
const C& shape(const C& c) { return c; }
template <class C>
const C& shape(const PerLane<C>& c) { return *c.at[0]; }
template <class C, class F>
double value(const C& c, F f) { return f(c); }
template <class C, class F>
Lanes value(const PerLane<C>& c, F f) {
  Lanes r;
  for (int l = 0; l < kLanes; ++l) r[l] = f(*c.at[static_cast<std::size_t>(l)]);
  return r;
}

}  // namespace labsim::model
