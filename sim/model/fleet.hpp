// Fleet stage: cohorts in service, running costs, purchases and cloud rental within the
// compute envelope (docs/model.md, "Fleet").
#pragma once

#include <array>
#include <vector>

#include "labsim/scenario.hpp"
#include "model/budget.hpp"
#include "model/lanes.hpp"

namespace labsim::model {

inline constexpr double kHoursPerYear = 8760;

// GPUs of one kind that entered service together (initial fleet or a purchase).
struct LiveCohort {
  int part = 0;                 // catalog index
  double count = 0;             // GPUs
  int acquired_year = 0;        // first year in service
  int retire_year = 0;          // first year out of service
  Ownership ownership = Ownership::kOwned;
  double peak_flops = 0;        // per GPU [FLOP/s]; above the catalog's for `best` after its newest part;
                                // delivers peak x its part's training_efficiency
  double tdp_w = 0;             // per GPU
  double capex_usd = 0;         // whole cohort, servers included (owned)
  double first_year_share = 1;  // share of the first year it delivers (commissioning)
  double idle = 0;              // GPUs kept but not run in `idle_year` for lack of money (owned)
  int idle_year = 0;

  bool in_service(int year) const { return year >= acquired_year && year < retire_year; }
  // Share of `year` this cohort delivers.
  double delivering(int year) const { return year == acquired_year ? first_year_share : 1; }
  // GPUs of the cohort idle in `year`.
  double idle_in(int year) const { return year == idle_year ? idle : 0; }
};

// Facility power of one GPU of `tdp_w` board power [W]: TDP x server power factor x PUE.
inline double facility_power_w(const Scenario& s, double tdp_w) {
  return tdp_w * s.economy.server_power_factor * s.economy.pue;
}
// What one GPU of `c` delivers before MFU [FLOP/s]: its peak x its part's training efficiency.
inline double delivered_flops(const Scenario& s, const LiveCohort& c) {
  return c.peak_flops * s.catalog.parts[static_cast<size_t>(c.part)].training_efficiency;
}

// A part on offer in a year: what one GPU delivers and costs.
struct Offer {
  int part = -1;                   // -1: nothing on offer
  double peak_flops = 0;           // per GPU, improvement multiplier applied
  double price_usd = 0;            // purchase price per GPU (owned) or rate per GPU-hour (cloud)
  double training_efficiency = 1;  // the part's catalog factor (kept after the improvement)

  // Peak x training efficiency [FLOP/s]: what one GPU delivers, before the institution's MFU.
  double delivered_flops() const { return peak_flops * training_efficiency; }
};

// Which `best` offers fleets read from FleetPrices: searching the catalog is the costly part of
// an offer. Owned `best` offers depend on the buyer (running costs, F&A, service years) and are
// searched per institution; cloud ones are the same for every renter.
struct OfferNeeds {
  bool cloud = false;  // some procurement rents `best`
};
// The `best` offers the procurement of `inst` reads.
OfferNeeds offer_needs(const Institution& inst);

// Every catalog part's purchase price and cloud rate in one year, read once for all the
// institutions (and, in a block, for every lane with the same catalog): the catalog search of
// `best` reads them for each buyer.
struct PartPrices {
  std::vector<double> owned_usd;           // per catalog part; NaN when it cannot be bought
  std::vector<double> cloud_usd_per_hour;  // per catalog part; NaN when it cannot be rented
};
// Fills `out` for the catalog of `s` in `year` (reusing its storage).
void part_prices(const Scenario& s, int year, PartPrices& out);

// What every fleet faces alike in one year, read once by the engine for all institutions.
struct FleetPrices {
  int year = 0;
  double electricity_usd_per_kwh = 0;  // economy price grown by inflation since the first year
  Offer best_cloud;                    // the `best` cloud offer; part -1 unless needs.cloud
  const PartPrices* parts = nullptr;   // the catalog's prices this year; null: read the series
};
// `inflation_growth` is inflation_growth(s, year) (model/growth.hpp); `parts`, when given, holds
// part_prices(s, year) and must outlive the result.
FleetPrices fleet_prices(const Scenario& s, int year, double inflation_growth, OfferNeeds needs,
                         const PartPrices* parts = nullptr);

// The part `inst` buys (`cloud` false) or rents (`cloud` true) in the year of `prices`, `rate`
// the F&A rate of its money: the named part at its price in that year, or for `best` the
// datacenter part with the most delivered FLOP per dollar (owned: over the years a purchase
// serves, its running costs with F&A included; cloud: per dollar-hour), its peak improved by the
// price-performance doubling time after the newest such part. Part -1 when nothing is on offer,
// and for an owned `best` when no purchase would serve any time (docs/model.md, "Which part").
// Requires `prices` to hold the cloud offer when `inst` rents `best` (offer_needs).
Offer offer(const Institution& inst, const Scenario& s, const FleetPrices& prices, double rate, bool cloud);
// The same in `year` (prices from fleet_prices, with the `best` cloud offer).
Offer offer(const Institution& inst, const Scenario& s, int year, double rate, bool cloud);

// The owned `best` offers of a block, the catalog searched once for all lanes: out[l] has the
// bits of offer(*inst.at[l], *s.at[l], *prices[l], rate[l], false) when the institution names no
// part (for one that does, out[l] means nothing). Requires every lane's prices to be of one year
// and every lane's catalog to have lane 0's parts (same_parts; prices may differ).
void owned_best_offers(const PerLane<Institution>& inst, const PerLane<Scenario>& s,
                       const std::array<const FleetPrices*, kLanes>& prices, const Lanes& rate,
                       std::array<Offer, kLanes>& out);
// Whether two catalogs have the same parts (classes, release years, peaks, TDPs, efficiencies,
// which have a purchase price), prices aside.
bool same_parts(const Scenario& a, const Scenario& b);

struct FleetYear {
  double gpus = 0;               // owned and reserved GPUs in service, idle ones included
  double owned_gpus = 0;         // owned GPUs in service
  double purchased = 0;          // GPUs bought this year
  double gpus_idle = 0;          // owned GPUs in service that do not run this year for lack of money
  double gpus_retired_early = 0; // owned GPUs retired and reserved GPUs released this year for lack of money
  double h100_equivalents = 0;   // in-service GPUs weighted by peak / reference peak (not delivered)
  double peak_flops = 0;         // in-service peak [FLOP/s] (not delivered)
  double power_w = 0;            // facility power of owned GPUs (TDP x server factor x PUE)
  double owned_gpu_hours = 0;    // delivered by GPUs that run (availability, utilization, commissioning applied)
  double owned_h100_hours = 0;   // the same x peak x training efficiency / reference peak
  double owned_run_peak_flops = 0;  // peak x training efficiency x availability x delivering share,
                                    // for the largest run
  double rented_gpu_hours = 0;   // reserved cohorts and cloud credits: delivered hours
  double rented_h100_hours = 0;  // the same x peak x training efficiency / reference peak
  double capex_usd = 0;          // equipment, outside the F&A base
  double opex_usd = 0;           // power paid by the lab and maintenance, direct
  double cloud_usd = 0;          // reserved and on-demand rental, direct
  double indirect_usd = 0;       // F&A on opex and cloud
  double reserves_usd = 0;       // the part of opex and cloud reserves pay (no F&A on it)
  double unfunded_usd = 0;       // direct running costs the idle and early-retired GPUs would have had

