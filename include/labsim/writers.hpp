// Writing results: tidy CSV, JSON and the side-by-side terminal table.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "labsim/scenario.hpp"
#include "labsim/trajectory.hpp"
#include "labsim/version.hpp"  // the JSON writers record version()

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

}  // namespace labsim

namespace labsim {

// Writes `content` to `path` through a temporary file in the same directory (`PATH.tmp.PID`)
// and a rename, so a reader never sees a partial file. Throws IoError, with the reason
// ("Permission denied", "No space left on device"), when the file cannot be created, written
// or renamed; the temporary file is then removed.
//
// The first call installs a handler for SIGINT and SIGTERM (unless the process ignores or
// handles them already) that removes the temporary files being written at that moment and
// then dies of the same signal with its default action (a shell reports 128 + the signal).
// Files already renamed into place are complete and are kept.
void write_file_atomic(const std::string& path, const std::string& content);
// The same for content written by `write` as it goes (large files need not fit in memory). If
// `write` throws, the temporary file is removed and the exception propagates.
void write_file_atomic(const std::string& path, const std::function<void(std::ostream&)>& write);

// The first name (in byte order) of an entry of directory `dir` that is not one of `names`
// nor a temporary `NAME.tmp.PID` left by an interrupted write of one of them; nullopt when
// there is none, or when `dir` does not exist or is not a directory. Commands that write
// several files into a directory use it to refuse a directory holding someone else's files.
std::optional<std::string> foreign_file(const std::string& dir, const std::vector<std::string>& names);

}  // namespace labsim
