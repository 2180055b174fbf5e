// Defects found by the fuzz harnesses (tests/fuzz/, docs/robustness.md), one case per finding,
// named after it.
#include <catch2/catch.hpp>

#include <type_traits>
#include <vector>

#include "io/tree.hpp"
#include "io/units.hpp"

// Finding "clang-incomplete-node": the fuzz build (clang 14 and 19 with libstdc++ 12) could not
// compile sim/io/tree.hpp, because Node's implicit special members instantiated
// std::pair<std::string, Node> while Node was still incomplete. The members are now declared in
// the class and defaulted after it. With clang this file did not compile before the fix; with
// gcc the case guards the fix itself: moving must stay noexcept (so vectors of nodes move rather
// than copy) and a copy must stay deep.
TEST_CASE("clang-incomplete-node: a Node moves without throwing and copies deeply", "[fuzz]") {
  static_assert(std::is_nothrow_move_constructible_v<labsim::io::Node>);
  static_assert(std::is_nothrow_move_assignable_v<labsim::io::Node>);

  labsim::io::Node child;
  child.kind = labsim::io::Node::Kind::kScalar;
  child.text = "40M";
  labsim::io::Node map;
  map.kind = labsim::io::Node::Kind::kMap;
  map.entries.emplace_back("amount", child);

  labsim::io::Node copy = map;
  copy.entries[0].second.text = "20M";
  CHECK(map.entries[0].second.text == "40M");

  labsim::io::Node moved = std::move(copy);
  REQUIRE(moved.entries.size() == 1);
  CHECK(moved.entries[0].first == "amount");
  CHECK(moved.entries[0].second.text == "20M");
}

// Finding "units-scaled-overflow" (fuzz_units, input "1e304M"): the number itself was finite, so
// tokenizing accepted it, but the scale suffix took it past the largest double and a plain
// number, an amount or a FLOP count came out as infinity. §2 says numbers too large for a double
// are refused.
TEST_CASE("units-scaled-overflow: a scale suffix that overflows is refused", "[fuzz]") {
  using labsim::io::Quantity;
  struct Case {
    Quantity q;
    const char* message;
  };
  const std::vector<Case> cases = {
      {Quantity::kNumber, "expected a number, found \"1e304M\" (the number is out of range)"},
      {Quantity::kAmount,
       "expected a non-negative number, found \"1e304M\" (the number is out of range)"},
      {Quantity::kFlop, "expected an amount of FLOP, found \"1e304M\" (the number is out of range)"},
  };
  for (const Case& c : cases) {
    labsim::io::UnitResult r = labsim::io::parse_quantity("1e304M", c.q);
    CHECK_FALSE(r.ok);
    CHECK(r.message == c.message);
  }
  labsim::io::UnitResult large = labsim::io::parse_quantity("1e290T", Quantity::kNumber);
  CHECK(large.ok);
  CHECK(large.parsed.value == Approx(1e302));
}
