#include "io/compose.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace labsim::io {

namespace {

namespace fs = std::filesystem;

// The key that identifies items of a list of mappings, or "" when there is none.
std::string identity_key(const Node& list) {
  for (const char* key : {"id", "name", "role"}) {
    bool all = !list.items.empty();
    for (const Node& item : list.items)
      if (!item.is_map() || !item.find(key) || !item.find(key)->is_scalar()) all = false;
    if (all) return key;
  }
  return {};
}

// The name an item goes by under the list's identity key: `people` entries are named by their
// `group` where they have one, else by their `role` (several groups may share a role).
std::string item_identity(const Node& item, const std::string& key) {
  if (key == "role")
    if (const Node* g = item.find("group"); g && g->is_scalar() && !g->text.empty()) return g->text;
  const Node* k = item.find(key);
  return k ? k->text : std::string();
}

Node* find_item(Node& list, const std::string& key, const std::string& value) {
  for (Node& item : list.items)
    if (item.find(key) && item_identity(item, key) == value) return &item;
  return nullptr;
}

// Reads a regular file, at most `limit` + 1 bytes (enough for the parser to report the size).
// False when it is not a regular file (a directory, a device, a pipe) or cannot be read.
bool read_file(const std::string& path, std::string& text, size_t limit = ParseLimits{}.max_bytes) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  text.resize(static_cast<size_t>(std::min<std::uintmax_t>(size, limit + 1)));
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  return !in.bad();
}

// The file's identity, for finding cycles. Never throws: a name the system rejects (too long,
// say) stays as written, and reading it then fails with a located message.
std::string canonical_name(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? path.lexically_normal().string() : canonical.string();
}

Node extend(SourceSet& sources, Node root, const std::string& base_dir,
            std::vector<Diagnostic>& out, std::vector<std::string>& chain) {
  if (!root.is_map()) return root;
  auto it = std::find_if(root.entries.begin(), root.entries.end(),
                         [](const auto& e) { return e.first == "extends"; });
  if (it == root.entries.end()) return root;
  Node ext = std::move(it->second);
  size_t idx = static_cast<size_t>(it - root.entries.begin());
  Pos key_pos = root.key_pos[idx];
  root.entries.erase(it);
  root.key_pos.erase(root.key_pos.begin() + static_cast<std::ptrdiff_t>(idx));
  if (!ext.is_scalar() || ext.text.empty()) {
    out.push_back(make_diagnostic(sources, ext.pos.file >= 0 ? ext.pos : key_pos, "extends",
                                  fmt::format("expected a file name, found {}", ext.describe())));
    return root;
  }
  fs::path target = fs::path(base_dir) / ext.text;
  std::string canonical = canonical_name(target);
  for (const std::string& seen : chain) {
    if (seen == canonical) {
      std::string cycle;
      for (const std::string& c : chain) cycle += fs::path(c).filename().string() + " -> ";
      out.push_back(make_diagnostic(sources, ext.pos, "extends",
          fmt::format("'{}' extends itself: {}{}", ext.text, cycle, fs::path(canonical).filename().string()),
          "remove one of the extends: keys in this chain"));
      return root;
    }
  }
  std::string text;
  if (!read_file(target.string(), text)) {
    out.push_back(make_diagnostic(sources, ext.pos, "extends",
        fmt::format("cannot read the base scenario '{}'", target.string()),
        "extends: paths are relative to the file that names them"));
    return root;
  }
  Node base = compose_text(sources, target.string(), text, target.parent_path().string(), out, chain);
  if (base.kind == Node::Kind::kNull) return root;
  if (!base.is_map()) return root;  // compose_text already reported it
  merge_into(base, std::move(root));
  return base;
}

}  // namespace

namespace {

// A mapping that stands for one value: {value: ..., source: ...}, or a series whose keys are
// years (and `growth`). Such a value replaces what the base had instead of merging into it,
// so an override never keeps the base's source or price points.
bool is_single_value(const Node& n) {
  if (!n.is_map()) return false;
  if (n.find("value")) return true;
  if (n.entries.empty()) return false;
  for (const auto& [key, value] : n.entries)
    if (key != "growth" && !(key.size() == 4 && std::all_of(key.begin(), key.end(), [](char c) {
                               return std::isdigit(static_cast<unsigned char>(c)) != 0;
                             })))
      return false;
  return true;
}

}  // namespace

