// Writing results: tidy CSV, JSON and the side-by-side terminal table.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "labsim/scenario.hpp"
#include "labsim/trajectory.hpp"

namespace labsim {

// Long, tidy CSV: scenario,institution,year,metric,value,unit. Undefined values are empty.
// Numbers use up to 10 significant digits, shortest form.
void write_csv(std::ostream& out, const Trajectory& trajectory);

// JSON: {"labsim_version", "scenario": <resolved scenario>, "years": [...],
// "institutions": {id: {"name", "kind", "replicas", "metrics": {metric: {"unit", "values": [...]}}}}}.
// Undefined values are null.
void write_json(std::ostream& out, const Scenario& scenario, const Trajectory& trajectory);

// A terminal table (fits 100 columns): the first university and the first industry lab side
// by side for the first, middle and last year with the gap ratios, then one line per other
// institution.
void write_table(std::ostream& out, const Scenario& scenario, const Trajectory& trajectory);

// The labsim version string ("0.1.0").
const char* version();

}  // namespace labsim

namespace labsim {

// Writes `content` to `path` through a temporary file in the same directory and a rename, so
// a reader never sees a partial file. Throws IoError when it cannot.
void write_file_atomic(const std::string& path, const std::string& content);
// The same for content written by `write` as it goes (large files need not fit in memory). If
// `write` throws, the temporary file is removed and the exception propagates.
void write_file_atomic(const std::string& path, const std::function<void(std::ostream&)>& write);

}  // namespace labsim
