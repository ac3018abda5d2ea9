-- wrk script like post.lua, but each connection waits $QAGIDA_BENCH_DELAY_MS between requests: with
-- C connections the rate is about C * 1000 / (delay + latency) per second (a closed-loop stand-in for wrk2).
dofile(os.getenv("QAGIDA_BENCH_DIR") .. "/post.lua")
local pause = tonumber(os.getenv("QAGIDA_BENCH_DELAY_MS"))
delay = function()
  return pause
end
