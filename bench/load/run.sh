#!/usr/bin/env bash
# Coffer's load benchmark: one command, a fresh data directory, the release build, real HTTPS keep-alive load.
# See docs/performance.md for what it measures and the targets it checks.
#
#   bench/load/run.sh                    default run (1,000 secrets, then 100,000 for the memory check), ~5 minutes
#   bench/load/run.sh --scale            also GET at 1,000,000 secrets (seeded through the API; adds ~8 minutes)
#   options: --duration SECONDS (measured part of each scenario, default 20) --warmup SECONDS (default 10: the JIT tiers up under load)
#            --connections N (default 32) --no-build (reuse the last publish in the work directory)
#            --work DIR (default /tmp/coffer-bench) --keep (leave the data directory behind)
#            --memory-secrets N (secrets held for the memory check, default 100000)
#            --scale-secrets N (secrets held for the --scale comparison, default 1000000)
#            --idle-wait SECONDS (idle time before the memory is read after the load, default 6)
#
# Needs dotnet, wrk, openssl, curl and python3. Everything listens on 127.0.0.1 and stops when the script ends.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
lua="$repo/bench/load"
work=/tmp/coffer-bench
duration=20
warmup=10
connections=32
build=1
scale=0
keep=0
api=2025-07-01
get_secrets=1000
memory_secrets=100000
scale_secrets=1000000
idle_wait=6

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --scale) scale=1; shift ;;
    --memory-secrets) memory_secrets=$2; shift 2 ;;
    --scale-secrets) scale_secrets=$2; shift 2 ;;
    --idle-wait) idle_wait=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

for tool in dotnet wrk openssl curl python3; do
  command -v "$tool" >/dev/null || { echo "run.sh needs $tool (wrk: apt install wrk)" >&2; exit 1; }
done

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$keep" = 0 ]; then
    rm -rf "$work/data" "$work/data-1k"
  fi
}
trap cleanup EXIT

mkdir -p "$work"
if [ "$build" = 1 ]; then
  log "publishing Release builds to $work"
  dotnet publish "$repo/src/Coffer.Server" -c Release -o "$work/coffer" --nologo -v quiet >&2
  dotnet publish "$repo/bench/Coffer.Baseline" -c Release -o "$work/baseline" --nologo -v quiet >&2
fi

