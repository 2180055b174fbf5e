// Work split into fixed chunks shared among threads. Chunk boundaries depend only on the work
// size, never on the thread count, so per-chunk results combined in chunk order are the same
// bytes whatever the number of threads.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace labsim::explore {

// Calls body(worker, chunk, begin, end) for every chunk [begin, end) of [0, n) of `chunk_size`
// items, on `threads` workers (worker in [0, threads)); each chunk exactly once, in increasing
// chunk order per worker. Calls after(done_items) from worker 0 now and then (progress). The
// first exception thrown by a body stops the other workers and is rethrown here.
template <class Body>
void for_chunks(std::size_t n, std::size_t chunk_size, int threads, Body&& body,
                const std::function<void(std::size_t)>& after = {}) {
  std::size_t chunks = (n + chunk_size - 1) / chunk_size;
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&](int worker) {
    try {
      for (std::size_t c = next++; c < chunks && !failed; c = next++) {
        std::size_t begin = c * chunk_size, end = std::min(n, begin + chunk_size);
        body(worker, c, begin, end);
        done += end - begin;
        if (worker == 0 && after) after(done.load());
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
      failed = true;
    }
  };
  int workers = std::max(1, std::min<int>(threads, static_cast<int>(std::max<std::size_t>(chunks, 1))));
  std::vector<std::thread> pool;
  for (int w = 1; w < workers; ++w) pool.emplace_back(work, w);
  work(0);
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace labsim::explore
