// Build-time tool: parses the built-in catalog (sim/catalog/accelerators.yaml) once, when labsim
// is built, and writes a C++ source holding its text and its parsed tree, so that labsim does not
// parse the catalog's YAML at every start (docs/performance.md, "process start").
//
// Usage: labsim_catalog_gen INPUT.yaml OUTPUT.cpp. Fails (exit 1, nothing written) when the
// catalog does not parse.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/tree.hpp"

namespace {

using labsim::io::Node;

// A C++ string literal of `s`, every byte as a three-digit octal escape (no escape can run into
// the next character, whatever the text holds).
std::string literal(const std::string& s) {
  std::string out = "\"";
  char buf[8];
  for (char c : s) {
    std::snprintf(buf, sizeof buf, "\\%03o", static_cast<unsigned>(static_cast<unsigned char>(c)));
    out += buf;
  }
  return out + "\"";
}

// One record per node in pre-order: {kind, quoted, line, column, text, children, key, key line,
// key column} (the key fields for a map's entries).
void emit(const Node& n, const std::string& key, labsim::io::Pos key_pos, std::ostringstream& out) {
  const std::size_t children = n.is_map() ? n.entries.size() : n.items.size();
  out << "  {" << static_cast<int>(n.kind) << ", " << (n.quoted ? "true" : "false") << ", " << n.pos.line << ", "
      << n.pos.column << ", " << literal(n.text) << ", " << children << ", " << literal(key) << ", " << key_pos.line
      << ", " << key_pos.column << "},\n";
  if (n.is_map()) {
    for (std::size_t i = 0; i < n.entries.size(); ++i) emit(n.entries[i].second, n.entries[i].first, n.key_pos[i], out);
  } else {
    for (const Node& item : n.items) emit(item, "", {}, out);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: labsim_catalog_gen INPUT.yaml OUTPUT.cpp\n");
    return 1;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    std::fprintf(stderr, "%s: cannot read the file\n", argv[1]);
    return 1;
  }
  labsim::io::SourceSet sources;
  std::vector<labsim::Diagnostic> problems;
  const Node root = labsim::io::parse_yaml(sources, argv[1], text.str(), problems);
  if (!problems.empty() || !root.is_map()) {
    for (const auto& d : problems) std::fprintf(stderr, "%s:%d:%d: error: %s\n", argv[1], d.line, d.column, d.message.c_str());
    if (problems.empty()) std::fprintf(stderr, "%s: error: the catalog is not a mapping\n", argv[1]);
    return 1;
  }
  std::ostringstream out;
  out << "// Generated from sim/catalog/accelerators.yaml by labsim_catalog_gen (sim/catalog/tree_gen.cpp);\n"
         "// do not edit.\n"
         "#include \"catalog/builtin_tree.hpp\"\n\n"
         "namespace labsim::catalog_data {\n\n"
         "namespace {\n\n"
         "const char kYaml[] = "
      << literal(text.str()) << ";\n\n"
      << "const TreeRecord kTree[] = {\n";
  emit(root, "", {}, out);
  out << "};\n\n"
         "}  // namespace\n\n"
         "std::string_view builtin_catalog_yaml() { return {kYaml, sizeof(kYaml) - 1}; }\n"
         "std::span<const TreeRecord> builtin_catalog_records() { return kTree; }\n\n"
         "}  // namespace labsim::catalog_data\n";
  std::ofstream file(argv[2], std::ios::binary | std::ios::trunc);
  file << out.str();
  if (!file) {
    std::fprintf(stderr, "%s: cannot write the file\n", argv[2]);
    return 1;
  }
  return 0;
}
