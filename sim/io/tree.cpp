#include "io/tree.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

namespace labsim::io {

int SourceSet::add(std::string name, std::string_view text) {
  Text t;
  t.name = std::move(name);
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    t.lines.emplace_back(line);
    start = end + 1;
  }
  texts.push_back(std::move(t));
  return static_cast<int>(texts.size()) - 1;
}

const std::string& SourceSet::line(int file, int line_no) const {
  static const std::string kEmpty;
  if (file < 0 || static_cast<size_t>(file) >= texts.size()) return kEmpty;
  const auto& lines = texts[static_cast<size_t>(file)].lines;
  if (line_no < 1 || static_cast<size_t>(line_no) > lines.size()) return kEmpty;
  return lines[static_cast<size_t>(line_no - 1)];
}

const Node* Node::find(std::string_view key) const {
  for (const auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

Node* Node::find(std::string_view key) {
  for (auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

std::string Node::describe() const {
  switch (kind) {
    case Kind::kNull: return "nothing";
    case Kind::kMap: return "a mapping";
    case Kind::kSequence: return "a list";
    case Kind::kScalar: break;
  }
  std::string shown = text.size() > 40 ? text.substr(0, 37) + "..." : text;
  return fmt::format("\"{}\"", shown);
}

Diagnostic make_diagnostic(const SourceSet& sources, Pos pos, std::string path,
                           std::string message, std::string hint) {
  Diagnostic d;
  if (pos.file >= 0) {
    d.file = sources.name(pos.file);
    d.line = pos.line;
    d.column = pos.column;
    d.source_line = sources.line(pos.file, pos.line);
  }
  d.path = std::move(path);
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

namespace {

// Thrown inside the event handler to stop parsing at a limit.
struct LimitReached {
  Pos pos;
  std::string message;
};

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(int file, const ParseLimits& limits) : file_(file), limits_(limits) {}

  Node take() { return std::move(root_); }
  int documents() const { return documents_; }

  void OnDocumentStart(const YAML::Mark&) override { ++documents_; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node n;
    n.pos = pos(mark);
    add(std::move(n), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) throw LimitReached{pos(mark), "alias to an unknown anchor"};
    count(it->second.size, mark);
    Node copy = it->second.node;
    add(std::move(copy), 0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node n;
    n.kind = Node::Kind::kScalar;
    n.pos = pos(mark);
    n.text = value;
    n.quoted = (tag == "!");
    add(std::move(n), anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Node::Kind::kSequence, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(Node::Kind::kMap, mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    Node node;
    YAML::anchor_t anchor;
    size_t first_node;  // node count when opened, to size anchors
    bool have_key = false;
    std::string key;
    Pos key_pos;
  };
  struct Anchored {
    Node node;
    size_t size;
  };

  Pos pos(const YAML::Mark& m) const { return Pos{file_, m.line + 1, m.column + 1}; }

  void count(size_t n, const YAML::Mark& mark) {
    nodes_ += n;
    if (nodes_ > limits_.max_nodes)
      throw LimitReached{pos(mark), fmt::format("the document expands to more than {} values "
                                                "(aliases repeated too often?)", limits_.max_nodes)};
  }

  void open(Node::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth)
      throw LimitReached{pos(mark), fmt::format("nesting deeper than {} levels", limits_.max_depth)};
    count(1, mark);
    Open o;
    o.node.kind = kind;
    o.node.pos = pos(mark);
    o.anchor = anchor;
    o.first_node = nodes_ - 1;
    stack_.push_back(std::move(o));
  }

  void close() {
    Open o = std::move(stack_.back());
    stack_.pop_back();
    if (o.anchor) anchors_[o.anchor] = Anchored{o.node, nodes_ - o.first_node};
    place(std::move(o.node));
  }

  void add(Node n, YAML::anchor_t anchor) {
    if (n.kind == Node::Kind::kScalar || n.kind == Node::Kind::kNull) {
      YAML::Mark m;
      m.line = n.pos.line - 1;
      m.column = n.pos.column - 1;
      count(1, m);
    }
    if (anchor) anchors_[anchor] = Anchored{n, 1};
    place(std::move(n));
  }

  void place(Node n) {
    if (stack_.empty()) {
      root_ = std::move(n);
      return;
    }
    Open& top = stack_.back();
    if (top.node.kind == Node::Kind::kSequence) {
      top.node.items.push_back(std::move(n));
    } else if (!top.have_key) {
      if (n.kind != Node::Kind::kScalar && n.kind != Node::Kind::kNull)
        throw LimitReached{n.pos, "a mapping key must be plain text"};
      top.key = n.text;
      top.key_pos = n.pos;
      top.have_key = true;
    } else {
      // A missing value ("key:" then a newline) is marked by yaml-cpp at the next token, which
      // may be lines below; the key is where the reader should look.
      if (n.kind == Node::Kind::kNull) n.pos = top.key_pos;
      if (top.node.find(top.key))
        throw LimitReached{top.key_pos, fmt::format("key '{}' appears twice in this mapping", top.key)};
      top.node.entries.emplace_back(std::move(top.key), std::move(n));
      top.node.key_pos.push_back(top.key_pos);
      top.have_key = false;
    }
  }

  int file_;
  ParseLimits limits_;
  Node root_;
  std::vector<Open> stack_;
  std::map<YAML::anchor_t, Anchored> anchors_;
  size_t nodes_ = 0;
  int documents_ = 0;
};

// Position of the first byte that is not valid UTF-8 text (or is NUL), or npos.
size_t first_bad_byte(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;  // NUL, control bytes
    int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
    if (extra < 0 || i + static_cast<size_t>(extra) >= text.size() + (extra == 0)) return i;
    for (int k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(text[i + static_cast<size_t>(k)]) >> 6) != 0x2) return i;
    i += static_cast<size_t>(extra) + 1;
  }
  return std::string_view::npos;
}

Pos offset_to_pos(int file, std::string_view text, size_t offset) {
  Pos p{file, 1, 1};
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

// A position past the last non-blank line (an error found at the end of the input) moves to
// the end of that line, so the caret shows what was left open.
Pos clamp_to_text(const SourceSet& sources, Pos p) {
  const auto& lines = sources.texts[static_cast<size_t>(p.file)].lines;
  size_t last = lines.size();
  while (last > 0 && lines[last - 1].find_first_not_of(" \t") == std::string::npos) --last;
  if (last == 0 || static_cast<size_t>(p.line) <= last) return p;
  return Pos{p.file, static_cast<int>(last), static_cast<int>(lines[last - 1].size()) + 1};
}

std::string syntax_hint(const std::string& message) {
  if (message == YAML::ErrorMsg::END_OF_SEQ_FLOW) return "a list opened with '[' is not closed with ']'";
  if (message == YAML::ErrorMsg::END_OF_MAP_FLOW) return "a mapping opened with '{' is not closed with '}'";
  return {};
}

}  // namespace

Node parse_yaml(SourceSet& sources, const std::string& name, std::string_view text,
                std::vector<Diagnostic>& out, const ParseLimits& limits) {
  if (text.size() > limits.max_bytes) {
    int file = sources.add(name, {});
    out.push_back(make_diagnostic(sources, Pos{file, 0, 0}, "",
        fmt::format("the file is larger than {} bytes, the most a scenario may be", limits.max_bytes)));
    return {};
  }
  size_t bad = first_bad_byte(text);
  if (bad != std::string_view::npos) {
    int file = sources.add(name, text.substr(0, bad));
    Pos p = offset_to_pos(file, text, bad);
    out.push_back(make_diagnostic(sources, p, "",
        fmt::format("byte 0x{:02X} is not text: a scenario is a UTF-8 YAML file",
                    static_cast<unsigned char>(text[bad])),
        "is this a binary or a file in another encoding?"));
    return {};
  }
  int file = sources.add(name, text);
  // yaml-cpp misreads an unterminated flow at the very end of the input (a lost mark, or a
  // mapping taken for a key) unless the text ends with a newline.
  std::istringstream in{std::string(text) + "\n"};
  TreeBuilder builder(file, limits);
  try {
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder) && parser.HandleNextDocument(builder)) {
      out.push_back(make_diagnostic(sources, Pos{file, 1, 1}, "",
          "the file holds several YAML documents ('---'); a scenario is one document"));
      return {};
    }
  } catch (const LimitReached& e) {
    out.push_back(make_diagnostic(sources, e.pos, "", e.message));
    return {};
  } catch (const YAML::Exception& e) {
    Pos p{file, e.mark.line + 1, e.mark.column + 1};
    if (e.mark.is_null()) p = Pos{file, 0, 0};
    else p = clamp_to_text(sources, p);
    std::string hint = syntax_hint(e.msg);
    // yaml-cpp names a tab in indentation only where it looks for indentation; elsewhere the error
    // ("end of map not found", ...) hides it. The nearest line at or before the error whose
    // indentation holds a tab (blank lines aside) is the likely cause.
    for (int line = p.line; hint.empty() && line >= 1; --line) {
      const std::string& text_line = sources.line(file, line);
      const size_t indent_end = text_line.find_first_not_of(" \t");
      if (indent_end != std::string::npos && text_line.substr(0, indent_end).find('\t') != std::string::npos)
        hint = fmt::format("line {} is indented with a tab: YAML indentation must be spaces", line);
    }
    out.push_back(make_diagnostic(sources, p, "", fmt::format("YAML syntax: {}", e.msg), hint));
    return {};
  }
  return builder.take();
}

}  // namespace labsim::io

namespace labsim::io {

namespace {

std::string double_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') out += std::string("\\") + c;
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (u < 0x20 || u == 0x7f) out += fmt::format("\\x{:02x}", u);
    else out += c;
  }
  return out + "\"";
}

// A key written plain when it can only read back as itself.
std::string key_text(const std::string& key) {
  const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/';
  }) && key.front() != '-';
  std::string lower = key;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* word : {"null", "true", "false", "yes", "no", "on", "off", "y", "n"})  // read as non-text
    if (lower == word) return double_quoted(key);
  return plain ? key : double_quoted(key);
}

