-- Authenticated GET of one secret. BENCH_TOKEN and BENCH_HOST come from run.sh.
wrk.method = "GET"
wrk.headers["Host"] = os.getenv("BENCH_HOST")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
