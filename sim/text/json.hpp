// JSON text: string and number tokens, and a writer that streams a document.
#pragma once

#include <concepts>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace labsim::text {

// `s` as a JSON string literal, quotes included; `"`, `\` and control characters escaped.
std::string json_string(std::string_view s);

// A number in JSON: format_number's form (text/number.hpp); "null" when not finite.
std::string json_number(double v);

// Streams one JSON document to `out`. The writer places the commas (", " between items on a
// line), the quotes and escapes, ": " after each key and the number forms; the caller chooses
// the layout by calling line() before an item or a closing bracket. Each call returns the
// writer, so calls chain:
//
//   w.object().line(2).key("years").array().integer(2024).integer(2025).end().line(0).end();
//
// writes {\n  "years": [2024, 2025]\n}. Misuse (a key outside an object, a value in an object
// without its key, end() with nothing open) is a bug and fails an assertion.
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out);

  // Opens an object or an array as the next value; end() closes the innermost one.
  JsonWriter& object();
  JsonWriter& array();
  JsonWriter& end();
  // The key of the next member of the innermost object.
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view s);
  // json_number(v): null when not finite.
  JsonWriter& number(double v);
  template <std::integral T>
  JsonWriter& integer(T v) {
    return token(std::to_string(v));
  }
  JsonWriter& boolean(bool v);
  JsonWriter& null();
  // A value already written as JSON text (a document made elsewhere, or a number in a form the
  // caller chose); written as given.
  JsonWriter& raw(std::string_view json);

  // The next item, or the next closing bracket, starts on a new line indented by `indent` spaces.
  JsonWriter& line(int indent);

 private:
  struct Open {
    char close;
    bool has_items = false;
  };
  // A value: after its key, or as the next item of an array (or the whole document).
  JsonWriter& token(std::string_view text);
  // Before a key or an array item: the comma after the previous item, then a line or a space.
  void begin_item();

  std::ostream& out_;
  std::vector<Open> open_;
  int pending_indent_ = -1;  // from line(): the indent of the next item or bracket; -1: none
  bool after_key_ = false;   // a key was written and waits for its value
};

}  // namespace labsim::text
