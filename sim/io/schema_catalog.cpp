// The accelerator catalog: the built-in list and a scenario's `hardware.catalog` additions.
#include <fmt/format.h>

#include "io/schema.hpp"

namespace labsim::io {

namespace {

const std::vector<std::string> kPartKeys = {"name", "class", "year", "bf16_tflops", "fp8_tflops",
                                            "memory_gb", "tdp_w", "price_usd", "cloud_usd_per_hour",
                                            "source"};

// A price series: every point above 0 (a free part would be bought without limit), and not
// growing past $1e15 by the scenario's last year.
std::optional<Series> read_price(Reader& r, const Node& item, const char* key, const std::string& path,
                                 int last_year) {
  const Node* n = item.find(key);
  if (!n) return std::nullopt;
  std::optional<Series> s = r.series(*n, join(path, key), Quantity::kMoney);
  if (!s) return std::nullopt;
  for (const auto& [year, price] : s->points) {
    if (price > 0) continue;
    // A constant series (a single value) stores its point at year 0.
    std::string when = s->points.size() == 1 && year == 0 ? "" : fmt::format(" in {}", year);
    r.error(n->pos, join(path, key), fmt::format("a price must be above 0, found {}{}", price, when),
            "leave the key out if the part cannot be bought or rented");
    return std::nullopt;
  }
  if (!within_bounds(r, n->pos, join(path, key), s->at(last_year), 1e15, last_year)) return std::nullopt;
  return s;
}

void read_part(Reader& r, const Node& item, const std::string& path, int last_year, Accelerator& a) {
  if (!r.expect_map(item, path, kPartKeys)) return;
  if (const Node* n = r.require(item, "name", path))
    if (auto t = r.text(*n, join(path, "name"))) a.name = *t;
  if (const Node* n = item.find("class"))
    if (auto c = r.choice(*n, join(path, "class"), {"datacenter", "workstation", "consumer"}, "part class"))
      a.part_class = static_cast<PartClass>(*c);
  if (const Node* n = r.require(item, "year", path))
    if (auto y = r.quantity(*n, join(path, "year"), Quantity::kYear)) a.release_year = static_cast<int>(y->value);
  if (const Node* n = r.require(item, "bf16_tflops", path)) {
    if (auto v = r.quantity(*n, join(path, "bf16_tflops"), Quantity::kNumber)) {
      if (v->value <= 0 || v->value > 1e6)
        r.error(n->pos, join(path, "bf16_tflops"),
                fmt::format("expected a peak rate above 0 and at most 1e6 TFLOP/s, found {}", v->value));
      a.bf16_flops = v->value * 1e12;
    }
  }
  double fp8 = 0;
  r.read(item, "fp8_tflops", path, Quantity::kAmount, fp8);
  a.fp8_flops = fp8 * 1e12;
  r.read(item, "memory_gb", path, Quantity::kCount, a.memory_gb);
  if (r.require(item, "tdp_w", path)) r.read(item, "tdp_w", path, Quantity::kCount, a.tdp_w);
  a.price_usd = read_price(r, item, "price_usd", path, last_year);
  a.cloud_usd_per_hour = read_price(r, item, "cloud_usd_per_hour", path, last_year);
  if (const Node* n = item.find("source"))
    if (auto t = r.text(*n, join(path, "source"))) a.source = *t;
}

}  // namespace

void read_catalog(Reader& r, const Node& parts, const std::string& path, int last_year, Catalog& catalog) {
  if (!parts.is_seq()) {
    r.error(parts.pos, path, fmt::format("expected a list of parts, found {}", parts.describe()));
    return;
  }
  for (const Node& item : parts.items) {
    const Node* name = item.is_map() ? item.find("name") : nullptr;
    std::string item_path = join(path, name && name->is_scalar() ? name->text : "?");
    Accelerator a;
    read_part(r, item, item_path, last_year, a);
    catalog.parts.push_back(std::move(a));
  }
}

}  // namespace labsim::io
