// The resolved scenario as JSON (labsim/scenario_json.hpp): a writer, a small JSON parser that
// keeps positions, and the reader that checks every field. Standard library only.
#include "labsim/scenario_json.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "labsim/diagnostics.hpp"

namespace labsim {

namespace {

// ------------------------------------------------------------------ writing

std::string num(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string str(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') out += std::string("\\") + ch;
    else if (ch == '\n') out += "\\n";
    else if (ch == '\t') out += "\\t";
    else if (ch == '\r') out += "\\r";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string boolean(bool b) { return b ? "true" : "false"; }

std::string series(const Series& s) {
  std::string out = "{\"points\": [";
  for (size_t i = 0; i < s.points.size(); ++i)
    out += (i ? ", [" : "[") + std::to_string(s.points[i].first) + ", " + num(s.points[i].second) + "]";
  return out + "], \"growth\": " + num(s.growth_factor) + ", \"log_linear\": " + boolean(s.log_linear) + "}";
}

std::string series(const std::optional<Series>& s) { return s ? series(*s) : "null"; }

std::string numbers(const std::vector<double>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + num(v[i]);
  return out + "]";
}

template <size_t N>
std::string numbers(const std::array<double, N>& v) {
  return numbers(std::vector<double>(v.begin(), v.end()));
}

// An object written one member a line at `indent`.
class Object {
 public:
  explicit Object(int indent) : pad_(static_cast<size_t>(indent), ' ') {}
  Object& add(std::string_view key, const std::string& json) {
    text_ += (text_.empty() ? "{\n" : ",\n") + pad_ + "  " + str(key) + ": " + json;
    return *this;
  }
  std::string done() const { return text_.empty() ? "{}" : text_ + "\n" + pad_ + "}"; }

 private:
  std::string pad_;
  std::string text_;
};

std::string list(const std::vector<std::string>& items, int indent) {
  if (items.empty()) return "[]";
  const std::string pad(static_cast<size_t>(indent), ' ');
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ",\n" : "\n") + pad + "  " + items[i];
  return out + "\n" + pad + "]";
}

const char* part_class_word(PartClass c) {
  switch (c) {
    case PartClass::kDatacenter: return "datacenter";
    case PartClass::kWorkstation: return "workstation";
    case PartClass::kConsumer: return "consumer";
  }
  return "?";
}

const char* ownership_word(Ownership o) { return o == Ownership::kCloud ? "cloud" : "owned"; }

const char* mode_word(ProcurementMode m) {
  switch (m) {
    case ProcurementMode::kOwned: return "owned";
    case ProcurementMode::kCloud: return "cloud";
    case ProcurementMode::kCheapest: return "cheapest";
  }
  return "?";
}

const char* dist_word(DistKind k) {
  switch (k) {
    case DistKind::kNormal: return "normal";
    case DistKind::kLognormal: return "lognormal";
    case DistKind::kUniform: return "uniform";
    case DistKind::kTriangular: return "triangular";
    case DistKind::kPert: return "pert";
    case DistKind::kChoice: return "choice";
  }
  return "?";
}

std::string gpu_name(const Scenario& s, int index) {
  return index >= 0 && static_cast<size_t>(index) < s.catalog.parts.size() ? s.catalog.parts[static_cast<size_t>(index)].name
                                                                           : "best";
}

std::string institution_json(const Scenario& s, const Institution& inst) {
  std::vector<std::string> fleet, people, funding, allocations;
  for (const Cohort& c : inst.fleet)
    fleet.push_back(Object(6).add("gpu", str(gpu_name(s, c.gpu))).add("count", num(c.count))
                        .add("acquired_year", std::to_string(c.acquired_year)).add("ownership", str(ownership_word(c.ownership)))
                        .add("lifetime_years", num(c.lifetime_years)).done());
  for (const RolePlan& p : inst.people)
    people.push_back(Object(6).add("role", str(to_string(p.role))).add("group", str(p.group)).add("count", num(p.count))
                         .add("target", series(p.target)).add("salary_usd", num(p.salary_usd))
                         .add("market_salary", boolean(p.market_salary)).add("salary_growth", num(p.salary_growth))
                         .add("salary_growth_is_inflation", boolean(p.salary_growth_is_inflation))
                         .add("fringe", num(p.fringe)).add("paid_share", num(p.paid_share))
                         .add("tuition_usd", num(p.tuition_usd)).add("attrition_rate", num(p.attrition_rate))
                         .add("program_years", num(p.program_years)).done());
  for (const Stream& f : inst.funding)
    funding.push_back(Object(6).add("name", str(f.name)).add("purpose", str(to_string(f.purpose)))
                          .add("amount_usd", num(f.amount_usd)).add("per_year", boolean(f.per_year))
                          .add("first_year", std::to_string(f.first_year)).add("last_year", std::to_string(f.last_year))
                          .add("growth_factor", num(f.growth_factor)).add("schedule", numbers(f.schedule))
                          .add("indirect_rate", num(f.indirect_rate)).done());
  for (const Allocation& a : inst.allocations)
    allocations.push_back(Object(6).add("recipient", str(s.institutions[static_cast<size_t>(a.recipient)].id))
                              .add("share", num(a.share)).add("h100_hours", series(a.h100_hours)).done());
  const Procurement& pr = inst.procurement;
  const Operations& op = inst.operations;
  const LargestRun& lr = inst.largest_run;
  return Object(2)
      .add("id", str(inst.id)).add("name", str(inst.name)).add("short_name", str(inst.short_name))
      .add("kind", str(to_string(inst.kind))).add("replicas", std::to_string(inst.replicas))
      .add("frontier_developer", boolean(inst.frontier_developer)).add("fleet", list(fleet, 4))
      .add("procurement", Object(4).add("gpu", str(gpu_name(s, pr.gpu))).add("mode", str(mode_word(pr.mode)))
                              .add("lifetime_years", num(pr.lifetime_years)).add("server_overhead", num(pr.server_overhead))
                              .add("maintenance_rate", num(pr.maintenance_rate))
                              .add("commissioning_months", num(pr.commissioning_months))
                              .add("power_paid_by_lab", boolean(pr.power_paid_by_lab)).done())
      .add("operations", Object(4).add("availability", num(op.availability)).add("utilization", num(op.utilization))
                             .add("mfu", num(op.mfu)).done())
      .add("largest_run", Object(4).add("share", num(lr.share)).add("days", num(lr.days))
                              .add("days_growth", num(lr.days_growth)).add("share_growth", num(lr.share_growth))
                              .add("power_cap_gw", series(lr.power_cap_gw)).done())
      .add("people", list(people, 4)).add("funding", list(funding, 4))
      .add("spending", Object(4).add("compute_share", num(inst.spending.compute_share))
                           .add("carryover", boolean(inst.spending.carryover)).done())
      .add("allocations", list(allocations, 4)).add("reserves_usd", num(inst.reserves_usd))
      .add("research_share", num(inst.research_share)).done();
}

// ------------------------------------------------------------------ parsing

struct Value {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  std::string text;                                 // strings
  std::vector<Value> items;                         // arrays
  std::vector<std::pair<std::string, Value>> members;  // objects, in order
  int line = 0, column = 0;
  size_t begin = 0, end = 0;                        // the value's bytes in the text

  // Declared here and defaulted below, once Value is complete: clang with libstdc++ rejects the
  // implicit members, which instantiate std::pair<std::string, Value> while Value is incomplete.
  Value();
  Value(const Value&);
  Value(Value&&) noexcept;
  Value& operator=(const Value&);
  Value& operator=(Value&&) noexcept;
  ~Value();
};

Value::Value() = default;
Value::Value(const Value&) = default;
Value::Value(Value&&) noexcept = default;
Value& Value::operator=(const Value&) = default;
Value& Value::operator=(Value&&) noexcept = default;
Value::~Value() = default;

const char* describe(Value::Kind k) {
  switch (k) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBool: return "true or false";
    case Value::Kind::kNumber: return "a number";
    case Value::Kind::kString: return "a string";
    case Value::Kind::kArray: return "a list";
    case Value::Kind::kObject: return "an object";
  }
  return "?";
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& name) : text_(text), name_(name) {}

