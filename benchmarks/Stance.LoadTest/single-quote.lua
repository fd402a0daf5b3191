-- wrk script: one median-length corpus quote per request to POST /v1/classify.
--   wrk -t2 -c64 -d10s --latency -s benchmarks/Stance.LoadTest/single-quote.lua http://127.0.0.1:5080/v1/classify
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"texts": ["We should not rush into talks before Pyongyang freezes its program."]}'
