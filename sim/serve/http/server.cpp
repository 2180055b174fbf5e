// The explorer's HTTP routes over the API functions (labsim/serve.hpp).
#include "serve/http/server.hpp"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <cctype>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "labsim/serve.hpp"
#include "serve/assets.hpp"

namespace labsim::serve {

namespace {

// The Host header's name without its port: "127.0.0.1:8421" -> "127.0.0.1", "[::1]:80" -> "[::1]".
std::string host_name(const std::string& host) {
  if (!host.empty() && host.front() == '[') return host.substr(0, host.find(']') + 1);
  return host.substr(0, host.find(':'));
}

// %XX and '+' decoded; a malformed escape stays as written (the loader then reports the value).
std::string url_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The values of `key` in the request's query, in order, each split at its first '=' only, so
// that "set=economy.pue=1.3" keeps "economy.pue=1.3" whole (written as %3D or not).
std::vector<std::string> query_values(const httplib::Request& req, const std::string& key) {
  std::vector<std::string> values;
  const size_t q = req.target.find('?');
  if (q == std::string::npos) return values;
  const std::string query = req.target.substr(q + 1);
  for (size_t start = 0; start <= query.size();) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string part = query.substr(start, end - start);
    const size_t eq = part.find('=');
    if (eq != std::string::npos && url_decode(part.substr(0, eq)) == key) values.push_back(url_decode(part.substr(eq + 1)));
    start = end + 1;
  }
  return values;
}

// The API's query: set= (repeatable), format=, metrics= (comma-separated, repeatable), n=, seed=.
ApiQuery api_query(const httplib::Request& req) {
  ApiQuery q;
  q.sets = query_values(req, "set");
  const auto last = [&](const char* key, std::string& into) {
    const std::vector<std::string> v = query_values(req, key);
    if (!v.empty()) into = v.back();
  };
  last("format", q.format);
  last("n", q.samples);
  last("seed", q.seed);
  for (const std::string& list : query_values(req, "metrics"))
    for (size_t start = 0; start <= list.size();) {
      size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      if (comma > start) q.metrics.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
  return q;
}

void send(httplib::Response& res, const ApiResponse& r) {
  res.status = r.status;
  res.set_content(r.body, r.content_type.c_str());
  res.set_header("Cache-Control", "no-store");
}

// Debian's cpp-httplib (0.11) listens with a backlog of 5 connections: a browser opens six at a
// time, and past the backlog Linux drops the handshake's last step, so the client waits out
// retransmissions (seconds, up to a minute). Listening again on the bound socket widens the
// queue; the socket is found as the one of this process that listens on `port`.
void widen_backlog(int port) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    int fd = -1;
    try {
      fd = std::stoi(entry.path().filename().string());
    } catch (const std::exception&) {
      continue;
    }
    int listening = 0;
    socklen_t size = sizeof listening;
    if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || !listening) continue;
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) continue;
    int bound = -1;
    if (address.ss_family == AF_INET) bound = ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
    if (address.ss_family == AF_INET6) bound = ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
    if (bound == port) ::listen(fd, SOMAXCONN);
  }
}

ApiResponse busy() {
  return {503, "application/json", "{\"errors\": [{\"message\": \"busy: too many requests at once, try again\"}]}\n"};
}

// At most `limit` holders at once: the costly endpoints (Monte Carlo, brief) take one or answer
// 503, so a burst of them cannot hold every worker.
class Slots {
 public:
  explicit Slots(int limit) : free_(limit) {}
  bool take() {
    int n = free_.load();
    while (n > 0)
      if (free_.compare_exchange_weak(n, n - 1)) return true;
    return false;
  }
  void give() { ++free_; }

 private:
  std::atomic<int> free_;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  httplib::Server http;
  int port = 0;
  Slots costly{2};
  std::mutex brief;  // one brief at a time: the render module draws with one set of fonts