  Value document() {
    Value v = value(0);
    space();
    if (at_ < text_.size()) fail("text after the end of the JSON value");
    return v;
  }

  [[noreturn]] void fail(const std::string& message) const {
    Diagnostic d;
    d.file = name_;
    d.line = line_;
    d.column = static_cast<int>(at_ - line_start_) + 1;
    d.message = message;
    const size_t eol = text_.find('\n', line_start_);
    d.source_line = std::string(text_.substr(line_start_, eol == std::string_view::npos ? std::string_view::npos : eol - line_start_));
    throw InputError({d});
  }

 private:
  static constexpr int kMaxDepth = 64;

  void space() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
      if (text_[at_] == '\n') {
        ++line_;
        line_start_ = at_ + 1;
      }
      ++at_;
    }
  }

  bool literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }

  Value value(int depth) {
    if (depth > kMaxDepth) fail("nested too deeply");
    space();
    if (at_ >= text_.size()) fail("expected a value, found the end of the text");
    Value v;
    v.line = line_;
    v.column = static_cast<int>(at_ - line_start_) + 1;
    v.begin = at_;
    const char c = text_[at_];
    if (c == '{') {
      v.kind = Value::Kind::kObject;
      ++at_;
      space();
      if (at_ < text_.size() && text_[at_] == '}') {
        ++at_;
      } else {
        for (;;) {
          space();
          if (at_ >= text_.size() || text_[at_] != '"') fail("expected a key in double quotes");
          std::string key = string();
          for (const auto& m : v.members)
            if (m.first == key) fail("the key \"" + key + "\" appears twice");
          space();
          if (at_ >= text_.size() || text_[at_] != ':') fail("expected ':' after the key");
          ++at_;
          v.members.emplace_back(std::move(key), value(depth + 1));
          space();
          if (at_ < text_.size() && text_[at_] == ',') {
            ++at_;
            continue;
          }
          if (at_ < text_.size() && text_[at_] == '}') {
            ++at_;
            break;
          }
          fail("expected ',' or '}' in the object");
        }
      }
    } else if (c == '[') {
      v.kind = Value::Kind::kArray;
      ++at_;
      space();
      if (at_ < text_.size() && text_[at_] == ']') {
        ++at_;
      } else {
        for (;;) {
          v.items.push_back(value(depth + 1));
          space();
          if (at_ < text_.size() && text_[at_] == ',') {
            ++at_;
            continue;
          }
          if (at_ < text_.size() && text_[at_] == ']') {
            ++at_;
            break;
          }
          fail("expected ',' or ']' in the list");
        }
      }
    } else if (c == '"') {
      v.kind = Value::Kind::kString;
      v.text = string();
    } else if (literal("true")) {
      v.kind = Value::Kind::kBool;
      v.boolean = true;
    } else if (literal("false")) {
      v.kind = Value::Kind::kBool;
    } else if (literal("null")) {
      v.kind = Value::Kind::kNull;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      v.kind = Value::Kind::kNumber;
      v.number = number();
    } else {
      fail(std::string("expected a value, found '") + c + "'");
    }
    v.end = at_;
    return v;
  }

  // A JSON number (the grammar checked here), read by strtod: the nearest double, as written.
  double number() {
    const size_t start = at_;
    auto digits = [&] {
      const size_t from = at_;
      while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
      return at_ > from;
    };
    if (text_[at_] == '-') ++at_;
    if (at_ < text_.size() && text_[at_] == '0') ++at_;
    else if (!digits()) fail("expected digits in the number");
    if (at_ < text_.size() && text_[at_] == '.') {
      ++at_;
      if (!digits()) fail("expected digits after the decimal point");
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (!digits()) fail("expected digits in the exponent");
    }
    const std::string written(text_.substr(start, at_ - start));
    const double v = std::strtod(written.c_str(), nullptr);
    if (!std::isfinite(v)) fail("the number " + written + " is too large");
    return v;
  }

  void utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  unsigned hex4() {
    if (at_ + 4 > text_.size()) fail("expected four hex digits after \\u");
    unsigned cp = 0;
    for (int k = 0; k < 4; ++k) {
      const char h = text_[at_++];
      cp <<= 4;
      if (h >= '0' && h <= '9') cp |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') cp |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') cp |= static_cast<unsigned>(h - 'A' + 10);
      else fail("expected four hex digits after \\u");
    }
    return cp;
  }

  std::string string() {
    ++at_;  // the opening quote
    std::string out;
    while (at_ < text_.size() && text_[at_] != '"') {
      const char c = text_[at_];
      if (static_cast<unsigned char>(c) < 0x20) fail("a control character in a string (write it as an escape)");
      if (c != '\\') {
        out += c;
        ++at_;
        continue;
      }
      if (++at_ >= text_.size()) break;
      const char e = text_[at_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00) {
            if (!literal("\\u")) fail("a lone surrogate in a \\u escape");
            const unsigned low = hex4();
            if (low < 0xDC00 || low >= 0xE000) fail("a lone surrogate in a \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            fail("a lone surrogate in a \\u escape");
          }
          utf8(out, cp);
          break;
        }
        default: fail(std::string("unknown escape \\") + e);
      }
    }
    if (at_ >= text_.size()) fail("a string without its closing quote");
    ++at_;
    return out;
  }

  std::string_view text_;
  const std::string& name_;
  size_t at_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
};

