// The `institutions:` list: fleet, procurement, operations, people, funding, spending.
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>

#include "io/schema.hpp"
#include "text/names.hpp"
#include "text/number.hpp"

namespace labsim::io {

using text::join_path;

namespace {

const std::vector<std::string> kKinds = {"university", "industry", "national_resource"};
const std::vector<std::string> kPurposes = {"any", "compute", "people"};  // in Purpose order

// Limits that keep a hostile scenario cheap to run (docs/scenario-format.md, limits): far above
// any real study, which has a handful of institutions with a few cohorts each.
constexpr size_t kMaxInstitutions = 1000;
constexpr size_t kMaxCohorts = 1000;  // initial fleet cohorts per institution

// The name of a list item for paths: its id, name or role, else its index.
std::string item_name(const Node& item, size_t index) {
  if (item.is_map())
    for (const char* key : {"id", "name", "group", "role"})
      if (const Node* k = item.find(key); k && k->is_scalar() && !k->text.empty()) return k->text;
  return std::to_string(index);
}

bool expect_list(Reader& r, const Node& n, const std::string& path, const char* of) {
  if (n.is_seq()) return true;
  r.error(n.pos, path, fmt::format("expected a list of {}, found {}", of, n.describe()));
  return false;
}

void read_acquired(Reader& r, const Node* n, const std::string& path, int first_year, Cohort& c) {
  if (!n) return;
  if (auto v = r.quantity(*n, path, Quantity::kYear)) {
    c.acquired_year = static_cast<int>(v->value);
    if (c.acquired_year > first_year)
      r.error(n->pos, path,
              fmt::format("the initial fleet must be in service by the first year ({}), found {}", first_year,
                          c.acquired_year),
              "later purchases come from `procurement:` and the budget");
  }
}

void read_fleet(Reader& r, const Node& list, const std::string& path, const Scenario& s, Institution& inst) {
  if (!expect_list(r, list, path, "cohorts")) return;
  if (list.items.size() > kMaxCohorts) {
    r.error(list.pos, path, fmt::format("{} cohorts is more than labsim models; at most {}", list.items.size(), kMaxCohorts),
            "merge cohorts of the same part and year");
    return;
  }
  for (size_t i = 0; i < list.items.size(); ++i) {
    const Node& item = list.items[i];
    std::string p = fmt::format("{}[{}]", path, i);
    Cohort c;
    c.acquired_year = s.first_year;
    bool gpu_known = false;
    if (!read_section(r, item, p, Section::kCohort, c, s.last_year,
                      {{"gpu", [&](const Node* n) {
                         if (n)
                           if (auto g = r.choice(*n, join_path(p, "gpu"), part_names(s.catalog), "GPU")) c.gpu = *g, gpu_known = true;
                       }},
                       {"acquired", [&](const Node* n) { read_acquired(r, n, join_path(p, "acquired"), s.first_year, c); }},
                       {"ownership", [&](const Node* n) {
                          if (n)
                            if (auto o = r.choice(*n, join_path(p, "ownership"), {"owned", "cloud"}, "ownership"))
                              c.ownership = static_cast<Ownership>(*o);
                        }}}))
      continue;
    const Accelerator& part = s.catalog.parts[static_cast<size_t>(c.gpu)];
    if (gpu_known && c.ownership == Ownership::kCloud && !part.cloud_usd_per_hour)
      r.error(item.pos, join_path(p, "ownership"), fmt::format("{} has no cloud rate in the catalog", part.name),
              "add cloud_usd_per_hour for it under hardware.catalog");
    inst.fleet.push_back(c);
  }
}

void read_procurement(Reader& r, const Node& n, const std::string& path, const Scenario& s, Procurement& pr) {
  // A named part must have the price its mode needs.
  auto check_part = [&](bool ok, const char* what) {
    if (pr.gpu >= 0 && !ok)
      r.error(n.find("gpu")->pos, join_path(path, "gpu"),
              fmt::format("{} has no {} in the catalog", s.catalog.parts[static_cast<size_t>(pr.gpu)].name, what),
              fmt::format("add {} for it under hardware.catalog, or use gpu: best", what));
  };
  read_section(r, n, path, Section::kProcurement, pr, s.last_year,
               {{"gpu", [&](const Node* g) {
                  std::vector<std::string> names = part_names(s.catalog);
                  names.insert(names.begin(), "best");
                  if (g)
                    if (auto i = r.choice(*g, join_path(path, "gpu"), names, "GPU")) pr.gpu = *i - 1;
                }},
                {"mode", [&](const Node* m) {
                   if (m)
                     if (auto i = r.choice(*m, join_path(path, "mode"), {"owned", "cloud", "cheapest"}, "procurement mode"))
                       pr.mode = static_cast<ProcurementMode>(*i);
                   if (pr.gpu < 0) return;
                   const Accelerator& part = s.catalog.parts[static_cast<size_t>(pr.gpu)];
                   if (pr.mode != ProcurementMode::kCloud) check_part(part.price_usd.has_value(), "price_usd");
                   if (pr.mode != ProcurementMode::kOwned) check_part(part.cloud_usd_per_hour.has_value(), "cloud_usd_per_hour");
                 }},
                {"power_paid_by", [&](const Node* p) {
                   if (p)
                     if (auto i = r.choice(*p, join_path(path, "power_paid_by"), {"institution", "lab"}, "payer"))
                       pr.power_paid_by_lab = *i == 1;
                 }}});
}

// A salary in USD, or `market` ({value: market, source: ...} too).
void read_salary(Reader& r, const Node* n, const std::string& path, RolePlan& plan) {
  if (!n) return;
  const Node* sc = n->is_map() && n->find("value") ? n->find("value") : n;
  if (sc->is_scalar() && sc->text == "market") {
    plan.market_salary = true;
    r.scalar(*n, path, "a salary");
  } else if (auto v = r.quantity(*n, path, Quantity::kMoney, false, &field_spec(Section::kRole, "salary"))) {
    plan.salary_usd = v->value;
  }
}

void read_people(Reader& r, const Node& list, const std::string& path, const Scenario& s, Institution& inst) {
  if (!expect_list(r, list, path, "roles")) return;
  if (list.items.size() > static_cast<size_t>(kMaxPeopleGroups)) {
    r.error(list.pos, path,
            fmt::format("{} entries is more than labsim models; at most {} roles and groups", list.items.size(),
                        kMaxPeopleGroups),
            "merge groups whose pay and headcount plans are alike");
    return;
  }
  struct Entry {
    const Node* at;  // the entry's `group`, else its `role`
    std::string path;
    size_t plan;     // index into inst.people
  };
  std::vector<Entry> named;  // the entries whose role was read
  for (size_t i = 0; i < list.items.size(); ++i) {
    const Node& item = list.items[i];
    std::string p = join_path(path, item_name(item, i));
    if (!item.is_map()) {
      r.expect_map(item, p, section_keys(Section::kRole));  // reports it
      continue;
    }
    RolePlan plan;
    bool role_read = false;
    if (const Node* n = item.find("role")) {
      if (auto ro = r.choice(*n, join_path(p, "role"), role_names(), "role")) {
        plan.role = static_cast<Role>(*ro);
        role_read = true;
      }
    }
    const RoleDefaults& d = role_defaults(plan.role);
    plan.attrition_rate = d.attrition;
    plan.fringe = inst.kind == InstitutionKind::kUniversity ? d.fringe : 0;
    plan.program_years = d.program_years;
    plan.salary_growth = 1 + s.economy.inflation_rate;
    read_section(r, item, p, Section::kRole, plan, s.last_year,
                 {own_text(r, p, "group", &plan.group),
                  {"role", [](const Node*) {}},  // read above: it decides the defaults
                  {"salary", [&](const Node* n) { read_salary(r, n, join_path(p, "salary"), plan); }}},
                 static_cast<int>(plan.role));
    plan.salary_growth_is_inflation = item.find("salary_growth") == nullptr;
    if (const Node* g = item.find("salary_growth"))
      within_bounds(r, g->pos, join_path(p, "salary_growth"),
                    plan.salary_usd * std::pow(plan.salary_growth, s.last_year - s.first_year), 1e15, s.last_year);
    if (role_read) named.push_back({item.find(plan.group.empty() ? "role" : "group"), p, inst.people.size()});
    inst.people.push_back(std::move(plan));
  }
  // A role may have several entries when each names its group; every name is the institution's once.
  // A role with several entries and some without a group is reported once, at the last of those.
  std::map<Role, int> per_role;
  std::map<Role, size_t> last_ungrouped;
  for (size_t k = 0; k < named.size(); ++k) {
    const RolePlan& plan = inst.people[named[k].plan];
    ++per_role[plan.role];
    if (plan.group.empty()) last_ungrouped[plan.role] = k;
  }
  std::set<std::string> names;
  for (size_t k = 0; k < named.size(); ++k) {
    const Entry& e = named[k];
    const RolePlan& plan = inst.people[e.plan];
    const char* role = to_string(plan.role);
    if (plan.group.empty() && per_role[plan.role] > 1) {
      if (last_ungrouped[plan.role] == k)
        r.error(e.at->pos, join_path(e.path, "role"),
                fmt::format("the role {} has {} entries; each needs a `group:` name", role, per_role[plan.role]),
                "merge them, or give each a `group:` name (a group within the role, e.g. group: topped-up)");
    } else if (!names.insert(plan.group.empty() ? role : plan.group).second)
      r.error(e.at->pos, join_path(e.path, plan.group.empty() ? "role" : "group"),
              fmt::format("'{}' names two entries of people", plan.group.empty() ? role : plan.group),
              "every group needs its own name, other than a role's: it addresses the entry in --set and extends:");
  }
}

// A total amount's split over its years: shares that add up to 100 %.
void read_schedule(Reader& r, const Node* n, const std::string& sp, Stream& st) {
  if (!n) return;
  if (!n->is_seq()) {
    r.error(n->pos, sp, fmt::format("expected a list of shares such as [20%, 30%, 50%], found {}", n->describe()));
    return;
  }
  double total = 0;
  for (size_t k = 0; k < n->items.size(); ++k)
    if (auto v = r.fixed_quantity(n->items[k], fmt::format("{}[{}]", sp, k), Quantity::kShare,
                                  "the shares of a schedule must add up to 100%")) {
      st.schedule.push_back(v->value);
      total += v->value;
    }
  int years = st.last_year - st.first_year + 1;
  if (st.schedule.size() != n->items.size()) return;
  if (st.per_year) r.error(n->pos, sp, "a schedule splits a total amount; this amount is per year");
  else if (static_cast<int>(st.schedule.size()) != years)
    r.error(n->pos, sp, fmt::format("the schedule has {} shares for {} years", st.schedule.size(), years));
  else if (std::fabs(total - 1) > 0.005)
    r.error(n->pos, sp, fmt::format("the shares add up to {:.4g}%, not 100%", total * 100));
}

void read_stream(Reader& r, const Node& item, const std::string& p, int last_year, Institution& inst) {
  Stream st;
  bool amount_read = true;
  bool ok = read_section(
      r, item, p, Section::kStream, st, last_year,
      {own_text(r, p, "name", &st.name),
       {"purpose", [&](const Node* n) {
          if (n)
            if (auto k = r.choice(*n, join_path(p, "purpose"), kPurposes, "purpose")) st.purpose = static_cast<Purpose>(*k);
        }},
       {"amount", [&](const Node* n) {
          amount_read = n != nullptr;  // a missing amount is reported as missing, and only that
          if (!n) return;
          if (auto v = r.quantity(*n, join_path(p, "amount"), Quantity::kMoney, true, &field_spec(Section::kStream, "amount")))
            st.amount_usd = v->value, st.per_year = v->per_year;
          else
            amount_read = false;
        }},
       {"years", [&](const Node* n) {
          if (n)
            if (auto y = r.year_range(*n, join_path(p, "years"))) st.first_year = y->first, st.last_year = y->second;
        }},
       {"schedule", [&](const Node* n) { read_schedule(r, n, join_path(p, "schedule"), st); }}});
  if (!ok) return;
  if (const Node* n = item.find("growth")) {
    within_bounds(r, n->pos, join_path(p, "growth"), st.amount_usd * std::pow(st.growth_factor, st.last_year - st.first_year),
                  1e15, st.last_year);
    // An amount already reported as unreadable says nothing about whether it was per year.
    if (!st.per_year && amount_read)
      r.error(n->pos, join_path(p, "growth"), "growth applies to per-year amounts only",
              "write the amount as a yearly figure, e.g. 1.5M/yr");
  }
  if (item.find("indirect_rate") && inst.kind != InstitutionKind::kUniversity)
    r.error(item.find("indirect_rate")->pos, join_path(p, "indirect_rate"),
            "indirect (F&A) rates apply to universities only");
  inst.funding.push_back(std::move(st));
}

void read_funding(Reader& r, const Node& list, const std::string& path, int last_year, Institution& inst) {
  if (!expect_list(r, list, path, "revenue streams")) return;
  for (size_t i = 0; i < list.items.size(); ++i) read_stream(r, list.items[i], join_path(path, item_name(list.items[i], i)), last_year, inst);
}

void read_replicas(Reader& r, const Node* n, const std::string& path, Institution& inst) {
  if (!n) return;
  const FieldSpec& spec = field_spec(Section::kInstitution, "replicas");
  if (auto v = r.fixed_quantity(*n, path, spec.quantity, "the number of replicas shapes the output")) {
    if (check_value(spec, v->value) || v->value != std::floor(v->value))
      r.error(n->pos, path, fmt::format("expected a whole number {}, found {}", limits_text(spec), v->value));
    else inst.replicas = static_cast<int>(v->value);
  }
}

// A frontier developer's largest run scales by default (docs/model.md, "Largest run"): keys the
// scenario gives win.
void frontier_profile(const Node& item, Institution& inst) {
  const Node* run = item.is_map() ? item.find("largest_run") : nullptr;
  auto given = [&](const char* key) { return run && run->is_map() && run->find(key); };
  if (!given("days_growth")) inst.largest_run.days_growth = kFrontierDaysGrowth;
  if (!given("power_cap_gw")) inst.largest_run.power_cap_gw = frontier_power_cap_gw();
}

void read_institution(Reader& r, const Node& item, const std::string& p, Scenario& s, Institution& inst) {
  auto section = [&](const char* key, auto read) {
    return OwnRead{key, [&, key, read](const Node* n) {
                     if (n) read(*n, join_path(p, key));
                   }};
  };
  read_section(
      r, item, p, Section::kInstitution, inst, s.last_year,
      {{"id", [&](const Node* n) {
          if (n)
            if (auto t = r.text(*n, join_path(p, "id"))) inst.id = *t;
          inst.name = inst.id;
        }},
       own_text(r, p, "name", &inst.name),
       own_text(r, p, "short_name", &inst.short_name),
       {"kind", [&](const Node* n) {
          if (n)
            if (auto k = r.choice(*n, join_path(p, "kind"), kKinds, "institution kind")) inst.kind = static_cast<InstitutionKind>(*k);
          if (inst.kind == InstitutionKind::kIndustry) {
            inst.spending.compute_share = kIndustryComputeShare;
            inst.research_share = kIndustryResearchShare;
          }
        }},
       {"replicas", [&](const Node* n) { read_replicas(r, n, join_path(p, "replicas"), inst); }},
       {"frontier_developer", [&](const Node* n) {
          if (n)
            if (auto b = r.boolean(*n, join_path(p, "frontier_developer"))) inst.frontier_developer = *b;
        }},
       section("fleet", [&](const Node& n, const std::string& path) { read_fleet(r, n, path, s, inst); }),
       section("procurement", [&](const Node& n, const std::string& path) { read_procurement(r, n, path, s, inst.procurement); }),
       section("operations", [&](const Node& n, const std::string& path) {
         read_section(r, n, path, Section::kOperations, inst.operations, s.last_year);
       }),
       section("largest_run", [&](const Node& n, const std::string& path) {
         read_section(r, n, path, Section::kLargestRun, inst.largest_run, s.last_year);
       }),
       section("people", [&](const Node& n, const std::string& path) { read_people(r, n, path, s, inst); }),
       section("funding", [&](const Node& n, const std::string& path) { read_funding(r, n, path, s.last_year, inst); }),
       section("spending", [&](const Node& n, const std::string& path) {
         read_section(r, n, path, Section::kSpending, inst.spending, s.last_year,
                      {{"carryover", [&](const Node* c) {
                         if (c)
                           if (auto b = r.boolean(*c, join_path(path, "carryover"))) inst.spending.carryover = *b;
                       }}});
       }),
       {"allocates", [](const Node*) {}}});  // read_allocations, once every id is known
  if (inst.frontier_developer) frontier_profile(item, inst);
}

// The most H100-hours a provider without funding can deliver in the first year: its initial
// fleet, every GPU up `availability` and busy `utilization` of the year, none retired. An upper
// bound, so a grant above it is an over-allocation whatever the run does.
double unfunded_capacity(const Scenario& s, const Institution& inst) {
  const double ref = reference_peak_flops(s);
  double hours = 0;
  for (const Cohort& c : inst.fleet) {
    if (c.acquired_year > s.first_year) continue;
    const Accelerator& a = s.catalog.parts[static_cast<size_t>(c.gpu)];
    hours += c.count * 8760 * a.bf16_flops * a.training_efficiency / ref;
  }
  return hours * inst.operations.availability * inst.operations.utilization;
}

// `allocates:` needs every institution's id, so it is read after the list.
void read_allocations(Reader& r, const Node& list, const std::string& path, Scenario& s, Institution& inst) {
  if (!expect_list(r, list, path, "allocations")) return;
  std::vector<std::string> ids;
  for (const auto& other : s.institutions) ids.push_back(other.id);
  double total = 0, first_year_hours = 0;
  const Node* first_hours = nullptr;  // the first `h100_hours`, where an over-allocation is reported
  std::string first_hours_path;
  for (size_t i = 0; i < list.items.size(); ++i) {
    const Node& item = list.items[i];
    std::string p = fmt::format("{}[{}]", path, i);
    Allocation a;
    bool ok = true;
    const size_t errors = r.error_count();
    bool read = read_section(r, item, p, Section::kAllocation, a, s.last_year,
                             {{"institution", [&](const Node* n) {
                                if (!n) return void(ok = false);
                                auto k = r.choice(*n, join_path(p, "institution"), ids, "institution");
                                if (!k) return void(ok = false);
                                a.recipient = *k;
                                if (s.institutions[static_cast<size_t>(*k)].kind == InstitutionKind::kNationalResource) {
                                  r.error(n->pos, join_path(p, "institution"), "a national resource cannot receive an allocation");
                                  ok = false;
                                }
                              }}});
    if (!read) continue;
    const Node* share = item.find("share");
    const Node* hours = item.find("h100_hours");
    if (share && hours) {
      r.error(hours->pos, join_path(p, "h100_hours"), "give either `share` or `h100_hours`, not both",
              "a share is of the hours the resource delivers; `h100_hours` is a fixed grant a year");
      ok = false;
    } else if (!share && !hours) {
      r.error(item.pos, p, "expected `share` or `h100_hours`, found neither",
              "share: 1% of the hours the resource delivers, or h100_hours: 500k/yr");
      ok = false;
    }
    if (share && grants_only(inst)) {
      r.error(share->pos, join_path(p, "share"),
              "a resource with no fleet and no funding delivers no hours to share",
              "grant fixed hours (h100_hours: 500k/yr), or give the resource a fleet or funding");
      ok = false;
    }
    if (r.error_count() != errors) ok = false;
    if (!ok) continue;
    if (share) total += a.share;
    if (hours) {
      first_year_hours += a.h100_hours->at(s.first_year);
      if (!first_hours) first_hours = hours, first_hours_path = join_path(p, "h100_hours");
    }
    inst.allocations.push_back(std::move(a));
  }
  if (total > 1 + 1e-9) r.error(list.pos, path, fmt::format("the shares add up to {:.4g}%, more than 100%", total * 100));
  else if (first_hours && total >= 1 - 1e-9)
    r.error(first_hours->pos, first_hours_path, "the shares give away all the hours: none are left for fixed grants",
            "lower a share, or grant hours from a resource of their own");
  else if (first_hours && inst.funding.empty() && !grants_only(inst)) {
    const double capacity = unfunded_capacity(s, inst) * (1 - total);
    if (first_year_hours > capacity * (1 + 1e-9))
      r.error(first_hours->pos, first_hours_path,
              fmt::format("the grants need {} H100-hours in {}, more than the {} this resource's fleet can deliver{}",
                          text::with_separators(std::round(first_year_hours)), s.first_year, text::with_separators(std::floor(capacity)),
                          total > 0 ? " after its shares" : ""),
              "a resource without funding delivers only its initial fleet; give it funding or lower the grants");
  }
  if (inst.kind != InstitutionKind::kNationalResource && !list.items.empty())
    r.error(list.pos, path, "only a national_resource allocates compute to others");
}

}  // namespace

void read_institutions(Reader& r, const Node& list, Scenario& s) {
  const std::string path = "institutions";
  if (!expect_list(r, list, path, "institutions")) return;
  if (list.items.empty()) r.error(list.pos, path, "a scenario needs at least one institution");
  if (list.items.size() > kMaxInstitutions) {
    r.error(list.pos, path,
            fmt::format("{} institutions is more than labsim models; at most {}", list.items.size(), kMaxInstitutions),
            "model identical institutions as one with `replicas: N`");
    return;
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < list.items.size(); ++i) {
    const Node& item = list.items[i];
    std::string p = join_path(path, item_name(item, i));
    Institution inst;
    read_institution(r, item, p, s, inst);
    if (!inst.id.empty() && !ids.insert(inst.id).second)
      r.error(item.find("id")->pos, join_path(p, "id"), fmt::format("duplicate id '{}'", inst.id),
              "every institution needs its own id");
    s.institutions.push_back(std::move(inst));
  }
  for (size_t i = 0; i < list.items.size(); ++i) {
    const Node& item = list.items[i];
    if (const Node* n = item.is_map() ? item.find("allocates") : nullptr)
      read_allocations(r, *n, join_path(join_path(path, item_name(item, i)), "allocates"), s, s.institutions[i]);
  }
}

}  // namespace labsim::io