void merge_into(Node& base, Node over) {
  if (base.is_map() && over.is_map() && !is_single_value(over) && !is_single_value(base)) {
    for (size_t i = 0; i < over.entries.size(); ++i) {
      auto& [key, value] = over.entries[i];
      if (Node* existing = base.find(key)) {
        merge_into(*existing, std::move(value));
      } else {
        base.entries.emplace_back(key, std::move(value));
        base.key_pos.push_back(over.key_pos[i]);
      }
    }
    return;
  }
  if (base.is_seq() && over.is_seq()) {
    std::string key = identity_key(base);
    if (!key.empty() && identity_key(over) == key) {
      for (Node& item : over.items) {
        if (Node* existing = find_item(base, key, item_identity(item, key))) merge_into(*existing, std::move(item));
        else base.items.push_back(std::move(item));
      }
      return;
    }
  }
  base = std::move(over);
}

Node compose_text(SourceSet& sources, const std::string& name, std::string_view text,
                  const std::string& base_dir, std::vector<Diagnostic>& out,
                  std::vector<std::string>& chain) {
  size_t problems_before = out.size();
  Node root = parse_yaml(sources, name, text, out);
  if (root.kind == Node::Kind::kNull) {
    if (out.size() == problems_before)
      out.push_back(make_diagnostic(sources, Pos{static_cast<int>(sources.texts.size()) - 1, 0, 0}, "",
          "the file is empty: a scenario is a mapping with `scenario:` and `institutions:`"));
    return root;
  }
  if (!root.is_map()) {
    out.push_back(make_diagnostic(sources, root.pos, "",
        fmt::format("expected a mapping of keys (scenario:, institutions:, ...) at the top, found {}",
                    root.describe())));
    return {};
  }
  chain.push_back(canonical_name(fs::path(name)));
  Node result = extend(sources, std::move(root), base_dir, out, chain);
  chain.pop_back();
  return result;
}

Node load_composed(SourceSet& sources, const std::string& path, std::vector<Diagnostic>& out,
                   std::vector<std::string>& chain) {
  std::string text;
  if (!read_file(path, text)) {
    Diagnostic d;
    d.file = path;
    d.message = "cannot read the file";
    out.push_back(d);
    return {};
  }
  return compose_text(sources, path, text, fs::path(path).parent_path().string(), out, chain);
}

namespace {

bool is_index(const std::string& seg, size_t size) {
  return !seg.empty() && seg.size() < 9 &&
         std::all_of(seg.begin(), seg.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }) &&
         std::stoul(seg) < size;
}

// The child of `at` called `seg`: a list item by id, name, group or role (or 0-based index), or a
// mapping entry, created when missing. Reports and returns nullptr when a list has no such item.
Node* child_slot(const SourceSet& sources, Node& at, const std::string& seg, Pos pos, const std::string& walked,
                 std::vector<Diagnostic>& out) {
  if (at.is_seq()) {
    std::string key = identity_key(at);
    Node* item = key.empty() ? nullptr : find_item(at, key, seg);
    if (!item && is_index(seg, at.items.size())) item = &at.items[std::stoul(seg)];
    if (item) return item;
    std::string known;
    for (const Node& it : at.items)
      if (!key.empty()) known += (known.empty() ? "" : ", ") + item_identity(it, key);
    out.push_back(make_diagnostic(sources, pos, walked, fmt::format("no item '{}' in this list", seg),
                                  known.empty() ? "address list items by a 0-based index" : "items here: " + known));
    return nullptr;
  }
  if (!at.is_map()) {
    at = Node{};
    at.kind = Node::Kind::kMap;
    at.pos = pos;
  }
  if (Node* existing = at.find(seg)) return existing;
  at.entries.emplace_back(seg, Node{});
  at.key_pos.push_back(pos);
  at.entries.back().second.pos = pos;
  return &at.entries.back().second;
}

}  // namespace