// ------------------------------------------------------------------ reading

// Reads typed fields out of parsed values, collecting every problem with its position and path.
class Reader {
 public:
  Reader(std::string_view text, std::string name) : text_(text), name_(std::move(name)) {}

  void problem(const Value& at, const std::string& path, const std::string& message, const std::string& hint = {}) {
    Diagnostic d;
    d.file = name_;
    d.line = at.line;
    d.column = at.column;
    d.path = path;
    d.message = message;
    d.hint = hint;
    size_t start = text_.rfind('\n', at.begin == 0 ? 0 : at.begin - 1);
    start = (start == std::string_view::npos || at.begin == 0) ? 0 : start + 1;
    const size_t eol = text_.find('\n', at.begin);
    d.source_line = std::string(text_.substr(start, eol == std::string_view::npos ? std::string_view::npos : eol - start));
    problems.push_back(std::move(d));
  }

  // The members of an object, each required once; unknown ones are problems.
  class Fields {
   public:
    Fields(Reader& r, const Value& object, std::string path) : r_(r), object_(object), path_(std::move(path)) {
      if (object.kind != Value::Kind::kObject)
        r.problem(object, path_, std::string("expected an object, found ") + describe(object.kind));
    }
    ~Fields() {
      if (object_.kind != Value::Kind::kObject) return;
      for (const auto& [key, value] : object_.members) {
        bool known = false;
        for (const std::string& k : used_) known = known || k == key;
        if (!known) r_.problem(value, at(key), "unknown key \"" + key + "\"", "keys here: " + list());
      }
    }
    Fields(const Fields&) = delete;
    Fields& operator=(const Fields&) = delete;

