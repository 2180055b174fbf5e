// The explorer's HTTP routes over the API functions (labsim/serve.hpp).
#include "serve/http/server.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "labsim/serve.hpp"

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

void send(httplib::Response& res, const ApiResponse& r) {
  res.status = r.status;
  res.set_content(r.body, r.content_type.c_str());
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  httplib::Server http;
  int port = 0;
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  Impl& s = *impl_;
  const int threads = std::max(1, s.options.threads);
  s.http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  s.http.set_payload_max_length(64 * 1024);
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
    return httplib::Server::HandlerResponse::Unhandled;
  });
  s.http.Get("/api/inputs", [&s](const httplib::Request&, httplib::Response& res) {
    send(res, api_inputs(s.options.scenario));
  });
  s.http.Get("/api/run", [&s](const httplib::Request& req, httplib::Response& res) {
    const std::vector<std::string> formats = query_values(req, "format");
    send(res, api_run(s.options.scenario, query_values(req, "set"), formats.empty() ? "json" : formats.back()));
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
  return s.port > 0;
}

int Server::port() const { return impl_->port; }

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace labsim::serve
