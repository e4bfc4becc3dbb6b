#!/usr/bin/env bash
# The scaling table of bench/README.md: efficiency and CPU per call of bench/run.sh (live run only) for each
# concurrency C and dataset size N, at 100 ms latency and 4 samples. Prints a Markdown table at the
# end; each run's JSON line goes to standard error as it comes.
#   bench/scaling.sh                       # the whole grid but C = 1 at N = 10,000 (83 minutes alone)
#   SCALING_SKIP="" bench/scaling.sh       # the whole grid
#   SCALING_C="8 64" SCALING_N="2000" bench/scaling.sh
# EVALUNIT_BUILD_SUFFIX and BENCH_MVN_ARGS as for bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
suffix="${EVALUNIT_BUILD_SUFFIX:-}"
concurrencies="${SCALING_C:-1 8 64 256}"
sizes="${SCALING_N:-100 2000 10000}"
skip="${SCALING_SKIP-1:10000}"
# shellcheck disable=SC2086 # BENCH_MVN_ARGS is a list of options
mvn -B -q -Dstyle.color=never ${BENCH_MVN_ARGS:-} -DbuildSuffix="$suffix" -pl bench -am package -DskipTests -Dmaven.test.skip=true >&2
jar="bench/target${suffix}/evalunit-bench.jar"
declare -A cell
# Quick runs first, so that an interrupted grid still has most of its cells.
for n in $sizes; do
  for c in $concurrencies; do
    if [[ " $skip " == *" $c:$n "* ]]; then
      cell[$c:$n]="not run"
      continue
    fi
    line=$(java -jar "$jar" --concurrency "$c" --examples "$n" --no-rerun 2>/dev/null | tail -1)
    echo "C=$c N=$n $line" >&2
    cell[$c:$n]=$(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print("%.3f / %.3f" % (r["efficiency"], r["cpu_ms_per_call"]))' "$line")
  done
done
printf '| C \\ N |'; for n in $sizes; do printf ' %s |' "$n"; done; echo
printf '|---|'; for n in $sizes; do printf -- '---|'; done; echo
for c in $concurrencies; do
  printf '| %s |' "$c"
  for n in $sizes; do printf ' %s |' "${cell[$c:$n]}"; done
  echo
done