    std::string at(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

    // The member `key`, or nullptr (reported) when missing.
    const Value* get(const std::string& key) {
      used_.push_back(key);
      if (object_.kind != Value::Kind::kObject) return nullptr;
      for (const auto& m : object_.members)
        if (m.first == key) return &m.second;
      r_.problem(object_, path_, "missing key \"" + key + "\"");
      return nullptr;
    }

    double number(const std::string& key, double fallback = 0, bool infinite_when_null = false, bool negative = false) {
      const Value* v = get(key);
      if (!v) return fallback;
      if (infinite_when_null && v->kind == Value::Kind::kNull)
        return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
      return r_.number(*v, at(key));
    }
    int integer(const std::string& key) {
      const Value* v = get(key);
      return v ? r_.integer(*v, at(key)) : 0;
    }
    bool boolean(const std::string& key) {
      const Value* v = get(key);
      if (!v) return false;
      if (v->kind != Value::Kind::kBool) r_.problem(*v, at(key), std::string("expected true or false, found ") + describe(v->kind));
      return v->boolean;
    }
    std::string string(const std::string& key) {
      const Value* v = get(key);
      return v ? r_.string(*v, at(key)) : std::string();
    }
    std::optional<Series> series(const std::string& key) {
      const Value* v = get(key);
      if (!v || v->kind == Value::Kind::kNull) return std::nullopt;
      return r_.series(*v, at(key));
    }
    std::vector<double> numbers(const std::string& key) {
      const Value* v = get(key);
      std::vector<double> out;
      if (!v) return out;
      if (v->kind != Value::Kind::kArray) {
        r_.problem(*v, at(key), std::string("expected a list of numbers, found ") + describe(v->kind));
        return out;
      }
      for (size_t i = 0; i < v->items.size(); ++i) out.push_back(r_.number(v->items[i], at(key) + "[" + std::to_string(i) + "]"));
      return out;
    }
    // The items of a list member (empty, reported, when it is not a list).
    const std::vector<Value>& items(const std::string& key) {
      static const std::vector<Value> none;
      const Value* v = get(key);
      if (!v) return none;
      if (v->kind != Value::Kind::kArray) {
        r_.problem(*v, at(key), std::string("expected a list, found ") + describe(v->kind));
        return none;
      }
      return v->items;
    }
    // One of `words` (its index), or 0 (reported).
    int word(const std::string& key, std::initializer_list<const char*> words) {
      const std::string w = string(key);
      int i = 0;
      std::string all;
      for (const char* candidate : words) {
        if (w == candidate) return i;
        all += (i++ ? ", " : "") + std::string(candidate);
      }
      if (const Value* v = find(key)) r_.problem(*v, at(key), "expected one of " + all + ", found \"" + w + "\"");
      return 0;
    }

   private:
    const Value* find(const std::string& key) const {
      for (const auto& m : object_.members)
        if (m.first == key) return &m.second;
      return nullptr;
    }
    std::string list() const {
      std::string out;
      for (const std::string& k : used_) out += (out.empty() ? "" : ", ") + k;
      return out;
    }
    Reader& r_;
    const Value& object_;
    std::string path_;
    std::vector<std::string> used_;
  };

  double number(const Value& v, const std::string& path) {
    if (v.kind != Value::Kind::kNumber) problem(v, path, std::string("expected a number, found ") + describe(v.kind));
    return v.number;
  }
  int integer(const Value& v, const std::string& path) {
    const double x = number(v, path);
    if (v.kind == Value::Kind::kNumber && (x != std::floor(x) || std::fabs(x) > 1e9)) {
      problem(v, path, "expected a whole number, found " + num(x));
      return 0;
    }
    return static_cast<int>(x);
  }
  std::string string(const Value& v, const std::string& path) {
    if (v.kind != Value::Kind::kString) problem(v, path, std::string("expected a string, found ") + describe(v.kind));
    return v.text;
  }
  Series series(const Value& v, const std::string& path) {
    Series s;
    Fields f(*this, v, path);
    for (size_t i = 0; const Value& point : f.items("points")) {
      const std::string at = path + ".points[" + std::to_string(i++) + "]";
      if (point.kind != Value::Kind::kArray || point.items.size() != 2) {
        problem(point, at, "expected [year, value]");
        continue;
      }
      s.points.emplace_back(integer(point.items[0], at), number(point.items[1], at));
    }
    s.growth_factor = f.number("growth", 1);
    s.log_linear = f.boolean("log_linear");
    for (size_t i = 1; i < s.points.size(); ++i)
      if (s.points[i].first <= s.points[i - 1].first) problem(v, path + ".points", "years must increase");
    return s;
  }

