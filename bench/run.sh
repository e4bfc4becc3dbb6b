#!/usr/bin/env bash
# The benchmark of issue 5 in one command: builds the benchmark jar (no tests run) and runs it.
#   bench/run.sh --examples 2000 --concurrency 64 --latency-ms 100 --samples 4
#   bench/run.sh --compare [--rounds 3]   # evalunit against OkHttp alone (and in a JUnit test), interleaved (issue 17)
# Options: bench/run.sh --help. Progress goes to standard error; the last line on standard output is
# the result as JSON. EVALUNIT_BUILD_SUFFIX (e.g. -p) builds into target<suffix>/ as the parallel
# builds of this repository do; BENCH_MVN_ARGS adds Maven options (e.g. -o for offline).
set -euo pipefail
cd "$(dirname "$0")/.."
suffix="${EVALUNIT_BUILD_SUFFIX:-}"
compare=false
rounds=3
args=()
while (($#)); do
  case "$1" in
    --compare) compare=true ;;
    --rounds)
      if [[ ! "${2:-}" =~ ^[1-9][0-9]*$ ]]; then
        echo "option [--rounds] needs a positive whole number, but was '${2:-}'" >&2
        exit 2
      fi
      rounds="$2"
      shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
if [[ "$compare" == false && "$rounds" != 3 ]]; then
  echo "option [--rounds] goes with --compare" >&2
  exit 2
fi
# shellcheck disable=SC2086 # BENCH_MVN_ARGS is a list of options
mvn -B -q -Dstyle.color=never ${BENCH_MVN_ARGS:-} -DbuildSuffix="$suffix" -pl bench -am package -DskipTests -Dmaven.test.skip=true >&2
jar="bench/target${suffix}/evalunit-bench.jar"
if [[ "$compare" == false ]]; then
  exec java -jar "$jar" "${args[@]}"
fi

# --compare: R rounds of (evalunit, OkHttp alone, OkHttp from inside one JUnit test) back to back with the same
# options, then the medians, ranges and ratios against the targets of issue 17. Each run's JSON line and the
# share of the cores other processes used during it are kept in a work file.
for a in "${args[@]}"; do
  case "$a" in
    --http-baseline|--junit-baseline|--faults|--server-check|--experiment-set|--help)
      echo "option [$a] does not go with --compare" >&2
      exit 2 ;;
  esac
done
runs=$(mktemp)
trap 'rm -f "$runs" "$runs.out" "$runs.err"' EXIT
loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)
failed=0
for ((i = 1; i <= rounds; i++)); do
  for side in evalunit okhttp junit; do
    extra=()
    [[ "$side" == okhttp ]] && extra=(--http-baseline)
    [[ "$side" == junit ]] && extra=(--junit-baseline)
    echo "[compare] round $i of $rounds: $side" >&2
    if ! { java -jar "$jar" "${args[@]}" "${extra[@]}" 2>&1 1>"$runs.out" | tee "$runs.err" >&2; }; then
      echo "[compare] round $i, $side: the run failed (see above)" >&2
      failed=1
      continue
    fi
    others=$(sed -n 's/.*during the live run (\([0-9.]*\) cores).*/\1/p' "$runs.err" | tail -1)
    # The measured run's CPU by thread kind (the live run's, or the baseline's), e.g. "other=800, gc=10, jit=4330, ended_threads=3290".
    threads=$(sed -n 's/^\[bench\] \(live\|baseline\): .*thread kind {\([^}]*\)}.*/\2/p' "$runs.err" | head -1)
    printf '%s\t%s\t%s\t%s\n' "$side" "${others:-null}" "${threads:-}" "$(tail -1 "$runs.out")" >>"$runs"
  done
done
loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
python3 - "$runs" "$rounds" "$cpu_model" "$(nproc)" "$loadavg_before" "$loadavg_after" <<'PY'
import json, statistics, sys

runs_file, rounds, cpu_model, cores, load_before, load_after = sys.argv[1:]
sides = ("evalunit", "okhttp", "junit")
runs = {side: [] for side in sides}
others = {side: [] for side in sides}
threads = {side: [] for side in sides}
for line in open(runs_file):
    side, other, kinds, result = line.rstrip("\n").split("\t", 3)
    runs[side].append(json.loads(result))
    if other != "null":
        others[side].append(float(other))
    if kinds:
        threads[side].append({k: int(v) for k, v in (pair.split("=") for pair in kinds.split(", "))})

