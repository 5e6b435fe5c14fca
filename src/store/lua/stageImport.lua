--[[
  Stages one chunk of an import job's records: each record goes to the staged record of its unit, beside the TM and
  invisible to every reader (lua/commitImport makes them the TM's). The client encodes the records
  (store/unit-record.ts) while it is still parsing the file, so a unit's first record is one SET … PX here and the
  commit has little to do. A unit's first record (with the defaults of a new unit) also appends its id to the job's
  id list; a later record of the same unit (a bilingual file's other language) adds its non-empty fields to the
  staged record. An empty value is not a value: at commit, an existing unit keeps a metadata field the import leaves
  empty, and loses the codes:<lang> of a language whose text the import holds but which has no codes
  (commitImport.lua says which is which).

  Input:
    KEYS[1]   the job's staged id list
    KEYS[2..] staged unit records, one per record below, in the same order

    ARGV[1]   time to live of the staged keys, milliseconds (the id list's is refreshed at every call)
    ARGV[2]   one character per record: 'n' (first record of its unit) or 'x' (a later one)
    ARGV[3..2+N]     the records' unit ids
    ARGV[3+N..2+2N]  the records, encoded as staged records (unit-record.ts: all fields but the last, `updated`)

  Output:
    number of units' records staged (>= 0)
]]
local listKey, ttl, flags = KEYS[1], ARGV[1], ARGV[2]
local n = #KEYS - 1
local ids = {}
for k = 1, n do
  local key, record = KEYS[1 + k], ARGV[2 + n + k]
  local cur = string.byte(flags, k) ~= 110 and getRecord(key) -- not 'n'
  if cur then
    local added = decodeRecord(record)
    for name, value in pairs(added) do
      if value ~= '' then cur[name] = value end
    end
    redis.call('SET', key, encodeRecord(cur, true), 'KEEPTTL')
  else
    redis.call('SET', key, record, 'PX', ttl)
    if string.byte(flags, k) == 110 then ids[#ids + 1] = ARGV[2 + k] end
  end
end
for i = 1, #ids, 1000 do
  redis.call('RPUSH', listKey, unpack(ids, i, math.min(i + 999, #ids)))
end
redis.call('PEXPIRE', listKey, ttl)
return n
