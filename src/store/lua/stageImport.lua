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
    ARGV[3]   the records' unit ids, each followed by a space
    ARGV[4]   the records' lengths in bytes, each followed by a space
    ARGV[5]   the records, encoded as staged records (unit-record.ts: every field but the last, `updated`), one after
              another

  Output:
    number of units' records staged (>= 0)
]]
local listKey, ttl, flags, blob = KEYS[1], ARGV[1], ARGV[2], ARGV[5]
local n = #KEYS - 1
local nextId, nextLength = string.gmatch(ARGV[3], '(%S+) '), string.gmatch(ARGV[4], '(%d+) ')
local ids = {}
local at = 1
for k = 1, n do
  local key, id, length = KEYS[1 + k], nextId(), tonumber(nextLength())
  local record = string.sub(blob, at, at + length - 1)
  at = at + length
  local first = string.byte(flags, k) == 110 -- 'n'
  local cur = not first and getRecord(key)
  if cur then
    for name, value in pairs(decodeRecord(record)) do
      if value ~= '' then cur[name] = value end
    end
    redis.call('SET', key, encodeRecord(cur, true), 'KEEPTTL')
  else
    redis.call('SET', key, record, 'PX', ttl)
    if first then ids[#ids + 1] = id end
  end
end
for i = 1, #ids, 1000 do
  redis.call('RPUSH', listKey, unpack(ids, i, math.min(i + 999, #ids)))
end
redis.call('PEXPIRE', listKey, ttl)
return n
