#include "cli/mpi.hpp"

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"

#ifdef LABSIM_MPI
// MPI's C interface only: Open MPI's (deprecated) C++ bindings would need its C++ library.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <climits>
#include <iostream>
#endif

namespace labsim::cli {

int describe_current_exception(std::string& message) {
  try {
    throw;
  } catch (const UsageError& e) {
    message = std::string("labsim: usage error: ") + e.what() + '\n';
    return kUsage;
  } catch (const InputError& e) {
    message = e.report();
    return kInvalidInput;
  } catch (const IoError& e) {
    message = std::string("labsim: error: ") + e.what() + '\n';
    return kIoError;
  } catch (const InvariantError& e) {
    message = std::string("labsim: ") + e.what() + "\nThis is a bug in labsim; please report it with the scenario.\n";
    return kInternal;
  } catch (const std::bad_alloc&) {
    message = "labsim: error: out of memory\n";
    return kInternal;
  } catch (const std::exception& e) {
    message = std::string("labsim: internal error: ") + e.what() +
              "\nThis is a bug in labsim; please report it with the scenario.\n";
    return kInternal;
  }
}

bool quiet_rank() {
  for (const char* name : {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"})
    if (const char* v = std::getenv(name)) return std::string(v) != "0";
  return false;
}

bool launched_by_mpi() { return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE") || std::getenv("PMIX_RANK"); }

void exec_mpi(int argc, char** argv) {
  const std::string program = sibling_program("labsim-mpi");
  if (program.empty()) {
    const char* size = std::getenv("OMPI_COMM_WORLD_SIZE");
    if (!size) size = std::getenv("PMI_SIZE");
    if (size && std::string(size) == "1") return;
    throw UsageError("mpirun runs labsim's studies through labsim-mpi, which is not beside this labsim: build with "
                     "cmake -DLABSIM_MPI=ON (Open MPI: openmpi-bin, libopenmpi-dev), or split the study with --shard I/K");
  }
  replace_process(program, argc, argv, 1);
}

#ifdef LABSIM_MPI

bool built_with_mpi() { return true; }

MpiRank mpi_rank() {
  static const MpiRank world = [] {
    MpiRank r;
    // Only a process an MPI launcher started joins a job: a plain `labsim mc` stays one process
    // and starts no MPI run-time.
    if (!std::getenv("OMPI_COMM_WORLD_SIZE") && !std::getenv("PMI_SIZE") && !std::getenv("PMIX_RANK")) return r;
    int ready = 0;
    MPI_Initialized(&ready);
    if (!ready) {
      MPI_Init(nullptr, nullptr);
      std::atexit([] {
        int done = 0;
        MPI_Finalized(&done);
        if (!done) MPI_Finalize();
      });
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &r.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &r.size);
    return r;
  }();
  return world;
}

namespace {

// Every rank's (status, text) at rank 0, in rank order; other ranks get an empty list.
std::vector<std::pair<int, std::string>> gather(int status, const std::string& text) {
  const MpiRank me = mpi_rank();
  // A shard larger than MPI's int counts cannot travel in one message: that rank fails instead.
  const std::string too_big = "labsim: error: this rank's shard is over 2 GiB; run more ranks\n";
  const bool fits = text.size() <= static_cast<std::size_t>(INT_MAX);
  std::int64_t mine[2] = {fits ? status : kIoError, static_cast<std::int64_t>(fits ? text.size() : too_big.size())};
  std::vector<std::int64_t> heads(me.rank == 0 ? 2 * static_cast<std::size_t>(me.size) : 0);
  MPI_Gather(mine, 2, MPI_INT64_T, heads.data(), 2, MPI_INT64_T, 0, MPI_COMM_WORLD);
  std::vector<int> counts, offsets;
  std::size_t all = 0;
  for (int r = 0; me.rank == 0 && r < me.size; ++r) {
    counts.push_back(static_cast<int>(heads[2 * static_cast<std::size_t>(r) + 1]));
    offsets.push_back(static_cast<int>(all));
    all += static_cast<std::size_t>(counts.back());
  }
  if (all > static_cast<std::size_t>(INT_MAX)) {
    // MPI_Gatherv places by int offsets: the ranks' shards together are too large for it.
    std::cerr << "labsim: error: the ranks' shards are over 2 GiB together; write them with --shard and "
                 "merge them with labsim merge\n";
    MPI_Abort(MPI_COMM_WORLD, kIoError);
  }
  const std::string& send = fits ? text : too_big;
  std::string received(all, '\0');
  MPI_Gatherv(send.data(), static_cast<int>(send.size()), MPI_CHAR, received.data(), counts.data(), offsets.data(),
              MPI_CHAR, 0, MPI_COMM_WORLD);
  std::vector<std::pair<int, std::string>> out;
  for (int r = 0; me.rank == 0 && r < me.size; ++r)
    out.emplace_back(static_cast<int>(heads[2 * static_cast<std::size_t>(r)]),
                     received.substr(static_cast<std::size_t>(offsets[static_cast<std::size_t>(r)]),
                                     static_cast<std::size_t>(counts[static_cast<std::size_t>(r)])));
  return out;
}

}  // namespace

int run_on_ranks(const Invocation& call, const std::function<std::string(ShardSpec)>& shard,
                 const std::function<void(std::vector<ShardFile>)>& merge) {
  const MpiRank me = mpi_rank();
  int status = kOk;
  std::string text;
  try {
    text = shard({static_cast<std::size_t>(me.rank) + 1, static_cast<std::size_t>(me.size)});
  } catch (...) {
    status = describe_current_exception(text);
  }
  const auto parts = gather(status, text);
  if (me.rank != 0) return status;
  std::vector<ShardFile> files;
  for (std::size_t r = 0; r < parts.size(); ++r) {
    if (parts[r].first != kOk) {
      call.err << parts[r].second;
      return parts[r].first;
    }
    files.push_back({"rank " + std::to_string(r), parts[r].second});
  }
  try {
    merge(std::move(files));
  } catch (...) {
    std::string message;
    const int code = describe_current_exception(message);
    call.err << message;
    return code;
  }
  return kOk;
}

#else

bool built_with_mpi() { return false; }

MpiRank mpi_rank() { return {}; }

int run_on_ranks(const Invocation&, const std::function<std::string(ShardSpec)>& shard,
                 const std::function<void(std::vector<ShardFile>)>& merge) {
  merge({{"rank 0", shard({1, 1})}});
  return kOk;
}

#endif

}  // namespace labsim::cli
