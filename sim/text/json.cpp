#include "text/json.hpp"

#include <fmt/format.h>

#include <cassert>

#include "text/number.hpp"

namespace labsim::text {

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += ch;
    }
  }
  return out + "\"";
}

std::string json_number(double v) {
  std::string s = format_number(v);
  return s.empty() ? "null" : s;
}

JsonWriter::JsonWriter(std::ostream& out) : out_(out) {}

void JsonWriter::begin_item() {
  Open& top = open_.back();
  if (top.has_items) out_ << ',';
  if (pending_indent_ >= 0) {
    out_ << '\n' << std::string(static_cast<size_t>(pending_indent_), ' ');
  } else if (top.has_items) {
    out_ << ' ';
  }
  pending_indent_ = -1;
  top.has_items = true;
}

JsonWriter& JsonWriter::token(std::string_view text) {
  if (after_key_) {
    after_key_ = false;
  } else if (!open_.empty()) {
    assert(open_.back().close == ']' && "a value in an object needs its key first");
    begin_item();
  }
  out_ << text;
  return *this;
}

JsonWriter& JsonWriter::object() {
  token("{");
  open_.push_back({'}'});
  return *this;
}

JsonWriter& JsonWriter::array() {
  token("[");
  open_.push_back({']'});
  return *this;
}

JsonWriter& JsonWriter::end() {
  assert(!open_.empty() && !after_key_);
  if (pending_indent_ >= 0) out_ << '\n' << std::string(static_cast<size_t>(pending_indent_), ' ');
  pending_indent_ = -1;
  out_ << open_.back().close;
  open_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  assert(!open_.empty() && open_.back().close == '}' && !after_key_);
  begin_item();
  out_ << json_string(name) << ": ";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view s) { return token(json_string(s)); }
JsonWriter& JsonWriter::number(double v) { return token(json_number(v)); }
JsonWriter& JsonWriter::boolean(bool v) { return token(v ? "true" : "false"); }
JsonWriter& JsonWriter::null() { return token("null"); }
JsonWriter& JsonWriter::raw(std::string_view json) { return token(json); }

JsonWriter& JsonWriter::line(int indent) {
  pending_indent_ = indent;
  return *this;
}

}  // namespace labsim::text
