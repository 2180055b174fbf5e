// The YAML the explorer writes (io::emit_yaml, the "Download YAML" overlay): any tree of mappings,
// lists and quoted text reads back as the same tree, whatever the text holds (quotes, colons,
// comment marks, backslashes, line breaks, tabs, non-ASCII letters, control characters), and the
// overlay of a set that addresses a list by index carries the whole list.
#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "io/compose.hpp"
#include "io/tree.hpp"

namespace {

using labsim::io::Node;

// Text from pieces that YAML treats specially, in valid UTF-8 (a scenario file is UTF-8).
std::string random_text(std::mt19937& rng, bool may_be_empty = true) {
  static const std::vector<std::string> pieces = {"a", "Z", "9", " ", ":", ": ", "#", " #", "\"", "'", "\\", "\n", "\t",
                                                  "-", "- ", "{", "}", "[", "]", ",", "&", "*", "!", "|", ">", "%",
                                                  "@", "`", "é", "—", "\x01", "\x1f", "\x7f", "yes", "null", "~", "0x1F"};
  std::uniform_int_distribution<int> length(may_be_empty ? 0 : 1, 6), pick(0, static_cast<int>(pieces.size()) - 1);
  std::string text;
  for (int n = length(rng); n > 0; --n) text += pieces[static_cast<size_t>(pick(rng))];
  return text;
}

Node scalar(std::string text, bool quoted) {
  Node n;
  n.kind = Node::Kind::kScalar;
  n.text = std::move(text);
  n.quoted = quoted;
  return n;
}

Node random_tree(std::mt19937& rng, int depth) {
  std::uniform_int_distribution<int> kind(0, depth > 0 ? 3 : 1), count(0, 3);
  switch (kind(rng)) {
    case 0: return scalar(random_text(rng), true);
    case 1: return scalar(std::vector<std::string>{"40M", "1.5", "pert", "H100-SXM", "5%/yr"}[static_cast<size_t>(count(rng)) % 5], false);
    case 2: {
      Node seq;
      seq.kind = Node::Kind::kSequence;
      for (int n = count(rng); n > 0; --n) seq.items.push_back(random_tree(rng, depth - 1));
      return seq;
    }
    default: {
      Node map;
      map.kind = Node::Kind::kMap;
      std::set<std::string> keys;
      for (int n = count(rng); n > 0; --n) {
        std::string key = random_text(rng, false);
        if (!keys.insert(key).second) continue;
        map.entries.emplace_back(key, random_tree(rng, depth - 1));
        map.key_pos.emplace_back();
      }
      return map;
    }
  }
}

// The same tree: kinds, keys in order, text, and quoting of text.
bool same(const Node& a, const Node& b) {
  const bool empty_a = (a.is_map() && a.entries.empty()) || (a.is_seq() && a.items.empty());
  const bool empty_b = (b.is_map() && b.entries.empty()) || (b.is_seq() && b.items.empty());
  if (empty_a || empty_b) return empty_a == empty_b && a.kind == b.kind;
  if (a.kind != b.kind) return false;
  if (a.is_scalar()) return a.text == b.text && a.quoted == b.quoted;
  if (a.is_seq()) {
    if (a.items.size() != b.items.size()) return false;
    for (size_t i = 0; i < a.items.size(); ++i)
      if (!same(a.items[i], b.items[i])) return false;
    return true;
  }
  if (a.entries.size() != b.entries.size()) return false;
  for (size_t i = 0; i < a.entries.size(); ++i)
    if (a.entries[i].first != b.entries[i].first || !same(a.entries[i].second, b.entries[i].second)) return false;
  return true;
}

Node parse(const std::string& text) {
  labsim::io::SourceSet sources;
  std::vector<labsim::Diagnostic> problems;
  Node n = labsim::io::parse_yaml(sources, "emitted.yaml", text, problems);
  for (const auto& d : problems) UNSCOPED_INFO(d.message);
  CHECK(problems.empty());
  return n;
}

}  // namespace

TEST_CASE("emitted YAML reads back as the tree it was written from", "[overlay]") {
  std::mt19937 rng(20261205);
  for (int k = 0; k < 400; ++k) {
    Node tree;
    tree.kind = Node::Kind::kMap;
    tree.entries.emplace_back("top", random_tree(rng, 3));
    tree.key_pos.emplace_back();
    const std::string text = labsim::io::emit_yaml(tree);
    INFO("case " << k << ":\n" << text);
    REQUIRE(same(parse(text), tree));
  }
}

TEST_CASE("an overlay carries a list addressed by index whole and one addressed by identity item by item",
          "[overlay]") {
  const Node result = parse(
      "institutions:\n"
      "  - id: a\n    name: A\n    fleet:\n      - {gpu: H100-SXM, count: 10}\n      - {gpu: A100-80GB, count: 5}\n"
      "    people:\n      - {role: faculty, group: ml, count: 3}\n      - {role: faculty, group: theory, count: 4}\n"
      "  - id: b\n    name: B\n");
  Node overlay;
  overlay.kind = Node::Kind::kMap;
  labsim::io::add_to_overlay(overlay, result, "institutions.a.fleet[1].count");
  labsim::io::add_to_overlay(overlay, result, "institutions.a.people.theory.count");
  labsim::io::add_to_overlay(overlay, result, "institutions.b.name");
  labsim::io::add_to_overlay(overlay, result, "institutions.c.name");  // no such item: nothing added
  CHECK(labsim::io::emit_yaml(overlay) ==
        "institutions:\n"
        "  - id: a\n"
        "    fleet:\n"
        "      - gpu: H100-SXM\n        count: 10\n"
        "      - gpu: A100-80GB\n        count: 5\n"
        "    people:\n"
        "      - role: faculty\n        group: theory\n        count: 4\n"
        "  - id: b\n"
        "    name: B\n");
}
