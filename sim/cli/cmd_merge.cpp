#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/explore_args.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/shard.hpp"

namespace labsim::cli {

void setup_merge(CLI::App& app, MergeOptions& o) {
  app.add_option("shards", o.files,
                 "Shard files written with --shard I/K --out FILE, in any order; a directory: its *.lsr files")
      ->required();
  app.add_option("--format", o.format, "csv, json or table (table: Monte Carlo only; default csv)")
      ->check(CLI::IsMember({"csv", "json", "table"}));
  app.add_option("--out", o.out, "Write the result to this file instead of stdout");
  app.footer(
      "Example (after the shard examples of labsim mc --help):\n  labsim merge part-2.lsr part-1.lsr --format table\n"
      "Prints exactly what the same command without --shard prints. Refuses shards of different studies,\n"
      "damaged files, and chunks held twice or by no file (docs/scale.md).\n"
      "Exit status: 0 ok, 1 shards that do not make one study, 2 usage, 3 cannot read or write.");
}

int run_merge(const MergeOptions& o, const Invocation& call) {
  // A directory stands for its *.lsr files (K in the thousands would not fit a command line).
  std::vector<std::string> paths;
  for (const std::string& arg : o.files) {
    std::error_code ec;
    if (!std::filesystem::is_directory(arg, ec)) {
      paths.push_back(arg);
      continue;
    }
    std::vector<std::string> inside;
    for (const auto& entry : std::filesystem::directory_iterator(arg, ec))
      if (entry.path().extension() == ".lsr" && !entry.is_directory()) inside.push_back(entry.path().string());
    if (ec) throw IoError("cannot read the directory " + arg + ": " + ec.message());
    if (inside.empty()) throw IoError("the directory " + arg + " holds no shard files (*.lsr)");
    std::sort(inside.begin(), inside.end());
    paths.insert(paths.end(), inside.begin(), inside.end());
  }
  std::vector<ShardFile> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw IoError("cannot read the shard file " + path + ": not a file");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    if (in) bytes << in.rdbuf();
    if (!in || in.bad()) throw IoError("cannot read the shard file " + path);
    files.push_back({path, bytes.str()});
  }
  MergedStudy merged = merge_shards(files);
  if (merged.sobol && o.format == "table")
    throw UsageError("--format table is for Monte Carlo statistics; a Sobol analysis merges to csv or json");
  emit(call.out, o.out, merged.sobol ? format_sensitivity(merged.sensitivity, o.format) : format_stats(merged.stats, o.format));
  return kOk;
}

}  // namespace labsim::cli
