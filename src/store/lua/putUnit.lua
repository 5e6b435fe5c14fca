--[[
  Creates or edits one unit and logs the change, atomically.

  Input:
    KEYS[1]  unit record (store/unit-record.ts)
    KEYS[2]  units set of the TM
    KEYS[3]  log stream of the TM
    KEYS[4]  log seq counter of the TM
    KEYS[5]  (optional) the hash of the document the unit belongs to: its rev is bumped; while a large write of
             that document is being applied (its `writing` field, store/document-writer.ts) nothing is done

    ARGV[1]  unit id
    ARGV[2]  mode: "create" (create, or update if it exists) or "patch" (the unit must exist)
    ARGV[3]  now, epoch milliseconds
    ARGV[4]  approximate maximum length of the log stream
    ARGV[5]  the TM's change channel (the new seq is published there)
    ARGV[6]  If-Match: '' (no condition), '*' (the unit must exist), or entity tags each between spaces
             (' tag1 tag2 '): the unit's current tag (see unit-tag.lua) must be one of them
    ARGV[7]  the write's time as a TMX date, a JSON string literal ('"20261206T021753Z"'), and
    ARGV[8]  who wrote, a JSON string literal ('"reviewer-amal"', '"mizan"'): a changed text's unit that a TMX
             brought takes them as its changedate and changeid (unit-history.lua)
    ARGV[9..] field, value pairs among ar, en, zh

  Output (codes as named in scripts.ts, ScriptCode):
    1  CREATED
    2  UPDATED
    0  UNCHANGED (every field already had that value)
   -2  NOT_FOUND: patch of a unit that does not exist
   -4  PRECONDITION_FAILED: the unit's tag is none of ARGV[6]'s
   -5  WRITING: a large write of the unit's document is being applied: wait for it (store/settled.ts), then again
]]
local unitKey, unitsKey, logKey, seqKey, docKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local unitId, mode, now, maxLen, channel, ifMatch = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]

if docKey and redis.call('HEXISTS', docKey, 'writing') == 1 then return -5 end
local rec = getRecord(unitKey)
local exists = rec ~= nil
if mode == 'patch' and not exists then return -2 end
if ifMatch ~= '' and ifMatch ~= '*' and not (exists and string.find(ifMatch, ' ' .. unitTag(rec) .. ' ', 1, true)) then
  return -4
end

local changed = not exists
local langs = {}
if not exists then rec = { ar = '', en = '', zh = '', doc = '', pos = '0', para = '0' } end
for i = 9, #ARGV, 2 do
  local field, value = ARGV[i], ARGV[i + 1]
  if rec[field] ~= value then
    changed = true
    langs[field] = true
  end
  rec[field] = value
end
if not changed then return 0 end
if exists then touchHistory(rec, langs, ARGV[7], ARGV[8]) end

rec.updated = now
setRecord(unitKey, rec)
redis.call('SADD', unitsKey, unitId)
local seq = redis.call('INCR', seqKey)
redis.call('XADD', logKey, 'MAXLEN', '~', maxLen, '*', 'seq', seq, 'op', 'put', 'id', unitId)
redis.call('PUBLISH', channel, seq)
if docKey then
  redis.call('HINCRBY', docKey, 'rev', 1)
  redis.call('HSET', docKey, 'updated', now)
end
if exists then return 2 end
return 1
