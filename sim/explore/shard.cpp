// Shards: what a shard of a Monte Carlo or a Sobol analysis keeps (the chunks' sums and
// sketches), and the merge that adds them in chunk order as one process does. The file around
// them: shard_file.hpp.
#include "labsim/shard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <utility>

#include "explore/bytes.hpp"
#include "explore/input_error.hpp"
#include "explore/mc_study.hpp"
#include "explore/sensitivity_study.hpp"
#include "explore/shard_file.hpp"
#include "labsim/version.hpp"

namespace labsim {

namespace {

using explore::ByteReader;
using explore::ByteWriter;
using explore::DamagedBytes;
using explore::Facts;
using explore::is_placement;
using explore::kRerun;
using explore::Manifest;
using explore::Parsed;
using explore::refuse;

// Refuses `p` unless every key but the placement ones has the values `first`'s has.
void check_same_study(const Parsed& p, const Parsed& first) {
  auto study = [](const Manifest& m) {
    std::vector<const Manifest::Entry*> out;
    for (const Manifest::Entry& e : m.entries)
      if (!is_placement(e.key)) out.push_back(&e);
    return out;
  };
  const auto mine = study(p.manifest), theirs = study(first.manifest);
  for (std::size_t k = 0; k < std::max(mine.size(), theirs.size()); ++k) {
    const Manifest::Entry* a = k < mine.size() ? mine[k] : nullptr;
    const Manifest::Entry* b = k < theirs.size() ? theirs[k] : nullptr;
    if (a && b && a->key == b->key && a->value == b->value) continue;
    const std::string key = a ? a->key : b->key;
    const std::string here = a && (!b || a->key == b->key) ? fmt::format("\"{}\"", a->value) : "nothing";
    const std::string there = b && (!a || a->key == b->key) ? fmt::format("\"{}\"", b->value) : "nothing";
    refuse(*p.file, a ? a->line : 0, key,
           fmt::format("this shard is of another study: {} here, {} in {}", here, there, first.file->name),
           "merge the shards of one command only: every shard's options but --shard and --out must be the same");
  }
}

std::string chunks_text(std::size_t first, std::size_t last) {
  return last - first == 1 ? fmt::format("chunk {} is", first) : fmt::format("chunks {}-{} are", first, last - 1);
}

// Sorts the files by their first chunk and refuses overlaps and gaps in 0..chunks.
void check_cover(std::vector<Parsed>& files) {
  std::stable_sort(files.begin(), files.end(), [](const Parsed& a, const Parsed& b) {
    return a.range.first != b.range.first ? a.range.first < b.range.first : a.range.last < b.range.last;
  });
  const std::size_t chunks = files.front().facts.chunks;
  // Which shards of the first file's split hold the missing chunks, for the hint.
  const std::size_t count = files.front().facts.count;
  auto missing = [&](std::size_t from, std::size_t to) {
    std::vector<std::string> specs;
    for (std::size_t i = 1; i <= count; ++i) {
      ChunkRange r = shard_chunks(chunks, {i, count});
      if (r.first < to && r.last > from) specs.push_back(fmt::format("{}/{}", i, count));
    }
    explore::input_error("merge", fmt::format("no file holds {} of the study's {} chunks: a shard is missing",
                                              to - from == 1 ? fmt::format("chunk {}", from)
                                                             : fmt::format("chunks {}-{}", from, to - 1),
                                              chunks),
                         fmt::format("give every shard's file; with {} shards, --shard {} {} them", count,
                                     fmt::join(specs, " and "), specs.size() == 1 ? "holds" : "hold"));
  };
  std::size_t next = 0;
  const Parsed* previous = nullptr;
  for (const Parsed& p : files) {
    if (p.range.first == p.range.last) continue;  // a shard left without chunks (K > C)
    if (p.range.first < next)
      refuse(*p.file, 0, {}, fmt::format("{} also in {}: the same chunks twice",
                                         chunks_text(p.range.first, std::min(next, p.range.last)), previous->file->name),
             "give each shard's file once");
    if (p.range.first > next) missing(next, p.range.first);
    next = p.range.last;
    previous = &p;
  }
  if (next < chunks) missing(next, chunks);
}

// Reads the rest of a payload through `read`, refusing the file when the bytes do not fit.
template <class Read>
void read_payload(const Parsed& p, Read&& read) {
  try {
    ByteReader in(p.payload);
    read(in);
    if (!in.done()) throw DamagedBytes("its payload is longer than its manifest says");
  } catch (const DamagedBytes& e) {
    refuse(*p.file, 0, {}, fmt::format("the shard is damaged: {}", e.what()), std::string(kRerun));
  }
}

StatTable merge_monte_carlo(const std::vector<Parsed>& files) {
  const Facts& f = files.front().facts;
  const std::size_t cells = f.cells;
  std::vector<double> total(cells, 0.0);
  std::vector<explore::QuantileSketch> sketches(cells, explore::QuantileSketch(kQuantileAccuracy));
  for (const Parsed& p : files)
    read_payload(p, [&](ByteReader& in) {
      for (std::size_t k = p.range.first; k < p.range.last; ++k)
        for (std::size_t c = 0; c < cells; ++c) total[c] += in.f64();
      // Every cell's sketch holds each sample of the file's chunks once, defined or not.
      const std::size_t samples = std::min(f.stats.samples, p.range.last * explore::kStatChunk) -
                                  std::min(f.stats.samples, p.range.first * explore::kStatChunk);
      for (std::size_t c = 0; c < cells; ++c) {
        const explore::QuantileSketch sketch = explore::QuantileSketch::load(in, kQuantileAccuracy);
        if (sketch.count() + sketch.undefined() != samples)
          throw DamagedBytes("its sketches do not count the samples of its chunks");
        sketches[c].merge(sketch);
      }
    });
  return explore::finish_stats(f.stats, total, sketches);
}

void save_sums(ByteWriter& w, const explore::SobolSums& s) {
  w.f64(s.rows);
  w.f64(s.scale);
  w.varint(s.point.size());
  for (double v : s.point) w.f64(v);
  w.varint(s.weight.size());
  for (double v : s.weight) w.f64(v);
  for (double v : s.resampled) w.f64(v);
}

explore::SobolSums load_sums(ByteReader& in, std::size_t width, std::size_t bootstrap) {
  explore::SobolSums s;
  s.rows = in.f64();
  s.scale = in.f64();
  if (in.varint() != width) throw DamagedBytes("its sums are not those of its inputs");
  s.point.resize(width);
  for (double& v : s.point) v = in.f64();
  if (in.varint() != bootstrap) throw DamagedBytes("its sums are not those of its resamples");
  s.weight.resize(bootstrap);
  for (double& v : s.weight) v = in.f64();
  s.resampled.resize(bootstrap * width);
  for (double& v : s.resampled) v = in.f64();
  return s;
}

SensitivityTable merge_sobol(const std::vector<Parsed>& files) {
  const Facts& f = files.front().facts;
  const std::size_t width = 2 + 2 * f.inputs.size();
  std::vector<explore::SobolSums> totals(f.years.size());
  for (const Parsed& p : files)
    read_payload(p, [&](ByteReader& in) {
      for (std::size_t k = p.range.first; k < p.range.last; ++k) {
        const double rows = static_cast<double>(std::min(f.base_rows, (k + 1) * f.chunk_rows) - k * f.chunk_rows);
        for (explore::SobolSums& total : totals) {
          explore::SobolSums sums = load_sums(in, width, f.bootstrap);
          if (sums.rows != rows) throw DamagedBytes("its sums do not count the rows of its chunks");
          explore::add_sobol_sums(total, sums);
        }
      }
    });
  return explore::rank_sobol(f.sobol, f.inputs, f.years, totals);
}

}  // namespace

ShardSpec parse_shard(std::string_view text) {
  const std::size_t slash = text.find('/');
  ShardSpec s{0, 0};
  auto read = [](std::string_view part, std::size_t& n) {
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), n);
    return ec == std::errc() && end == part.data() + part.size() && !part.empty();
  };
  if (slash == std::string_view::npos || !read(text.substr(0, slash), s.index) || !read(text.substr(slash + 1), s.count))
    explore::input_error("--shard", fmt::format("expected I/K (shard I of K, e.g. 3/8), found \"{}\"", text));
  if (s.count < 1 || s.count > kMaxShards || s.index < 1 || s.index > s.count)
    explore::input_error("--shard", fmt::format("expected I/K with 1 <= I <= K <= {}, found \"{}\"", kMaxShards, text),
                         "array jobs number their tasks 1 to K: --shard ${SLURM_ARRAY_TASK_ID}/K");
  return s;
}