  std::vector<Diagnostic> problems;

 private:
  std::string_view text_;
  std::string name_;
};

template <class T>
int index_of(const std::vector<T>& list, const std::string& name, std::string T::*key) {
  for (size_t i = 0; i < list.size(); ++i)
    if (list[i].*key == name) return static_cast<int>(i);
  return -1;
}

}  // namespace

std::string scenario_to_json(const Scenario& s) {
  std::vector<std::string> parts, institutions, uncertain, assumptions;
  for (const Accelerator& a : s.catalog.parts)
    parts.push_back(Object(4).add("name", str(a.name)).add("release_year", std::to_string(a.release_year))
                        .add("bf16_flops", num(a.bf16_flops)).add("fp8_flops", num(a.fp8_flops))
                        .add("memory_gb", num(a.memory_gb)).add("tdp_w", num(a.tdp_w))
                        .add("part_class", str(part_class_word(a.part_class))).add("price_usd", series(a.price_usd))
                        .add("cloud_usd_per_hour", series(a.cloud_usd_per_hour))
                        .add("training_efficiency", num(a.training_efficiency)).add("source", str(a.source)).done());
  for (const Institution& inst : s.institutions) institutions.push_back(institution_json(s, inst));
  for (const UncertainInput& u : s.uncertain)
    uncertain.push_back(Object(2).add("path", str(u.path)).add("text", str(u.text)).add("source", str(u.source))
                            .add("kind", str(dist_word(u.spec.kind))).add("params", numbers(u.spec.params))
                            .add("weights", numbers(u.spec.weights)).add("min", num(u.spec.min)).add("max", num(u.spec.max))
                            .add("nominal", num(u.nominal)).done());
  for (const Assumption& a : s.assumptions)
    assumptions.push_back(Object(2).add("path", str(a.path)).add("value", str(a.value)).add("source", str(a.source)).done());
  const Market& m = s.market;
  const ChoiceModel& c = s.talent.choice;
  return Object(0)
             .add("labsim_resolved_scenario", std::to_string(kScenarioJsonVersion))
             .add("name", str(s.name)).add("title", str(s.title))
             .add("first_year", std::to_string(s.first_year)).add("last_year", std::to_string(s.last_year))
             .add("economy", Object(2).add("inflation_rate", num(s.economy.inflation_rate))
                                 .add("electricity_usd_per_kwh", num(s.economy.electricity_usd_per_kwh))
                                 .add("pue", num(s.economy.pue)).add("server_power_factor", num(s.economy.server_power_factor))
                                 .done())
             .add("hardware", Object(2).add("reference", str(gpu_name(s, s.hardware.reference)))
                                  .add("price_performance_doubling_years", num(s.hardware.price_performance_doubling_years))
                                  .done())
             .add("catalog", list(parts, 2))
             .add("market", Object(2).add("industry_comp_usd", series(m.industry_comp_usd))
                                .add("frontier_training_flop", series(m.frontier_training_flop))
                                .add("industry_h100_hours_per_researcher", series(m.industry_h100_hours_per_researcher))
                                .add("industry_demand_usd", series(m.industry_demand_usd))
                                .add("academic_demand_usd", series(m.academic_demand_usd))
                                .add("academic_offer_usd", series(m.academic_offer_usd)).done())
             .add("talent", Object(2).add("choice", Object(4).add("intercept", num(c.intercept)).add("salary", num(c.salary))
                                                       .add("compute", num(c.compute)).add("demand", num(c.demand))
                                                       .add("academic_demand", num(c.academic_demand)).done())
                                .add("mobility", numbers(s.talent.mobility))
                                .add("vacancy_months", numbers(s.talent.vacancy_months))
                                .add("new_hire_productivity", num(s.talent.new_hire_productivity)).done())
             .add("training", Object(2).add("tokens_per_parameter", num(s.training.tokens_per_parameter)).done())
             .add("output", Object(2).add("base_productivity", num(s.output.base_productivity))
                                .add("productivity", num(s.output.productivity)).add("threshold", num(s.output.threshold))
                                .add("steepness", num(s.output.steepness)).done())
             .add("institutions", list(institutions, 0))
             .add("uncertain", list(uncertain, 0))
             .add("assumptions", list(assumptions, 0))
             .add("tree", s.resolved_json.empty() ? "null" : s.resolved_json)
             .done() +
         "\n";
}

