#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "labsim/catalog.hpp"
#include "labsim/writers.hpp"

namespace labsim::cli {

void setup_catalog(CLI::App& app, CatalogOptions& o) {
  app.add_option("--format", o.format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
  app.footer("Example:\n  labsim catalog --format csv > parts.csv\n"
             "Prices and cloud rates show the latest point of each part's series. train eff\n"
             "(training_efficiency) is the MFU a fleet of the part achieves relative to the H100;\n"
             "each part's source derives it.");
}

int run_catalog(const CatalogOptions& o, const Invocation& call) {
  const Catalog& c = builtin_catalog();
  if (o.format == "table") write_catalog_table(call.out, c);
  else if (o.format == "csv") write_catalog_csv(call.out, c);
  else write_catalog_json(call.out, c);
  return kOk;
}

}  // namespace labsim::cli