  // `answer` run in a costly slot, or 503 when none is free.
  template <class F>
  void costly_call(httplib::Response& res, F&& answer) {
    if (!costly.take()) {
      res.set_header("Retry-After", "1");
      send(res, busy());
      return;
    }
    struct Give {
      Slots& s;
      ~Give() { s.give(); }
    } give{costly};
    send(res, answer());
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  Impl& s = *impl_;
  const int threads = std::max(1, s.options.threads);
  s.http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  s.http.set_payload_max_length(64 * 1024);
  // Headers and body go out in separate writes: without this, Nagle's algorithm holds the body
  // for the client's delayed acknowledgement, 40 ms on every answer.
  s.http.set_tcp_nodelay(true);
  s.http.set_read_timeout(5, 0);
  // Before any route: the Host header (DNS rebinding) and the request's size.
  s.http.set_pre_routing_handler([&s](const httplib::Request& req, httplib::Response& res) {
    if (req.target.size() > kMaxTarget) {
      send(res, {414, "application/json", "{\"errors\": [{\"message\": \"request line too long\"}]}\n"});
      return httplib::Server::HandlerResponse::Handled;
    }
    const std::string name = host_name(req.get_header_value("Host"));
    const auto& allowed = s.options.allow_hosts;
    const bool loopback = name == "127.0.0.1" || name == "localhost" || name == "[::1]";
    if (!loopback && std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      send(res, {403, "application/json",
                 "{\"errors\": [{\"message\": \"this Host is not served (labsim serve --allow-host NAME)\"}]}\n"});
      return httplib::Server::HandlerResponse::Handled;
    }
    // No compression: on this machine it costs more than it saves (Debian's cpp-httplib
    // compresses with brotli whenever the client accepts it, 30 ms for a run's 25 KB of JSON).
    // The request object is the server's own, not const; the handler is only handed it as const.
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // The page: its files as built in (serve/http/assets.hpp), "/" being index.html. The policy keeps
  // every fetch on this server: nothing the page loads may come from elsewhere.
  for (const Asset& a : assets()) {
    const auto serve_asset = [a](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(a.bytes), a.type);
      res.set_header("Content-Security-Policy",
                     "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' "
                     "data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("Cache-Control", "no-store");
    };
    s.http.Get(a.path, serve_asset);
    if (std::string_view(a.path) == "/index.html") s.http.Get("/", serve_asset);
  }
  s.http.Get("/api/inputs", [&s](const httplib::Request&, httplib::Response& res) {
    send(res, api_inputs(s.options.scenario));
  });
  s.http.Get("/api/run", [&s](const httplib::Request& req, httplib::Response& res) {
    const ApiQuery q = api_query(req);
    send(res, api_run(s.options.scenario, q.sets, q.format));
  });
  s.http.Get("/api/compare", [&s](const httplib::Request& req, httplib::Response& res) {
    send(res, api_compare(s.options.baseline, s.options.scenario, api_query(req)));
  });
  s.http.Get("/api/overlay", [&s](const httplib::Request& req, httplib::Response& res) {
    send(res, api_overlay(s.options.scenario, api_query(req)));
  });
  s.http.Get("/api/mc", [&s](const httplib::Request& req, httplib::Response& res) {
    s.costly_call(res, [&] { return api_mc(s.options.scenario, api_query(req)); });
  });
  s.http.Get("/api/brief", [&s](const httplib::Request& req, httplib::Response& res) {
    s.costly_call(res, [&] {
      std::lock_guard<std::mutex> one(s.brief);
      return api_brief(s.options.scenario, s.options.baseline, api_query(req));
    });
  });
  s.http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty())
      res.set_content("{\"errors\": [{\"message\": \"" + std::to_string(res.status) + "\"}]}\n", "application/json");
  });
  s.http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send(res, {500, "application/json", "{\"errors\": [{\"message\": \"internal error\"}]}\n"});
  });
}

Server::~Server() = default;

bool Server::bind() {
  Impl& s = *impl_;
  if (s.options.port == 0) s.port = s.http.bind_to_any_port(s.options.host);
  else s.port = s.http.bind_to_port(s.options.host, s.options.port) ? s.options.port : -1;
  if (s.port > 0) widen_backlog(s.port);
  return s.port > 0;
}

int Server::port() const { return impl_->port; }

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace labsim::serve