Scenario scenario_from_json(std::string_view text, const std::string& name) {
  const Value root = Parser(text, name).document();
  Reader r(text, name);
  Scenario s;
  {
    Reader::Fields top(r, root, "");
    const Value* version = top.get("labsim_resolved_scenario");
    if (version && (version->kind != Value::Kind::kNumber || version->number != kScenarioJsonVersion))
      r.problem(*version, "labsim_resolved_scenario",
                "expected " + std::to_string(kScenarioJsonVersion) + " (the format this labsim reads)",
                "write it again with this labsim's `labsim resolve`");
    s.name = top.string("name");
    s.title = top.string("title");
    s.first_year = top.integer("first_year");
    s.last_year = top.integer("last_year");
    if (const Value* e = top.get("economy")) {
      Reader::Fields f(r, *e, "economy");
      s.economy.inflation_rate = f.number("inflation_rate");
      s.economy.electricity_usd_per_kwh = f.number("electricity_usd_per_kwh");
      s.economy.pue = f.number("pue");
      s.economy.server_power_factor = f.number("server_power_factor");
    }
    std::string reference;
    const Value* hardware = top.get("hardware");
    if (const Value* h = hardware) {
      Reader::Fields f(r, *h, "hardware");
      reference = f.string("reference");
      s.hardware.price_performance_doubling_years = f.number("price_performance_doubling_years");
    }
    const std::vector<Value>& parts = top.items("catalog");
    for (size_t i = 0; i < parts.size(); ++i) {
      Reader::Fields f(r, parts[i], "catalog[" + std::to_string(i) + "]");
      Accelerator a;
      a.name = f.string("name");
      a.release_year = f.integer("release_year");
      a.bf16_flops = f.number("bf16_flops");
      a.fp8_flops = f.number("fp8_flops");
      a.memory_gb = f.number("memory_gb");
      a.tdp_w = f.number("tdp_w");
      a.part_class = static_cast<PartClass>(f.word("part_class", {"datacenter", "workstation", "consumer"}));
      a.price_usd = f.series("price_usd");
      a.cloud_usd_per_hour = f.series("cloud_usd_per_hour");
      a.training_efficiency = f.number("training_efficiency");
      a.source = f.string("source");
      s.catalog.parts.push_back(std::move(a));
    }
    const auto gpu = [&](const std::string& part, const Value* at, const std::string& path, bool best_allowed) {
      if (best_allowed && part == "best") return -1;
      const int i = index_of(s.catalog.parts, part, &Accelerator::name);
      if (i < 0 && at) r.problem(*at, path, "no part \"" + part + "\" in the catalog");
      return std::max(i, 0);
    };
    if (const Value* h = hardware) {
      const Value* at = h->kind == Value::Kind::kObject && !h->members.empty() ? &h->members.front().second : h;
      s.hardware.reference = parts.empty() ? 0 : gpu(reference, at, "hardware.reference", false);
    }
    if (const Value* m = top.get("market")) {
      Reader::Fields f(r, *m, "market");
      s.market.industry_comp_usd = f.series("industry_comp_usd").value_or(Series::constant(0));
      s.market.frontier_training_flop = f.series("frontier_training_flop");
      s.market.industry_h100_hours_per_researcher = f.series("industry_h100_hours_per_researcher");
      s.market.industry_demand_usd = f.series("industry_demand_usd");
      s.market.academic_demand_usd = f.series("academic_demand_usd");
      s.market.academic_offer_usd = f.series("academic_offer_usd");
    }
    if (const Value* t = top.get("talent")) {
      Reader::Fields f(r, *t, "talent");
      if (const Value* c = f.get("choice")) {
        Reader::Fields cf(r, *c, "talent.choice");
        s.talent.choice.intercept = cf.number("intercept");
        s.talent.choice.salary = cf.number("salary");
        s.talent.choice.compute = cf.number("compute");
        s.talent.choice.demand = cf.number("demand");
        s.talent.choice.academic_demand = cf.number("academic_demand");
      }
      for (const auto& [key, into] : {std::pair{"mobility", &s.talent.mobility}, std::pair{"vacancy_months", &s.talent.vacancy_months}}) {
        const std::vector<double> v = f.numbers(key);
        if (v.size() == into->size()) std::copy(v.begin(), v.end(), into->begin());
        else if (const Value* at = t->kind == Value::Kind::kObject ? t : nullptr)
          r.problem(*at, std::string("talent.") + key, "expected " + std::to_string(kRoleCount) + " numbers, one per role");
      }
      s.talent.new_hire_productivity = f.number("new_hire_productivity");
    }
    if (const Value* t = top.get("training")) {
      Reader::Fields f(r, *t, "training");
      s.training.tokens_per_parameter = f.number("tokens_per_parameter");
    }
    if (const Value* o = top.get("output")) {
      Reader::Fields f(r, *o, "output");
      s.output.base_productivity = f.number("base_productivity");
      s.output.productivity = f.number("productivity");
      s.output.threshold = f.number("threshold");
      s.output.steepness = f.number("steepness");
    }
    const std::vector<Value>& insts = top.items("institutions");
    std::vector<std::vector<std::pair<std::string, const Value*>>> recipients(insts.size());
    for (size_t i = 0; i < insts.size(); ++i) {
      const std::string path = "institutions[" + std::to_string(i) + "]";
      Reader::Fields f(r, insts[i], path);
      Institution inst;
      inst.id = f.string("id");
      inst.name = f.string("name");
      inst.short_name = f.string("short_name");
      inst.kind = static_cast<InstitutionKind>(f.word("kind", {"university", "industry", "national_resource"}));
      inst.replicas = f.integer("replicas");
      inst.frontier_developer = f.boolean("frontier_developer");
      const std::vector<Value>& fleet = f.items("fleet");
      for (size_t k = 0; k < fleet.size(); ++k) {
        const std::string at = path + ".fleet[" + std::to_string(k) + "]";
        Reader::Fields c(r, fleet[k], at);
        Cohort cohort;
        cohort.gpu = gpu(c.string("gpu"), &fleet[k], at + ".gpu", false);
        cohort.count = c.number("count");
        cohort.acquired_year = c.integer("acquired_year");
        cohort.ownership = static_cast<Ownership>(c.word("ownership", {"owned", "cloud"}));
        cohort.lifetime_years = c.number("lifetime_years");
        inst.fleet.push_back(cohort);
      }
      if (const Value* p = f.get("procurement")) {
        Reader::Fields c(r, *p, path + ".procurement");
        inst.procurement.gpu = gpu(c.string("gpu"), p, path + ".procurement.gpu", true);
        inst.procurement.mode = static_cast<ProcurementMode>(c.word("mode", {"owned", "cloud", "cheapest"}));
        inst.procurement.lifetime_years = c.number("lifetime_years");
        inst.procurement.server_overhead = c.number("server_overhead");
        inst.procurement.maintenance_rate = c.number("maintenance_rate");
        inst.procurement.commissioning_months = c.number("commissioning_months");
        inst.procurement.power_paid_by_lab = c.boolean("power_paid_by_lab");
      }
      if (const Value* o = f.get("operations")) {
        Reader::Fields c(r, *o, path + ".operations");
        inst.operations.availability = c.number("availability");
        inst.operations.utilization = c.number("utilization");
        inst.operations.mfu = c.number("mfu");
      }
      if (const Value* l = f.get("largest_run")) {
        Reader::Fields c(r, *l, path + ".largest_run");
        inst.largest_run.share = c.number("share");
        inst.largest_run.days = c.number("days");
        inst.largest_run.days_growth = c.number("days_growth");
        inst.largest_run.share_growth = c.number("share_growth");
        inst.largest_run.power_cap_gw = c.series("power_cap_gw");
      }
      const std::vector<Value>& people = f.items("people");
      for (size_t k = 0; k < people.size(); ++k) {
        Reader::Fields c(r, people[k], path + ".people[" + std::to_string(k) + "]");
        RolePlan p;
        p.role = static_cast<Role>(c.word("role", {"faculty", "postdoc", "phd", "research_scientist", "engineer"}));
        p.group = c.string("group");
        p.count = c.number("count");
        p.target = c.series("target");
        p.salary_usd = c.number("salary_usd");
        p.market_salary = c.boolean("market_salary");
        p.salary_growth = c.number("salary_growth");
        p.salary_growth_is_inflation = c.boolean("salary_growth_is_inflation");
        p.fringe = c.number("fringe");
        p.paid_share = c.number("paid_share");
        p.tuition_usd = c.number("tuition_usd");
        p.attrition_rate = c.number("attrition_rate");
        p.program_years = c.number("program_years");
        inst.people.push_back(std::move(p));
      }
      const std::vector<Value>& funding = f.items("funding");
      for (size_t k = 0; k < funding.size(); ++k) {
        Reader::Fields c(r, funding[k], path + ".funding[" + std::to_string(k) + "]");
        Stream st;
        st.name = c.string("name");
        st.purpose = static_cast<Purpose>(c.word("purpose", {"any", "compute", "people"}));
        st.amount_usd = c.number("amount_usd");
        st.per_year = c.boolean("per_year");
        st.first_year = c.integer("first_year");
        st.last_year = c.integer("last_year");
        st.growth_factor = c.number("growth_factor");
        st.schedule = c.numbers("schedule");
        st.indirect_rate = c.number("indirect_rate");
        inst.funding.push_back(std::move(st));
      }
      if (const Value* sp = f.get("spending")) {
        Reader::Fields c(r, *sp, path + ".spending");
        inst.spending.compute_share = c.number("compute_share");
        inst.spending.carryover = c.boolean("carryover");
      }
      const std::vector<Value>& allocations = f.items("allocations");
      for (size_t k = 0; k < allocations.size(); ++k) {
        const std::string at = path + ".allocations[" + std::to_string(k) + "]";
        Reader::Fields c(r, allocations[k], at);
        Allocation a;
        recipients[i].emplace_back(c.string("recipient"), &allocations[k]);
        a.share = c.number("share");
        a.h100_hours = c.series("h100_hours");
        inst.allocations.push_back(std::move(a));
      }
      inst.reserves_usd = f.number("reserves_usd");
      inst.research_share = f.number("research_share");
      s.institutions.push_back(std::move(inst));
    }
    for (size_t i = 0; i < recipients.size(); ++i)
      for (size_t k = 0; k < recipients[i].size(); ++k) {
        const auto& [id, at] = recipients[i][k];
        const int to = index_of(s.institutions, id, &Institution::id);
        if (to < 0)
          r.problem(*at, "institutions[" + std::to_string(i) + "].allocations[" + std::to_string(k) + "].recipient",
                    "no institution \"" + id + "\"");
        s.institutions[i].allocations[k].recipient = std::max(to, 0);
      }
    const std::vector<Value>& uncertain = top.items("uncertain");
    for (size_t i = 0; i < uncertain.size(); ++i) {
      Reader::Fields f(r, uncertain[i], "uncertain[" + std::to_string(i) + "]");
      UncertainInput u;
      u.path = f.string("path");
      u.text = f.string("text");
      u.source = f.string("source");
      u.spec.kind = static_cast<DistKind>(f.word("kind", {"normal", "lognormal", "uniform", "triangular", "pert", "choice"}));
      u.spec.params = f.numbers("params");
      u.spec.weights = f.numbers("weights");
      u.spec.min = f.number("min", 0, true, true);
      u.spec.max = f.number("max", 0, true, false);
      u.nominal = f.number("nominal");
      s.uncertain.push_back(std::move(u));
    }
    const std::vector<Value>& assumptions = top.items("assumptions");
    for (size_t i = 0; i < assumptions.size(); ++i) {
      Reader::Fields f(r, assumptions[i], "assumptions[" + std::to_string(i) + "]");
      Assumption a;
      a.path = f.string("path");
      a.value = f.string("value");
      a.source = f.string("source");
      s.assumptions.push_back(std::move(a));
    }
    if (const Value* tree = top.get("tree"))
      if (tree->kind != Value::Kind::kNull) s.resolved_json = std::string(text.substr(tree->begin, tree->end - tree->begin));
  }
  if (r.problems.empty() && s.last_year < s.first_year)
    r.problem(root, "last_year", "the last year is before the first");
  if (r.problems.empty() && s.catalog.parts.empty()) r.problem(root, "catalog", "expected at least one part");
  if (!r.problems.empty()) throw InputError(std::move(r.problems));
  return s;
}

