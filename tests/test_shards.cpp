// Shards (issue 20): a Monte Carlo or a Sobol analysis split into K parts merges to exactly the
// bytes of one run, whatever K and whatever order the files come in; files that do not make one
// study are refused with a message that names the file and what is wrong.
#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <random>
#include <sstream>

#include "explore/sketch.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"
#include "labsim/shard.hpp"
#include "labsim/version.hpp"

namespace {

// Two uncertain inputs, two institutions, three years: a sample costs little, so the 7 x 4,096
// samples that give seven shards a chunk each run in well under a second.
labsim::Scenario study_scenario(const std::string& set = "") {
  std::vector<std::string> sets;
  if (!set.empty()) sets.push_back(set);
  return labsim::load_scenario_string(R"(scenario: {name: shards, years: 2024-2026}
institutions:
  - id: lab
    kind: university
    fleet: [{gpu: H100-SXM, count: 1000, acquired: 2024}]
    operations: {availability: 100%, utilization: {uniform: [40%, 80%]}, mfu: {normal: [35%, 5%]}}
    people: [{role: faculty, count: 10, salary: 100k}]
    reserves: 20M
  - id: other
    kind: university
    fleet: [{gpu: H100-SXM, count: 500, acquired: 2024}]
    operations: {availability: 100%, utilization: 50%}
    people: [{role: faculty, count: 10, salary: 100k}]
    reserves: 20M
)", "shards.yaml", sets);
}

std::string csv_of(const labsim::StatTable& t) {
  std::ostringstream s;
  labsim::write_stat_csv(s, t);
  return s.str();
}
std::string json_of(const labsim::StatTable& t) {
  std::ostringstream s;
  labsim::write_stat_json(s, t);
  return s.str();
}
std::string csv_of(const labsim::SensitivityTable& t) {
  std::ostringstream s;
  labsim::write_sensitivity_csv(s, t);
  return s.str();
}

// The K shard files in a shuffled order (fixed by `seed`).
template <class Make>
std::vector<labsim::ShardFile> shards(std::size_t k, Make&& make, unsigned seed) {
  std::vector<labsim::ShardFile> files;
  for (std::size_t i = 1; i <= k; ++i) files.push_back({"part-" + std::to_string(i) + ".lsr", make(labsim::ShardSpec{i, k})});
  std::mt19937 g(seed);
  std::shuffle(files.begin(), files.end(), g);
  return files;
}

labsim::MonteCarloOptions mc_options() {
  labsim::MonteCarloOptions o;
  o.samples = 7 * 4096 + 100;  // eight chunks, the last a short one
  o.seed = 11;
  o.threads = 2;
  return o;
}

// The whole error report of `f`, or "" when it does not throw.
template <class F>
std::string refusal(F&& f) {
  try {
    f();
  } catch (const labsim::InputError& e) {
    return e.report();
  }
  return "";
}

// A shard file whose manifest line `key: old` reads `key: new`, with its checksum made right
// again: what the checksum cannot catch, the manifest checks must.
std::string edited(std::string bytes, const std::string& from, const std::string& to) {
  bytes.resize(bytes.size() - 21);  // "end " + 16 hex digits + "\n"
  const std::size_t at = bytes.find(from);
  REQUIRE(at != std::string::npos);
  bytes.replace(at, from.size(), to);
  return bytes + labsim::shard_trailer(bytes);
}

}  // namespace

TEST_CASE("shard I of K takes the I-th of K contiguous ranges of chunks: together every chunk once", "[shard]") {
  for (std::size_t chunks : {1u, 2u, 7u, 8u, 245u}) {
    for (std::size_t k : {1u, 2u, 3u, 7u, 16u}) {
      INFO("chunks " << chunks << ", shards " << k);
      std::size_t next = 0, smallest = chunks, largest = 0;
      for (std::size_t i = 1; i <= k; ++i) {
        const labsim::ChunkRange r = labsim::shard_chunks(chunks, {i, k});
        CHECK(r.first == next);
        CHECK(r.last >= r.first);
        smallest = std::min(smallest, r.last - r.first);
        largest = std::max(largest, r.last - r.first);
        next = r.last;
      }
      CHECK(next == chunks);
      CHECK(largest - smallest <= 1);  // as even as whole chunks allow
    }
  }
  // 8 chunks in 3: floor(8/3) = 2 and floor(16/3) = 5, so 0-1, 2-4, 5-7.
  CHECK(labsim::shard_chunks(8, {2, 3}).first == 2);
  CHECK(labsim::shard_chunks(8, {2, 3}).last == 5);
}

