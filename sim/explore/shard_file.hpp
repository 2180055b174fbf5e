// The shard file (docs/scale.md, "The shard file"): "labsim shard 1", a manifest of "key: value"
// lines, a blank line, the payload, "end" and the FNV-1a checksum of all before it. Writing it
// (assemble) and reading it back (parse), which believes a manifest only once it agrees with
// itself. shard.cpp writes the payloads and merges them.
#pragma once

#include <fmt/format.h>

#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "explore/bytes.hpp"
#include "labsim/explore.hpp"
#include "labsim/shard.hpp"

namespace labsim::explore {

// The manifest's keys that place a shard in its study; every other key must agree between the
// shards of one study.
bool is_placement(std::string_view key);

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

// The manifest's first lines: who wrote it, which study, of which scenario (its name, and the
// FNV-1a hash of its resolved form: --set values included).
Manifest study_manifest(const char* study, const Scenario& s);
// The file: the magic line, `m` with the shard's place (shard, chunk range, payload size), a
// blank line, `payload`, the checksum line.
std::string assemble(Manifest m, ShardSpec spec, ChunkRange r, const std::string& payload);
// Reads a file's manifest and checks it against the file and itself. Throws InputError (refuse)
// for a file that is not a shard, a damaged one or a manifest that does not agree with itself.
Parsed parse(const ShardFile& f);

// Throws InputError located in `f` (at `line` of its manifest when above 0).
[[noreturn]] void refuse(const ShardFile& f, int line, std::string path, std::string message, std::string hint = {});
// The hint for a damaged shard.
inline constexpr std::string_view kRerun = "write the shard again with the same command (`--shard I/K --out FILE`)";

}  // namespace labsim::explore
