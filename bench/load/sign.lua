-- RSA-2048 sign (RS256) of a SHA-256 digest with the key run.sh created; the URL is /keys/NAME/VERSION/sign.
wrk.method = "POST"
wrk.headers["Host"] = os.getenv("BENCH_HOST")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Content-Type"] = "application/json"
-- BENCH_DIGEST: a base64url SHA-256 digest (32 bytes).
wrk.body = '{"alg":"RS256","value":"' .. os.getenv("BENCH_DIGEST") .. '"}'
