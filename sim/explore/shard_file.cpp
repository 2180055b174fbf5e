#include "explore/shard_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <utility>

#include "explore/mc_study.hpp"
#include "explore/sensitivity.hpp"
#include "labsim/scenario_json.hpp"
#include "labsim/version.hpp"
#include "text/hash.hpp"

namespace labsim {

namespace explore {

namespace {


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

// A Monte Carlo's table layout; its chunks' sums and a sketch per cell must fit the payload.
void read_mc_facts(const Manifest& m, std::size_t held, std::size_t payload, Facts& f) {
  StatTable& t = f.stats;
  t.scenario = m.one("scenario");
  t.samples = m.number("samples");
  m.one("sampler");
  if (t.samples < 1 || t.samples > kMaxSamples) throw DamagedBytes("its sample count is out of range");
  if (m.number("chunk_samples") != kStatChunk || f.chunks != (t.samples + kStatChunk - 1) / kStatChunk)
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
  if (payload / 8 / f.cells < held || payload - held * f.cells * 8 < f.cells * kSmallestSketch)
    throw DamagedBytes("its payload is too short for its chunks and cells");
}

// A Sobol analysis's inputs, years and chunks; per chunk and year its rows and scale, the point
// sums, the resamples' weights and sums must make the payload's size exactly.
void read_sobol_facts(const Manifest& m, std::size_t held, std::size_t payload, Facts& f) {
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
  if (f.chunk_rows != sobol_chunk_rows(f.base_rows) || f.chunks != (f.base_rows + f.chunk_rows - 1) / f.chunk_rows ||
      t.evaluations != f.base_rows * (f.inputs.size() + 2))
    throw DamagedBytes("its chunks are not those of its base samples");
  const std::size_t width = 2 + 2 * f.inputs.size();
  if (f.bootstrap > payload / 8) throw DamagedBytes("its payload is too short for its resamples");
  const std::size_t each = 16 + varint_size(width) + 8 * width + varint_size(f.bootstrap) + 8 * f.bootstrap * (1 + width);
  if (payload != held * f.years.size() * each) throw DamagedBytes("its payload is not the size of its chunks' sums");
}

Facts read_facts(const Manifest& m, ChunkRange range, std::size_t payload) {
  Facts f;
  f.study = m.one("study");
  for (const char* key : {"labsim", "scenario", "scenario_hash", "seed"}) m.one(key);
  const std::string& shard = m.one("shard");
  const std::size_t slash = shard.find('/');
  if (slash == std::string::npos) throw DamagedBytes("its \"shard\" is not I/K");
  std::from_chars(shard.data() + slash + 1, shard.data() + shard.size(), f.count);
  f.count = std::clamp<std::size_t>(f.count, 1, kMaxShards);
  f.chunks = m.number("chunks");
  if (f.study == "mc") read_mc_facts(m, range.last - range.first, payload, f);
  else if (f.study == "sobol") read_sobol_facts(m, range.last - range.first, payload, f);
  else throw DamagedBytes(fmt::format("\"{}\" is not a study this labsim merges (mc, sobol)", f.study));
  return f;
}

}  // namespace

bool is_placement(std::string_view key) {
  return key == "shard" || key == "first_chunk" || key == "last_chunk" || key == "payload_bytes";
}

// The manifest's first lines: who wrote it, which study, of which scenario (its name, and the
// FNV-1a hash of its resolved form: --set values included).
Manifest study_manifest(const char* study, const Scenario& s) {
  Manifest m;
  m.add("labsim", version());
  m.add("study", study);
  m.add("scenario", s.name);
  m.add("scenario_hash", fmt::format("{:016x}", text::fnv1a(scenario_to_json(s))));
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

[[noreturn]] void refuse(const ShardFile& f, int line, std::string path, std::string message, std::string hint) {
  Diagnostic d;
  d.file = f.name;
  d.line = line;
  d.column = line > 0 ? 1 : 0;
  d.path = std::move(path);
  d.message = std::move(message);
  d.hint = std::move(hint);
  throw InputError({d});
}

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

}  // namespace explore

std::string shard_trailer(std::string_view bytes) { return fmt::format("end {:016x}\n", text::fnv1a(bytes)); }

}  // namespace labsim
