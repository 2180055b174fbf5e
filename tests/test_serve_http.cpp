// The explorer's HTTP server (issue 18): the API over HTTP gives the command line's bytes, and the
// server refuses what it must (foreign Host headers, oversized requests, bad input, unknown paths)
// while it keeps serving, hundreds of requests at once included.
#include <catch2/catch.hpp>

#if LABSIM_HAVE_SERVER
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "cli_helpers.hpp"
#include "serve/http/server.hpp"

namespace {

// A server on a free loopback port for the life of the object.
struct Running {
  labsim::serve::Server server;
  std::thread thread;
  explicit Running(const labsim::serve::ServerOptions& o) : server(o) {
    REQUIRE(server.bind());
    thread = std::thread([this] { server.run(); });
  }
  ~Running() {
    server.stop();
    thread.join();
  }
  // Generous timeouts: the sanitizer build answers several times slower.
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", server.port());
    c.set_read_timeout(60, 0);
    c.set_connection_timeout(10, 0);
    return c;
  }
};

labsim::serve::ServerOptions options() {
  labsim::serve::ServerOptions o;
  o.scenario = labsim::test::source_path("scenarios/compute-divide.yaml");
  o.port = 0;
  return o;
}

}  // namespace

TEST_CASE("the server's /api/run is the command line's output, byte for byte", "[serve][http]") {
  Running r(options());
  auto client = r.client();
  auto res = client.Get("/api/run?set=institutions.institute.operations.mfu=0.3&set="
                        "institutions.institute.funding.nsf-institute.amount%3D40M&format=csv");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "text/csv");
  CHECK(res->body == labsim::test::run_cli("run scenarios/compute-divide.yaml --set institutions.institute.operations."
                                           "mfu=0.3 --set institutions.institute.funding.nsf-institute.amount=40M "
                                           "--format csv").out);
  auto inputs = client.Get("/api/inputs");
  REQUIRE(inputs);
  CHECK(inputs->status == 200);
  CHECK(inputs->body.rfind("{\"scenario\": \"" + options().scenario + "\", \"inputs\": [", 0) == 0);
}

TEST_CASE("the server refuses what it must and keeps serving", "[serve][http]") {
  Running r(options());
  auto client = r.client();
  // A bad value: 400 with the loader's located message.
  auto bad = client.Get("/api/run?set=institutions.institute.operations.mfu=150%25");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(bad->body.find("it cannot exceed 100%") != std::string::npos);
  // DNS rebinding: a Host that is not this machine's.
  auto rebound = client.Get("/api/inputs", {{"Host", "evil.example"}});
  REQUIRE(rebound);
  CHECK(rebound->status == 403);
  // An oversized request line.
  auto huge = client.Get("/api/run?set=" + std::string(labsim::serve::kMaxTarget, 'x'));
  REQUIRE(huge);
  CHECK((huge->status == 414 || huge->status == 400));
  // Unknown paths and traversal: nothing but the API is served; no file is read.
  for (const char* path : {"/nope", "/../../etc/passwd", "/api/../../etc/passwd", "/api/run/../inputs%00"}) {
    INFO(path);
    auto res = client.Get(path);
    REQUIRE(res);
    CHECK(res->status >= 400);
    CHECK(res->body.find("root:") == std::string::npos);
  }
  // Bad UTF-8 in a value is a bad value, not a crash.
  auto bytes = client.Get("/api/run?set=institutions.institute.name=%FF%FE");
  REQUIRE(bytes);
  CHECK(bytes->status == 400);
  // Two hundred requests at once: every one answered (the server widens Debian cpp-httplib's
  // listen backlog of 5; a refused connection would be tried again, as a browser would).
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 200; ++i)
    clients.emplace_back([&r, &ok] {
      auto c = r.client();
      for (int attempt = 0; attempt < 20; ++attempt) {
        auto res = c.Get("/api/run?format=csv");
        if (res) {
          if (res->status == 200) ++ok;
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
  for (std::thread& t : clients) t.join();
  CHECK(ok == 200);
  // And it still answers.
  auto after = client.Get("/api/inputs");
  REQUIRE(after);
  CHECK(after->status == 200);
}

TEST_CASE("the server serves the page with a policy that keeps every fetch on this machine", "[serve][http]") {
  Running r(options());
  auto client = r.client();
  for (const char* path : {"/", "/index.html"}) {
    auto page = client.Get(path);
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'none'; script-src 'self'") == 0);
    CHECK(page->body.find("<script type=\"module\" src=\"explorer.js\">") != std::string::npos);
    CHECK(page->body == labsim::test::slurp(labsim::test::source_path("web/explorer/index.html")));
  }
  auto script = client.Get("/explorer.js");
  REQUIRE(script);
  CHECK(script->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(script->body == labsim::test::slurp(labsim::test::source_path("web/explorer/explorer.js")));
  // Every API path the page names is one the server answers.
  for (const char* api : {"api/inputs", "api/run", "api/compare", "api/mc", "api/overlay", "api/brief"}) {
    INFO(api);
    CHECK(script->body.find(api) != std::string::npos);
  }
}

TEST_CASE("the server answers costly requests beyond its limit with 503 and keeps serving", "[serve][http]") {
  Running r(options());
  // Eight Monte Carlo runs of 100,000 samples at once: two run, the others are told to come back.
  std::atomic<int> done{0}, busy{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 8; ++i)
    clients.emplace_back([&] {
      auto c = r.client();
      auto res = c.Get("/api/mc?n=100000&metrics=compute.h100_hours");
      if (!res) return;
      if (res->status == 200) ++done;
      if (res->status == 503 && res->get_header_value("Retry-After") == "1") ++busy;
    });
  for (std::thread& t : clients) t.join();
  CHECK(done >= 1);
  CHECK(busy >= 1);
  CHECK(done + busy == 8);
  auto client = r.client();
  auto after = client.Get("/api/mc?n=10");
  REQUIRE(after);
  CHECK(after->status == 200);
}

#else
#include "skip.hpp"
TEST_CASE("the explorer's server (not built: cpp-httplib missing)", "[serve][http]") {
  LABSIM_SKIP("libcpp-httplib-dev is not installed: labsim-serve is not built");
}
#endif
