// The `institutions:` list: fleet, procurement, operations, people, funding, spending.
#include <fmt/format.h>

#include <cmath>
#include <set>

#include "io/schema.hpp"

namespace labsim::io {

namespace {

const std::vector<std::string> kKinds = {"university", "industry", "national_resource"};

// Limits that keep a hostile scenario cheap to run (docs/scenario-format.md, limits): far above
// any real study, which has a handful of institutions with a few cohorts each.
constexpr size_t kMaxInstitutions = 1000;
constexpr size_t kMaxCohorts = 1000;  // initial fleet cohorts per institution

// Per-role defaults (docs/model.md, talent): natural attrition and fringe, all estimates.
struct RoleDefaults {
  double attrition;
  double fringe;
  double program_years;
};
constexpr RoleDefaults kRoleDefaults[kRoleCount] = {
    {0.03, 0.30, 0},    // faculty
    {0.30, 0.25, 0},    // postdoc: about three years in post
    {0.0, 0.0, 5.5},    // phd: leaves by graduating
    {0.10, 0.0, 0},     // research scientist (pay is total compensation)
    {0.10, 0.0, 0},     // engineer
};

// The name of a list item for paths: its id, name or role, else its index.
std::string item_name(const Node& item, size_t index) {
  if (item.is_map())
    for (const char* key : {"id", "name", "role"})
      if (const Node* k = item.find(key); k && k->is_scalar() && !k->text.empty()) return k->text;
  return std::to_string(index);
}

bool expect_list(Reader& r, const Node& n, const std::string& path, const char* of) {
  if (n.is_seq()) return true;
  r.error(n.pos, path, fmt::format("expected a list of {}, found {}", of, n.describe()));
  return false;
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
    if (!r.expect_map(item, p, {"gpu", "count", "acquired", "ownership", "lifetime"})) continue;
    Cohort c;
    bool gpu_known = false;
    if (const Node* n = r.require(item, "gpu", p))
      if (auto g = r.choice(*n, join(p, "gpu"), part_names(s.catalog), "GPU")) c.gpu = *g, gpu_known = true;
    if (const Node* n = r.require(item, "count", p))
      if (auto v = r.quantity(*n, join(p, "count"), Quantity::kCount)) c.count = std::floor(v->value);
    c.acquired_year = s.first_year;
    if (const Node* n = r.require(item, "acquired", p))
      if (auto v = r.quantity(*n, join(p, "acquired"), Quantity::kYear)) {
        c.acquired_year = static_cast<int>(v->value);
        if (c.acquired_year > s.first_year)
          r.error(n->pos, join(p, "acquired"),
                  fmt::format("the initial fleet must be in service by the first year ({}), found {}", s.first_year,
                              c.acquired_year),
                  "later purchases come from `procurement:` and the budget");
      }
    if (const Node* n = item.find("ownership"))
      if (auto o = r.choice(*n, join(p, "ownership"), {"owned", "cloud"}, "ownership")) c.ownership = static_cast<Ownership>(*o);
    r.read(item, "lifetime", p, Quantity::kYears, c.lifetime_years);
    const Accelerator& part = s.catalog.parts[static_cast<size_t>(c.gpu)];
    if (gpu_known && c.ownership == Ownership::kCloud && !part.cloud_usd_per_hour)
      r.error(item.pos, join(p, "ownership"), fmt::format("{} has no cloud rate in the catalog", part.name),
              "add cloud_usd_per_hour for it under hardware.catalog");
    inst.fleet.push_back(c);
  }
}

void read_procurement(Reader& r, const Node& n, const std::string& path, const Scenario& s, Procurement& pr) {
  if (!r.expect_map(n, path, {"gpu", "mode", "lifetime", "server_overhead", "maintenance",
                              "commissioning", "power_paid_by"}))
    return;
  if (const Node* g = n.find("gpu")) {
    std::vector<std::string> names = part_names(s.catalog);
    names.insert(names.begin(), "best");
    if (auto i = r.choice(*g, join(path, "gpu"), names, "GPU")) pr.gpu = *i - 1;
  }
  auto check_part = [&](bool ok, const char* what) {
    if (pr.gpu >= 0 && !ok)
      r.error(n.find("gpu")->pos, join(path, "gpu"),
              fmt::format("{} has no {} in the catalog", s.catalog.parts[static_cast<size_t>(pr.gpu)].name, what),
              fmt::format("add {} for it under hardware.catalog, or use gpu: best", what));
  };
  if (const Node* m = n.find("mode"))
    if (auto i = r.choice(*m, join(path, "mode"), {"owned", "cloud", "cheapest"}, "procurement mode"))
      pr.mode = static_cast<ProcurementMode>(*i);
  if (pr.gpu >= 0) {
    const Accelerator& part = s.catalog.parts[static_cast<size_t>(pr.gpu)];
    if (pr.mode != ProcurementMode::kCloud) check_part(part.price_usd.has_value(), "price_usd");
    if (pr.mode != ProcurementMode::kOwned) check_part(part.cloud_usd_per_hour.has_value(), "cloud_usd_per_hour");
  }
  r.read(n, "lifetime", path, Quantity::kYears, pr.lifetime_years);
  if (n.find("lifetime") && pr.lifetime_years < 1)
    r.error(n.find("lifetime")->pos, join(path, "lifetime"), "expected a lifetime of at least 1 year");
  r.read(n, "server_overhead", path, Quantity::kOverhead, pr.server_overhead);
  r.read(n, "maintenance", path, Quantity::kRate, pr.maintenance_rate);
  r.read(n, "commissioning", path, Quantity::kMonths, pr.commissioning_months);
  if (pr.commissioning_months > 12)
    r.error(n.find("commissioning")->pos, join(path, "commissioning"), "expected at most 12 months");
  if (const Node* p = n.find("power_paid_by"))
    if (auto i = r.choice(*p, join(path, "power_paid_by"), {"institution", "lab"}, "payer")) pr.power_paid_by_lab = *i == 1;
}

void read_operations(Reader& r, const Node& n, const std::string& path, Operations& op) {
  if (!r.expect_map(n, path, {"availability", "utilization", "mfu"})) return;
  r.read(n, "availability", path, Quantity::kShare, op.availability);
  r.read(n, "utilization", path, Quantity::kShare, op.utilization);
  r.read(n, "mfu", path, Quantity::kShare, op.mfu);
}

void read_people(Reader& r, const Node& list, const std::string& path, const Scenario& s, Institution& inst) {
  if (!expect_list(r, list, path, "roles")) return;
  std::set<int> seen;
  for (size_t i = 0; i < list.items.size(); ++i) {
    const Node& item = list.items[i];
    std::string p = join(path, item_name(item, i));
    if (!r.expect_map(item, p, {"role", "count", "target", "salary", "salary_growth", "fringe",
                                "paid_share", "tuition", "attrition", "program_years"}))
      continue;
    RolePlan plan;
    if (const Node* n = r.require(item, "role", p)) {
      if (auto ro = r.choice(*n, join(p, "role"), role_names(), "role")) {
        plan.role = static_cast<Role>(*ro);
        if (!seen.insert(*ro).second) r.error(n->pos, join(p, "role"), "this role is listed twice", "merge the two entries");
      }
    }
    const RoleDefaults& d = kRoleDefaults[static_cast<int>(plan.role)];
    plan.attrition_rate = d.attrition;
    plan.fringe = inst.kind == InstitutionKind::kUniversity ? d.fringe : 0;
    plan.program_years = d.program_years;
    plan.salary_growth = 1 + s.economy.inflation_rate;
    if (const Node* n = r.require(item, "count", p))
      if (auto v = r.quantity(*n, join(p, "count"), Quantity::kCount)) plan.count = v->value;
    if (const Node* n = item.find("target")) plan.target = r.series(*n, join(p, "target"), Quantity::kCount);
    if (const Node* n = r.require(item, "salary", p)) {
      const Node* sc = n->is_map() && n->find("value") ? n->find("value") : n;  // {value: market, ...}
      if (sc->is_scalar() && sc->text == "market") {
        plan.market_salary = true;
        r.scalar(*n, join(p, "salary"), "a salary");
      } else if (auto v = r.quantity(*n, join(p, "salary"), Quantity::kMoney)) {
        plan.salary_usd = v->value;
      }
    }
    r.read(item, "salary_growth", p, Quantity::kGrowth, plan.salary_growth);
    plan.salary_growth_is_inflation = item.find("salary_growth") == nullptr;
    if (const Node* g = item.find("salary_growth"))
      within_bounds(r, g->pos, join(p, "salary_growth"),
                    plan.salary_usd * std::pow(plan.salary_growth, s.last_year - s.first_year), 1e15, s.last_year);
    r.read(item, "fringe", p, Quantity::kOverhead, plan.fringe);
    r.read(item, "paid_share", p, Quantity::kShare, plan.paid_share);
    r.read(item, "tuition", p, Quantity::kMoney, plan.tuition_usd);
    r.read(item, "attrition", p, Quantity::kRate, plan.attrition_rate);
    r.read(item, "program_years", p, Quantity::kYears, plan.program_years);
    if (plan.role == Role::kPhd && plan.program_years < 1)
      r.error(item.pos, join(p, "program_years"), "a PhD program needs at least 1 year");
    inst.people.push_back(std::move(plan));
  }
}

void read_stream(Reader& r, const Node& item, const std::string& p, Institution& inst) {
  Stream st;
  if (const Node* n = r.require(item, "name", p))
    if (auto t = r.text(*n, join(p, "name"))) st.name = *t;
  if (const Node* n = r.require(item, "amount", p))
    if (auto v = r.quantity(*n, join(p, "amount"), Quantity::kMoney, true)) st.amount_usd = v->value, st.per_year = v->per_year;
  if (const Node* n = r.require(item, "years", p))
    if (auto y = r.year_range(*n, join(p, "years"))) st.first_year = y->first, st.last_year = y->second;
  if (const Node* n = item.find("growth")) {
    if (auto g = r.quantity(*n, join(p, "growth"), Quantity::kGrowth)) {
      st.growth_factor = g->value;
      within_bounds(r, n->pos, join(p, "growth"), st.amount_usd * std::pow(st.growth_factor, st.last_year - st.first_year),
                    1e15, st.last_year);
    }
    if (!st.per_year)
      r.error(n->pos, join(p, "growth"), "growth applies to per-year amounts only",
              "write the amount as a yearly figure, e.g. 1.5M/yr");
  }
  if (const Node* n = item.find("schedule")) {
    std::string sp = join(p, "schedule");
    if (!n->is_seq()) {
      r.error(n->pos, sp, fmt::format("expected a list of shares such as [20%, 30%, 50%], found {}", n->describe()));
    } else {
      double total = 0;
      for (size_t k = 0; k < n->items.size(); ++k)
        if (auto v = r.fixed_quantity(n->items[k], fmt::format("{}[{}]", sp, k), Quantity::kShare,
                                      "the shares of a schedule must add up to 100%")) {
          st.schedule.push_back(v->value);
          total += v->value;
        }
      int years = st.last_year - st.first_year + 1;
      if (st.schedule.size() == n->items.size()) {
        if (st.per_year) r.error(n->pos, sp, "a schedule splits a total amount; this amount is per year");
        else if (static_cast<int>(st.schedule.size()) != years)
          r.error(n->pos, sp, fmt::format("the schedule has {} shares for {} years", st.schedule.size(), years));
        else if (std::fabs(total - 1) > 0.005)
          r.error(n->pos, sp, fmt::format("the shares add up to {:.4g}%, not 100%", total * 100));
      }
    }
  }
  r.read(item, "indirect_rate", p, Quantity::kShare, st.indirect_rate);
  if (item.find("indirect_rate") && inst.kind != InstitutionKind::kUniversity)
    r.error(item.find("indirect_rate")->pos, join(p, "indirect_rate"),
            "indirect (F&A) rates apply to universities only");
  inst.funding.push_back(std::move(st));
}

void read_funding(Reader& r, const Node& list, const std::string& path, Institution& inst) {
  if (!expect_list(r, list, path, "revenue streams")) return;
  for (size_t i = 0; i < list.items.size(); ++i) {
    const Node& item = list.items[i];
    std::string p = join(path, item_name(item, i));
    if (r.expect_map(item, p, {"name", "amount", "years", "growth", "schedule", "indirect_rate"}))
      read_stream(r, item, p, inst);
  }
}

void read_institution(Reader& r, const Node& item, const std::string& p, Scenario& s, Institution& inst) {
  if (const Node* n = r.require(item, "id", p))
    if (auto t = r.text(*n, join(p, "id"))) inst.id = *t;
  inst.name = inst.id;
  if (const Node* n = item.find("name"))
    if (auto t = r.text(*n, join(p, "name"))) inst.name = *t;
  if (const Node* n = r.require(item, "kind", p))
    if (auto k = r.choice(*n, join(p, "kind"), kKinds, "institution kind")) inst.kind = static_cast<InstitutionKind>(*k);
  if (const Node* n = item.find("replicas")) {
    if (auto v = r.fixed_quantity(*n, join(p, "replicas"), Quantity::kCount, "the number of replicas shapes the output")) {
      if (v->value < 1 || v->value > 1e6 || v->value != std::floor(v->value))
        r.error(n->pos, join(p, "replicas"), fmt::format("expected a whole number from 1 to 1e6, found {}", v->value));
      else inst.replicas = static_cast<int>(v->value);
    }
  }
  if (inst.kind == InstitutionKind::kIndustry) inst.spending.compute_share = 0.85;
  if (const Node* n = item.find("fleet")) read_fleet(r, *n, join(p, "fleet"), s, inst);
  if (const Node* n = item.find("procurement")) read_procurement(r, *n, join(p, "procurement"), s, inst.procurement);
  if (const Node* n = item.find("operations")) read_operations(r, *n, join(p, "operations"), inst.operations);
  if (const Node* n = item.find("largest_run")) {
    std::string lp = join(p, "largest_run");
    if (r.expect_map(*n, lp, {"share", "days"})) {
      r.read(*n, "share", lp, Quantity::kShare, inst.largest_run.share);
      r.read(*n, "days", lp, Quantity::kDays, inst.largest_run.days);
      if (inst.largest_run.days > 365) r.error(n->find("days")->pos, join(lp, "days"), "a run in this model lasts at most 365 days");
    }
  }
  if (const Node* n = item.find("people")) read_people(r, *n, join(p, "people"), s, inst);
  if (const Node* n = item.find("funding")) read_funding(r, *n, join(p, "funding"), inst);
  if (const Node* n = item.find("spending")) {
    std::string sp = join(p, "spending");
    if (r.expect_map(*n, sp, {"compute_share", "carryover"})) {
      r.read(*n, "compute_share", sp, Quantity::kShare, inst.spending.compute_share);
      if (const Node* c = n->find("carryover"))
        if (auto b = r.boolean(*c, join(sp, "carryover"))) inst.spending.carryover = *b;
    }
  }
}

const std::vector<std::string> kInstitutionKeys = {
    "id", "name", "kind", "replicas", "fleet", "procurement", "operations", "largest_run",
    "people", "funding", "spending", "allocates"};

// `allocates:` needs every institution's id, so it is read after the list.
void read_allocations(Reader& r, const Node& list, const std::string& path, Scenario& s, Institution& inst) {
  if (!expect_list(r, list, path, "allocations")) return;
  std::vector<std::string> ids;
  for (const auto& other : s.institutions) ids.push_back(other.id);
  double total = 0;
  for (size_t i = 0; i < list.items.size(); ++i) {
    const Node& item = list.items[i];
    std::string p = fmt::format("{}[{}]", path, i);
    if (!r.expect_map(item, p, {"institution", "share"})) continue;
    Allocation a;
    bool ok = true;
    if (const Node* n = r.require(item, "institution", p)) {
      if (auto k = r.choice(*n, join(p, "institution"), ids, "institution")) {
        a.recipient = *k;
        if (s.institutions[static_cast<size_t>(*k)].kind == InstitutionKind::kNationalResource) {
          r.error(n->pos, join(p, "institution"), "a national resource cannot receive an allocation");
          ok = false;
        }
      } else {
        ok = false;
      }
    }
    if (const Node* n = r.require(item, "share", p)) {
      if (auto v = r.fixed_quantity(*n, join(p, "share"), Quantity::kShare,
                                    "allocated shares must not add up to more than 100%")) {
        a.share = v->value;
        if (ok) total += v->value;  // an unknown recipient's share is already reported
      }
      else ok = false;
    }
    if (ok) inst.allocations.push_back(a);
  }
  if (total > 1 + 1e-9) r.error(list.pos, path, fmt::format("the shares add up to {:.4g}%, more than 100%", total * 100));
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
    std::string p = join(path, item_name(item, i));
    Institution inst;
    if (r.expect_map(item, p, kInstitutionKeys)) read_institution(r, item, p, s, inst);
    if (!inst.id.empty() && !ids.insert(inst.id).second)
      r.error(item.find("id")->pos, join(p, "id"), fmt::format("duplicate id '{}'", inst.id),
              "every institution needs its own id");
    s.institutions.push_back(std::move(inst));
  }
  for (size_t i = 0; i < list.items.size(); ++i) {
    const Node& item = list.items[i];
    if (const Node* n = item.is_map() ? item.find("allocates") : nullptr)
      read_allocations(r, *n, join(join(path, item_name(item, i)), "allocates"), s, s.institutions[i]);
  }
}

}  // namespace labsim::io
