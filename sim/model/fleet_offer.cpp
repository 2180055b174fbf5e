// The fleet stage's offers: which part a buyer buys or rents in a year (docs/model.md, "Which
// part"), searched for one run or for a block's lanes at once, and the year's prices.
#include <algorithm>
#include <array>
#include <cmath>

#include "labsim/trajectory.hpp"
#include "model/fleet.hpp"
#include "model/fleet_costs.hpp"
#include "model/growth.hpp"

namespace labsim::model {

namespace {

// The datacenter part with the highest score(part, price) in `year`, the first in catalog order
// on a tie and none when no score is above 0; its peak improved after the newest priced part.
template <class Score>
Offer best_offer(const Scenario& s, const FleetPrices& prices, bool cloud, Score score) {
  const int year = prices.year;
  Offer o;
  int newest = 0;
  double best_score = 0;
  for (size_t i = 0; i < s.catalog.parts.size(); ++i) {
    const Accelerator& a = s.catalog.parts[i];
    const Series* price = price_series(a, cloud);
    if (a.part_class != PartClass::kDatacenter || !price) continue;
    newest = std::max(newest, a.release_year);
    if (a.release_year > year) continue;
    double price_usd = price_of(s, prices, i, cloud);
    double sc = score(a, price_usd);
    if (sc > best_score)
      best_score = sc, o = Offer{static_cast<int>(i), a.bf16_flops, price_usd, a.training_efficiency};
  }
  if (o.part >= 0 && year > newest)
    o.peak_flops *= std::exp2((year - newest) / s.hardware.price_performance_doubling_years);
  return o;
}

// Cloud: delivered FLOP/s per dollar-hour (F&A multiplies every rate alike).
Offer best_cloud_offer(const Scenario& s, const FleetPrices& prices) {
  return best_offer(s, prices, true, [](const Accelerator& a, double usd_per_hour) {
    return a.bf16_flops * a.training_efficiency / usd_per_hour;
  });
}

// Owned: delivered FLOP per dollar over the years a purchase serves, for this buyer: owned_life's
// flop_hours / cost_usd with what is the same for every part taken out of the catalog search (it
// is most of an engine run's time otherwise). Running costs are linear, power in TDP and upkeep
// in capex (opex_per_gpu), so
//   cost = price x (1 + server_overhead) x (1 + Y x maintenance x (1 + r))
//          + tdp x Y x (1 + r) x opex_per_gpu of one watt and no capex.
struct OwnedBuyer {
  double hours = 0, per_price_usd = 0, per_watt_usd = 0;
};
OwnedBuyer owned_buyer(const Institution& inst, const Scenario& s, const FleetPrices& prices, double rate) {
  const Procurement& p = inst.procurement;
  const Operations& op = inst.operations;
  double served = served_years(p);
  return {served * kHoursPerYear * op.availability * op.utilization,
          (1 + p.server_overhead) * (1 + served * p.maintenance_rate * (1 + rate)),
          served * (1 + rate) * opex_per_gpu(inst, s, 1, 0, prices.electricity_usd_per_kwh)};
}

// best_offer's search for an owned purchase, over one buyer (R = double) or a block's lanes (R =
// Lanes): the catalog of `cat`, which every lane shares (same_parts), searched once; lane l's
// prices are prices[l] (its scenario s[l]) and its buyer's numbers lane l of hours, per_price_usd
// and per_watt_usd (OwnedBuyer). It reads the parts' class, release year, purchase price series,
// peak, TDP and efficiency: the fields same_parts() compares. Each lane's score is computed as
// best_owned_offer's, so out[l] has the bits of the lane's own search.
template <class R>
void search_owned(const Scenario& cat, const Scenario* const* s, const FleetPrices* const* prices, const R& hours,
                  const R& per_price_usd, const R& per_watt_usd, Offer* out) {
  constexpr int kCount = kLanesOf<R>;
  const int year = prices[0]->year;
  bool shared = prices[0]->parts != nullptr;  // every lane reads one table of prices
  for (int l = 1; l < kCount; ++l) shared = shared && prices[l]->parts == prices[0]->parts;
  int newest = 0;
  R best = 0, best_price = 0;
  std::array<int, static_cast<size_t>(kCount)> best_part;
  best_part.fill(-1);
  for (size_t i = 0; i < cat.catalog.parts.size(); ++i) {
    const Accelerator& a = cat.catalog.parts[i];
    if (a.part_class != PartClass::kDatacenter || !a.price_usd) continue;
    newest = std::max(newest, a.release_year);
    if (a.release_year > year) continue;
    R price;
    if constexpr (std::is_same_v<R, double>) {
      price = price_of(*s[0], *prices[0], i, false);
    } else if (shared) {
      price = prices[0]->parts->owned_usd[i];
    } else {
      for (int l = 0; l < kCount; ++l) price[l] = price_of(*s[l], *prices[l], i, false);
    }
    const R cost_usd = price * per_price_usd + R(a.tdp_w) * per_watt_usd;
    const R score = hours * R(a.bf16_flops) * R(a.training_efficiency) / cost_usd;
    const auto better = score > best;
    if (!any(better)) continue;
    best = select(better, score, best);
    best_price = select(better, price, best_price);
    for (int l = 0; l < kCount; ++l)
      if (lane_of(better, l)) best_part[static_cast<size_t>(l)] = static_cast<int>(i);
  }
  for (int l = 0; l < kCount; ++l) {
    const int part = best_part[static_cast<size_t>(l)];
    Offer& o = out[l];
    o = Offer{};
    if (part < 0) continue;
    const Accelerator& a = cat.catalog.parts[static_cast<size_t>(part)];
    o = Offer{part, a.bf16_flops, lane_of(best_price, l), a.training_efficiency};
    if (year > newest) o.peak_flops *= std::exp2((year - newest) / s[l]->hardware.price_performance_doubling_years);
  }
}

Offer best_owned_offer(const Institution& inst, const Scenario& s, const FleetPrices& prices, double rate) {
  const OwnedBuyer b = owned_buyer(inst, s, prices, rate);
  const Scenario* sp = &s;
  const FleetPrices* pp = &prices;
  Offer o;
  search_owned<double>(s, &sp, &pp, b.hours, b.per_price_usd, b.per_watt_usd, &o);
  return o;
}

}  // namespace

Offer offer(const Institution& inst, const Scenario& s, const FleetPrices& prices, double rate, bool cloud) {
  const Procurement& p = inst.procurement;
  if (p.gpu < 0) return cloud ? prices.best_cloud : best_owned_offer(inst, s, prices, rate);
  Offer o;
  const Accelerator& a = s.catalog.parts[static_cast<size_t>(p.gpu)];
  const Series* price = price_series(a, cloud);
  if (price && prices.year >= a.release_year)
    o = Offer{p.gpu, a.bf16_flops, price_of(s, prices, static_cast<std::size_t>(p.gpu), cloud), a.training_efficiency};
  return o;
}

void owned_best_offers(const PerLane<Institution>& inst, const PerLane<Scenario>& s,
                       const std::array<const FleetPrices*, kLanes>& prices, const Lanes& rate,
                       std::array<Offer, kLanes>& out) {
  Lanes hours, per_price_usd, per_watt_usd;
  for (int l = 0; l < kLanes; ++l) {
    const auto u = static_cast<size_t>(l);
    const OwnedBuyer b = owned_buyer(*inst.at[u], *s.at[u], *prices[u], rate[l]);
    hours[l] = b.hours, per_price_usd[l] = b.per_price_usd, per_watt_usd[l] = b.per_watt_usd;
  }
  search_owned<Lanes>(*s.at[0], s.at.data(), prices.data(), hours, per_price_usd, per_watt_usd, out.data());
}

// The fields search_owned() reads from the catalog it shares among lanes.
bool same_parts(const Scenario& a, const Scenario& b) {
  if (a.catalog.parts.size() != b.catalog.parts.size()) return false;
  for (std::size_t i = 0; i < a.catalog.parts.size(); ++i) {
    const Accelerator &pa = a.catalog.parts[i], &pb = b.catalog.parts[i];
    if (pa.part_class != pb.part_class || pa.release_year != pb.release_year || pa.bf16_flops != pb.bf16_flops ||
        pa.tdp_w != pb.tdp_w || pa.training_efficiency != pb.training_efficiency ||
        pa.price_usd.has_value() != pb.price_usd.has_value())
      return false;
  }
  return true;
}

Offer offer(const Institution& inst, const Scenario& s, int year, double rate, bool cloud) {
  FleetPrices prices = fleet_prices(s, year, inflation_growth(s, year), OfferNeeds{.cloud = cloud});
  return offer(inst, s, prices, rate, cloud);
}

OfferNeeds offer_needs(const Institution& inst) {
  const Procurement& p = inst.procurement;
  return {.cloud = p.gpu < 0 && p.mode != ProcurementMode::kOwned};
}

void part_prices(const Scenario& s, int year, PartPrices& out) {
  const std::size_t n = s.catalog.parts.size();
  out.owned_usd.resize(n);
  out.cloud_usd_per_hour.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Accelerator& a = s.catalog.parts[i];
    out.owned_usd[i] = a.price_usd ? a.price_usd->at(year) : kUndefined;
    out.cloud_usd_per_hour[i] = a.cloud_usd_per_hour ? a.cloud_usd_per_hour->at(year) : kUndefined;
  }
}

FleetPrices fleet_prices(const Scenario& s, int year, double inflation_growth, OfferNeeds needs,
                         const PartPrices* parts) {
  FleetPrices prices;
  prices.year = year;
  prices.electricity_usd_per_kwh = s.economy.electricity_usd_per_kwh * inflation_growth;
  prices.parts = parts;
  if (needs.cloud) prices.best_cloud = best_cloud_offer(s, prices);
  return prices;
}

}  // namespace labsim::model
