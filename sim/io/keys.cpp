// The field table as users read it: key types, defaults and limits in words.
#include "labsim/keys.hpp"

#include <fmt/format.h>

#include <cmath>

#include "io/bind.hpp"
#include "io/fields.hpp"

namespace labsim {

namespace {

using io::FieldSpec;
using io::Quantity;

// The kinds of number of docs/scenario-format.md, section 2.
const char* kind_name(Quantity q) {
  switch (q) {
    case Quantity::kNumber: return "number";
    case Quantity::kCount: return "count";
    case Quantity::kMoney: return "money";
    case Quantity::kShare: return "share";
    case Quantity::kOverhead: return "percentage";
    case Quantity::kRate: return "rate per year";
    case Quantity::kGrowth: return "growth per year";
    case Quantity::kYears:
    case Quantity::kDays:
    case Quantity::kMonths: return "duration";
    case Quantity::kFlop: return "FLOP";
    case Quantity::kAmount: return "amount";
    case Quantity::kHours: return "hours a year";
    case Quantity::kYear: return "year";
  }
  return "";
}

std::string type_text(const FieldSpec& f) {
  if (!f.varies() && !f.unit.empty()) return std::string(f.unit);
  std::string kind = kind_name(f.quantity);
  if (f.shape == io::Shape::kSeries) kind = "series of " + kind;
  if (f.section == io::Section::kRole && f.key == "salary") kind += ", or `market`";
  return f.unit.empty() ? kind : fmt::format("{} ({})", kind, f.unit);
}

// The limits in words; for a key whose limits depend on the role, each case.
std::string allowed_text(const FieldSpec& f) {
  if (f.shape == io::Shape::kOther) return f.condition.empty() ? "see meaning" : std::string(f.condition);
  std::string text = f.quantity == Quantity::kYear ? "from 1900 to 2200" : io::limits_text(f);
  if (f.section == io::Section::kRole && f.role >= 0)
    text = fmt::format("`{}`: {}; others {}", to_string(static_cast<Role>(f.role)), text,
                       io::limits_text(io::field_spec(io::Section::kRole, f.key, -1)));
  if (f.shape == io::Shape::kSeries && !text.empty())
    text += std::isfinite(io::effective_limits(f).upper) ? ", per point and by the last year" : ", per point";
  if (f.horizon_floor > 0) text += fmt::format("; not below {:g} by the last year", f.horizon_floor);
  if (!f.condition.empty()) text += (text.empty() ? "" : "; ") + std::string(f.condition);
  return text.empty() ? "any" : text;
}

}  // namespace

std::vector<KeyInfo> scenario_keys() {
  std::vector<KeyInfo> keys;
  for (const FieldSpec& f : io::field_specs()) {
    bool listed = false;
    for (const KeyInfo& k : keys) listed = listed || (k.section == io::section_path(f.section) && k.key == f.key);
    if (listed) continue;  // a role's own limits are named in the first row of the key
    keys.push_back(KeyInfo{std::string(io::section_path(f.section)), std::string(f.key), type_text(f),
                           io::default_text(f), allowed_text(f), std::string(f.label), f.varies()});
  }
  return keys;
}

std::vector<std::string> input_paths(const Scenario& s) { return io::field_paths(s); }

void write_keys_markdown(std::ostream& out, const std::vector<KeyInfo>& keys) {
  std::string section = "-";
  for (const KeyInfo& k : keys) {
    if (k.section != section) {
      section = k.section;
      out << fmt::format("{}### `{}`\n\n| key | type/unit | default | allowed | meaning |\n|---|---|---|---|---|\n",
                         &k == keys.data() ? "" : "\n", section.empty() ? "(top level)" : section);
    }
    out << fmt::format("| `{}` | {} | {} | {} | {} |\n", k.key, k.type, k.default_text, k.allowed, k.label);
  }
}

}  // namespace labsim
