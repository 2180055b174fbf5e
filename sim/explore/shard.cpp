// Shard files: a manifest in text, the chunks' sums and sketches in bytes, a checksum; and the
// merge that adds them in chunk order as one process does.
#include "labsim/shard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <numeric>
#include <utility>

#include "explore/bytes.hpp"
#include "explore/input_error.hpp"
#include "explore/mc_study.hpp"
#include "explore/sensitivity_study.hpp"
#include "labsim/scenario_json.hpp"
#include "labsim/version.hpp"
#include "text/number.hpp"

namespace labsim {

namespace {

using explore::ByteReader;
using explore::ByteWriter;
using explore::DamagedBytes;

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// The manifest's keys that place a shard in its study; every other key must agree between the
// shards of one study.
bool is_placement(std::string_view key) {
  return key == "shard" || key == "first_chunk" || key == "last_chunk" || key == "payload_bytes";
}

// "key: value" lines; values escape '\' and newlines so that one entry is one line.
struct Manifest {
  struct Entry {
    std::string key, value;
    int line = 0;  // in the file, 1-based (the magic line is line 1)
  };
  std::vector<Entry> entries;

  void add(std::string key, std::string value) { entries.push_back({std::move(key), std::move(value), 0}); }
  void add(std::string key, std::size_t value) { add(std::move(key), std::to_string(value)); }

  std::string text() const {
    std::string out;
    for (const Entry& e : entries) {
      out += e.key + ": ";
      for (char c : e.value) {
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else out += c;
      }
      out += '\n';
    }
    return out;
  }
  std::vector<std::string> all(std::string_view key) const {
    std::vector<std::string> out;
    for (const Entry& e : entries)
      if (e.key == key) out.push_back(e.value);
    return out;
  }
  const Entry* find(std::string_view key) const {
    for (const Entry& e : entries)
      if (e.key == key) return &e;
    return nullptr;
  }
  const std::string& one(std::string_view key) const {
    const Entry* e = find(key);
    if (!e) throw DamagedBytes(fmt::format("its manifest has no \"{}\"", key));
    return e->value;
  }
  std::size_t number(std::string_view key) const {
    const std::string& v = one(key);
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size())
      throw DamagedBytes(fmt::format("its manifest's \"{}\" is not a count: \"{}\"", key, v));
    return n;
  }
};

// The manifest's first lines: who wrote it, which study, of which scenario (its name, and the
// FNV-1a hash of its resolved form: --set values included).
Manifest study_manifest(const char* study, const Scenario& s) {
  Manifest m;
  m.add("labsim", version());
  m.add("study", study);
  m.add("scenario", s.name);
  m.add("scenario_hash", fmt::format("{:016x}", fnv1a(scenario_to_json(s))));
  return m;
}

// magic, manifest, a blank line, the payload, "end <hex checksum of all before>\n".
std::string assemble(Manifest m, ShardSpec spec, ChunkRange r, const std::string& payload) {
  m.add("shard", fmt::format("{}/{}", spec.index, spec.count));
  m.add("first_chunk", r.first);
  m.add("last_chunk", r.last);
  m.add("payload_bytes", payload.size());
  std::string out(kShardMagic);
  out += m.text();
  out += '\n';
  out += payload;
  out += shard_trailer(out);
  return out;
}

// What a manifest says, checked: every key a study needs is there, numbers are numbers, and
// the counts agree with one another (so that nothing is allocated for data the file cannot hold).
struct Facts {
  std::string study;       // "mc" or "sobol"
  std::size_t chunks = 0;  // of the whole study
  std::size_t count = 1;   // K of the shard's I/K
  // mc
  StatTable stats;         // without cells
  std::size_t cells = 0;
  // sobol
  SensitivityTable sobol;  // without rows
  std::vector<std::string> inputs;
  std::vector<int> years;
  std::size_t base_rows = 0, chunk_rows = 0, bootstrap = 0;
};

// One file read back: its manifest, the chunks it holds and their bytes.
struct Parsed {
  const ShardFile* file = nullptr;
  Manifest manifest;
  Facts facts;
  ChunkRange range;
  std::string_view payload;
};

int year_of(const std::string& v) {
  int y = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), y);
  if (ec != std::errc() || end != v.data() + v.size() || y < 1 || y > 9999)
    throw DamagedBytes(fmt::format("\"{}\" is not a year", v));
  return y;
}

