-- RateCountsInRedis: airlock_take_counts (migration V2026.12.06.20) on a Redis hash, run
-- atomically by Redis. KEYS[1]: the counts' key. ARGV: version, now (epoch ms), wanted, then the
-- capacity of each window, then the length (ms) of each window. The hash holds v (the version of
-- the capacities) and, for window i, ci (capacity), wi (which window: epoch ms / length) and ui
-- (used). Returns what was taken (or given back), then what each window has left.
local key = KEYS[1]
local version = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3])
local n = (#ARGV - 3) / 2

local stored = {}
local flat = redis.call('HGETALL', key)
for i = 1, #flat, 2 do
  stored[flat[i]] = tonumber(flat[i + 1])
end
local adopt = stored['v'] == nil or version > stored['v']
if not adopt then
  version = stored['v']
end

local caps, windows, used = {}, {}, {}
local ends = 0
local taken = wanted
for i = 1, n do
  local length = tonumber(ARGV[3 + n + i])
  local storedCap = stored['c' .. i]
  caps[i] = tonumber(ARGV[3 + i])
  if not adopt and storedCap ~= nil then
    caps[i] = storedCap
  end
  windows[i] = math.floor(now / length)
  ends = math.max(ends, (windows[i] + 1) * length)
  used[i] = 0
  if stored['w' .. i] == windows[i] then
    used[i] = stored['u' .. i]
    if adopt and storedCap ~= nil and caps[i] < storedCap then
      -- A lowered capacity caps what is left.
      used[i] = math.max(0, used[i] - (storedCap - caps[i]))
    end
  end
  if wanted > 0 then
    taken = math.min(taken, math.max(caps[i] - used[i], 0))
  end
end

local result = { taken }
local fields = { 'v', version }
for i = 1, n do
  used[i] = math.max(used[i] + taken, 0)
  result[i + 1] = math.max(caps[i] - used[i], 0)
  table.insert(fields, 'c' .. i)
  table.insert(fields, caps[i])
  table.insert(fields, 'w' .. i)
  table.insert(fields, windows[i])
  table.insert(fields, 'u' .. i)
  table.insert(fields, used[i])
end
redis.call('HSET', key, unpack(fields))
redis.call('PEXPIREAT', key, ends)
return result
