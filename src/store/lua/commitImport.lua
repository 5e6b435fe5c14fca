--[[
  Applies one chunk of an import job's staged records to the TM and logs every unit that changed, atomically for
  the chunk. The records are read here, from the staging list (they never travel back to the client). Records are
  applied in order (a later record of the same unit, a bilingual file's other language, adds its fields); applying
  a record again changes nothing, so a chunk whose reply was lost can be sent again.
  The TMX wins: an existing unit with the same id (same Arabic) takes the record's fields (texts, codes, metadata);
  fields the record does not name are kept; a '' value removes the field.

  Input:
    KEYS[1]   units set of the TM
    KEYS[2]   log stream of the TM
    KEYS[3]   log seq counter of the TM
    KEYS[4]   the job's staging list of records
    KEYS[5]   the job's set of units written so far (used when ARGV[5] is not '')
    KEYS[6..] unit hashes, one per record of the chunk, in the same order

    ARGV[1]   now, epoch milliseconds
    ARGV[2]   approximate maximum length of the log stream
    ARGV[3]   the TM's change channel (the last seq is published there when anything changed)
    ARGV[4]   index in the staging list of the chunk's first record; the chunk has #KEYS - 5 records
              (each a JSON array [unit id, field, value, field, value, …])
    ARGV[5]   '' when every unit's records are in one chunk; otherwise (a merged bilingual file) the time to live
              in milliseconds of KEYS[5], which then counts each unit once over all chunks

  Output:
    number of units created or changed (>= 0; counted once per unit in the chunk, or once per import with
    ARGV[5]; a unit already exactly so is neither written nor logged)
]]
local unitsKey, logKey, seqKey, listKey, writtenKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local now, maxLen, channel, first, writtenTtl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local FIRST_UNIT_KEY = 6
local n = #KEYS - FIRST_UNIT_KEY + 1
local records = redis.call('LRANGE', listKey, first, first + n - 1)
if #records ~= n then return redis.error_reply('commitImport: the staging list does not hold this chunk') end

-- A chunk of units all new to the TM (the usual case) skips the per-unit check.
local existing = 0
for i = FIRST_UNIT_KEY, #KEYS, 1000 do existing = existing + redis.call('EXISTS', unpack(KEYS, i, math.min(i + 999, #KEYS))) end
local created = {}

local changed, ids = {}, {}
for k = 1, n do
  local unitKey = KEYS[FIRST_UNIT_KEY - 1 + k]
  local record = cjson.decode(records[k])
  local unitId = record[1]
  local sets, dels = {}, {}
  if created[unitKey] or (existing > 0 and redis.call('EXISTS', unitKey) == 1) then
    local names = {}
    for i = 2, #record, 2 do names[#names + 1] = record[i] end
    local current = redis.call('HMGET', unitKey, unpack(names))
    for i = 1, #names do
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
    for i = 2, #record, 2 do
      local value = record[i + 1]
      if value ~= '' then
        sets[#sets + 1] = record[i]
        sets[#sets + 1] = value
      end
    end
    created[unitKey] = true
  end
  if #sets > 0 or #dels > 0 then
    if #dels > 0 then redis.call('HDEL', unitKey, unpack(dels)) end
    sets[#sets + 1] = 'updated'
    sets[#sets + 1] = now
    redis.call('HSET', unitKey, unpack(sets))
    if not changed[unitId] then
      changed[unitId] = true
      ids[#ids + 1] = unitId
    end
  end
end

local count = #ids
if count == 0 then return 0 end
local written = count
if writtenTtl ~= '' then
  written = 0
  for i = 1, count do written = written + redis.call('SADD', writtenKey, ids[i]) end
  redis.call('PEXPIRE', writtenKey, writtenTtl)
end
for i = 1, count, 1000 do redis.call('SADD', unitsKey, unpack(ids, i, math.min(i + 999, count))) end
local seq = redis.call('INCRBY', seqKey, count) - count
for i = 1, count do
  redis.call('XADD', logKey, 'MAXLEN', '~', maxLen, '*', 'seq', seq + i, 'op', 'put', 'id', ids[i])
end
redis.call('PUBLISH', channel, seq + count)
return written
