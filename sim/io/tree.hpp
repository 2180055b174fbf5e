// An owned YAML tree that keeps every value's position, built from yaml-cpp's event parser.
// Only sim/io/ sees this type; it is what merging, --set and validation work on.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "labsim/diagnostics.hpp"

namespace labsim::io {

// The text of every file (and --set argument) read, so diagnostics can show the line.
struct SourceSet {
  struct Text {
    std::string name;
    std::vector<std::string> lines;
  };
  std::deque<Text> texts;  // deque: indices and references stay valid as files are added

  int add(std::string name, std::string_view text);
  // The 1-based `line` of file `file`, or "" when out of range.
  const std::string& line(int file, int line) const;
  const std::string& name(int file) const { return texts[static_cast<size_t>(file)].name; }
};

struct Pos {
  int file = -1;  // index into SourceSet; -1: no position
  int line = 0;   // 1-based
  int column = 0; // 1-based
};

struct Node {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  Pos pos;
  std::string text;     // scalars
  bool quoted = false;  // scalar written in quotes
  std::vector<Node> items;                          // sequences
  std::vector<std::pair<std::string, Node>> entries;  // maps, in file order
  std::vector<Pos> key_pos;                         // position of each map key

  // Declared here and defaulted below, once Node is complete: clang with libstdc++ rejects the
  // implicit members, which instantiate std::pair<std::string, Node> while Node is incomplete.
  Node();
  Node(const Node&);
  Node(Node&&) noexcept;
  Node& operator=(const Node&);
  Node& operator=(Node&&) noexcept;
  ~Node();

  bool is_map() const { return kind == Kind::kMap; }
  bool is_seq() const { return kind == Kind::kSequence; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  // The value under `key`, or nullptr.
  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
  // Human description for messages: "a mapping", "a list", "the text \"x\"", "nothing".
  std::string describe() const;
};

inline Node::Node() = default;
inline Node::Node(const Node&) = default;
inline Node::Node(Node&&) noexcept = default;
inline Node& Node::operator=(const Node&) = default;
inline Node& Node::operator=(Node&&) noexcept = default;
inline Node::~Node() = default;

// Limits that keep hostile files cheap: a parse fails with a located message past them.
struct ParseLimits {
  size_t max_bytes = 8u << 20;      // file size
  int max_depth = 64;               // nesting of mappings and lists
  size_t max_nodes = 200'000;       // nodes after alias expansion
};

// Parses one YAML document. Appends problems to `out` and returns a null node on failure.
// Rejects non-UTF-8 text, NUL bytes, several documents, and anything past `limits`.
Node parse_yaml(SourceSet& sources, const std::string& name, std::string_view text,
                std::vector<Diagnostic>& out, const ParseLimits& limits = {});

// Builds a diagnostic at `pos`, filling in the file name and source line.
Diagnostic make_diagnostic(const SourceSet& sources, Pos pos, std::string path,
                           std::string message, std::string hint = {});

}  // namespace labsim::io

namespace labsim::io {

// The tree as block-style YAML that parse_yaml reads back to the same tree (positions aside):
// plain scalars stay plain, quoted ones (and keys or text that would not read back) are written in
// double quotes.
std::string emit_yaml(const Node& root);

}  // namespace labsim::io
