--[[
  Stages units of a TMX import job beside the TM (same hash tag), where no reader looks: nothing of the import is
  visible until commitImport moves it. Short calls (a chunk of ~1,000 units); staged keys expire after ARGV[1] ms
  (refreshed by every call), so a job whose process died leaves nothing behind for long.

  Input:
    KEYS[1]   the job's staged ids list
    KEYS[2..] staged unit hashes, one per unit below, in the same order

    ARGV[1]   time to live of the staged keys, milliseconds
    ARGV[2..] per unit: new flag (1: first time this job sees the unit, its id is appended to the list), unit id,
              n (number of fields), then n field, value pairs ('' as value: the field is to be removed at commit)

  Output (codes as named in scripts.ts, ScriptCode):
    number of units staged (>= 0)
]]
local listKey, ttl = KEYS[1], ARGV[1]
local at = 2
local staged = 0
for k = 2, #KEYS do
  local isNew, unitId, n = ARGV[at], ARGV[at + 1], tonumber(ARGV[at + 2])
  at = at + 3
  if n > 0 then
    redis.call('HSET', KEYS[k], unpack(ARGV, at, at + 2 * n - 1))
    redis.call('PEXPIRE', KEYS[k], ttl)
  end
  at = at + 2 * n
  if isNew == '1' then redis.call('RPUSH', listKey, unitId) end
  staged = staged + 1
end
if redis.call('EXISTS', listKey) == 1 then redis.call('PEXPIRE', listKey, ttl) end
return staged