TEST_CASE("the shard option reads I/K with 1 <= I <= K and refuses anything else by name", "[shard]") {
  CHECK(labsim::parse_shard("3/8").index == 3);
  CHECK(labsim::parse_shard("3/8").count == 8);
  CHECK(labsim::parse_shard("1/1").count == 1);
  for (const char* bad : {"0/3", "4/3", "3", "a/b", "1/100001", "/3", "1/", "-1/3", "1/3/4", " 1/3"}) {
    INFO(bad);
    CHECK_THAT(refusal([&] { labsim::parse_shard(bad); }), Catch::Contains("--shard") && Catch::Contains(bad));
  }
}

TEST_CASE("a quantile sketch saved and loaded answers every quantile as before and merges the same", "[shard][sketch]") {
  labsim::explore::QuantileSketch a(0.005), b(0.005);
  std::mt19937_64 g(3);
  std::lognormal_distribution<double> d(2.0, 1.5);
  for (int i = 0; i < 5000; ++i) a.add(i % 7 == 0 ? -d(g) : d(g));
  for (int i = 0; i < 3000; ++i) b.add(i % 11 == 0 ? 0.0 : d(g) * 1e6);
  b.add(std::nan(""));
  std::string bytes;
  a.save(bytes);
  b.save(bytes);
  labsim::explore::ByteReader in(bytes);
  labsim::explore::QuantileSketch a2 = labsim::explore::QuantileSketch::load(in, 0.005);
  labsim::explore::QuantileSketch b2 = labsim::explore::QuantileSketch::load(in, 0.005);
  CHECK(in.done());
  CHECK(a2.count() == 5000);
  CHECK(b2.undefined() == 1);
  labsim::explore::QuantileSketch ab = a, ab2 = a2;
  ab.merge(b);
  ab2.merge(b2);
  for (double q : {0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0}) {
    INFO(q);
    CHECK(a2.quantile(q) == a.quantile(q));
    CHECK(b2.quantile(q) == b.quantile(q));
    CHECK(ab2.quantile(q) == ab.quantile(q));
  }
  // Cut short, or of another accuracy: damage, never a sketch.
  labsim::explore::ByteReader cut(std::string_view(bytes).substr(0, 40));
  CHECK_THROWS_AS(labsim::explore::QuantileSketch::load(cut, 0.005), labsim::explore::DamagedBytes);
  labsim::explore::ByteReader other(bytes);
  CHECK_THROWS_AS(labsim::explore::QuantileSketch::load(other, 0.01), labsim::explore::DamagedBytes);
  // Buckets beyond any double's, or more counts than bytes left: damage, refused before the
  // store is allocated (two far-apart buckets would otherwise take gigabytes to merge).
  auto sketch_with_store = [](std::int64_t offset, std::uint64_t size, int counts) {
    std::string made;
    labsim::explore::ByteWriter w(made);
    w.f64(0.005);
    w.f64(1);
    w.f64(2);
    w.varint(0);
    w.varint(0);
    w.i64(offset);
    w.varint(size);
    for (int k = 0; k < counts; ++k) w.varint(1);
    w.i64(0);
    w.varint(0);
    return made;
  };
  for (const std::string& damaged : {sketch_with_store(std::int64_t{1} << 24, 1, 1),
                                     sketch_with_store(-(std::int64_t{1} << 24), 1, 1),
                                     sketch_with_store(0, 100'000'000, 1)}) {
    labsim::explore::ByteReader in_bad(damaged);
    CHECK_THROWS_AS(labsim::explore::QuantileSketch::load(in_bad, 0.005), labsim::explore::DamagedBytes);
  }
  const std::string fine = sketch_with_store(100, 2, 2);
  labsim::explore::ByteReader in_fine(fine);
  CHECK(labsim::explore::QuantileSketch::load(in_fine, 0.005).count() == 2);
}

