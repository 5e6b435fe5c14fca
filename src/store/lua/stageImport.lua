--[[
  Stages one chunk of an import job's records: each record's fields go to the staged hash of its unit, beside the
  TM and invisible to every reader (lua/commitImport makes them the TM's). Doing the decoding and the hash writes
  here, while the client is still parsing the file, leaves the commit little to do. A unit's first record creates
  its staged hash with the defaults of a new unit and appends its id to the job's id list; a later record of the
  same unit (a bilingual file's other language) adds its fields. A '' value is not stored: at commit, an existing
  unit keeps a metadata field the import does not hold, and loses the codes:<lang> of a language whose text the
  import holds but which has no codes (commitImport.lua says which is which).

  Input:
    KEYS[1]   the job's staged id list
    KEYS[2..] staged unit hashes, one per record below, in the same order

    ARGV[1]   time to live of the staged keys, milliseconds (the id list's is refreshed at every call)
    ARGV[2]   one character per record: 'n' (first record of its unit) or 'x' (a later one)
    ARGV[3]   the records as one JSON array, each [unit id, field, value, field, value, …]

  Output:
    number of units' records staged (>= 0)
]]
local listKey, ttl, flags = KEYS[1], ARGV[1], ARGV[2]
local records = cjson.decode(ARGV[3])
local ids = {}
for k = 2, #KEYS do
  local key, first = KEYS[k], string.byte(flags, k - 1) == 110 -- 'n'
  local record = records[k - 1]
  local sets
  if first then
    sets = { 'ar', '', 'en', '', 'zh', '', 'doc', '', 'pos', '0', 'para', '0' }
    ids[#ids + 1] = record[1]
  else
    sets = {}
  end
  for i = 2, #record, 2 do
    local value = record[i + 1]
    if value ~= '' then
      sets[#sets + 1] = record[i]
      sets[#sets + 1] = value
    end
  end
  if #sets > 0 then redis.call('HSET', key, unpack(sets)) end
  if first then redis.call('PEXPIRE', key, ttl) end
end
for i = 1, #ids, 1000 do
  redis.call('RPUSH', listKey, unpack(ids, i, math.min(i + 999, #ids)))
end
redis.call('PEXPIRE', listKey, ttl)
return #KEYS - 1
