// MPI ranks for `mpirun -np K labsim mc|sensitivity ...` in a build with -DLABSIM_MPI=ON: each
// rank runs one shard of the study, and rank 0 merges them and writes the result
// (docs/scale.md). MPI lives in a program of its own, labsim-mpi (the same command line, built
// with LABSIM_MPI), which labsim runs in its place under an MPI launcher: so MPI's libraries are
// not loaded by any other start of labsim. In labsim, or outside mpirun, there is one rank.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "labsim/shard.hpp"

namespace labsim::cli {

// This process's place in the MPI job: {0, 1} unless launched by an MPI launcher (the
// environment of Open MPI's mpirun, PMI or PMIx) in an MPI build, in which case the first call
// initialises MPI (and finalises it at exit).
struct MpiRank {
  int rank = 0, size = 1;
};
MpiRank mpi_rank();

// True in labsim-mpi.
bool built_with_mpi();
// True when an MPI launcher started this process: the environment of Open MPI's mpirun, PMI or PMIx.
bool launched_by_mpi();
// Replaces labsim with labsim-mpi (sibling_program) and the same arguments. Throws UsageError
// when there is none and the job has more than one rank (each would run the whole study); returns
// when there is none and the job is of one rank (labsim runs it).
void exec_mpi(int argc, char** argv);

// True on an MPI rank other than 0 (read from the launcher's environment, without starting
// MPI): the usage and input errors such a rank meets outside run_on_ranks (a bad option) are
// the same on every rank, so it leaves printing them to rank 0.
bool quiet_rank();

// Runs a study over the ranks: every rank calls `shard` with its place (rank + 1 of size) and
// sends the bytes to rank 0, which calls `merge` with every rank's bytes in rank order. A rank
// that fails (reading the scenario included: `shard` should read it) sends its error instead;
// rank 0 then prints the first failure (as labsim prints it) and returns its exit status; each
// other rank returns its own. Returns the exit status.
int run_on_ranks(const Invocation& call, const std::function<std::string(ShardSpec)>& shard,
                 const std::function<void(std::vector<ShardFile>)>& merge);

// The exit status and the message labsim prints for the exception being handled (main's
// rules: InputError 1, UsageError 2, IoError 3, anything else 4). Call only inside a catch.
int describe_current_exception(std::string& message);

}  // namespace labsim::cli
