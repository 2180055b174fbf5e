// The built-in accelerator catalog as compiled into labsim: its YAML text (for diagnostics that
// quote it) and its tree, parsed when labsim was built (sim/catalog/tree_gen.cpp).
#pragma once

#include <span>
#include <string_view>

#include "io/tree.hpp"

namespace labsim::catalog_data {

// One node of the parsed catalog, in pre-order: a map's `children` records follow it, each with
// its key; a list's follow it without.
struct TreeRecord {
  int kind;  // io::Node::Kind
  bool quoted;
  int line, column;
  const char* text;
  int children;
  const char* key;  // the node's key in its parent map, else ""
  int key_line, key_column;
};

// sim/catalog/accelerators.yaml as it was when labsim was built.
std::string_view builtin_catalog_yaml();
// Its tree, as parse_yaml gave it at build time.
std::span<const TreeRecord> builtin_catalog_records();

// The tree of builtin_catalog_records(), with positions in file `file` of a SourceSet (where
// builtin_catalog_yaml() was added): the same tree io::parse_yaml gives for the text.
io::Node builtin_catalog_tree(int file);

}  // namespace labsim::catalog_data