ChunkRange shard_chunks(std::size_t chunks, ShardSpec spec) {
  // floor(I C / K): I <= K <= 100,000 and C <= 244,141 (10^9 samples in chunks of 4,096), so
  // I C stays far below 2^64.
  auto at = [&](std::size_t i) { return i * chunks / spec.count; };
  return {at(spec.index - 1), at(spec.index)};
}

std::string monte_carlo_shard(const Scenario& s, const MonteCarloOptions& o, const std::vector<int>& shown_years,
                              ShardSpec spec) {
  const std::vector<Metric>& metrics = o.metrics.empty() ? default_tracked_metrics() : o.metrics;
  explore::McStudy study({&s}, o, metrics);
  const ChunkRange r = shard_chunks(study.chunks(), spec);
  std::string payload;
  ByteWriter w(payload);
  auto sketches = study.run(r.first, r.last, [&](std::size_t, std::span<const double> sums) {
    for (double v : sums) w.f64(v);
  });
  for (const auto& sketch : sketches) sketch.save(payload);
  const StatTable& t = study.header();
  Manifest m = explore::study_manifest("mc", s);
  m.add("samples", o.samples);
  m.add("seed", std::to_string(o.seed));
  m.add("sampler", to_string(o.sampling));
  m.add("chunk_samples", explore::kStatChunk);
  m.add("chunks", study.chunks());
  m.add("first_year", std::to_string(t.first_year));
  m.add("last_year", std::to_string(t.last_year));
  for (const std::string& id : t.institutions) m.add("institution", id);
  for (Metric metric : t.metrics) m.add("metric", metric_info(metric).name);
  for (const std::string& c : t.columns) m.add("column", c);
  for (int y : shown_years) m.add("shown_year", std::to_string(y));
  return explore::assemble(std::move(m), spec, r, payload);
}