def figure(side, key):
    values = [r[key] for r in runs[side] if r.get(key) is not None]
    if not values:
        return None
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3), "max": round(max(values), 3)}

def show(name, f):
    return "%s %s" % (name, "n/a" if f is None else "%.3f (%.3f-%.3f)" % (f["median"], f["min"], f["max"]))

out = {"mode": "compare", "rounds": int(rounds), "cpu_model": cpu_model, "cores": int(cores),
       "loadavg_before": load_before, "loadavg_after": load_after}
first = (runs["evalunit"] or runs["okhttp"] or runs["junit"] or [{}])[0]
for key in ("examples", "calls", "concurrency", "latency_ms"):
    out[key] = first.get(key)
baseline_keys = ("efficiency", "cpu_ms_per_call", "first_call_s")
keys = {"evalunit": ("efficiency", "cpu_ms_per_call", "cached_rerun_s", "cached_rerun_cpu_s", "first_call_s"),
        "okhttp": baseline_keys, "junit": baseline_keys}
print("machine: %s, %s cores; loadavg before %s, after %s" % (cpu_model, cores, load_before, load_after))
for side in sides:
    out[side] = {key: figure(side, key) for key in keys[side]}
    out[side]["runs"] = len(runs[side])
    out[side]["other_cores_max"] = max(others[side]) if others[side] else None
    print("%-8s (%d runs): %s; other processes up to %s cores" % (side, len(runs[side]),
          "; ".join(show(k, out[side][k]) for k in keys[side]), out[side]["other_cores_max"]))
# Where each side's CPU goes: the compiler threads (jit), the threads that made the calls and ended with the run
# (workers), garbage collection, and the rest (the main thread: discovery, planning, reports). Medians, ms.
kinds = (("jit", "jit"), ("workers", "ended_threads"), ("gc", "gc"), ("other", "other"))
for side in sides:
    if threads[side]:
        out[side]["thread_cpu_ms"] = {name: statistics.median(t.get(key, 0) for t in threads[side]) for name, key in kinds}
measured = [side for side in sides if "thread_cpu_ms" in out[side]]
if measured:
    print("cpu ms by thread kind (medians): " + "; ".join("%s %s" % (side, ", ".join(
        "%s %d" % (name, value) for name, value in out[side]["thread_cpu_ms"].items())) for side in measured))

def ratio(key, side="evalunit", base="okhttp"):
    e, b = out[side][key], out[base][key]
    return None if e is None or b is None or b["median"] == 0 else round(e["median"] / b["median"], 3)

for key, name, target, meets in (("efficiency", "efficiency_ratio", ">= 0.97", lambda r: r >= 0.97),
                                 ("cpu_ms_per_call", "cpu_ratio", "<= 1.3", lambda r: r <= 1.3)):
    r = ratio(key)
    out[name] = r
    out[name + "_target"] = target
    out[name + "_verdict"] = None if r is None else ("PASS" if meets(r) else "MISS")
    print("%s = evalunit / okhttp = %s (target %s): %s" % (name, r, target, out[name + "_verdict"] or "not measured"))
for key, target, limit in (("cached_rerun_s", "<= 1.0", 1.0), ("first_call_s", "<= 0.3", 0.3)):
    f = out["evalunit"][key]
    out[key + "_target"] = target
    out[key + "_verdict"] = None if f is None else ("PASS" if f["median"] <= limit else "MISS")
    print("%s of evalunit = %s (target %s): %s" % (key, None if f is None else f["median"], target,
                                                    out[key + "_verdict"] or "not measured"))
# Not targets: how the difference splits between being a JUnit test at all and evalunit's own work.
out["cpu_ratio_junit"] = ratio("cpu_ms_per_call", "junit", "okhttp")
out["cpu_ratio_over_junit"] = ratio("cpu_ms_per_call", "evalunit", "junit")
print("cpu per call, split (not targets): junit / okhttp = %s; evalunit / junit = %s" % (
    out["cpu_ratio_junit"], out["cpu_ratio_over_junit"]))
print(json.dumps(out, separators=(",", ":")))
PY
exit "$failed"
