// Charts as data (axes, ticks, labels, palette) and their drawing as SVG, PNG and the PDF brief.
// Every expected axis is worked out by hand in the comments; drawings are checked through what
// they must contain (file signatures, the text pdftotext finds, one SVG path per unbroken line).
#include <catch2/catch.hpp>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "labsim/explore.hpp"
#include "report/brief.hpp"
#include "report/chart.hpp"
#include "report/render.hpp"

namespace {

using namespace labsim::report;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<std::string> labels_of(const Axis& a) {
  std::vector<std::string> labels;
  for (const Tick& t : a.ticks) labels.push_back(t.label);
  return labels;
}

int count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("linear axes: 1-2-5 steps, 4 to 8 ticks, zero when within reach", "[report]") {
  struct Case {
    double lo, hi;
    TickStyle style;
    double min, max;
    std::vector<std::string> labels;
  };
  const std::vector<Case> cases = {
      // Step 5 would need 0..40 in 9 ticks; step 10 needs 5.
      {0, 37, TickStyle::kNumber, 0, 40, {"0", "10", "20", "30", "40"}},
      // 12 <= 37 / 2: zero is within reach, so the same axis.
      {12, 37, TickStyle::kNumber, 0, 40, {"0", "10", "20", "30", "40"}},
      // 60 > 100 / 2: zero is out of reach; step 5 gives 9 ticks, step 10 gives 5.
      {60, 100, TickStyle::kNumber, 60, 100, {"60", "70", "80", "90", "100"}},
      // Step 1000 gives 0..10,000 in 11 ticks; step 2000 in 6.
      {1200, 9400, TickStyle::kNumber, 0, 10000, {"0", "2,000", "4,000", "6,000", "8,000", "10,000"}},
      // Step 0.2 gives 14 ticks, 0.5 gives 6.
      {0, 2.5, TickStyle::kNumber, 0, 2.5, {"0", "0.5", "1", "1.5", "2", "2.5"}},
      // Step 0.5 covers -3.5..1.5 in 11 ticks; step 1 covers -4..2 in 7.
      {-3.2, 1.1, TickStyle::kNumber, -4, 2, {"-4", "-3", "-2", "-1", "0", "1", "2"}},
      // Step 1e6 gives 14 ticks, 2e6 gives 8; a million and more with suffixes.
      {0, 1.23e7, TickStyle::kNumber, 0, 1.4e7, {"0", "2M", "4M", "6M", "8M", "10M", "12M", "14M"}},
      {0, 3e21, TickStyle::kNumber, 0, 3e21,
       {"0", "5×10²⁰", "1×10²¹", "1.5×10²¹", "2×10²¹", "2.5×10²¹", "3×10²¹"}},
      // Step 1 gives 11 years, step 2 gives 6.
      {2024, 2034, TickStyle::kYear, 2024, 2034, {"2024", "2026", "2028", "2030", "2032", "2034"}},
      // Years never step by less than 1, so a short span widens to 4 ticks.
      {2024, 2025, TickStyle::kYear, 2023, 2026, {"2023", "2024", "2025", "2026"}},
      {2030, 2030, TickStyle::kYear, 2028, 2032, {"2028", "2029", "2030", "2031", "2032"}},
      // 0.3 <= 0.9 / 2 brings in zero; step 0.1 gives 11 ticks, 0.2 gives 6.
      {0.3, 0.9, TickStyle::kPercent, 0, 1, {"0%", "20%", "40%", "60%", "80%", "100%"}},
      // Step 2e5 gives 13 ticks, 5e5 gives 6.
      {0, 2.3e6, TickStyle::kUsd, 0, 2.5e6, {"$0", "$500k", "$1M", "$1.5M", "$2M", "$2.5M"}},
      {-2000, 400, TickStyle::kUsd, -2000, 500, {"-$2k", "-$1.5k", "-$1k", "-$500", "$0", "$500"}},
      // Degenerate ranges: a single value spans [0, v]; no usable data gives [0, 1].
      {5, 5, TickStyle::kNumber, 0, 5, {"0", "1", "2", "3", "4", "5"}},
      {kNaN, 7, TickStyle::kNumber, 0, 7, {"0", "1", "2", "3", "4", "5", "6", "7"}},
      {kNaN, kNaN, TickStyle::kNumber, 0, 1, {"0", "0.2", "0.4", "0.6", "0.8", "1"}},
      {0, 0, TickStyle::kNumber, 0, 1, {"0", "0.2", "0.4", "0.6", "0.8", "1"}},
  };
  for (const Case& c : cases) {
    INFO("data " << c.lo << " .. " << c.hi);
    Axis a = make_axis("label", ScaleKind::kLinear, c.lo, c.hi, c.style);
    CHECK(a.label == "label");
    CHECK(a.kind == ScaleKind::kLinear);
    CHECK(a.min == Approx(c.min));
    CHECK(a.max == Approx(c.max));
    CHECK(labels_of(a) == c.labels);
  }
}

TEST_CASE("log axes: whole decades, every k-th so that at most 8 ticks", "[report]") {
  struct Case {
    double lo, hi;
    TickStyle style;
    double min, max;
    std::vector<std::string> labels;
  };
  const std::vector<Case> cases = {
      // Decades 20..26: 7 ticks, every one.
      {3e20, 4e25, TickStyle::kNumber, 1e20, 1e26, {"10²⁰", "10²¹", "10²²", "10²³", "10²⁴", "10²⁵", "10²⁶"}},
      // Decades 17..31 are 15 ticks; every 2nd from 16 to 32 is 9; the next step on the 1-2-5
      // ladder, every 5th from 15 to 35, is 5.
      {5e17, 2e30, TickStyle::kNumber, 1e15, 1e35, {"10¹⁵", "10²⁰", "10²⁵", "10³⁰", "10³⁵"}},
      // Beyond 100,000 and within a trillion, every label takes a suffix; below 1 or beyond a
      // trillion, every label is a power of ten.
      {8000, 5.5e7, TickStyle::kNumber, 1e3, 1e8, {"1k", "10k", "100k", "1M", "10M", "100M"}},
      {0.02, 5e5, TickStyle::kNumber, 1e-2, 1e6, {"10⁻²", "10⁰", "10²", "10⁴", "10⁶"}},  // 9 decades: every 2nd
      {2, 50, TickStyle::kNumber, 1, 100, {"1", "10", "100"}},
      {0.002, 30, TickStyle::kUsd, 1e-3, 100, {"$0.001", "$0.01", "$0.1", "$1", "$10", "$100"}},
      {0.004, 0.5, TickStyle::kPercent, 1e-3, 1, {"0.1%", "1%", "10%", "100%"}},
      // Zero is ignored, leaving one value; an exact power of ten gets the decade above it.
      {0, 1000, TickStyle::kNumber, 1e3, 1e4, {"1,000", "10,000"}},
      {1e21, 1e21, TickStyle::kNumber, 1e21, 1e22, {"10²¹", "10²²"}},
      // Nothing usable: [1, 10].
      {-5, 0, TickStyle::kNumber, 1, 10, {"1", "10"}},
      {kNaN, kNaN, TickStyle::kNumber, 1, 10, {"1", "10"}},
  };
  for (const Case& c : cases) {
    INFO("data " << c.lo << " .. " << c.hi);
    Axis a = make_axis("label", ScaleKind::kLog, c.lo, c.hi, c.style);
    CHECK(a.kind == ScaleKind::kLog);
    CHECK(a.min == Approx(c.min).epsilon(1e-12));
    CHECK(a.max == Approx(c.max).epsilon(1e-12));
    CHECK(labels_of(a) == c.labels);
  }
}

TEST_CASE("every axis covers its data with evenly spaced ticks from end to end", "[report]") {
  for (double lo : {-7e5, -3.3, 0.0, 0.004, 1.0, 17.0, 950.0, 2.2e4, 6e9}) {
    for (double span : {1e-3, 0.37, 1.0, 9.9, 140.0, 5e4, 3.1e8, 7e12}) {
      double hi = lo + span;
      INFO("data " << lo << " .. " << hi);
      Axis a = make_axis("", ScaleKind::kLinear, lo, hi);
      REQUIRE(a.ticks.size() >= 4);
      REQUIRE(a.ticks.size() <= 8);
      CHECK(a.ticks.front().value == a.min);
      CHECK(a.ticks.back().value == a.max);
      // Covered to within a billionth of a step, the slack that absorbs rounding (0.3 / 0.1).
      double step = a.ticks[1].value - a.ticks[0].value;
      CHECK(a.min <= lo + 1e-9 * step);
      CHECK(a.max >= hi - 1e-9 * step);
      double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
      CHECK((mantissa == Approx(1) || mantissa == Approx(2) || mantissa == Approx(5)));
      for (size_t i = 1; i < a.ticks.size(); ++i)
        CHECK(a.ticks[i].value - a.ticks[i - 1].value == Approx(step));
      if (lo > 0) {
        Axis log = make_axis("", ScaleKind::kLog, lo, hi);
        REQUIRE(log.ticks.size() >= 2);
        REQUIRE(log.ticks.size() <= 8);
        CHECK(log.min <= lo);
        CHECK(log.max >= hi);
        for (const Tick& t : log.ticks) CHECK(std::log10(t.value) == Approx(std::round(std::log10(t.value))));
      }
    }
  }
}

TEST_CASE("axis_fraction maps the range to [0, 1], log axes by decades", "[report]") {
  Axis linear = make_axis("", ScaleKind::kLinear, 0, 37);  // [0, 40]
  CHECK(axis_fraction(linear, 0) == 0);
  CHECK(axis_fraction(linear, 10) == Approx(0.25));
  CHECK(axis_fraction(linear, 40) == Approx(1));
  CHECK(axis_fraction(linear, 50) == Approx(1.25));
  CHECK(axis_fraction(linear, -4) == Approx(-0.1));
  Axis log = make_axis("", ScaleKind::kLog, 3e20, 4e25);  // [1e20, 1e26]
  CHECK(axis_fraction(log, 1e20) == Approx(0).margin(1e-12));
  CHECK(axis_fraction(log, 1e23) == Approx(0.5));
  CHECK(axis_fraction(log, 1e26) == Approx(1));
  CHECK(axis_fraction(log, 1e27) == Approx(7.0 / 6));
  CHECK(std::isnan(axis_fraction(log, 0)));
  CHECK(std::isnan(axis_fraction(log, -1)));
  CHECK(std::isnan(axis_fraction(linear, kNaN)));
}

TEST_CASE("the palette is Okabe-Ito without black and wraps around", "[report]") {
  const std::vector<std::array<int, 3>> expected = {
      {0xE6, 0x9F, 0x00}, {0x56, 0xB4, 0xE9}, {0x00, 0x9E, 0x73}, {0xF0, 0xE4, 0x42},
      {0x00, 0x72, 0xB2}, {0xD5, 0x5E, 0x00}, {0xCC, 0x79, 0xA7}, {0x99, 0x99, 0x99}};
  for (int i = 0; i < 8; ++i) {
    Rgb c = palette(i);
    const auto& e = expected[static_cast<size_t>(i)];
    CHECK(c.r * 255 == Approx(e[0]));
    CHECK(c.g * 255 == Approx(e[1]));
    CHECK(c.b * 255 == Approx(e[2]));
    CHECK(c.r + c.g + c.b > 0);  // never black
    CHECK(palette(i + 8).r == c.r);
    CHECK(palette(i - 8).b == c.b);
  }
  CHECK(palette(-1).g == palette(7).g);
}

namespace {

// One orange line over 2024..2028 on a linear or log axis.
Chart line_chart(std::vector<double> y, ScaleKind kind = ScaleKind::kLinear) {
  Chart c;
  c.id = "test";
  c.title = "Compute per researcher";
  c.source = "Source: labsim test";
  c.x = make_axis("Year", ScaleKind::kLinear, 2024, 2028, TickStyle::kYear);
  c.y = make_axis("H100-hours", kind, 1, 1e4);
  c.series = {{"institute", {2024, 2025, 2026, 2027, 2028}, std::move(y), false, 0, {}, {}, {}, {}}};
  return c;
}

// cairo 1.16 writes each stroked series run as one SVG path; only series lines join round
// (grid, axes and legend samples are mitred), so this counts the unbroken pieces of lines.
int line_pieces(const std::string& svg) { return count(svg, "stroke-linejoin:round"); }

// Filled shapes in palette colour 0 (orange) at full opacity: dots, bars, bar legend squares.
int orange_fills(const std::string& svg) {
  return count(svg, "fill:rgb(90.196078%,62.352941%,0%);fill-opacity:1");
}

Document brief() {
  Document d;
  d.title = "Compute divide between a university institute and an industry lab";
  d.subtitle = "compute-divide, 2024-2034";
  d.summary = "A university institute with a five-year award against an industry lab.";
  d.findings = {"In 2034 the industry lab delivers 390 times the compute per researcher.",
                "The institute keeps 15 of its 38 researchers."};
  d.charts = {line_chart({10, 100, 1000, 5000, 9000}, ScaleKind::kLog)};
  labsim::report::Section chart;
  chart.charts = {0};
  d.sections.push_back(chart);
  labsim::report::Section limits;
  limits.heading = "Limits";
  limits.new_page = true;
  limits.bullets = {"Talent flows are deterministic."};
  d.sections.push_back(limits);
  labsim::report::Section table;
  table.heading = "Assumptions and sources";
  table.new_page = true;
  table.table.header = {"Input", "Value as written", "Source"};
  for (int i = 0; i < 60; ++i)
    table.table.rows.push_back(
        {"institutions.institute.budget_usd_" + std::to_string(i), "20000000",
         "NSF 2023 AI institutes announcement, a source long enough to wrap in its cell"});
  table.note = "No input lacks a source.";
  d.sections.push_back(table);
  labsim::report::Section method;
  method.heading = "Method";
  method.paragraphs = {"Each institution is projected year by year."};
  d.sections.push_back(method);
  labsim::report::Section stamp;
  stamp.heading = "Reproducibility";
  stamp.small_print = true;
  stamp.paragraphs = {"labsim: 0.1.0", "date: 2025-03-01"};
  d.sections.push_back(stamp);
  d.stamp = {{"labsim", "0.1.0"}, {"date", "2025-03-01"}};
  return d;
}

// The text of a PDF as pdftotext (poppler-utils) extracts it, each run of white space (such as
// the end of a wrapped line) as one space.
std::string pdf_text(const std::string& pdf) {
  char path[] = "/tmp/labsim-test-charts-XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, pdf.data(), pdf.size()) == static_cast<ssize_t>(pdf.size()));
  close(fd);
  std::string text;
  FILE* pipe = popen(("pdftotext " + std::string(path) + " - 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
  int status = pclose(pipe);
  std::remove(path);
  REQUIRE(status == 0);
  std::string squashed;
  for (char ch : text) {
    bool space = std::isspace(static_cast<unsigned char>(ch)) != 0;
    if (!space) {
      squashed += ch;
    } else if (!squashed.empty() && squashed.back() != ' ') {
      squashed += ' ';
    }
  }
  return squashed;
}

}  // namespace

TEST_CASE("charts as SVG 1.1 and PNG files, the same bytes every time", "[report]") {
  Chart c = line_chart({1, 10, 100, 1000, 10000}, ScaleKind::kLog);
  c.series.push_back({"frontier", c.series[0].x, {2, 20, 200, 2000, 20000}, true, 7, {}, {}, {}, {}});
  std::string svg = chart_svg(c);
  CHECK(svg.rfind("<?xml", 0) == 0);
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find("version=\"1.1\"") != std::string::npos);
  CHECK(svg.find("stroke-dasharray") != std::string::npos);  // the frontier is dashed
  CHECK(chart_svg(c) == svg);

  std::string png = chart_png(c, 640, 380, 2);
  REQUIRE(png.size() > 24);
  CHECK(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
  // IHDR: width and height, big-endian, at bytes 16 and 20: 1280 x 760 pixels.
  auto u32 = [&](size_t at) {
    unsigned v = 0;
    for (size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(png[at + i]);
    return v;
  };
  CHECK(u32(16) == 1280);
  CHECK(u32(20) == 760);
  CHECK(chart_png(c, 640, 380, 2) == png);
}

TEST_CASE("lines break where a value cannot be shown; a point alone is a dot", "[report]") {
  CHECK(line_pieces(chart_svg(line_chart({1, 2, 3, 4, 5}))) == 1);
  CHECK(line_pieces(chart_svg(line_chart({1, 2, kNaN, 4, 5}))) == 2);
  CHECK(line_pieces(chart_svg(line_chart({1, 2, 0, 4, 5}, ScaleKind::kLog))) == 2);
  CHECK(line_pieces(chart_svg(line_chart({1, 2, 0, 4, 5}, ScaleKind::kLinear))) == 1);
  std::string dots = chart_svg(line_chart({1, kNaN, 3, kNaN, 5}));
  CHECK(line_pieces(dots) == 0);
  CHECK(orange_fills(dots) == 3);
}

TEST_CASE("bands are translucent fills; stacked bars are one box per series and year", "[report]") {
  Chart band = line_chart({2, 3, 4, 5, 6});
  band.series[0].low = {1, 2, 3, 4, 5};
  band.series[0].high = {3, 4, kNaN, 6, 7};
  // Inner band (darker): two pieces (the gap at 2026) and the legend's sample.
  CHECK(count(chart_svg(band), "fill-opacity:0.32") == 3);
  CHECK(count(chart_svg(band), "fill-opacity:0.18") == 0);
  // The outer band (lighter), unbroken: one piece and the legend's sample; the note on the bands
  // adds a sample of both.
  band.series[0].outer_low = {0, 1, 2, 3, 4};
  band.series[0].outer_high = {4, 5, 6, 7, 8};
  CHECK(count(chart_svg(band), "fill-opacity:0.18") == 2);
  band.bands = "Lines: medians; shaded: 25\u201375% and 5\u201395% of 100 samples";
  std::string svg = chart_svg(band);
  CHECK(count(svg, "fill-opacity:0.18") == 3);
  CHECK(count(svg, "fill-opacity:0.32") == 4);

  Chart bars = line_chart({1, 2, kNaN, 0, 5});
  bars.kind = ChartKind::kStackedBars;
  bars.series.push_back({"compute", bars.series[0].x, {1, 1, 1, 1, 1}, false, 1, {}, {}, {}, {}});
  // Orange: 2024, 2025 and 2028 (NaN and 0 add nothing), and the legend's square.
  CHECK(orange_fills(chart_svg(bars)) == 4);
}

TEST_CASE("odd charts still draw: no series, no data, mismatched lengths, a tiny canvas", "[report]") {
  Chart empty;
  Chart no_data = line_chart({kNaN, kNaN, kNaN, kNaN, kNaN}, ScaleKind::kLog);
  Chart short_y = line_chart({1, 2});
  short_y.series[0].low = {0.5};
  Chart empty_bars = line_chart({});
  empty_bars.kind = ChartKind::kStackedBars;
  for (const Chart* c : {&empty, &no_data, &short_y, &empty_bars}) {
    CHECK(chart_svg(*c).find("<svg") != std::string::npos);
    CHECK(chart_png(*c, 60, 30, 1).substr(1, 3) == "PNG");
  }
}

TEST_CASE("the PDF brief: its text, repeated table header, fixed dates, same bytes", "[report]") {
  Document d = brief();
  std::string pdf = brief_pdf(d);
  CHECK(pdf.rfind("%PDF-", 0) == 0);
  CHECK(brief_pdf(d) == pdf);
  CHECK(pdf.find("/Title (" + d.title + ")") != std::string::npos);
  CHECK(count(pdf, "20250301000000") == 2);  // creation and modification date

  std::string text = pdf_text(pdf);
  CHECK(text.find(d.title) != std::string::npos);
  CHECK(text.find(d.findings[0]) != std::string::npos);
  CHECK(text.find("institutions.institute.budget_usd_59") != std::string::npos);
  CHECK(text.find("date: 2025-03-01") != std::string::npos);
  // 60 rows of two lines do not fit one page: the header is drawn again on the next one.
  CHECK(count(text, "Value as written") >= 2);

  d.stamp = {{"labsim", "0.1.0"}};
  CHECK(count(brief_pdf(d), "20000101000000") == 2);
}

TEST_CASE("tornado labels: an institution's id up front, leading parts of long paths give way", "[report]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"economy.pue", "economy.pue"},
      {"hardware.price_performance_doubling", "hardware.price_performance_doubling"},  // 35 characters
      {"institutions.institute.operations.utilization", "institute: operations.utilization"},
      {"institutions.compute-grant.funding.grant.amount", "compute-grant: funding.grant.amount"},
      // 49 characters; without "hardware." still 43; without "catalog." 34.
      {"hardware.catalog.H100-SXM.cloud_usd_per_hour.2025", "...H100-SXM.cloud_usd_per_hour.2025"},
      {"institutions.lab.people.research_scientist.salary_growth_per_year_extra",
       "lab: ...salary_growth_per_year_extra"},
      // Nothing left to drop: the last part stays whole.
      {"institutions.a-very-long-institution-id.people.salary", "a-very-long-institution-id: ...salary"},
  };
  for (const auto& [path, label] : cases) {
    INFO(path);
    CHECK(short_input_label(path) == label);
  }
}

namespace {

labsim::SensitivityTable tornado_table(const std::vector<std::pair<std::string, std::array<double, 2>>>& rows) {
  labsim::SensitivityTable t;
  t.columns = {"low", "high", "swing"};
  for (const auto& [input, ends] : rows)
    t.rows.push_back({input, 2030, {ends[0], ends[1], std::abs(ends[1] - ends[0])}});
  return t;
}

}  // namespace

TEST_CASE("tornado bars: largest swing first, zero swings left out, at most 8", "[report]") {
  // Swings: a 40, b 0, c 75, d 40 (a and d tie: the table's order), e 5.
  auto t = tornado_table({{"a.x", {80, 120}}, {"b.x", {100, 100}}, {"c.x", {150, 75}}, {"d.x", {90, 130}},
                          {"e.x", {98, 103}}});
  std::vector<TornadoBar> bars = tornado_bars(t);
  REQUIRE(bars.size() == 4);
  CHECK(bars[0].input == "c.x");
  CHECK(bars[0].low == 150);  // the output with the input at its 10th percentile, as given
  CHECK(bars[0].high == 75);
  CHECK(bars[1].input == "a.x");
  CHECK(bars[2].input == "d.x");
  CHECK(bars[3].input == "e.x");
  CHECK(bars[3].label == "e.x");

  std::vector<std::pair<std::string, std::array<double, 2>>> many;
  for (int i = 1; i <= 11; ++i) many.push_back({"input" + std::to_string(i), {0, static_cast<double>(i)}});
  bars = tornado_bars(tornado_table(many));
  REQUIRE(bars.size() == 8);
  CHECK(bars.front().input == "input11");
  CHECK(bars.back().input == "input4");
  CHECK(tornado_bars(tornado_table(many), 3).size() == 3);

  // Two paths that shorten alike are shown in full.
  std::string filler(40, 'a');
  bars = tornado_bars(tornado_table({{"x." + filler + ".leaf", {0, 2}}, {"y." + filler + ".leaf", {0, 1}},
                                     {"z.other", {0, 0.5}}}));
  REQUIRE(bars.size() == 3);
  CHECK(bars[0].label == "x." + filler + ".leaf");
  CHECK(bars[1].label == "y." + filler + ".leaf");
  CHECK(bars[2].label == "z.other");
}

TEST_CASE("a tornado chart draws two boxes per input and a dashed nominal line", "[report]") {
  Chart c;
  c.id = "tornado";
  c.title = "Which assumptions matter most";
  c.kind = ChartKind::kTornado;
  c.bars = {{"utilization", "u", 366168, 632472}, {"availability", "a", 478296, 520344}, {"pue", "p", 499000, 499500}};
  c.nominal = 499320;
  c.x = make_axis("H100-hours per researcher in 2026", ScaleKind::kLinear, 366168, 632472);
  c.y.min = -0.5;
  c.y.max = 2.5;
  c.y.ticks = {{2, "utilization"}, {1, "availability"}, {0, "pue"}};
  c.series = {{"Input at its 10th percentile", {}, {}, false, 4, {}, {}, {}, {}},
              {"Input at its 90th percentile", {}, {}, false, 5, {}, {}, {}, {}},
              {"All inputs nominal: 499,320", {}, {}, true, 7, {}, {}, {}, {}}};
  std::string svg = chart_svg(c);
  // Blue (palette 4) and vermillion (palette 5): one box per bar and the legend's square.
  CHECK(count(svg, "fill:rgb(0%,44.705882%,69.803922%);fill-opacity:1") == 4);
  CHECK(count(svg, "fill:rgb(83.529412%,36.862745%,0%);fill-opacity:1") == 4);
  CHECK(count(svg, "stroke-dasharray") == 2);  // the nominal line and its legend sample
  CHECK(chart_png(c, 640, 380, 2) == chart_png(c, 640, 380, 2));
  // No bars, or a tiny canvas: still a file.
  c.bars.clear();
  c.y.ticks.clear();
  CHECK(chart_svg(c).find("<svg") != std::string::npos);
  CHECK(chart_png(c, 60, 30, 1).substr(1, 3) == "PNG");
}