TEST_CASE("a Monte Carlo in 1 2 3 or 7 shards merges to the bytes of one run in any file order", "[shard][mc]") {
  const labsim::Scenario s = study_scenario();
  for (labsim::Sampling sampling : {labsim::Sampling::kRandom, labsim::Sampling::kLhs}) {
    labsim::MonteCarloOptions o = mc_options();
    o.sampling = sampling;
    const labsim::StatTable whole = labsim::monte_carlo(s, o);
    const std::string csv = csv_of(whole), json = json_of(whole);
    for (std::size_t k : {1u, 2u, 3u, 7u}) {
      for (unsigned order : {1u, 2u}) {
        INFO(labsim::to_string(sampling) << ", " << k << " shards, order " << order);
        auto files = shards(k, [&](labsim::ShardSpec spec) { return labsim::monte_carlo_shard(s, o, {}, spec); }, order * 31 + static_cast<unsigned>(k));
        const labsim::MergedStudy merged = labsim::merge_shards(files);
        REQUIRE_FALSE(merged.sobol);
        CHECK(csv_of(merged.stats) == csv);
        CHECK(json_of(merged.stats) == json);
        // The printed digits are rounded: the numbers themselves must be the same to the last bit
        // (the chunks' sums added in chunk order), and every cell saw every sample once.
        REQUIRE(merged.stats.cells.size() == whole.cells.size());
        for (std::size_t c = 0; c < whole.cells.size(); ++c) {
          CHECK(merged.stats.cells[c].mean == whole.cells[c].mean);
          CHECK(merged.stats.cells[c].percentiles == whole.cells[c].percentiles);
          CHECK(merged.stats.cells[c].defined == o.samples);
        }
      }
    }
  }
}

TEST_CASE("the shards of a Monte Carlo keep the years mc prints and the metrics it tracks", "[shard][mc]") {
  const labsim::Scenario s = study_scenario();
  labsim::MonteCarloOptions o = mc_options();
  o.samples = 5000;
  o.metrics = {labsim::Metric::kComputeH100Hours};
  labsim::StatTable whole = labsim::monte_carlo(s, o);
  whole.shown_years = {2026};
  auto files = shards(3, [&](labsim::ShardSpec spec) { return labsim::monte_carlo_shard(s, o, {2026}, spec); }, 5);
  // 5,000 samples are two chunks: one of the three shards holds none, and merges all the same.
  const labsim::MergedStudy merged = labsim::merge_shards(files);
  CHECK(csv_of(merged.stats) == csv_of(whole));
  CHECK(csv_of(merged.stats).find(",2025,") == std::string::npos);
}

TEST_CASE("a Sobol analysis in 1 2 3 or 7 shards merges to the bytes of one run in any file order", "[shard][sobol]") {
  const labsim::Scenario s = study_scenario();
  labsim::SensitivityOptions o;
  o.method = labsim::SensitivityMethod::kSobol;
  o.metric = labsim::Metric::kComputeH100Hours;
  o.institution = "lab";
  o.samples = 2048;  // eight chunks of 256 base rows
  o.seed = 4;
  o.threads = 2;
  o.bootstrap = 100;
  for (bool per_year : {false, true}) {
    o.per_year = per_year;
    const labsim::SensitivityTable table = labsim::sensitivity(s, o);
    const std::string whole = csv_of(table);
    for (std::size_t k : {1u, 2u, 3u, 7u}) {
      INFO((per_year ? "per year, " : "") << k << " shards");
      auto files = shards(k, [&](labsim::ShardSpec spec) { return labsim::sensitivity_shard(s, o, spec); }, 7 + static_cast<unsigned>(k));
      const labsim::MergedStudy merged = labsim::merge_shards(files);
      REQUIRE(merged.sobol);
      CHECK(csv_of(merged.sensitivity) == whole);
      REQUIRE(merged.sensitivity.rows.size() == table.rows.size());
      for (std::size_t r = 0; r < table.rows.size(); ++r) CHECK(merged.sensitivity.rows[r].values == table.rows[r].values);
      CHECK(merged.sensitivity.evaluations == 2048 * (2 + 2));
    }
  }
  // The indices are the analysis's, not an artefact of the split: H100-hours are proportional to
  // utilisation, and do not depend on MFU at all, so S = ST = 1 for utilisation, 0 for MFU.
  o.per_year = false;
  const labsim::SensitivityTable t = labsim::sensitivity(s, o);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].input == "institutions.lab.operations.utilization");
  CHECK(t.rows[0].values[0] == Approx(1).margin(0.02));
  CHECK(t.rows[0].values[2] == Approx(1).margin(0.02));
  CHECK(t.rows[1].values[2] == Approx(0).margin(1e-9));
}

