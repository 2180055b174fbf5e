#!/bin/bash
# The Slurm scripts without a Slurm daemon (issue 20): the array's tasks run in a loop with the
# variables Slurm sets, the merge job after them; then scripts/slurm/submit end to end with an
# `sbatch` on PATH that runs what it is given. Each result must be the bytes of the same command
# run in one process.
# Usage: slurm_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
labsim=$build/labsim
slurm=$src/scripts/slurm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

mc=(mc uncertain-divide -n 30000 --seed 3)
"$labsim" "${mc[@]}" --format json > single.json
sobol=(sensitivity uncertain-divide --institution institute --method sobol -n 1024 --seed 2)
"$labsim" "${sobol[@]}" > single-sobol.csv

# The array's tasks one after another, as Slurm would start them.
run_array() {  # K DIR COMMAND...
  local k=$1 dir=$2 i
  shift 2
  for i in $(seq 1 "$k"); do
    SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=$k SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_MAX=$k \
      SLURM_CPUS_PER_TASK=2 "$slurm/shard.sbatch" "$dir" "$@"
  done
}
for k in 1 3 7; do
  run_array "$k" "mc-$k" "$labsim" "${mc[@]}"
  [ "$(ls "mc-$k" | wc -l)" = "$k" ] || fail "$k tasks should write $k shards"
  "$slurm/merge.sbatch" "mc-$k" "$labsim" --format json
  cmp "mc-$k/result.json" single.json || fail "merged Monte Carlo of $k tasks differs from one run"
done
run_array 3 sobol "$labsim" "${sobol[@]}"
"$slurm/merge.sbatch" sobol "$labsim"
cmp sobol/result.csv single-sobol.csv || fail "merged Sobol analysis differs from one run"
# A command with its own --threads keeps it; --format=json names the result .json.
run_array 2 threads "$labsim" "${mc[@]}" --threads 1
"$slurm/merge.sbatch" threads "$labsim" --format=json
cmp threads/result.json single.json || fail "tasks with their own --threads, merged with --format=json, differ"

# A task outside an array, and an array that does not start at 1, are refused.
if "$slurm/shard.sbatch" x "$labsim" "${mc[@]}" 2> err.txt; then fail "a task outside an array ran"; fi
grep -q "not an array task" err.txt || fail "no message for a task outside an array: $(cat err.txt)"
if SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=2 SLURM_ARRAY_TASK_MIN=2 SLURM_ARRAY_TASK_MAX=3 \
    "$slurm/shard.sbatch" x "$labsim" "${mc[@]}" 2> err.txt; then fail "an array of 2-3 ran"; fi
grep -q "the array must be 1-K" err.txt || fail "no message for an array of 2-3: $(cat err.txt)"

# A merge job that finds a shard missing fails, and says which.
rm mc-3/part-2.lsr mc-3/result.json
if "$slurm/merge.sbatch" mc-3 "$labsim" 2> err.txt; then fail "a merge with a shard missing succeeded"; fi
grep -q -- "--shard 2/3 holds them" err.txt || fail "the missing shard is not named: $(cat err.txt)"
[ ! -e mc-3/result.csv ] || fail "a failed merge left a result"
# Running the missing task again, as an array of that one task with LABSIM_SHARD_COUNT=K.
SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=1 SLURM_ARRAY_TASK_MIN=2 SLURM_ARRAY_TASK_MAX=2 LABSIM_SHARD_COUNT=3 \
  "$slurm/shard.sbatch" mc-3 "$labsim" "${mc[@]}"
"$slurm/merge.sbatch" mc-3 "$labsim" --format json
cmp mc-3/result.json single.json || fail "the study with its task run again differs from one run"

# submit, with an sbatch that runs an array's tasks at once and a job with a dependency after
# them (checking that the dependency names the array's job id).
mkdir bin
cat > bin/sbatch <<'SBATCH'
#!/bin/bash
set -euo pipefail
array='' dependency='' cpus=1
while [ "${1:0:2}" = -- ]; do
  case "$1" in
    --array=*) array=${1#--array=} ;;
    --dependency=*) dependency=${1#--dependency=} ;;
    --cpus-per-task=*) cpus=${1#--cpus-per-task=} ;;
    --parsable) ;;
    *) echo "fake sbatch: unexpected option $1" >&2; exit 1 ;;
  esac
  shift
done
echo "$array|$dependency|$cpus|$*" >> "$SBATCH_LOG"
id=$(( $(wc -l < "$SBATCH_LOG") + 100 ))
if [ -n "$dependency" ]; then
  [ "$dependency" = "afterok:$(( id - 1 ))" ] || { echo "fake sbatch: dependency $dependency" >&2; exit 1; }
  "$@" > /dev/null
else
  last=${array#1-}
  for i in $(seq 1 "$last"); do
    SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=$last SLURM_CPUS_PER_TASK=$cpus "$@" > /dev/null
  done
fi
echo "$id"
SBATCH
chmod +x bin/sbatch
export SBATCH_LOG=$work/sbatch.log
PATH=$work/bin:$PATH "$slurm/submit" 4 study --cpus 2 --format json -- "$labsim" "${mc[@]}" > submitted.txt
grep -q "shards: job 101 (array 1-4); merge: job 102" submitted.txt || fail "submit printed: $(cat submitted.txt)"
cmp study/result.json single.json || fail "submit's result differs from one run"
grep -q '^1-4||2|' sbatch.log || fail "the array was not 1-4 on 2 CPUs: $(cat sbatch.log)"
# A second study into the same directory is refused before anything is queued.
if PATH=$work/bin:$PATH "$slurm/submit" 4 study -- "$labsim" "${mc[@]}" 2> err.txt; then fail "submit reused a directory"; fi
grep -q "already holds shards" err.txt || fail "no message for a reused directory: $(cat err.txt)"
echo "slurm scripts: tasks of 1, 3 and 7 shards, the Sobol analysis and submit merge to one run's bytes"
