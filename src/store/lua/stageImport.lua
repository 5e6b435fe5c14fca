--[[
  Stages one chunk of an import job's records beside the TM, invisible to every reader (lua/commitImport makes them
  the TM's). The client encodes the records (store/unit-record.ts) while it is still parsing the file. The first
  records of their units (each with the defaults of a new unit) are kept as they come, as ONE string for the chunk,
  its batch (their byte lengths, each followed by a space, then '|', then the records one after another), and their
  ids as one element of the job's list: nothing is done per unit. A later record of a unit (a bilingual file's other
  language) goes to the unit's patch instead: the first makes it, a later one adds its non-empty fields to it, and the
  unit joins the job's patched set; the commit adds the patch's non-empty fields to the unit's first record. An empty
  value is not a value: at commit, an existing unit keeps a metadata field the import leaves empty, and loses the
  codes:<lang> of a language whose text the import holds but which has no codes (commitImport.lua says which is
  which).

  Input:
    KEYS[1]   the job's list: one element per batch, the ids of its units, each followed by a space
    KEYS[2]   the job's patched set
    KEYS[3]   this chunk's batch (named after its first unit; unused when ARGV[2] is empty)
    KEYS[4..] the patch of each later record below (ARGV[5..7]), in the same order

    ARGV[1]   time to live of the staged keys, milliseconds (the list's and the set's are refreshed at every call)
    ARGV[2]   the first records' unit ids, each followed by a space ('' when there are none)
    ARGV[3]   the first records: their byte lengths, each followed by a space, '|', then the records, encoded as
              whole unit records (unit-record.ts; `updated` is when the import read the unit), one after another
    ARGV[4]   the later records' unit ids, each followed by a space
    ARGV[5]   the later records' lengths in bytes, each followed by a space
    ARGV[6]   the later records, encoded as staged records, one after another

  Output:
    number of units' records staged (>= 0)
]]
local listKey, patchedKey, batchKey, ttl = KEYS[1], KEYS[2], KEYS[3], ARGV[1]
local staged = 0
if ARGV[2] ~= '' then
  redis.call('SET', batchKey, ARGV[3], 'PX', ttl)
  redis.call('RPUSH', listKey, ARGV[2])
  for _ in string.gmatch(ARGV[2], ' ') do staged = staged + 1 end
end
local nextId, nextLength = string.gmatch(ARGV[4], '(%S+) '), string.gmatch(ARGV[5], '(%d+) ')
local blob, at = ARGV[6], 1
local patched = {}
for k = 4, #KEYS do
  local key, id, length = KEYS[k], nextId(), tonumber(nextLength())
  local record = string.sub(blob, at, at + length - 1)
  at = at + length
  local cur = getRecord(key)
  if cur then
    for name, value in pairs(decodeRecord(record)) do
      if value ~= '' then cur[name] = value end
    end
    redis.call('SET', key, encodeRecord(cur), 'KEEPTTL')
  else
    redis.call('SET', key, record, 'PX', ttl)
    patched[#patched + 1] = id
  end
  staged = staged + 1
end
for i = 1, #patched, 1000 do
  redis.call('SADD', patchedKey, unpack(patched, i, math.min(i + 999, #patched)))
end
redis.call('PEXPIRE', listKey, ttl)
if redis.call('EXISTS', patchedKey) == 1 then redis.call('PEXPIRE', patchedKey, ttl) end
return staged
