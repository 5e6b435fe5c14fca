--[[
  Moves one chunk of an import job's staged units into the TM and logs every unit that changed, atomically for the
  chunk. Idempotent: a staged unit already moved (its staged hash is gone) is skipped, so a chunk whose reply was
  lost can be sent again. The TMX wins: an existing unit with the same id (same Arabic) takes the staged fields
  (texts, codes, metadata); fields the TMX does not name are kept; a staged '' removes the field.

  Input:
    KEYS[1]   units set of the TM
    KEYS[2]   log stream of the TM
    KEYS[3]   log seq counter of the TM
    KEYS[4..] pairs: staged unit hash, unit hash (same order as the ids below)

    ARGV[1]   now, epoch milliseconds
    ARGV[2]   approximate maximum length of the log stream
    ARGV[3]   the TM's change channel (the last seq is published there when anything changed)
    ARGV[4..] unit ids

  Output (codes as named in scripts.ts, ScriptCode):
    number of units created or changed (>= 0; a unit already exactly so is not written and not logged)
]]
local unitsKey, logKey, seqKey = KEYS[1], KEYS[2], KEYS[3]
local now, maxLen, channel = ARGV[1], ARGV[2], ARGV[3]
local written = 0
local seq = nil

for p = 4, #KEYS, 2 do
  local stagedKey, unitKey, unitId = KEYS[p], KEYS[p + 1], ARGV[4 + (p - 4) / 2]
  local staged = redis.call('HGETALL', stagedKey)
  if #staged > 0 then
    local names = {}
    for i = 1, #staged, 2 do names[#names + 1] = staged[i] end
    local exists = redis.call('EXISTS', unitKey) == 1
    local sets, dels = {}, {}
    if exists then
      local current = redis.call('HMGET', unitKey, unpack(names))
      for i = 1, #names do
        local value = staged[2 * i]
        if value == '' then
          if current[i] then dels[#dels + 1] = names[i] end
        elseif current[i] ~= value then
          sets[#sets + 1] = names[i]
          sets[#sets + 1] = value
        end
      end
    else
      sets = { 'ar', '', 'en', '', 'zh', '', 'doc', '', 'pos', '0', 'para', '0' }
      for i = 1, #names do
        local value = staged[2 * i]
        if value ~= '' then
          sets[#sets + 1] = names[i]
          sets[#sets + 1] = value
        end
      end
    end
    if #sets > 0 or #dels > 0 then
      if #dels > 0 then redis.call('HDEL', unitKey, unpack(dels)) end
      sets[#sets + 1] = 'updated'
      sets[#sets + 1] = now
      redis.call('HSET', unitKey, unpack(sets))
      redis.call('SADD', unitsKey, unitId)
      seq = redis.call('INCR', seqKey)
      redis.call('XADD', logKey, 'MAXLEN', '~', maxLen, '*', 'seq', seq, 'op', 'put', 'id', unitId)
      written = written + 1
    end
    redis.call('DEL', stagedKey)
  end
end
if seq then redis.call('PUBLISH', channel, seq) end
return written
