// The render module (docs/performance.md, "Process start"): commands that draw nothing do not
// load cairo, pango or fontconfig; `brief` loads them from labsim_render.so; without the module
// `brief` fails cleanly, writing nothing.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "cli_helpers.hpp"

namespace {

using labsim::test::run_cli;
using labsim::test::TempDir;

// The shared objects the dynamic loader opened while running `labsim ARGS` (LD_DEBUG=files).
std::string opened_libraries(const std::string& args) {
  return run_cli(args + " >/dev/null 2>/dev/null; LD_DEBUG=files '" + std::string(LABSIM_BINARY) + "' " + args +
                 " 2>&1 >/dev/null | grep 'file=' ; true")
      .out;
}

}  // namespace

TEST_CASE("run, mc and --version do not load cairo, pango or fontconfig", "[render][cli]") {
  for (const std::string args : {"--version", "run scenarios/compute-divide.yaml",
                                 "mc scenarios/uncertain-divide.yaml -n 20"}) {
    INFO(args);
    std::string libs = opened_libraries(args);
    REQUIRE(libs.find("libc.so") != std::string::npos);  // LD_DEBUG reported the loads
    CHECK(libs.find("cairo") == std::string::npos);
    CHECK(libs.find("pango") == std::string::npos);
    CHECK(libs.find("fontconfig") == std::string::npos);
  }
}

TEST_CASE("brief loads the render module and draws with it", "[render][cli]") {
  TempDir dir("render-module");
  std::string libs = opened_libraries("brief scenarios/compute-divide.yaml -n 50 --force -o '" +
                                      dir.file("brief") + "'");
  CHECK(libs.find("labsim_render.so") != std::string::npos);
  CHECK(libs.find("libcairo") != std::string::npos);
  CHECK(std::filesystem::file_size(dir.file("brief/brief.pdf")) > 1000);
}

TEST_CASE("without its render module brief fails with a clear error and writes nothing", "[render][cli]") {
  TempDir dir("no-module");
  std::filesystem::copy_file(LABSIM_BINARY, dir.file("labsim"));
  std::filesystem::permissions(dir.file("labsim"), std::filesystem::perms::owner_exec, std::filesystem::perm_options::add);
  auto r = run_cli("--version >/dev/null; '" + dir.file("labsim") + "' brief scenarios/compute-divide.yaml -n 50 -o '" +
                   dir.file("out") + "'");
  CHECK(r.status == 3);
  CHECK_THAT(r.err, Catch::Contains("cannot load labsim's render module"));
  CHECK_THAT(r.err, Catch::Contains(dir.file("labsim_render.so")));
  CHECK_THAT(r.err, Catch::Contains("hint:"));
  CHECK_FALSE(std::filesystem::exists(dir.file("out")));
}
