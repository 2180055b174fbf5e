// The catalog of parts as a table, CSV or JSON (labsim catalog).
#include <fmt/format.h>

#include <utility>

#include "labsim/catalog.hpp"
#include "labsim/writers.hpp"
#include "text/csv.hpp"
#include "text/json.hpp"

namespace labsim {

namespace {

const char* class_name(PartClass c) {
  switch (c) {
    case PartClass::kDatacenter: return "datacenter";
    case PartClass::kWorkstation: return "workstation";
    case PartClass::kConsumer: return "consumer";
  }
  return "?";
}

// The last point of a series: its value (%g) and its year, or two empty texts when absent.
std::pair<std::string, std::string> last_point(const std::optional<Series>& s) {
  if (!s) return {"", ""};
  return {fmt::format("{:g}", s->points.back().second), std::to_string(s->points.back().first)};
}

}  // namespace

void write_catalog_table(std::ostream& out, const Catalog& catalog) {
  out << fmt::format("{:<16}{:>6}{:>11}{:>8}{:>7}{:>11}{:>10}{:>11}  {}\n", "name", "year", "bf16 TF/s",
                     "mem GB", "TDP W", "price USD", "cloud $/h", "train eff", "class");
  for (const Accelerator& a : catalog.parts)
    out << fmt::format("{:<16}{:>6}{:>11g}{:>8g}{:>7g}{:>11}{:>10}{:>11g}  {}\n", a.name, a.release_year,
                       a.bf16_flops / 1e12, a.memory_gb, a.tdp_w, last_point(a.price_usd).first,
                       last_point(a.cloud_usd_per_hour).first, a.training_efficiency,
                       class_name(a.part_class));
  out << "\ntrain eff: training efficiency, the MFU a fleet of the part achieves relative to the H100 "
         "on the\nsame training workload (1: nothing known). Sources, the factor's derivation included:\n";
  for (const Accelerator& a : catalog.parts) out << fmt::format("  {}: {}\n", a.name, a.source);
  out << "Data: Epoch AI (CC-BY 4.0).\n";
}

void write_catalog_csv(std::ostream& out, const Catalog& catalog) {
  out << "name,class,year,bf16_tflops,fp8_tflops,memory_gb,tdp_w,price_usd,price_year,cloud_usd_per_hour,"
         "cloud_year,training_efficiency,source\n";
  for (const Accelerator& a : catalog.parts) {
    auto [price, price_year] = last_point(a.price_usd);
    auto [cloud, cloud_year] = last_point(a.cloud_usd_per_hour);
    out << fmt::format("{},{},{},{:g},{:g},{:g},{:g},{},{},{},{},{:g},{}\n", text::csv_field(a.name),
                       class_name(a.part_class), a.release_year, a.bf16_flops / 1e12, a.fp8_flops / 1e12, a.memory_gb,
                       a.tdp_w, price, price_year, cloud, cloud_year, a.training_efficiency,
                       text::csv_quoted(a.source));
  }
}

void write_catalog_json(std::ostream& out, const Catalog& catalog) {
  // Numbers as the table and the CSV print them (%g), not in the exact JSON form.
  auto g = [](double v) { return fmt::format("{:g}", v); };
  text::JsonWriter w(out);
  w.object().key("labsim_version").string(version()).key("parts").array();
  for (const Accelerator& a : catalog.parts) {
    std::string price = last_point(a.price_usd).first, cloud = last_point(a.cloud_usd_per_hour).first;
    w.line(2).object().key("name").string(a.name).key("class").string(class_name(a.part_class));
    w.key("year").integer(a.release_year);
    w.key("bf16_tflops").raw(g(a.bf16_flops / 1e12)).key("fp8_tflops").raw(g(a.fp8_flops / 1e12));
    w.key("memory_gb").raw(g(a.memory_gb)).key("tdp_w").raw(g(a.tdp_w));
    w.key("price_usd");
    price.empty() ? w.null() : w.raw(price);
    w.key("cloud_usd_per_hour");
    cloud.empty() ? w.null() : w.raw(cloud);
    w.key("training_efficiency").raw(g(a.training_efficiency));
    w.key("source").string(a.source).end();
  }
  w.line(0).end().end();
  out << '\n';
}

}  // namespace labsim
