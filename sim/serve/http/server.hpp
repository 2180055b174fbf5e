// The explorer's HTTP server (issue 18): the API of labsim/serve.hpp over cpp-httplib, bound to
// the loopback address unless told otherwise, refusing foreign Host headers (DNS rebinding) and
// oversized requests. Built as its own library (labsim_serve) and program (labsim-serve): it links
// the system's C++ runtime through cpp-httplib, which labsim's own executable does not load.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace labsim::serve {

struct ServerOptions {
  std::string scenario;                 // file path (resolved by the caller)
  std::string baseline;                 // optional
  std::string host = "127.0.0.1";       // the address to bind
  int port = 8421;                      // 0: any free port (see Server::port)
  std::vector<std::string> allow_hosts; // Host header names accepted besides the loopback names
  int threads = 8;                      // requests served at once; more wait
};

// The most a request line may hold [bytes]; longer ones are refused with 414.
inline constexpr std::size_t kMaxTarget = 16 * 1024;

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds; false when the address or port cannot be bound.
  bool bind();
  // The bound port (after bind()).
  int port() const;
  // Serves until stop() (blocking).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace labsim::serve
