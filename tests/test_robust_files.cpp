// Failure safety of the files labsim writes: a directory holding someone else's files is refused
// without --force, an interrupted write leaves no temporary file, and a directory or a file that
// cannot be written is exit status 3 with the reason.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "skip.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/writers.hpp"

namespace {

namespace fs = std::filesystem;
using labsim::test::run_cli;
using labsim::test::TempDir;

void touch(const std::string& path) { std::ofstream(path) << "x"; }

std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("foreign_file names the first entry a command did not write", "[files]") {
  const std::vector<std::string> ours = {"run.csv", "run.json", "table.txt"};
  struct Case {
    std::vector<std::string> files;
    std::optional<std::string> foreign;
  };
  const std::vector<Case> cases = {
      {{}, std::nullopt},
      {{"run.csv", "table.txt"}, std::nullopt},
      {{"run.csv.tmp.4711"}, std::nullopt},                // left by a killed run
      {{"run.csv.tmp."}, std::string("run.csv.tmp.")},     // not a pid
      {{"run.csv.tmp.12a"}, std::string("run.csv.tmp.12a")},
      {{"run.csv", "notes.txt", "a.txt"}, std::string("a.txt")},
      {{"run.csvx"}, std::string("run.csvx")},
      {{"RUN.CSV"}, std::string("RUN.CSV")},
  };
  for (const Case& c : cases) {
    TempDir dir("foreign");
    for (const std::string& f : c.files) touch(dir.file(f));
    INFO(c.files.size() << " files, first " << (c.files.empty() ? "-" : c.files.front()));
    CHECK(labsim::foreign_file(dir.path().string(), ours) == c.foreign);
  }
  TempDir dir("foreign");
  CHECK(labsim::foreign_file(dir.file("missing"), ours) == std::nullopt);
  touch(dir.file("plain"));
  CHECK(labsim::foreign_file(dir.file("plain"), ours) == std::nullopt);  // not a directory: the write reports it
  fs::create_directory(dir.file("sub"));
  CHECK(labsim::foreign_file(dir.path().string(), ours) == std::string("plain"));
  fs::remove(dir.file("plain"));
  CHECK(labsim::foreign_file(dir.path().string(), ours) == std::string("sub"));
}

TEST_CASE("run --out refuses a directory with other files unless --force", "[files][cli]") {
  TempDir dir("out-foreign");
  const std::string out = dir.file("results");
  fs::create_directory(out);
  touch(out + "/notes.txt");
  auto refused = run_cli("run scenarios/compute-divide.yaml --out " + out);
  CHECK(refused.status == 2);
  CHECK(refused.out.empty());
  CHECK(refused.err == "labsim: usage error: --out " + out +
                           ": the directory holds notes.txt, which labsim did not write\n"
                           "(choose a new or empty directory, or add --force to write beside it)\n");
  CHECK(listing(out) == std::set<std::string>{"notes.txt"});

  auto forced = run_cli("run scenarios/compute-divide.yaml --out " + out + " --force");
  CHECK(forced.status == 0);
  CHECK(listing(out) == std::set<std::string>{"notes.txt", "run.csv", "run.json", "table.txt"});

  // Its own files (and an empty directory) are not foreign: a second run replaces them.
  const std::string own = dir.file("own");
  fs::create_directory(own);
  REQUIRE(run_cli("run scenarios/compute-divide.yaml --out " + own).status == 0);
  CHECK(run_cli("run scenarios/compute-divide.yaml --format csv --out " + own).status == 0);
  CHECK(listing(own) == std::set<std::string>{"run.csv", "run.json", "table.txt"});
}

TEST_CASE("brief -o refuses other files; every file a brief writes counts as its own", "[files][cli]") {
  TempDir dir("brief-foreign");
  const std::string out = dir.file("b");
  // With a baseline and -n the brief has all six charts, policy_effect and tornado included.
  const std::string args = "brief scenarios/nairr.yaml --baseline scenarios/compute-divide.yaml -n 50 -o " + out;
  REQUIRE(run_cli(args).status == 0);
  std::set<std::string> written = listing(out);
  CHECK(written.size() == 15);
  CHECK(written.count("tornado.png") == 1);
  CHECK(written.count("policy_effect.svg") == 1);
  CHECK(run_cli(args).status == 0);  // the same directory again: only its own files

  touch(out + "/index.html");
  auto refused = run_cli(args);
  CHECK(refused.status == 2);
  CHECK(refused.err == "labsim: usage error: -o " + out +
                           ": the directory holds index.html, which labsim did not write\n"
                           "(choose a new or empty directory, or add --force to write beside it)\n");
  CHECK(run_cli(args + " --force").status == 0);
}

namespace {

// Forks; the child resets `sig` to its default action (Catch2 installs its own handlers), then
// writes `path` with a writer that fails the test (exit 98) unless the temporary file exists,
// and sends itself `sig` half-way. Returns the child's wait status.
int interrupted_write(const std::string& path, int sig) {
  pid_t pid = ::fork();
  if (pid == 0) {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    try {
      labsim::write_file_atomic(path, [&](std::ostream& out) {
        out << "half of a file";
        out.flush();
        if (!fs::exists(fmt::format("{}.tmp.{}", path, ::getpid()))) ::_exit(98);
        std::raise(sig);
      });
    } catch (...) {
    }
    ::_exit(99);  // the signal did not end the process
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

}  // namespace

TEST_CASE("SIGINT or SIGTERM during a write removes the temporary file and ends with that signal", "[files]") {
  for (int sig : {SIGINT, SIGTERM}) {
    TempDir dir("signal");
    int status = interrupted_write(dir.file("run.csv"), sig);
    INFO("signal " << sig << ", wait status " << status);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == sig);  // a shell reports 128 + sig
    CHECK(listing(dir.path()).empty());
  }
}

TEST_CASE("an output directory that cannot be created is exit status 3 with the reason", "[files][cli]") {
  TempDir dir("unwritable");
  touch(dir.file("file"));
  // Works as root too, where chmod does not stop writing.
  auto r = run_cli("run scenarios/compute-divide.yaml --out " + dir.file("file/sub"));
  CHECK(r.status == 3);
  CHECK(r.err == "labsim: error: " + dir.file("file/sub") + ": cannot create the directory (Not a directory)\n");
  auto b = run_cli("brief scenarios/compute-divide.yaml -o " + dir.file("file/sub"));
  CHECK(b.status == 3);
  CHECK(b.err == "labsim: error: " + dir.file("file/sub") + ": cannot create the directory (Not a directory)\n");

  try {
    labsim::write_file_atomic(dir.file("file/x.csv"), "a,b\n");
    FAIL("no IoError");
  } catch (const labsim::IoError& e) {
    CHECK(std::string(e.what()) == dir.file("file/x.csv") + ": cannot write the file (Not a directory)");
  }
}

TEST_CASE("a read-only directory is exit status 3 with the reason", "[files][cli]") {
  // chmod 555 does not stop root: as root, labsim runs as `nobody` (setpriv) instead.
  std::string as_user;
  if (::geteuid() == 0) {
    auto probe = run_cli("--version >/dev/null && setpriv --reuid=nobody --regid=nogroup --clear-groups '" +
                         std::string(LABSIM_BINARY) + "' --version");
    if (probe.status != 0) LABSIM_SKIP("running as root and cannot run labsim as nobody: " + probe.err);
    as_user = "setpriv --reuid=nobody --regid=nogroup --clear-groups ";
  }
  TempDir dir("readonly");
  fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                  fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  auto r = as_user.empty() ? run_cli("run scenarios/compute-divide.yaml --out " + dir.path().string())
                           : run_cli("--version >/dev/null && " + as_user + "'" + std::string(LABSIM_BINARY) +
                                     "' run scenarios/compute-divide.yaml --out " + dir.path().string());
  fs::permissions(dir.path(), fs::perms::owner_all);
  CHECK(r.status == 3);
  CHECK(r.err == "labsim: error: " + dir.file("run.csv") + ": cannot write the file (Permission denied)\n");
  CHECK(listing(dir.path()).empty());
}

TEST_CASE("a write that runs out of space is exit status 3 and leaves no temporary file", "[files][cli]") {
  // A file-size limit (ulimit -f, with SIGXFSZ ignored) fails write() as a full disk does, but
  // with EFBIG, and needs no root or mount. ulimit -f counts 512-byte blocks in sh (dash).
  TempDir dir("full");
  const std::string out = dir.file("results");
  auto r = run_cli("--version >/dev/null && (trap '' XFSZ; ulimit -f 2; exec '" + std::string(LABSIM_BINARY) +
                   "' run scenarios/compute-divide.yaml --out " + out + ")");
  CHECK(r.status == 3);
  CHECK(r.err == "labsim: error: " + out + "/run.csv: writing failed (File too large)\n");
  CHECK(listing(out).empty());
}

TEST_CASE("a full disk (a 16 KiB tmpfs) is exit status 3 and leaves nothing", "[files][cli]") {
  // A tmpfs mounted in a private mount namespace (unshare -m), so nothing outlives the command.
  // Needs root or user namespaces; elsewhere the file-size case above stands in for it.
  TempDir dir("tmpfs");
  const std::string mount = dir.file("small");
  fs::create_directories(mount);
  auto probe = run_cli("--version >/dev/null && unshare -m sh -c 'mount -t tmpfs -o size=16k tmpfs " + mount + "'");
  if (probe.status != 0) LABSIM_SKIP("cannot mount a tmpfs here (" + probe.err + "); the file-size case stands in");
  auto r = run_cli("--version >/dev/null && unshare -m sh -c 'mount -t tmpfs -o size=16k tmpfs " + mount + " && exec '" +
                   std::string(LABSIM_BINARY) + "' run scenarios/compute-divide.yaml --out " + mount +
                   "; status=$?; ls -A " + mount + " >&2; exit $status'");
  CHECK(r.status == 3);
  // run.csv of the default scenario is about 60 kB: the first file fails, and the listing of the
  // mounted directory printed after the run is empty.
  CHECK(r.err == "labsim: error: " + mount + "/run.csv: writing failed (No space left on device)\n");
}
