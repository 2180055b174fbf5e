#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "labsim/writers.hpp"

namespace labsim::cli {

void setup_metrics(CLI::App& app, MetricsOptions& o) {
  app.add_option("--format", o.format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
  app.footer("Example:\n  labsim metrics --format csv > metrics.csv\n"
             "The names are the ones every output uses (CSV rows, JSON keys, --metrics, targets).");
}

int run_metrics(const MetricsOptions& o, const Invocation& call) {
  if (o.format == "table") write_metrics_table(call.out);
  else if (o.format == "csv") write_metrics_csv(call.out);
  else write_metrics_json(call.out);
  return kOk;
}

}  // namespace labsim::cli
