// Reading the keys the field table describes (sim/io/fields_table.cpp) into their structs.
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <type_traits>

#include "io/schema.hpp"
#include "text/names.hpp"

namespace labsim::io {

using text::join_path;

namespace {

// A series point grows past the field's limit (or past 1e250 FLOP) by the last year.
void check_growth(Reader& r, const Node& n, const std::string& path, const FieldSpec& f, const Series& s,
                  int last_year) {
  double upper = effective_limits(f).upper;
  if (!within_bounds(r, n.pos, path, s.at(last_year), std::isfinite(upper) ? upper : 1e250, last_year)) return;
  if (s.at(last_year) < f.horizon_floor)
    r.error(n.pos, path,
            fmt::format("this falls to {:.3g} by {}; less than {:g} is not plausible", s.at(last_year), last_year,
                        f.horizon_floor),
            "raise the growth rate (a fall of 99 %/yr is -99%/yr) or shorten scenario.years");
}

template <class Owner>
void read_one(Reader& r, const Node& map, const std::string& path, const FieldSpec& f, Owner& owner,
              int last_year) {
  if constexpr (std::is_same_v<Owner, Talent>) {
    if (is_role_map(f.section)) {
      if (auto v = r.field(map, path, f)) role_value(owner, f) = *v;
      return;
    }
  }
  bool owned = std::visit(
      [&](auto member) {
        if constexpr (kMemberOf<decltype(member), Owner>) {
          auto& dst = owner.*member;
          if constexpr (std::is_same_v<std::remove_cvref_t<decltype(dst)>, double>) {
            if (auto v = r.field(map, path, f)) dst = *v;
          } else if (const Node* n = map.find(f.key)) {  // a series, or an optional one
            std::string p = join_path(path, f.key);
            if (std::optional<Series> s = r.series(*n, p, f.quantity, &f)) {
              check_growth(r, *n, p, f, *s, last_year);
              dst = std::move(*s);
            }
          }
          return true;
        } else {
          return false;
        }
      },
      f.member);
  if (!owned)  // a row whose member is not in the struct its section is read into: a table bug
    throw std::logic_error(fmt::format("{}.{}: not a member of the struct read for its section",
                                       section_path(f.section), f.key));
}

}  // namespace

OwnRead own_text(Reader& r, const std::string& path, std::string_view key, std::string* dst) {
  return {key, [&r, p = join_path(path, key), dst](const Node* n) {
            if (!n) return;
            if (auto t = r.text(*n, p); t && dst) *dst = *t;
          }};
}

template <class Owner>
bool read_section(Reader& r, const Node& map, const std::string& path, Section section, Owner& owner,
                  int last_year, std::initializer_list<OwnRead> own, int role) {
  if (!r.expect_map(map, path, section_keys(section, role))) return false;
  for (const FieldSpec* f : section_fields(section, role)) {
    if (f->generic()) {
      read_one(r, map, path, *f, owner, last_year);
      continue;
    }
    auto it = std::find_if(own.begin(), own.end(), [&](const OwnRead& o) { return o.key == f->key; });
    if (it == own.end())
      throw std::logic_error(fmt::format("the loader has no reader for {}.{}", section_path(section), f->key));
    const Node* n = map.find(f->key);
    if (!n && f->required) r.require(map, f->key, path);  // reports it
    it->read(n);
  }
  return true;
}

template bool read_section(Reader&, const Node&, const std::string&, Section, Economy&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, Hardware&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, Market&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, ChoiceModel&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, Talent&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, Training&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, ResearchOutput&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, Accelerator&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, Cohort&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, Procurement&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, Operations&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, LargestRun&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, RolePlan&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, Stream&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, Spending&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, Institution&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, Allocation&, int, std::initializer_list<OwnRead>, int);
template bool read_section(Reader&, const Node&, const std::string&, Section, NoNumbers&, int, std::initializer_list<OwnRead>, int);

}  // namespace labsim::io