namespace {

// Every number of `v` with its JSON pointer, appended to `out`.
void numbers_of(const Value& v, const std::string& pointer, std::vector<std::pair<std::string, double>>& out) {
  if (v.kind == Value::Kind::kNumber) out.emplace_back(pointer, v.number);
  for (size_t i = 0; i < v.items.size(); ++i) numbers_of(v.items[i], pointer + "/" + std::to_string(i), out);
  for (const auto& [key, member] : v.members) {
    std::string escaped;
    for (char c : key) escaped += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    numbers_of(member, pointer + "/" + escaped, out);
  }
}

}  // namespace

std::vector<std::string> scenario_json_pointers(Scenario& s, const std::vector<double*>& fields) {
  // Each field holds a distinct marker for one writing; its pointer is where the marker appears.
  std::vector<double> saved;
  for (double* f : fields) saved.push_back(*f);
  for (size_t i = 0; i < fields.size(); ++i) *fields[i] = 1e300 * (1 + static_cast<double>(i + 1) * 0x1p-30);
  const std::string text = scenario_to_json(s);
  for (size_t i = 0; i < fields.size(); ++i) *fields[i] = saved[i];
  std::vector<std::pair<std::string, double>> numbers;
  numbers_of(Parser(text, "scenario.json").document(), "", numbers);
  std::vector<std::string> pointers(fields.size());
  for (const auto& [pointer, value] : numbers) {
    if (!(value >= 1e300)) continue;
    const double k = std::round((value / 1e300 - 1) * 0x1p30) - 1;
    if (k >= 0 && static_cast<size_t>(k) < fields.size()) pointers[static_cast<size_t>(k)] = pointer;
  }
  return pointers;
}

}  // namespace labsim