void apply_override(SourceSet& sources, Node& root, const std::string& assignment, int index,
                    std::vector<Diagnostic>& out) {
  std::string name = fmt::format("--set #{}", index + 1);
  size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    int file = sources.add(name, assignment);
    out.push_back(make_diagnostic(sources, Pos{file, 1, 1}, "",
        fmt::format("expected key.path=value, found \"{}\"", assignment),
        "example: --set institutions.institute.funding.nsf-institute.amount=40M"));
    return;
  }
  // Parse the value as YAML on its own line; columns then point into the whole argument.
  std::string padded = std::string(eq + 1, ' ') + assignment.substr(eq + 1);
  std::vector<Diagnostic> parse_errors;
  Node value = parse_yaml(sources, name, padded, parse_errors);
  sources.texts.back().lines.front() = assignment;
  for (auto& d : parse_errors) {
    d.source_line = assignment;
    out.push_back(std::move(d));
  }
  if (!parse_errors.empty()) return;
  int file = static_cast<int>(sources.texts.size()) - 1;
  if (value.kind == Node::Kind::kNull) value.pos = Pos{file, 1, static_cast<int>(eq) + 2};

  std::string path = assignment.substr(0, eq), walked;
  Node* at = &root;
  for (size_t start = 0; at;) {
    size_t dot = path.find('.', start);
    std::string seg = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    Pos seg_pos{file, 1, static_cast<int>(start) + 1};
    if (seg.empty()) {
      out.push_back(make_diagnostic(sources, seg_pos, path, "empty key in the path"));
      return;
    }
    // "fleet[0]", as diagnostics write list items without an id, is "fleet" then item 0.
    std::vector<std::string> parts = {seg};
    size_t bracket = seg.find('[');
    if (bracket != std::string::npos && bracket > 0 && seg.back() == ']')
      parts = {seg.substr(0, bracket), seg.substr(bracket + 1, seg.size() - bracket - 2)};
    for (size_t k = 0; k < parts.size() && at; ++k) {
      at = child_slot(sources, *at, parts[k], seg_pos, walked, out);
      if (at && dot == std::string::npos && k + 1 == parts.size()) {
        *at = std::move(value);
        return;
      }
      if (k) walked += fmt::format("[{}]", parts[k]);
      else walked += walked.empty() ? parts[k] : "." + parts[k];
    }
    start = dot + 1;
  }
}

}  // namespace labsim::io

namespace labsim::io {

namespace {

// "a.fleet[0].count" as segments: a, fleet, 0, count.
std::vector<std::string> path_segments(const std::string& path) {
  std::vector<std::string> segs;
  for (size_t start = 0; start <= path.size();) {
    size_t dot = path.find('.', start);
    if (dot == std::string::npos) dot = path.size();
    std::string seg = path.substr(start, dot - start);
    size_t bracket = seg.find('[');
    if (bracket != std::string::npos && bracket > 0 && seg.back() == ']') {
      segs.push_back(seg.substr(0, bracket));
      segs.push_back(seg.substr(bracket + 1, seg.size() - bracket - 2));
    } else {
      segs.push_back(seg);
    }
    start = dot + 1;
  }
  return segs;
}

Node empty_of(Node::Kind kind) {
  Node n;
  n.kind = kind;
  return n;
}

// The entry `key` of the overlay mapping `at`, created (as `kind`) when missing.
Node& overlay_entry(Node& at, const std::string& key, Node::Kind kind) {
  if (Node* existing = at.find(key)) return *existing;
  at.entries.emplace_back(key, empty_of(kind));
  at.key_pos.emplace_back();
  return at.entries.back().second;
}

}  // namespace

void add_to_overlay(Node& overlay, const Node& result, const std::string& path) {
  const std::vector<std::string> segs = path_segments(path);
  const Node* from = &result;
  Node* to = &overlay;
  for (size_t i = 0; i < segs.size() && from; ++i) {
    const bool last = i + 1 == segs.size();
    if (from->is_seq()) {
      const std::string key = identity_key(*from);
      const Node* item = nullptr;
      for (const Node& it : from->items)
        if (!key.empty() && item_identity(it, key) == segs[i]) item = &it;
      if (!item && is_index(segs[i], from->items.size())) item = &from->items[std::stoul(segs[i])];
      if (!item) return;
      if (key.empty() || last) {  // a list merged whole (fleet, allocates): the overlay carries it all
        *to = *from;
        return;
      }
      Node* mine = find_item(*to, key, item_identity(*item, key));
      if (!mine) {
        to->items.push_back(empty_of(Node::Kind::kMap));
        mine = &to->items.back();
        for (const std::string& k : {key, std::string("group")})  // what merging matches the item by
          if (const Node* v = item->find(k); v && (k == key || key == "role")) overlay_entry(*mine, k, v->kind) = *v;
      }
      from = item;
      to = mine;
      continue;
    }
    if (!from->is_map()) return;
    const Node* next = from->find(segs[i]);
    if (!next) return;
    if (last || !(next->is_map() || next->is_seq()) || is_single_value(*next)) {  // a value merges whole
      overlay_entry(*to, segs[i], next->kind) = *next;
      return;
    }
    if (to->kind != Node::Kind::kMap) *to = empty_of(Node::Kind::kMap);
    Node& child = overlay_entry(*to, segs[i], next->kind);
    if (child.kind != next->kind) child = empty_of(next->kind);
    from = next;
    to = &child;
  }
}

}  // namespace labsim::io
