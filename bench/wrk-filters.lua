-- wrk script: random country + year filters on new addresses, so every request misses the
-- page cache (the load test of the uncached path; see docs/performance.md).
local codes = {}
for c in ("XA XB XC XD XE XF XG XH XI XJ XK XL XM XN XO XP XQ XR XS XT XU XV XW XX XY XZ"):gmatch("%S+") do
  codes[#codes + 1] = c
end
local n = 0
request = function()
  n = n + 1
  local path = string.format("/?country=%s&year=%d&_=%d", codes[math.random(#codes)],
    math.random(1996, 2025), n)
  return wrk.format("GET", path)
end