std::string sensitivity_shard(const Scenario& s, const SensitivityOptions& o, ShardSpec spec) {
  if (o.method != SensitivityMethod::kSobol)
    explore::input_error("--shard", "only a Sobol analysis (--method sobol) runs in shards",
                         "tornado and Morris take a few hundred runs: run them whole");
  explore::SensitivityStudy study(s, o);
  const ChunkRange r = shard_chunks(study.chunks(), spec);
  std::string payload;
  ByteWriter w(payload);
  study.run_sobol(r.first, r.last, [&](std::size_t, std::size_t, const explore::SobolSums& sums) { save_sums(w, sums); });
  const SensitivityTable& t = study.header();
  Manifest m = explore::study_manifest("sobol", s);
  m.add("metric", t.metric);
  m.add("institution", t.institution);
  m.add("base_samples", study.base_rows());
  m.add("seed", std::to_string(o.seed));
  m.add("bootstrap", static_cast<std::size_t>(std::max(0, o.bootstrap)));
  m.add("chunk_rows", explore::sobol_chunk_rows(study.base_rows()));
  m.add("chunks", study.chunks());
  m.add("evaluations", t.evaluations);
  for (int y : study.years()) m.add("year", std::to_string(y));
  for (const std::string& p : study.paths()) m.add("input", p);
  return explore::assemble(std::move(m), spec, r, payload);
}

MergedStudy merge_shards(const std::vector<ShardFile>& files) {
  if (files.empty()) explore::input_error("merge", "no shard files given", "labsim merge part-*.lsr");
  std::vector<Parsed> parsed;
  for (const ShardFile& f : files) parsed.push_back(explore::parse(f));
  for (const Parsed& p : parsed) check_same_study(p, parsed.front());
  if (parsed.front().manifest.one("labsim") != version())
    refuse(files.front(), parsed.front().manifest.find("labsim")->line, "labsim",
           fmt::format("written by labsim {}, and this is labsim {}", parsed.front().manifest.one("labsim"), version()),
           "merge with the labsim that wrote the shards, so that the numbers are that version's");
  check_cover(parsed);
  MergedStudy out;
  out.sobol = parsed.front().facts.study == "sobol";
  if (out.sobol) out.sensitivity = merge_sobol(parsed);
  else out.stats = merge_monte_carlo(parsed);
  return out;
}

}  // namespace labsim