TEST_CASE("merge refuses files that are not shards of one whole study and says which and why", "[shard][errors]") {
  const labsim::Scenario s = study_scenario();
  const labsim::MonteCarloOptions o = mc_options();
  std::vector<labsim::ShardFile> parts;
  for (std::size_t i = 1; i <= 3; ++i)
    parts.push_back({"part-" + std::to_string(i) + ".lsr", labsim::monte_carlo_shard(s, o, {}, {i, 3})});
  auto merge = [](std::vector<labsim::ShardFile> files) { return refusal([&] { labsim::merge_shards(files); }); };

  SECTION("a missing shard: the chunks no file holds, and which shard holds them") {
    const std::string r = merge({parts[0], parts[2]});
    CHECK_THAT(r, Catch::Contains("no file holds chunks 2-4 of the study's 8 chunks"));
    CHECK_THAT(r, Catch::Contains("--shard 2/3 holds them"));
    CHECK_THAT(merge({parts[0], parts[1]}), Catch::Contains("chunks 5-7"));
  }
  SECTION("the same shard twice") {
    CHECK_THAT(merge({parts[0], parts[1], parts[1], parts[2]}),
               Catch::Contains("part-2.lsr: error: chunks 2-4 are also in part-2.lsr"));
  }
  SECTION("shards of two splits that overlap") {
    labsim::ShardFile half{"half-1.lsr", labsim::monte_carlo_shard(s, o, {}, {1, 2})};
    CHECK_THAT(merge({half, parts[1], parts[2]}), Catch::Contains("chunks 2-3 are also in half-1.lsr"));
  }
  SECTION("a shard of another seed, of other sets, or of another sample count") {
    labsim::MonteCarloOptions seed7 = o;
    seed7.seed = 7;
    const std::string r = merge({parts[0], {"seed7.lsr", labsim::monte_carlo_shard(s, seed7, {}, {2, 3})}, parts[2]});
    CHECK_THAT(r, Catch::Contains("seed7.lsr:7:1: error: seed: this shard is of another study: \"7\" here, \"11\" in part-1.lsr"));
    const labsim::Scenario changed = study_scenario("institutions.other.people[0].salary=120k");
    CHECK_THAT(merge({parts[0], {"set.lsr", labsim::monte_carlo_shard(changed, o, {}, {2, 3})}, parts[2]}),
               Catch::Contains("set.lsr:5:1: error: scenario_hash: this shard is of another study"));
    labsim::MonteCarloOptions more = o;
    more.samples += 1;
    CHECK_THAT(merge({parts[0], {"more.lsr", labsim::monte_carlo_shard(s, more, {}, {2, 3})}, parts[2]}),
               Catch::Contains("more.lsr:6:1: error: samples:"));
  }
  SECTION("a damaged file: cut short, a byte changed, or not a shard at all") {
    labsim::ShardFile cut = parts[1];
    cut.bytes.resize(cut.bytes.size() / 2);
    CHECK_THAT(merge({parts[0], cut, parts[2]}), Catch::Contains("part-2.lsr: error: the shard is damaged: its checksum"));
    labsim::ShardFile flipped = parts[1];
    flipped.bytes[flipped.bytes.size() - 100] ^= 0x10;
    CHECK_THAT(merge({parts[0], flipped, parts[2]}), Catch::Contains("the shard is damaged"));
    CHECK_THAT(merge({{"notes.txt", "hello\n"}}), Catch::Contains("notes.txt: error: not a labsim shard file"));
    CHECK_THAT(merge({{"empty.lsr", ""}}), Catch::Contains("empty.lsr: error: not a labsim shard file"));
    CHECK_THAT(merge({}), Catch::Contains("no shard files given"));
  }
  SECTION("a manifest that checks out but is not this labsim's, or whose chunks are not its payload's") {
    labsim::ShardFile old{"old.lsr", edited(parts[0].bytes, "labsim: " + std::string(labsim::version()), "labsim: 0.0.1")};
    CHECK_THAT(merge({old}), Catch::Contains("old.lsr:2:1: error: labsim: written by labsim 0.0.1"));
    // One shard of the whole study that claims a ninth chunk: its payload holds eight.
    const std::string whole = labsim::monte_carlo_shard(s, o, {}, {1, 1});
    labsim::ShardFile longer{"longer.lsr", edited(edited(whole, "chunks: 8", "chunks: 9"), "last_chunk: 8", "last_chunk: 9")};
    CHECK_THAT(merge({longer}), Catch::Contains("longer.lsr: error: the shard is damaged"));
    labsim::ShardFile outside{"outside.lsr", edited(whole, "last_chunk: 8", "last_chunk: 9")};
    CHECK_THAT(merge({outside}), Catch::Contains("outside.lsr: error: the shard is damaged: its chunk range is not inside the study"));
  }
  SECTION("a manifest that checks out but lies: refused before anything is allocated for it") {
    const std::string whole = labsim::monte_carlo_shard(s, o, {}, {1, 1});
    const std::string v = "labsim: " + std::string(labsim::version()) + "\n";
    auto damaged = [&](const std::string& bytes) { return merge({{"lie.lsr", bytes}}); };
    CHECK_THAT(damaged(edited(whole, v, "")), Catch::Contains("lie.lsr: error: the shard is damaged: its manifest has no \"labsim\""));
    CHECK_THAT(damaged(edited(whole, "study: mc\n", "")), Catch::Contains("its manifest has no \"study\""));
    CHECK_THAT(damaged(edited(whole, "study: mc", "study: tornado")), Catch::Contains("\"tornado\" is not a study"));
    // No columns, and a billion billion chunks to add up: a spin, unless refused.
    std::string spin = edited(edited(whole, "column: value\n", ""), "chunks: 8", "chunks: 1000000000000000000");
    CHECK_THAT(damaged(edited(spin, "last_chunk: 8", "last_chunk: 1000000000000000000")),
               Catch::Contains("the shard is damaged"));
    CHECK_THAT(damaged(edited(whole, "chunks: 8", "chunks: 9")), Catch::Contains("its chunks are not those of its sample count"));
    CHECK_THAT(damaged(edited(whole, "last_year: 2026", "last_year: 12026")), Catch::Contains("\"12026\" is not a year"));
    CHECK_THAT(damaged(edited(whole, "last_year: 2026", "last_year: 2500")), Catch::Contains("too short for its chunks and cells"));
    CHECK_THAT(damaged(edited(whole, "metric: compute.h100_hours\n", "metric: compute.h100_hourz\n")),
               Catch::Contains("\"compute.h100_hourz\" is not a metric"));
  }
  SECTION("sketches and sums that do not count what the manifest says are refused") {
    // Sample counts that differ by one are the same chunks but not the same sketches.
    labsim::MonteCarloOptions fewer = o;
    fewer.samples -= 1;
    const std::string short_one = labsim::monte_carlo_shard(s, fewer, {}, {1, 1});
    const std::string lie = edited(short_one, "samples: " + std::to_string(fewer.samples), "samples: " + std::to_string(o.samples));
    CHECK_THAT(merge({{"count.lsr", lie}}), Catch::Contains("count.lsr: error: the shard is damaged: its sketches do not count"));
    labsim::SensitivityOptions so;
    so.method = labsim::SensitivityMethod::kSobol;
    so.institution = "lab";
    so.samples = 512;
    so.bootstrap = 10;
    const std::string sobol = labsim::sensitivity_shard(s, so, {1, 1});
    CHECK_THAT(merge({{"boot.lsr", edited(sobol, "bootstrap: 10", "bootstrap: 100000000")}}),
               Catch::Contains("boot.lsr: error: the shard is damaged: its payload is too short for its resamples"));
    CHECK_THAT(merge({{"boot.lsr", edited(sobol, "bootstrap: 10", "bootstrap: 9")}}),
               Catch::Contains("not the size of its chunks' sums"));
    CHECK_THAT(merge({{"rows.lsr", edited(edited(sobol, "base_samples: 512", "base_samples: 511"), "evaluations: 2048", "evaluations: 2044")}}),
               Catch::Contains("its sums do not count the rows of its chunks"));
  }
  SECTION("shards of a Monte Carlo and of a Sobol analysis") {
    labsim::SensitivityOptions so;
    so.method = labsim::SensitivityMethod::kSobol;
    so.institution = "lab";
    so.samples = 256;
    CHECK_THAT(merge({parts[0], {"sobol.lsr", labsim::sensitivity_shard(s, so, {1, 1})}}),
               Catch::Contains("sobol.lsr:3:1: error: study: this shard is of another study: \"sobol\" here, \"mc\" in part-1.lsr"));
  }
}

TEST_CASE("only Sobol runs in shards: tornado and Morris are refused by name", "[shard][errors]") {
  labsim::SensitivityOptions o;
  o.institution = "lab";
  CHECK_THAT(refusal([&] { labsim::sensitivity_shard(study_scenario(), o, {1, 2}); }),
             Catch::Contains("--shard: only a Sobol analysis"));
}
