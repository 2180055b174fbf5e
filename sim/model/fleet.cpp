#include "model/fleet.hpp"
#include "model/fleet_costs.hpp"

#include <algorithm>
#include <cmath>

#include "labsim/trajectory.hpp"
#include "model/growth.hpp"

namespace labsim::model {

namespace {

// Per GPU of an owned purchase: what it delivers over the years it serves, Y = L' - 1 + q (the
// years whose running costs it pays), and what it costs over them, F&A on running costs included.
struct OwnedLife {
  double flop_hours = 0;  // Y x 8,760 x availability x utilization x delivered FLOP/s
  double cost_usd = 0;    // unit + Y x opex x (1 + rate)
};

OwnedLife owned_life(const Institution& inst, const Scenario& s, double tdp_w, double delivered_flops,
                     double price_usd, double electricity_usd_per_kwh, double rate) {
  const Procurement& p = inst.procurement;
  double unit = price_usd * (1 + p.server_overhead);
  double opex = opex_per_gpu(inst, s, tdp_w, unit, electricity_usd_per_kwh);
  double served = served_years(p);
  const Operations& op = inst.operations;
  return {served * kHoursPerYear * op.availability * op.utilization * delivered_flops,
          unit + served * opex * (1 + rate)};
}

}  // namespace

void initial_cohorts(const Institution& inst, const Scenario& s, std::vector<LiveCohort>& out) {
  for (const Cohort& c : inst.fleet) {
    const Accelerator& a = s.catalog.parts[static_cast<size_t>(c.gpu)];
    LiveCohort live;
    live.part = c.gpu;
    live.count = c.count;
    live.acquired_year = c.acquired_year;
    live.retire_year = retire_after(c.acquired_year, c.lifetime_years > 0 ? c.lifetime_years : inst.procurement.lifetime_years);
    live.ownership = c.ownership;
    live.peak_flops = a.bf16_flops;
    live.tdp_w = a.tdp_w;
    if (c.ownership == Ownership::kOwned && a.price_usd)
      live.capex_usd = c.count * a.price_usd->at(c.acquired_year) * (1 + inst.procurement.server_overhead);
    out.push_back(live);
  }
}

namespace {

// Adds what one cohort in service delivers and costs this year to `y`.
void add_cohort(const Institution& inst, const Scenario& s, const FleetPrices& prices, double ref_peak,
                const LiveCohort& c, FleetYear& y) {
  const Operations& op = inst.operations;
  double share = c.delivering(prices.year);
  double delivered = delivered_flops(s, c);
  y.gpus += c.count;
  y.h100_equivalents += c.count * c.peak_flops / ref_peak;
  y.peak_flops += c.count * c.peak_flops;
  if (c.ownership == Ownership::kOwned) {
    // Idle GPUs are held (counted, maintained) but deliver nothing and draw no power.
    double idle = c.idle_in(prices.year), running = c.count - idle;
    y.owned_gpus += c.count;
    y.gpus_idle += idle;
    double hours = running * kHoursPerYear * op.availability * op.utilization * share;
    y.owned_gpu_hours += hours;
    y.owned_h100_hours += hours * delivered / ref_peak;
    y.owned_run_peak_flops += running * delivered * op.availability * share;
    y.power_w += c.count * facility_power_w(s, c.tdp_w);
    double capex_per_gpu = c.capex_usd / std::max(c.count, 1.0);
    double opex = opex_per_gpu(inst, s, c.tdp_w, capex_per_gpu, prices.electricity_usd_per_kwh);
    y.opex_usd += c.count * opex * share;
    if (idle > 0) y.opex_usd -= idle * power_per_gpu(inst, s, c.tdp_w, prices.electricity_usd_per_kwh) * share;
  } else {
    double hours = c.count * kHoursPerYear;
    y.rented_gpu_hours += hours;
    y.rented_h100_hours += hours * delivered / ref_peak;
    y.cloud_usd += hours * price_of(s, prices, static_cast<std::size_t>(c.part), true);
  }
}

// Running costs of the cohorts in service, and their capacity.
FleetYear run_fleet(const Institution& inst, const Scenario& s, const FleetPrices& prices,
                    const std::vector<LiveCohort>& cohorts) {
  double ref_peak = reference_peak_flops(s);
  FleetYear y;
  for (const LiveCohort& c : cohorts)
    if (c.in_service(prices.year)) add_cohort(inst, s, prices, ref_peak, c, y);
  return y;
}

// Owned against rented cost per delivered FLOP over the years a purchase actually serves: its
// rounded lifetime less commissioning, the years whose running costs it pays.
bool cloud_is_cheaper(const Institution& inst, const Scenario& s, const Offer& own, const Offer& rent,
                      const FleetPrices& prices, double rate) {
  if (own.part < 0) return rent.part >= 0;
  if (rent.part < 0) return false;
  const Accelerator& a = s.catalog.parts[static_cast<size_t>(own.part)];
  OwnedLife life = owned_life(inst, s, a.tdp_w, own.delivered_flops(), own.price_usd,
                              prices.electricity_usd_per_kwh, rate);
  // Commissioned for all of its only year (or never available): owned delivers nothing.
  if (life.flop_hours <= 0) return true;
  return rent.price_usd * (1 + rate) / rent.delivered_flops() < life.cost_usd / life.flop_hours;
}

void buy(const Institution& inst, const Scenario& s, const FleetPrices& prices, const Offer& o, double budget,
         double rate, std::vector<LiveCohort>& cohorts, double& purchased, double& capex) {
  const Procurement& p = inst.procurement;
  const Accelerator& a = s.catalog.parts[static_cast<size_t>(o.part)];
  double share = commissioned_share(p);
  double unit = o.price_usd * (1 + p.server_overhead);
  double first_opex = opex_per_gpu(inst, s, a.tdp_w, unit, prices.electricity_usd_per_kwh) * share;
  double n = std::floor(budget / (unit + first_opex * (1 + rate)));
  if (n <= 0) return;
  LiveCohort c{o.part, n, prices.year, retire_after(prices.year, p.lifetime_years), Ownership::kOwned,
               o.peak_flops, a.tdp_w, n * unit, share};
  cohorts.push_back(c);
  purchased = n;
  capex = n * unit;
}

void rent(const Scenario& s, const Offer& o, double budget, double rate, FleetYear& y) {
  double ref_peak = reference_peak_flops(s);
  double spend = budget / (1 + rate);
  double hours = spend / o.price_usd;
  y.cloud_usd += spend;
  y.rented_gpu_hours += hours;
  y.rented_h100_hours += hours * o.delivered_flops() / ref_peak;
}

}  // namespace

FleetYear measure_fleet(const Institution& inst, const Scenario& s, int year,
                        const std::vector<LiveCohort>& cohorts) {
  return measure_fleet(inst, s, fleet_prices(s, year, inflation_growth(s, year), {}), cohorts);
}

FleetYear measure_fleet(const Institution& inst, const Scenario& s, const FleetPrices& prices,
                        const std::vector<LiveCohort>& cohorts) {
  return run_fleet(inst, s, prices, cohorts);
}

Commitment running_commitment(const FleetYear& running, double rate) {
  double direct = running.opex_usd + running.cloud_usd;
  return {direct * (1 + rate), direct};
}

GpuCost gpu_running_cost(const Institution& inst, const Scenario& s, const FleetPrices& prices, const LiveCohort& c) {
  if (c.ownership != Ownership::kOwned) {
    return {0, kHoursPerYear * price_of(s, prices, static_cast<std::size_t>(c.part), true)};
  }
  double share = c.delivering(prices.year);
  double power = power_per_gpu(inst, s, c.tdp_w, prices.electricity_usd_per_kwh);
  double maintenance = inst.procurement.maintenance_rate * c.capex_usd / std::max(c.count, 1.0);
  return {power * share, maintenance * share};
}

FleetYear step_fleet(const Institution& inst, const Scenario& s, int year, double envelope_usd, double rate,
                     std::vector<LiveCohort>& cohorts) {
  FleetPrices prices = fleet_prices(s, year, inflation_growth(s, year), offer_needs(inst));
  return step_fleet(inst, s, prices, envelope_usd, rate, cohorts);
}

FleetYear step_fleet(const Institution& inst, const Scenario& s, const FleetPrices& prices,
                     double envelope_usd, double rate, std::vector<LiveCohort>& cohorts) {
  return finish_fleet(inst, s, prices, run_fleet(inst, s, prices, cohorts), SideFunds{envelope_usd, 0}, rate, cohorts);
}

namespace {

// The year when the funds and reserves cannot pay the running costs: no purchase or rental, GPUs
// cut until they can, and the rest paid as far as the funds go, reserves paying what they cannot.
FleetYear cut_back(const Institution& inst, const Scenario& s, const FleetPrices& prices, const FleetYear& running,
                   const SideFunds& funds, double rate, std::vector<LiveCohort>& cohorts) {
  FleetYear y = running;
  if (double unpaid = unpaid_usd(funds, running_commitment(running, rate)); unpaid > 0) {
    FleetCuts cuts = cut_fleet(inst, s, prices, unpaid, cohorts);
    y = run_fleet(inst, s, prices, cohorts);
    y.gpus_retired_early = cuts.retired;
    y.unfunded_usd = cuts.saved_usd;
  }
  Settlement paid = settle(funds, running_commitment(y, rate));
  y.indirect_usd = paid.funded_share * (y.opex_usd + y.cloud_usd) * rate;
  y.reserves_usd = paid.reserves_usd;
  return y;
}

}  // namespace

FleetYear finish_fleet(const Institution& inst, const Scenario& s, const FleetPrices& prices,
                       const FleetYear& running, const SideFunds& funds, double rate,
                       std::vector<LiveCohort>& cohorts, const Offer* owned_best) {
  // Commitments first: running the cohorts already in service.
  double committed = running_commitment(running, rate).cost_usd;
  if (committed > funds.funds_usd) return cut_back(inst, s, prices, running, funds, rate, cohorts);
  double free_usd = funds.funds_usd - committed;

  const Procurement& p = inst.procurement;
  // Offers matter only with money to spend (the search for `best` is the costly part).
  bool spend = free_usd > 0;
  Offer own = !spend || p.mode == ProcurementMode::kCloud ? Offer{}
              : owned_best && p.gpu < 0                   ? *owned_best
                                                          : offer(inst, s, prices, rate, false);
  Offer hire = !spend || p.mode == ProcurementMode::kOwned ? Offer{} : offer(inst, s, prices, rate, true);
  bool use_cloud = p.mode == ProcurementMode::kCloud || (p.mode == ProcurementMode::kCheapest &&
                                                         cloud_is_cheaper(inst, s, own, hire, prices, rate));
  double purchased = 0, capex = 0;
  size_t cohorts_before = cohorts.size();
  if (free_usd > 0 && !use_cloud && own.part >= 0)
    buy(inst, s, prices, own, free_usd, rate, cohorts, purchased, capex);

  // The year as delivered, this year's purchase included (it serves and costs from this year).
  // The purchase is the last cohort, so adding it to the running fleet sums in the same order
  // as a fresh pass over all cohorts would.
  FleetYear y = running;
  if (cohorts.size() > cohorts_before)
    add_cohort(inst, s, prices, reference_peak_flops(s), cohorts.back(), y);
  y.purchased = purchased;
  y.capex_usd = capex;
  if (free_usd > 0 && use_cloud && hire.part >= 0) rent(s, hire, free_usd, rate, y);
  y.indirect_usd = (y.opex_usd + y.cloud_usd) * rate;
  return y;
}

}  // namespace labsim::model
