// The built-in catalog is parsed when labsim is built (sim/catalog/tree_gen.cpp): the tree labsim
// rebuilds from the build's records must be the tree the YAML parser gives for the same text, node
// for node, positions included (diagnostics point into the catalog by them).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/builtin_tree.hpp"
#include "io/tree.hpp"
#include "labsim/catalog.hpp"

namespace {

using labsim::io::Node;

// Counts the nodes compared, and fails on the first difference with its path.
void require_same(const Node& a, const Node& b, const std::string& path, int& nodes) {
  INFO(path);
  ++nodes;
  REQUIRE(a.kind == b.kind);
  REQUIRE(a.text == b.text);
  REQUIRE(a.quoted == b.quoted);
  REQUIRE(a.pos.file == b.pos.file);
  REQUIRE(a.pos.line == b.pos.line);
  REQUIRE(a.pos.column == b.pos.column);
  REQUIRE(a.items.size() == b.items.size());
  REQUIRE(a.entries.size() == b.entries.size());
  REQUIRE(a.key_pos.size() == b.key_pos.size());
  for (std::size_t i = 0; i < a.items.size(); ++i) require_same(a.items[i], b.items[i], path + "[" + std::to_string(i) + "]", nodes);
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    REQUIRE(a.entries[i].first == b.entries[i].first);
    REQUIRE(a.key_pos[i].line == b.key_pos[i].line);
    REQUIRE(a.key_pos[i].column == b.key_pos[i].column);
    require_same(a.entries[i].second, b.entries[i].second, path + "." + a.entries[i].first, nodes);
  }
}

}  // namespace

TEST_CASE("the catalog tree compiled into labsim is the parser's tree of the same text", "[catalog]") {
  labsim::io::SourceSet sources;
  std::vector<labsim::Diagnostic> problems;
  const std::string_view text = labsim::catalog_data::builtin_catalog_yaml();
  const Node parsed = labsim::io::parse_yaml(sources, "<built-in catalog>", text, problems);
  REQUIRE(problems.empty());
  const Node built = labsim::catalog_data::builtin_catalog_tree(0);
  int nodes = 0;
  require_same(built, parsed, "", nodes);
  // Every part of the catalog came through: one list item per part of builtin_catalog().
  const Node* parts = built.find("parts");
  REQUIRE(parts);
  CHECK(parts->items.size() == labsim::builtin_catalog().parts.size());
  CHECK(nodes > 10 * static_cast<int>(parts->items.size()));
  // And the text is the source file's, byte for byte.
  std::ifstream file(std::string(LABSIM_SOURCE_DIR) + "/sim/catalog/accelerators.yaml", std::ios::binary);
  std::ostringstream source;
  source << file.rdbuf();
  CHECK(text == source.str());
}
