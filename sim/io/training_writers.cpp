// train-time and optimal results, as a table or as JSON.
#include <fmt/format.h>

#include <initializer_list>
#include <utility>

#include "labsim/training.hpp"
#include "labsim/writers.hpp"
#include "text/json.hpp"

namespace labsim {

namespace {

// Numbers in JSON with up to 10 significant digits (%.10g, exponents kept: 1.4e+12).
std::string general10(double v) { return fmt::format("{:.10g}", v); }

void table(std::ostream& out, std::initializer_list<std::pair<const char*, double>> values) {
  for (auto [k, v] : values) out << fmt::format("{:<10} {:.4g}\n", k, v);
}

void json(std::ostream& out, std::initializer_list<std::pair<const char*, double>> values) {
  text::JsonWriter w(out);
  w.object();
  for (auto [k, v] : values) w.key(k).raw(general10(v));
  w.end();
  out << '\n';
}

}  // namespace

void write_training_run_table(std::ostream& out, const TrainingRun& run, const std::string& part_name) {
  table(out, {{"flop", run.flop}, {"gpu_hours", run.gpu_hours}, {"days", run.days}});
  out << (run.cost_usd ? fmt::format("{:<10} {:.4g}\n", "cost_usd", *run.cost_usd)
                       : fmt::format("{:<10} (no cloud rate for {})\n", "cost_usd", part_name));
}

void write_training_run_json(std::ostream& out, const TrainingRun& run) {
  text::JsonWriter w(out);
  w.object().key("flop").raw(general10(run.flop)).key("gpu_hours").raw(general10(run.gpu_hours));
  w.key("days").raw(general10(run.days)).key("cost_usd");
  run.cost_usd ? w.raw(general10(*run.cost_usd)) : w.null();
  w.end();
  out << '\n';
}

void write_optimal_table(std::ostream& out, const OptimalModel& m) {
  table(out, {{"params", m.params}, {"tokens", m.tokens}, {"flop", m.flop}});
}

void write_optimal_json(std::ostream& out, const OptimalModel& m) {
  json(out, {{"params", m.params}, {"tokens", m.tokens}, {"flop", m.flop}});
}

}  // namespace labsim
