// Running the labsim binary from tests: exit status and captured output.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace labsim::test {

struct Result {
  int status = -1;
  std::string out;
  std::string err;
};

inline std::string source_path(const std::string& rel) { return std::string(LABSIM_SOURCE_DIR) + "/" + rel; }

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The fields of one CSV line; a double-quoted field may hold commas (its quotes are dropped).
inline std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

// A fresh, empty directory under the system temp directory, removed when the object dies.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("labsim-test-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// Runs `labsim ARGS` (ARGS is passed to the shell as written) from the source directory.
inline Result run_cli(const std::string& args) {
  TempDir tmp("stderr");
  std::string cmd = "cd '" + std::string(LABSIM_SOURCE_DIR) + "' && '" + LABSIM_BINARY + "' " + args + " 2>'" +
                    tmp.file("err") + "'";
  Result r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  int raw = ::pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.err = slurp(tmp.file("err"));
  return r;
}

// The commands `labsim --help` lists under "Subcommands:", one a line: "  NAME  description".
inline std::vector<std::string> listed_commands() {
  const std::string top = run_cli("--help").out;
  std::vector<std::string> commands;
  std::istringstream listing(top.substr(top.find("Subcommands:")));
  std::string entry;
  std::getline(listing, entry);
  while (std::getline(listing, entry) && entry.rfind("  ", 0) == 0) {
    const std::size_t start = entry.find_first_not_of(' ');
    commands.push_back(entry.substr(start, entry.find(' ', start) - start));
  }
  return commands;
}

}  // namespace labsim::test
