#!/usr/bin/env bash
# What an experiment set's figures cost once its last row has run (bench/README.md, "Experiment sets: the figures
# once the last row has run"): builds the benchmark jar (no tests run), writes C configurations x R repeats x N rows
# x M metrics as observations files and aggregates them K times (default 3). The last line is the result as JSON.
#   bench/set-figures.sh 4 3 20000 4        # C R N M [K]
# EVALUNIT_BUILD_SUFFIX and BENCH_MVN_ARGS as for bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if (($# < 4 || $# > 5)); then
  echo "usage: bench/set-figures.sh CONFIGURATIONS REPEATS ROWS METRICS [ROUNDS]" >&2
  exit 2
fi
for n in "$@"; do
  if [[ ! "$n" =~ ^[1-9][0-9]*$ ]]; then
    echo "bench/set-figures.sh: every argument is a positive whole number, but one was '$n'" >&2
    exit 2
  fi
done
suffix="${EVALUNIT_BUILD_SUFFIX:-}"
# shellcheck disable=SC2086 # BENCH_MVN_ARGS is a list of options
mvn -B -q -Dstyle.color=never ${BENCH_MVN_ARGS:-} -DbuildSuffix="$suffix" -pl bench -am package -DskipTests -Dmaven.test.skip=true >&2
exec java -cp "bench/target${suffix}/evalunit-bench.jar" dev.evalunit.bench.SetFiguresBench "$@"
