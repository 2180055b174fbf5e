#!/bin/bash
# `mpirun -np K labsim mc|sensitivity ...` (issue 20): the ranks' shards merged on rank 0 give the
# bytes of the same command in one process, for K = 2 and 3 (oversubscribed on a small machine,
# and as root in CI with Open MPI's documented switches). Exits 77 (skipped, shown by CTest)
# when labsim is built without -DLABSIM_MPI=ON or mpirun is missing.
# Usage: mpi_test.sh BUILD_DIR MPI_BUILD(ON|OFF)
set -euo pipefail
labsim=$(cd "$1" && pwd)/labsim
if [ "$2" != ON ]; then echo "SKIPPED: labsim is built without -DLABSIM_MPI=ON"; exit 77; fi
if ! command -v mpirun > /dev/null; then echo "SKIPPED: no mpirun (Debian: openmpi-bin)"; exit 77; fi
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# One machine, no network: shared memory between the ranks only, and no warnings about it.
export OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none OMPI_MCA_rmaps_base_oversubscribe=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

mc=(mc uncertain-divide -n 30000 --seed 3 --threads 1)
sobol=(sensitivity uncertain-divide --institution institute --method sobol -n 1024 --seed 2 --threads 1)
"$labsim" "${mc[@]}" > mc.csv
"$labsim" "${mc[@]}" --format json > mc.json
"$labsim" "${sobol[@]}" > sobol.csv
for np in 2 3; do
  mpirun -np "$np" "$labsim" "${mc[@]}" > "mc-$np.csv"
  cmp "mc-$np.csv" mc.csv || fail "mpirun -np $np labsim mc differs from one process"
  mpirun -np "$np" "$labsim" "${mc[@]}" --format json --out "mc-$np.json"
  cmp "mc-$np.json" mc.json || fail "mpirun -np $np labsim mc --format json --out differs"
  mpirun -np "$np" "$labsim" "${sobol[@]}" > "sobol-$np.csv"
  cmp "sobol-$np.csv" sobol.csv || fail "mpirun -np $np labsim sensitivity --method sobol differs"
done
# A bad input fails on every rank: the message is printed once, and the status is labsim's.
status=0
mpirun -np 3 "$labsim" mc uncertain-divide --set economy.pue=-2 > out.txt 2> err.txt || status=$?
[ "$status" = 1 ] || fail "a bad --set under mpirun exited $status, not 1"
[ "$(grep -c "error: economy.pue" err.txt)" = 1 ] || fail "the error should be printed once: $(cat err.txt)"
[ ! -s out.txt ] || fail "a failed run printed results"
# A failure on one rank only (its scenario file missing): rank 0 prints it, with labsim's status.
status=0
mpirun -np 1 "$labsim" "${mc[@]}" : -np 1 "$labsim" mc "$work/missing.yaml" -n 30000 --seed 3 > out.txt 2> err.txt || status=$?
[ "$status" = 3 ] || fail "a scenario missing on one rank exited $status, not 3: $(cat err.txt)"
grep -q "missing.yaml" err.txt || fail "the missing file is not named: $(cat err.txt)"
[ ! -s out.txt ] || fail "a failed run printed results"
# --shard under mpirun would have every rank write the same shard: refused.
status=0
mpirun -np 2 "$labsim" "${mc[@]}" --shard 1/2 --out x.lsr > /dev/null 2> err.txt || status=$?
[ "$status" = 2 ] || fail "--shard under mpirun exited $status, not 2"
grep -q "both split the study" err.txt || fail "no message for --shard under mpirun: $(cat err.txt)"
# labsim itself does not load MPI (labsim-mpi does, and labsim runs it under mpirun), so that
# every other start of labsim stays as fast as before.
if ldd "$labsim" | grep -q libmpi; then fail "labsim links MPI: only labsim-mpi should"; fi
ldd "$(dirname "$labsim")/labsim-mpi" | grep -q libmpi || fail "labsim-mpi does not link MPI"
# Without labsim-mpi beside it, labsim refuses to run a study once per rank, and says so once.
mkdir alone
cp "$labsim" alone/labsim
status=0
mpirun -np 2 alone/labsim "${mc[@]}" > out.txt 2> err.txt || status=$?
[ "$status" = 2 ] || fail "mpirun of a labsim without labsim-mpi exited $status, not 2"
[ "$(grep -c "labsim-mpi, which is not beside this labsim" err.txt)" = 1 ] || fail "no single message: $(cat err.txt)"
echo "mpirun -np 2 and 3: mc (csv, json) and Sobol equal one process's bytes"