  // Everything the fleet cost this year, F&A included [USD].
  double spent_usd() const { return capex_usd + opex_usd + cloud_usd + indirect_usd; }
};

// Initial fleet cohorts of an institution, as live cohorts.
void initial_cohorts(const Institution& inst, const Scenario& s, std::vector<LiveCohort>& out);

// What the cohorts in service deliver and cost in `year`, with no purchase.
FleetYear measure_fleet(const Institution& inst, const Scenario& s, int year,
                        const std::vector<LiveCohort>& cohorts);
// The same in the year of `prices` (which need no offers).
FleetYear measure_fleet(const Institution& inst, const Scenario& s, const FleetPrices& prices,
                        const std::vector<LiveCohort>& cohorts);

// What running the cohorts of `running` (measure_fleet: before this year's purchase) commits
// at F&A rate `rate`: their power paid by the lab, maintenance and reserved rent.
Commitment running_commitment(const FleetYear& running, double rate);

// One year of the fleet stage for one replica, with the money of `funds` (fund_commitments);
// `running` is measure_fleet of `cohorts` in the year of `prices`, which hold the offers
// offer_needs(inst) asks for. When the funds pay the running costs, what they leave buys or
// rents (and this year's purchase is appended to `cohorts`: callers reserve capacity, one cohort
// per year at most); when funds and reserves cannot pay them, cohorts are cut (cut_fleet).
// `owned_best`, when given, is the owned `best` offer already searched (owned_best_offers).
FleetYear finish_fleet(const Institution& inst, const Scenario& s, const FleetPrices& prices,
                       const FleetYear& running, const SideFunds& funds, double rate,
                       std::vector<LiveCohort>& cohorts, const Offer* owned_best = nullptr);

// One year of the fleet stage for one replica whose compute side has `envelope_usd` of funds and
// no reserves (finish_fleet).
FleetYear step_fleet(const Institution& inst, const Scenario& s, int year, double envelope_usd,
                     double rate, std::vector<LiveCohort>& cohorts);
// The same in the year of `prices`, which hold the offers offer_needs(inst) asks for.
FleetYear step_fleet(const Institution& inst, const Scenario& s, const FleetPrices& prices,
                     double envelope_usd, double rate, std::vector<LiveCohort>& cohorts);

// What one GPU of a cohort costs to run for a year, direct: for an owned GPU the power the lab
// pays and its maintenance, each x the share of the year it serves; for a reserved GPU, its rent.
struct GpuCost {
  double power_usd = 0;  // saved by idling it (owned only)
  double other_usd = 0;  // maintenance, or rent
};
GpuCost gpu_running_cost(const Institution& inst, const Scenario& s, const FleetPrices& prices,
                         const LiveCohort& cohort);

// What cut_fleet stopped, and what that saves this year [direct USD].
struct FleetCuts {
  double saved_usd = 0;
  double idle = 0;     // GPUs idled this year
  double retired = 0;  // GPUs retired (owned) or released (reserved) for good
};
// Cuts at least `usd` of direct running costs from the cohorts in service in the year of `prices`
// (docs/model.md, "Reserves and cuts"): reserved rentals are released first, then owned GPUs
// stop, each group oldest first (acquired year, then order in `cohorts`). A GPU stopped is
// retired for good (saving power and maintenance) unless idling it (saving its power) covers all
// that is still to cut. Whole GPUs only: it may save more than `usd`; it saves less only when
// every GPU is stopped. Retiring lowers a cohort's count and capex in proportion.
FleetCuts cut_fleet(const Institution& inst, const Scenario& s, const FleetPrices& prices, double usd,
                    std::vector<LiveCohort>& cohorts);

}  // namespace labsim::model