# Starts `coffer serve --dev` on a fresh data directory $1 (log $2) and takes a token for its managed identity `dev`
# exactly as an SDK would; sets server, port, host, base and token, and exports them for the wrk scripts.
start_coffer() {
  local data=$1 output=$2 identity_port identity_header
  rm -rf "$data"
  port=$(free_port)
  identity_port=$(free_port)
  host="dev.localhost:$port"
  base="https://127.0.0.1:$port"
  log "starting coffer serve on 127.0.0.1:$port (data $data)"
  "$work/coffer/coffer" serve --dev --data "$data" --port "$port" --identity-port "$identity_port" --listen 127.0.0.1 \
    >"$output" 2>&1 &
  server=$!
  pids+=("$server")
  for _ in $(seq 1 300); do
    if [ -s "$data/dev.env" ] && curl -sk -o /dev/null --connect-to "::127.0.0.1:$port" "https://$host/"; then
      break
    fi
    kill -0 "$server" 2>/dev/null || { cat "$output" >&2; exit 1; }
    sleep 0.2
  done

  identity_header=$(sed -n 's/^export IDENTITY_HEADER=//p' "$data/dev.env")
  token=$(curl -sf -H "X-IDENTITY-HEADER: $identity_header" \
    "http://127.0.0.1:$identity_port/msi/token?resource=https://localhost:$port&api-version=2019-08-01" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  export BENCH_HOST=$host BENCH_TOKEN=$token BENCH_API=$api BENCH_VALUE_BYTES=64
}

start_coffer "$work/data" "$work/coffer.log"

# curl against the vault host without touching /etc/hosts: the name goes in SNI and Host, the socket to loopback.
vault() { curl -sk --connect-to "::127.0.0.1:$port" -H "Authorization: Bearer $token" -H "Content-Type: application/json" "$@"; }
value=$(printf 'v%.0s' $(seq 1 64))
vault -f -X PUT -d "{\"value\":\"$value\"}" "https://$host/secrets/bench?api-version=$api" >/dev/null
key_version=$(vault -f -X POST -d '{"kty":"RSA","key_size":2048}' "https://$host/keys/bench-rsa/create?api-version=$api" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["key"]["kid"].rsplit("/",1)[1])')
export BENCH_DIGEST
BENCH_DIGEST=$(printf coffer | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=')
get_bytes=$(vault -f -o /dev/null -w '%{size_download}' "https://$host/secrets/bench?api-version=$api")

# CPU seconds (user + system) a process has used so far.
process_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
# The machine's CPU counters: busy and steal (time the hypervisor gave to others), in clock ticks.
machine_cpu() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }

# Runs wrk for a warm-up and then the measured part against the server with pid $1; prints
# "rps p50_ms p99_ms non2xx [socket-errors:…] cpu_us=N steal=N%": the server's CPU time per request, and the share
# of the machine's time the hypervisor took away meanwhile (the main cause of run-to-run noise on a shared VM).
measure() {
  local pid=$1 script=$2 url=$3 summary cpu0 cpu1 machine0 machine1
  wrk -t2 -c"$connections" -d"${warmup}s" -s "$lua/$script" "$url" >/dev/null
  cpu0=$(process_cpu "$pid"); machine0=$(machine_cpu)
  summary=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$lua/$script" "$url" | python3 "$lua/wrk_summary.py")
  cpu1=$(process_cpu "$pid"); machine1=$(machine_cpu)
  python3 - "$summary" "$cpu0" "$cpu1" "$machine0" "$machine1" "$duration" <<'EOF'
import sys
summary, cpu0, cpu1, m0, m1, duration = sys.argv[1:]
requests = float(summary.split()[0]) * float(duration)
(_, steal0, total0), (_, steal1, total1) = (map(int, m.split()) for m in (m0, m1))
cpu_us = (float(cpu1) - float(cpu0)) * 1e6 / max(requests, 1)
print(f"{summary} cpu_us={cpu_us:.0f} steal={100 * (steal1 - steal0) / max(total1 - total0, 1):.0f}%")
EOF
}


# Creates secrets through the API (PUT, 32 connections) until the vault holds at least $1 of them in total.
secret_count=1
seed_to() {
  local target=$1 need quota
  need=$((target - secret_count))
  [ "$need" -gt 0 ] || return 0
  quota=$(((need + 1) / 2))
  log "seeding $need secrets through the API (to $target)"
  rm -rf "$work/seeded"; mkdir -p "$work/seeded"
  BENCH_PREFIX="seed$target" BENCH_QUOTA=$quota BENCH_DONE_DIR="$work/seeded" \
    wrk -t2 -c"$connections" -d3600s -s "$lua/set.lua" "$base/" >/dev/null &
  local seeder=$!
  pids+=("$seeder")
  while [ "$(ls "$work/seeded" | wc -l)" -lt 2 ]; do
    kill -0 "$seeder" 2>/dev/null || { echo "seeding stopped early" >&2; exit 1; }
    sleep 0.5
  done
  kill "$seeder"; wait "$seeder" 2>/dev/null || true
  secret_count=$((secret_count + 2 * quota))
}

declare -A result
run() {
  local name=$1 pid=$2 script=$3 url=$4
  log "$name: warm-up ${warmup}s, measure ${duration}s (load average $(load_average))"
  result[$name]="$(measure "$pid" "$script" "$url") $(load_average | cut -d' ' -f1)"
  log "$name: ${result[$name]}"
}

seed_to "$get_secrets"
# Each ratio's two figures are taken back to back, so both see the same share of a shared machine: the baseline and
# the GET in turn, twice (the faster round of each counts: other guests only ever slow a round down), and below the
# sign and OpenSSL's speed test in the same way.
baseline_port=$(free_port)
log "starting the baseline (JSON body of $get_bytes bytes) on 127.0.0.1:$baseline_port"
"$work/baseline/Coffer.Baseline" "$baseline_port" "$get_bytes" >"$work/baseline.log" 2>&1 &
baseline=$!
pids+=("$baseline")
for _ in $(seq 1 100); do
  curl -sk -o /dev/null "https://127.0.0.1:$baseline_port/" && break
  sleep 0.2
done
for round in 1 2; do
  BENCH_HOST="localhost:$baseline_port" run "baseline_$round" "$baseline" get.lua "https://127.0.0.1:$baseline_port/"
  run "get_1k_$round" "$server" get.lua "$base/secrets/bench?api-version=$api"
done
kill "$baseline"; wait "$baseline" 2>/dev/null || true

# The 401 of a GET without a token is the challenge; wrk counts it as non-2xx, which is expected here.
run "challenge" "$server" challenge.lua "$base/secrets/bench?api-version=$api"
run "list" "$server" get.lua "$base/secrets?maxresults=25&api-version=$api"
# The sign and OpenSSL's own speed in turn, twice, like the GET and the baseline: the faster round of each counts.
openssl_sign=()
for round in 1 2; do
  run "sign_$round" "$server" sign.lua "$base/keys/bench-rsa/$key_version/sign?api-version=$api"
  log "openssl speed -multi 2 rsa2048, round $round"
  openssl_sign+=("$(openssl speed -multi 2 -seconds 5 rsa2048 2>/dev/null | awk '/^rsa *2048 bits/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) v[++n] = $i; print v[n-1]; exit }')")
  log "openssl: ${openssl_sign[-1]} sign/s"
done
BENCH_PREFIX=set run "set" "$server" set.lua "$base/"
sets=$(awk -v r="${result[set]%% *}" -v d="$((duration + warmup))" 'BEGIN { printf "%d", r * d }')
secret_count=$((secret_count + sets))

seed_to "$memory_secrets"
memory_count=$secret_count
run "get_100k" "$server" get.lua "$base/secrets/bench?api-version=$api"
busy_rss_kib=$(sed -n 's/^VmRSS:\s*\([0-9]*\) kB/\1/p' "/proc/$server/status")
# After the load: once the server has been idle for a few seconds it gives memory back (IdleMemoryTrimmer).
log "waiting ${idle_wait}s with no load before reading the resident memory"
sleep "$idle_wait"
rss_kib=$(sed -n 's/^VmRSS:\s*\([0-9]*\) kB/\1/p' "/proc/$server/status")
hwm_kib=$(sed -n 's/^VmHWM:\s*\([0-9]*\) kB/\1/p' "/proc/$server/status")
if [ "$scale" = 1 ]; then
  seed_to "$scale_secrets"
  # 1,000 against 1,000,000 secrets: minutes of seeding lie between the two, and a shared VM drifts over minutes, so
  # the comparison is made on two servers side by side, measured in turn, twice: a fresh one holding 1,000 secrets
  # and this one holding 1,000,000.
  big=("$server" "$base" "$host" "$token" "$port" "$secret_count")
  start_coffer "$work/data-1k" "$work/coffer-1k.log"
  small=("$server" "$base" "$host" "$token" "$port")
  vault -f -X PUT -d "{\"value\":\"$value\"}" "https://$host/secrets/bench?api-version=$api" >/dev/null
  secret_count=1
  seed_to "$get_secrets"
  # It starts cold, and the first one has served for minutes: a fresh server's JIT (tiering, PGO) takes about a
  # minute of load to settle, and a 20 s warm-up left the fresh server measurably behind.
  log "warming the second server up ($((6 * warmup))s)"
  wrk -t2 -c"$connections" -d"$((6 * warmup))s" -s "$lua/get.lua" "$base/secrets/bench?api-version=$api" >/dev/null
  use() { server=$1 base=$2 host=$3 token=$4 port=$5; export BENCH_HOST=$host BENCH_TOKEN=$token; }
  for round in 1 2; do
    use "${small[@]}"
    run "get_pair_1k_$round" "$server" get.lua "$base/secrets/bench?api-version=$api"
    use "${big[@]:0:5}"
    run "get_pair_1m_$round" "$server" get.lua "$base/secrets/bench?api-version=$api"
  done
  kill "${small[0]}"; wait "${small[0]}" 2>/dev/null || true
  secret_count=${big[5]}
fi
kill "$server"; wait "$server" 2>/dev/null || true

# The table, in the form docs/performance.md uses.
python3 - "$get_bytes" "$rss_kib" "$hwm_kib" "${openssl_sign[0]},${openssl_sign[1]}" "$connections" "$memory_count" "$scale_secrets" "$get_secrets" "$busy_rss_kib" "$idle_wait" <<EOF
import sys
get_bytes, rss_kib, hwm_kib, openssl_sign, connections, held, big, small, busy_rss_kib, idle_wait = sys.argv[1:]
held, big, small = (f"{int(n):,}" for n in (held, big, small))
rows = {}
for line in """$(for k in "${!result[@]}"; do echo "$k ${result[$k]}"; done)""".strip().splitlines():
    parts = line.split()
    rows[parts[0]] = parts[1:]
def rps(name): return float(rows[name][0])
def faster(prefix): return max((f"{prefix}_{r}" for r in (1, 2)), key=rps)
base = rps(faster("baseline"))
openssl_rounds = [float(v) for v in openssl_sign.split(",")]
sign_ceiling = max(openssl_rounds)
labels = [
    ("get_1k_1", f"Authenticated GET of a secret ({small} secrets), round 1"),
    ("get_1k_2", f"Authenticated GET of a secret ({small} secrets), round 2"),
    ("get_100k", f"Authenticated GET of a secret ({held} secrets)"),
    ("get_pair_1k_1", f"Paired GET, round 1: a second server with {small} secrets"),
    ("get_pair_1m_1", f"Paired GET, round 1: the first server with {big} secrets"),
    ("get_pair_1k_2", f"Paired GET, round 2: {small} secrets"),
    ("get_pair_1m_2", f"Paired GET, round 2: {big} secrets"),
    ("set", f"Durable SET of a new secret ({connections} writers)"),
    ("list", "List, one page of 25"),
    ("sign_1", "RSA-2048 sign (RS256), round 1"),
    ("sign_2", "RSA-2048 sign (RS256), round 2"),
    ("challenge", "401 challenge (no token)"),
    ("baseline_1", f"Baseline: minimal Kestrel HTTPS, {get_bytes}-byte JSON, round 1"),
    ("baseline_2", f"Baseline: minimal Kestrel HTTPS, {get_bytes}-byte JSON, round 2"),
]
def field(name, prefix): return next(part[len(prefix):] for part in rows[name] if part.startswith(prefix))
print()
print(f"| Scenario | req/s | p50 ms | p99 ms | vs baseline | server CPU µs/req | steal | non-2xx | load avg |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for key, label in labels:
    if key not in rows:
        continue
    r, p50, p99, bad = rows[key][:4]
    errors = " ".join(part for part in rows[key][4:-1] if part.startswith("socket-errors:"))
    cpu, steal = field(key, "cpu_us="), field(key, "steal=")
    print(f"| {label} | {float(r):,.0f} | {p50} | {p99} | {float(r) / base:.0%} | {int(cpu):,} | {steal} | {bad}{' ' + errors if errors else ''} | {rows[key][-1]} |")
for r, rate in enumerate(openssl_rounds, 1):
    print(f"| openssl speed -multi 2 rsa2048 (sign/s), round {r} | {rate:,.0f} | | | | | | | |")
print()
checks = []
get = rps(faster("get_1k"))
checks.append(("GET >= 50% of baseline req/s (faster round of each)", get / base, 0.5, f"{get / base:.0%}"))
checks.append(("Durable SET >= 2,000/s", rps("set"), 2000, f"{rps('set'):,.0f}/s"))
sign = rps(faster("sign"))
checks.append(("RSA-2048 sign >= 70% of openssl (faster round of each)", sign / sign_ceiling, 0.7, f"{sign / sign_ceiling:.0%}"))
rss = int(rss_kib) / 1024
print("| Target | Measured | Result |")
print("|---|---:|---|")
for label, value, limit, shown in checks:
    print(f"| {label} | {shown} | {'pass' if value >= limit else 'FAIL'} |")
if "get_pair_1m_1" in rows:
    small_best, big_best = rows[faster("get_pair_1k")], rows[faster("get_pair_1m")]
    rps_change = abs(float(big_best[0]) / float(small_best[0]) - 1)
    p50_change = abs(float(big_best[1]) / float(small_best[1]) - 1)
    ok = rps_change <= 0.2 and p50_change <= 0.2
    print(f"| GET at {big} within 20% of {small} secrets (faster round of each: req/s, p50) | {rps_change:.0%}, {p50_change:.0%} | {'pass' if ok else 'FAIL'} |")
else:
    print("| GET at 1M within 20% of 1k | not run (use --scale) | - |")
print(f"| RSS < 150 MiB with {held} secrets after the load ({idle_wait} s idle) | {rss:.0f} MiB (at the load's end {int(busy_rss_kib) / 1024:.0f}, peak {int(hwm_kib) / 1024:.0f} MiB) | {'pass' if rss < 150 else 'FAIL'} |")
EOF
echo
echo "Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(uname -sr), .NET $(dotnet --version), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "Run: $(date -u '+%Y-%m-%d %H:%M UTC'), wrk -t2 -c$connections, ${warmup}s warm-up + ${duration}s measured per scenario, load average at the end $(load_average)"
