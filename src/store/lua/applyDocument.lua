--[[
  Applies one chunk of a committed large document write (commitDocument.lua; store/document-writer.ts): renames the
  staged copies of up to a few thousand units into place, or deletes as many dropped units. Idempotent, and safe to
  run by two processes at once (a reader finishing a write whose applier stopped, store/settled.ts): a unit whose
  staged copy is gone was renamed already. Nothing is done once the write has ended (finishDocument).

  Input:
    KEYS[1]          the TM's `writing` hash
    KEYS[2]          the write's heartbeat key (set again for ARGV[3] ms)
    KEYS[3]          units set of the TM
    KEYS[4..3+K]     unit records of the chunk
    KEYS[4+K..3+2K]  put only: their staged records (lua/stageDocument), same order

    ARGV[1]  the write's token
    ARGV[2]  "put" (rename staged copies into place) or "drop" (delete the units)
    ARGV[3]  heartbeat time to live, milliseconds
    ARGV[4..3+K] the units' ids, same order as their KEYS

  Output (codes as named in scripts.ts, ScriptCode):
    number of units of the chunk (>= 0)
   -6  SETTLED: the write is no longer in progress (another process ended it): nothing done
]]
local writingKey, aliveKey, unitsKey = KEYS[1], KEYS[2], KEYS[3]
local token, kind, aliveMs = ARGV[1], ARGV[2], ARGV[3]
local k = #ARGV - 3

if redis.call('HEXISTS', writingKey, token) == 0 then return -6 end
if k == 0 then return 0 end

local ids = {}
for i = 1, k do
  local unitKey = KEYS[3 + i]
  ids[i] = ARGV[3 + i]
  if kind == 'put' then
    local stageKey = KEYS[3 + k + i]
    if redis.call('EXISTS', stageKey) == 1 then
      redis.call('RENAME', stageKey, unitKey)
      redis.call('PERSIST', unitKey) -- the staged copy's expiry is not the unit's
    end
  else
    redis.call('DEL', unitKey)
  end
end
if kind == 'put' then
  redis.call('SADD', unitsKey, unpack(ids))
else
  redis.call('SREM', unitsKey, unpack(ids))
end
redis.call('SET', aliveKey, '1', 'PX', aliveMs)
return k
