// The text layer (sim/text/): the JSON writer's commas, layout and escapes, and the number
// forms at their edges. The forms are also compared end to end by the golden outputs.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include "text/csv.hpp"
#include "text/json.hpp"
#include "text/number.hpp"

namespace {

using labsim::text::JsonWriter;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST_CASE("JsonWriter: commas, line breaks where asked, escapes, null for undefined", "[text]") {
  std::ostringstream out;
  JsonWriter w(out);
  w.object().line(2).key("name").string("a \"b\"\n\\");
  w.line(2).key("values").array().number(1).number(0.5).number(kNaN).integer(7).end();
  w.line(2).key("rows").array();
  for (int i = 0; i < 2; ++i) w.line(4).object().key("i").integer(i).key("ok").boolean(i == 1).end();
  w.line(2).end().line(2).key("empty").object().end().line(2).key("raw").raw("1.5e+21").line(0).end();
  CHECK(out.str() ==
        "{\n"
        "  \"name\": \"a \\\"b\\\"\\n\\\\\",\n"
        "  \"values\": [1, 0.5, null, 7],\n"
        "  \"rows\": [\n"
        "    {\"i\": 0, \"ok\": false},\n"
        "    {\"i\": 1, \"ok\": true}\n"
        "  ],\n"
        "  \"empty\": {},\n"
        "  \"raw\": 1.5e+21\n"
        "}");
}

TEST_CASE("json_string escapes control characters as \\u00XX", "[text]") {
  CHECK(labsim::text::json_string(std::string("a\tb\x01", 4)) == "\"a\\tb\\u0001\"");
}

TEST_CASE("format_number: whole numbers without exponent, ten significant digits, empty when undefined",
          "[text]") {
  using labsim::text::format_number;
  CHECK(format_number(-0.0) == "0");
  CHECK(format_number(1234567) == "1234567");
  CHECK(format_number(0.1234567891234) == "0.1234567891");
  CHECK(format_number(2.1e25) == "2.1e+25");
  CHECK(format_number(kNaN).empty());
  CHECK(labsim::text::json_number(kNaN) == "null");
  CHECK(labsim::text::csv_field("a,\"b\"") == "\"a,\"\"b\"\"\"");
  CHECK(labsim::text::csv_field("plain") == "plain");
  // Free text is always quoted, and a quote inside it doubled (a catalog source may cite a title).
  CHECK(labsim::text::csv_quoted("Epoch AI, \"Trends\"") == "\"Epoch AI, \"\"Trends\"\"\"");
}

TEST_CASE("group_thousands groups the digits, not the sign", "[text]") {
  using labsim::text::group_thousands;
  CHECK(group_thousands("-123") == "-123");
  CHECK(group_thousands("-1234") == "-1,234");
  CHECK(group_thousands("123456.75") == "123,456.75");
  CHECK(group_thousands("+1000") == "+1,000");
}

TEST_CASE("suffixed: separators below 10 million, then M, B, T, then an exponent", "[text]") {
  using labsim::text::suffixed;
  CHECK(suffixed(kNaN) == "-");
  CHECK(suffixed(2.345) == "2.35");
  CHECK(suffixed(-1234567) == "-1,234,567");
  CHECK(suffixed(12.34e6) == "12.3M");
  CHECK(suffixed(4.56e12) == "4.56T");
  CHECK(suffixed(1.234e21) == "1.23e21");
  // Rounding that carries into the next power: 9.996e20 is 1.00e21, not 10.00e20.
  CHECK(suffixed(9.996e20) == "1.00e21");
  CHECK(suffixed(-3.83e24) == "-3.83e24");
  CHECK(suffixed(1e15) == "1.00e15");
}

TEST_CASE("round_sig rounds half away from zero at the significant digit", "[text]") {
  using labsim::text::round_sig;
  CHECK(round_sig(0, 4) == 0);
  CHECK(round_sig(123456, 4) == 123500);
  CHECK(round_sig(-0.00123456, 3) == Approx(-0.00123).margin(1e-15));
}

TEST_CASE("tick labels: suffixes from a thousand, exponents for axes reaching 1e15", "[text]") {
  using labsim::text::tick_suffixed;
  CHECK(tick_suffixed(1.5e6, 5e5, 2e6) == "1.5M");
  CHECK(tick_suffixed(500, 100, 2e6) == "500");
  CHECK(tick_suffixed(1.5e21, 5e20, 2e21) == "1.5×10²¹");
  CHECK(labsim::text::superscript(25) == "²⁵");
  CHECK(labsim::text::superscript(-4) == "⁻⁴");
  CHECK(labsim::text::superscript(0) == "⁰");
  CHECK(labsim::text::tick_plain(-0.0001, 2) == "0");
}

}  // namespace
