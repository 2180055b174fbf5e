// Scenario composition at the tree level: `extends:` files and `--set key.path=value`.
#pragma once

#include <string>
#include <vector>

#include "io/tree.hpp"

namespace labsim::io {

// Deep merge of `over` onto `base`: mappings merge key by key; lists whose items are all
// mappings with an `id` (or `name`, or `role`; a `people` entry with a `group` goes by its
// group) merge item by item on that key, new items appended; anything else in `over` replaces
// what `base` had.
void merge_into(Node& base, Node over);

// Parses the file `path` and, recursively, the files it `extends:` (relative to the including
// file), merged base-first. Problems (missing files, cycles, syntax) go to `out`, located at
// the `extends` key that named the file. `chain` holds the files being read, for cycles.
Node load_composed(SourceSet& sources, const std::string& path, std::vector<Diagnostic>& out,
                   std::vector<std::string>& chain);

// The same for in-memory text; its `extends:` paths are relative to `base_dir`.
Node compose_text(SourceSet& sources, const std::string& name, std::string_view text,
                  const std::string& base_dir, std::vector<Diagnostic>& out,
                  std::vector<std::string>& chain);

// Applies one "key.path=value" override. List items are addressed by id, name, group or role
// (or a 0-based index). The value is parsed as YAML, located in a pseudo-file "--set #N".
void apply_override(SourceSet& sources, Node& root, const std::string& assignment, int index,
                    std::vector<Diagnostic>& out);

}  // namespace labsim::io

namespace labsim::io {

// Adds to `overlay` (a mapping) what a file extending the base needs so that merging it gives
// `result` at `path` (a --set path, "a.fleet[0].count" or "a.fleet.0.count"): the mappings on the
// way, list items by their identity key, and a whole list or value where merging replaces whole
// (lists without an identity key, series, {value, source}). `result` is the composed tree after
// the overrides; a path it does not hold adds nothing.
void add_to_overlay(Node& overlay, const Node& result, const std::string& path);

}  // namespace labsim::io
