-- The same GET without a token: the 401 bearer challenge every Azure SDK client starts with.
wrk.method = "GET"
wrk.headers["Host"] = os.getenv("BENCH_HOST")
