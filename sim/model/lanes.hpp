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
#include <cstring>
#include <type_traits>

#include "model/bits.hpp"

namespace labsim::model {

inline constexpr int kLanes = 8;

// The packs: GCC's (and clang's) vector extensions, two lanes a pack (one SSE2 register, the
// baseline of x86-64), so that each operation is the machine's packed IEEE instruction, with the
// same per-lane result as the scalar operation (the build turns contraction off). Packs of all
// eight lanes were tried: GCC lowers them to SSE2 through memory, 13 % slower than scalar code;
// two-lane packs are 10 % faster (docs/performance.md).
using Pack = double __attribute__((vector_size(2 * sizeof(double))));
// What comparing two packs gives, per lane all bits set or none: `long` or `long long` lanes,
// whichever the compiler uses on the target.
using PackBits = decltype(Pack{} < Pack{});
inline constexpr int kPacks = kLanes / 2;

struct Lanes;
// The number types stages are written in: a generic stage accepts only these (a call with an int
// takes the double overload instead of computing in integers).
template <class R>
concept Number = std::same_as<R, double> || std::same_as<R, Lanes>;

// Per lane, all bits set (on) or none (off): the result of a comparison of packs.
struct Mask {
  PackBits bits[kPacks]{};
  bool on(int lane) const { return bits[lane / 2][lane % 2] != 0; }
};

// The lanes as packs for arithmetic and as doubles for one lane. Reading the union member not last
// written is undefined in ISO C++ but defined by GCC and clang, the two compilers the engine is
// built with (natively and for WebAssembly), as the vector extensions themselves are.
struct Lanes {
  union {
    Pack pack[kPacks];
    double lane[kLanes];
  };

  Lanes() : pack{} {}
  Lanes(double x) : pack{Pack{x, x}, Pack{x, x}, Pack{x, x}, Pack{x, x}} {}  // NOLINT: a plain number is the same in every lane
  double& operator[](int l) { return lane[l]; }
  double operator[](int l) const { return lane[l]; }
};
static_assert(sizeof(Lanes) == kLanes * sizeof(double));
static_assert(kPacks == 4, "Lanes(double) writes four packs");
static_assert(std::is_trivially_copyable_v<Lanes>);

namespace lanes_detail {
template <class F>
inline Lanes zip(const Lanes& a, const Lanes& b, F f) {
  Lanes r;
  for (int k = 0; k < kPacks; ++k) r.pack[k] = f(a.pack[k], b.pack[k]);
  return r;
}
template <class F>
inline Mask test(const Lanes& a, const Lanes& b, F f) {
  Mask m;
  for (int k = 0; k < kPacks; ++k) m.bits[k] = f(a.pack[k], b.pack[k]);
  return m;
}
template <class F>
inline Mask logic(const Mask& a, const Mask& b, F f) {
  Mask m;
  for (int k = 0; k < kPacks; ++k) m.bits[k] = f(a.bits[k], b.bits[k]);
  return m;
}
}  // namespace lanes_detail

inline Lanes operator+(const Lanes& a, const Lanes& b) { return lanes_detail::zip(a, b, [](Pack x, Pack y) { return x + y; }); }
inline Lanes operator-(const Lanes& a, const Lanes& b) { return lanes_detail::zip(a, b, [](Pack x, Pack y) { return x - y; }); }
inline Lanes operator*(const Lanes& a, const Lanes& b) { return lanes_detail::zip(a, b, [](Pack x, Pack y) { return x * y; }); }
inline Lanes operator/(const Lanes& a, const Lanes& b) { return lanes_detail::zip(a, b, [](Pack x, Pack y) { return x / y; }); }
inline Lanes operator-(const Lanes& a) {
  Lanes r;
  for (int k = 0; k < kPacks; ++k) r.pack[k] = -a.pack[k];
  return r;
}
inline Mask operator>(const Lanes& a, const Lanes& b) { return lanes_detail::test(a, b, [](Pack x, Pack y) { return x > y; }); }
inline Mask operator>=(const Lanes& a, const Lanes& b) { return lanes_detail::test(a, b, [](Pack x, Pack y) { return x >= y; }); }
inline Mask operator<(const Lanes& a, const Lanes& b) { return lanes_detail::test(a, b, [](Pack x, Pack y) { return x < y; }); }
inline Mask operator<=(const Lanes& a, const Lanes& b) { return lanes_detail::test(a, b, [](Pack x, Pack y) { return x <= y; }); }
inline Mask operator!(const Mask& m) {
  Mask r;
  for (int k = 0; k < kPacks; ++k) r.bits[k] = ~m.bits[k];
  return r;
}
inline Mask operator&&(const Mask& a, const Mask& b) { return lanes_detail::logic(a, b, [](PackBits x, PackBits y) { return x & y; }); }
inline Mask operator||(const Mask& a, const Mask& b) { return lanes_detail::logic(a, b, [](PackBits x, PackBits y) { return x | y; }); }

// Whether any lane is on: lets a stage skip work no lane selects (the skipped side would have been
// discarded lane by lane, so skipping it changes no bits).
inline bool any(const Mask& m) {
  PackBits on = m.bits[0];
  for (int k = 1; k < kPacks; ++k) on |= m.bits[k];
  return (on[0] | on[1]) != 0;
}
inline bool any(bool m) { return m; }

// Lane by lane, a where the mask is on and b where it is off: the bits of one or the other.
inline Lanes select(const Mask& m, const Lanes& a, const Lanes& b) {
  Lanes r;
  for (int k = 0; k < kPacks; ++k) {
    PackBits x, y;
    std::memcpy(&x, &a.pack[k], sizeof x);
    std::memcpy(&y, &b.pack[k], sizeof y);
    const PackBits blend = (x & m.bits[k]) | (y & ~m.bits[k]);
    std::memcpy(&r.pack[k], &blend, sizeof blend);
  }
  return r;
}
inline double select(bool m, double a, double b) { return m ? a : b; }

// The lanes of a number type: 1 for a run, kLanes for a block.
template <class R>
inline constexpr int kLanesOf = std::is_same_v<R, double> ? 1 : kLanes;

// A number from one value per lane, f(lane) (f(0) for one run).
template <class R, class F>
R gather(F f) {
  if constexpr (std::is_same_v<R, double>) {
    return f(0);
  } else {
    Lanes r;
    for (int l = 0; l < kLanes; ++l) r[l] = f(l);
    return r;
  }
}

// Lane l of a number or a mask (the number itself for one run).
inline double lane_of(double x, int) { return x; }
inline double lane_of(const Lanes& x, int l) { return x[l]; }
inline bool lane_of(bool m, int) { return m; }
inline bool lane_of(const Mask& m, int l) { return m.on(l); }

namespace lanes_detail {
template <class F>
inline Lanes map(const Lanes& a, F f) {
  Lanes r;
  for (int l = 0; l < kLanes; ++l) r[l] = f(a[l]);
  return r;
}
}  // namespace lanes_detail

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
