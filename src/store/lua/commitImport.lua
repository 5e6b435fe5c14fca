--[[
  Applies one chunk of an import job's staged records to the TM and logs every unit that changed, atomically for
  the chunk. Records are applied in order (a later record of the same unit, a bilingual file's other language,
  adds its fields); applying a record again changes nothing, so a chunk whose reply was lost can be sent again.
  The TMX wins: an existing unit with the same id (same Arabic) takes the record's fields (texts, codes, metadata);
  fields the record does not name are kept; a '' value removes the field.

  Input:
    KEYS[1]   units set of the TM
    KEYS[2]   log stream of the TM
    KEYS[3]   log seq counter of the TM
    KEYS[4..] unit hashes, one per record below, in the same order

    ARGV[1]   now, epoch milliseconds
    ARGV[2]   approximate maximum length of the log stream
    ARGV[3]   the TM's change channel (the last seq is published there when anything changed)
    ARGV[4..] records: JSON arrays [unit id, field, value, field, value, …]

  Output (codes as named in scripts.ts, ScriptCode):
    number of units created or changed (>= 0; counted once per unit in the chunk; a unit already exactly so is
    neither written nor logged)
]]
local unitsKey, logKey, seqKey = KEYS[1], KEYS[2], KEYS[3]
local now, maxLen, channel = ARGV[1], ARGV[2], ARGV[3]
local changed = {}
local written = 0
local seq = nil

for k = 4, #KEYS do
  local unitKey = KEYS[k]
  local record = cjson.decode(ARGV[k])
  local unitId = record[1]
  local n = (#record - 1) / 2
  local names = {}
  for i = 1, n do names[i] = record[2 * i] end
  local sets, dels = {}, {}
  if redis.call('EXISTS', unitKey) == 1 then
    local current = redis.call('HMGET', unitKey, unpack(names))
    for i = 1, n do
      local value = record[2 * i + 1]
      if value == '' then
        if current[i] then dels[#dels + 1] = names[i] end
      elseif current[i] ~= value then
        sets[#sets + 1] = names[i]
        sets[#sets + 1] = value
      end
    end
  else
    sets = { 'ar', '', 'en', '', 'zh', '', 'doc', '', 'pos', '0', 'para', '0' }
    for i = 1, n do
      local value = record[2 * i + 1]
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
    if not changed[unitId] then
      changed[unitId] = true
      written = written + 1
    end
  end
end
if seq then redis.call('PUBLISH', channel, seq) end
return written