std::size_t varint_size(std::uint64_t v) {
  std::size_t n = 1;
  for (; v >= 0x80; v >>= 7) ++n;
  return n;
}

// The smallest a saved sketch can be: accuracy, min, max (8 bytes each), the zero and undefined
// counts and two empty stores (8 bytes and a varint each).
constexpr std::size_t kSmallestSketch = 3 * 8 + 2 + 2 * (8 + 1);

Facts read_facts(const Manifest& m, ChunkRange range, std::size_t payload) {
  Facts f;
  f.study = m.one("study");
  m.one("labsim");
  m.one("scenario");
  m.one("scenario_hash");
  m.one("seed");
  {
    const std::string& shard = m.one("shard");
    const std::size_t slash = shard.find('/');
    if (slash == std::string::npos) throw DamagedBytes("its \"shard\" is not I/K");
    std::from_chars(shard.data() + slash + 1, shard.data() + shard.size(), f.count);
    f.count = std::clamp<std::size_t>(f.count, 1, kMaxShards);
  }
  f.chunks = m.number("chunks");
  const std::size_t held = range.last - range.first;
  if (f.study == "mc") {
    StatTable& t = f.stats;
    t.scenario = m.one("scenario");
    t.samples = m.number("samples");
    m.one("sampler");
    if (t.samples < 1 || t.samples > kMaxSamples) throw DamagedBytes("its sample count is out of range");
    if (m.number("chunk_samples") != explore::kStatChunk || f.chunks != (t.samples + explore::kStatChunk - 1) / explore::kStatChunk)
      throw DamagedBytes("its chunks are not those of its sample count");
    t.first_year = year_of(m.one("first_year"));
    t.last_year = year_of(m.one("last_year"));
    if (t.last_year < t.first_year) throw DamagedBytes("its last year is before its first");
    t.institutions = m.all("institution");
    for (const std::string& name : m.all("metric")) {
      const Metric metric = find_metric(name);
      if (metric == Metric::kCount) throw DamagedBytes(fmt::format("\"{}\" is not a metric of this labsim", name));
      t.metrics.push_back(metric);
    }
    t.columns = m.all("column");
    for (const std::string& y : m.all("shown_year")) t.shown_years.push_back(year_of(y));
    if (t.institutions.empty() || t.metrics.empty() || (t.columns.size() != 1 && t.columns.size() != 3 && t.columns.size() != 5))
      throw DamagedBytes("it names no institution, no metric or no column");
    f.cells = t.institutions.size() * t.metrics.size() * static_cast<std::size_t>(t.year_count()) * t.columns.size();
    // The chunks' sums, then a sketch per cell: the payload holds at least that many bytes.
    if (payload / 8 / f.cells < held || payload - held * f.cells * 8 < f.cells * kSmallestSketch)
      throw DamagedBytes("its payload is too short for its chunks and cells");
  } else if (f.study == "sobol") {
    SensitivityTable& t = f.sobol;
    t.method = SensitivityMethod::kSobol;
    t.metric = m.one("metric");
    t.institution = m.one("institution");
    t.columns = {"first_order", "first_order_ci", "total", "total_ci"};
    f.base_rows = m.number("base_samples");
    f.bootstrap = m.number("bootstrap");
    f.chunk_rows = m.number("chunk_rows");
    f.inputs = m.all("input");
    for (const std::string& y : m.all("year")) f.years.push_back(year_of(y));
    t.evaluations = m.number("evaluations");
    if (f.base_rows < 1 || f.base_rows > kMaxSamples || f.inputs.empty() || f.inputs.size() > 500 || f.years.empty())
      throw DamagedBytes("it has no base samples, no inputs or no years");
    if (f.chunk_rows != explore::sobol_chunk_rows(f.base_rows) || f.chunks != (f.base_rows + f.chunk_rows - 1) / f.chunk_rows ||
        t.evaluations != f.base_rows * (f.inputs.size() + 2))
      throw DamagedBytes("its chunks are not those of its base samples");
    // Per chunk and year: rows and scale, the point sums, the resamples' weights and sums.
    const std::size_t width = 2 + 2 * f.inputs.size();
    if (f.bootstrap > payload / 8) throw DamagedBytes("its payload is too short for its resamples");
    const std::size_t each = 16 + varint_size(width) + 8 * width + varint_size(f.bootstrap) + 8 * f.bootstrap * (1 + width);
    if (payload != held * f.years.size() * each) throw DamagedBytes("its payload is not the size of its chunks' sums");
  } else {
    throw DamagedBytes(fmt::format("\"{}\" is not a study this labsim merges (mc, sobol)", f.study));
  }
  return f;
}