std::string scalar_text(const Node& n) {
  if (n.kind == Node::Kind::kNull) return "null";
  if (n.kind == Node::Kind::kMap) return "{}";
  if (n.kind == Node::Kind::kSequence) return "[]";
  if (n.quoted || n.text.empty() || n.text.find('\n') != std::string::npos || n.text.front() == ' ' ||
      n.text.back() == ' ')
    return double_quoted(n.text);
  return n.text;
}

bool inline_value(const Node& n) {
  return n.is_scalar() || n.kind == Node::Kind::kNull || (n.is_map() && n.entries.empty()) ||
         (n.is_seq() && n.items.empty());
}

void emit(std::string& out, const Node& n, int indent, bool first_indented) {
  const std::string pad(static_cast<size_t>(indent), ' ');
  if (n.is_map()) {
    bool first = true;
    for (const auto& [key, value] : n.entries) {
      if (!(first && first_indented)) out += pad;
      first = false;
      out += key_text(key) + ":";
      if (inline_value(value)) {
        out += " " + scalar_text(value) + "\n";
      } else {
        out += "\n";
        emit(out, value, indent + 2, false);
      }
    }
    return;
  }
  if (n.is_seq()) {
    bool first = true;
    for (const Node& item : n.items) {
      if (!(first && first_indented)) out += pad;
      first = false;
      out += "-";
      if (inline_value(item)) {
        out += " " + scalar_text(item) + "\n";
      } else if (item.is_map()) {
        out += " ";
        emit(out, item, indent + 2, true);
      } else {
        out += "\n";
        emit(out, item, indent + 2, false);
      }
    }
    return;
  }
  out += (first_indented ? "" : pad) + scalar_text(n) + "\n";
}

}  // namespace

std::string emit_yaml(const Node& root) {
  std::string out;
  emit(out, root, 0, false);
  return out;
}

}  // namespace labsim::io
