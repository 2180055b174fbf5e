// Rebuilding the built-in catalog's tree from the records the build wrote (sim/catalog/tree_gen.cpp).
#include "catalog/builtin_tree.hpp"

namespace labsim::catalog_data {

namespace {

io::Node build(std::span<const TreeRecord> records, std::size_t& at, int file) {
  const TreeRecord& r = records[at++];
  io::Node n;
  n.kind = static_cast<io::Node::Kind>(r.kind);
  n.quoted = r.quoted;
  n.pos = {file, r.line, r.column};
  n.text = r.text;
  for (int c = 0; c < r.children; ++c) {
    const TreeRecord& child = records[at];
    if (n.is_map()) {
      n.key_pos.push_back({file, child.key_line, child.key_column});
      std::string key = child.key;
      n.entries.emplace_back(std::move(key), build(records, at, file));
    } else {
      n.items.push_back(build(records, at, file));
    }
  }
  return n;
}

}  // namespace

io::Node builtin_catalog_tree(int file) {
  std::size_t at = 0;
  return build(builtin_catalog_records(), at, file);
}

}  // namespace labsim::catalog_data