[[noreturn]] void refuse(const ShardFile& f, int line, std::string path, std::string message, std::string hint = {}) {
  Diagnostic d;
  d.file = f.name;
  d.line = line;
  d.column = line > 0 ? 1 : 0;
  d.path = std::move(path);
  d.message = std::move(message);
  d.hint = std::move(hint);
  throw InputError({d});
}

constexpr std::string_view kRerun = "write the shard again with the same command (`--shard I/K --out FILE`)";

Parsed parse(const ShardFile& f) {
  const std::string_view bytes = f.bytes;
  if (bytes.substr(0, kShardMagic.size()) != kShardMagic)
    refuse(f, 0, {}, "not a labsim shard file (it does not begin with \"labsim shard 1\")",
           "shards are written by `labsim mc|sensitivity ... --shard I/K --out FILE`");
  constexpr std::size_t kTrailer = 4 + 16 + 1;  // "end " + 16 hex digits + "\n"
  const std::string_view trailer = bytes.size() >= kShardMagic.size() + kTrailer ? bytes.substr(bytes.size() - kTrailer) : "";
  const std::string expected = shard_trailer(bytes.substr(0, bytes.size() - trailer.size()));
  if (trailer.size() != kTrailer || trailer != expected)
    refuse(f, 0, {}, "the shard is damaged: its checksum does not match its contents (cut short, or changed after "
                     "labsim wrote it)", std::string(kRerun));
  Parsed p;
  p.file = &f;
  std::size_t at = kShardMagic.size();
  int line = 2;
  const std::size_t body_end = bytes.size() - kTrailer;
  for (;; ++line) {
    const std::size_t nl = bytes.find('\n', at);
    if (nl == std::string_view::npos || nl >= body_end) refuse(f, line, {}, "the shard's manifest does not end");
    const std::string_view text = bytes.substr(at, nl - at);
    at = nl + 1;
    if (text.empty()) break;
    const std::size_t colon = text.find(": ");
    if (colon == std::string_view::npos) refuse(f, line, {}, fmt::format("expected \"key: value\", found \"{}\"", text));
    Manifest::Entry e{std::string(text.substr(0, colon)), {}, line};
    for (std::size_t k = colon + 2; k < text.size(); ++k) {
      if (text[k] == '\\' && k + 1 < text.size()) e.value += text[++k] == 'n' ? '\n' : text[k];
      else e.value += text[k];
    }
    p.manifest.entries.push_back(std::move(e));
  }
  try {
    p.range = {p.manifest.number("first_chunk"), p.manifest.number("last_chunk")};
    const std::size_t size = p.manifest.number("payload_bytes");
    if (size != body_end - at) throw DamagedBytes("its payload is not the length its manifest gives");
    if (p.range.first > p.range.last || p.range.last > p.manifest.number("chunks"))
      throw DamagedBytes("its chunk range is not inside the study");
    p.facts = read_facts(p.manifest, p.range, size);
  } catch (const DamagedBytes& e) {
    refuse(f, 0, {}, fmt::format("the shard is damaged: {}", e.what()), std::string(kRerun));
  }
  p.payload = bytes.substr(at, body_end - at);
  return p;
}

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

std::string shard_trailer(std::string_view bytes) { return fmt::format("end {:016x}\n", fnv1a(bytes)); }

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
  Manifest m = study_manifest("mc", s);
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
  return assemble(std::move(m), spec, r, payload);
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
  Manifest m = study_manifest("sobol", s);
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
  return assemble(std::move(m), spec, r, payload);
}

MergedStudy merge_shards(const std::vector<ShardFile>& files) {
  if (files.empty()) explore::input_error("merge", "no shard files given", "labsim merge part-*.lsr");
  std::vector<Parsed> parsed;
  for (const ShardFile& f : files) parsed.push_back(parse(f));
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
