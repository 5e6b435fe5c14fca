--[[
  Marks rows of a document reviewed, or takes the marks back, and logs the change, atomically.

  A mark belongs to a row's texts, not to its place: the document's marks hash holds, per row hash (rowHash in
  document-writer.ts: ar, en, zh as they are now), when a person marked those texts reviewed. A row whose texts a
  correction or an edit changes has another hash, so no mark; a row a correction only moves keeps its mark. The hash
  also holds `@doc`, the document's `created`: marks of a document deleted and imported again are dropped here, and
  ignored by readers (store/review-marks.ts).

  Input:
    KEYS[1]        doc hash
    KEYS[2]        the document's marks hash (keys.ts, reviewMarks)
    KEYS[3]        log stream of the TM
    KEYS[4]        log seq counter of the TM
    KEYS[5..4+N]   unit records of the rows named (every row whose texts have one of the hashes marked), in ARGV order

    ARGV[1]  the document's rev the caller read the rows at
    ARGV[2]  now, epoch milliseconds
    ARGV[3]  approximate maximum length of the log stream
    ARGV[4]  the TM's change channel (the last seq is published there when anything changed)
    ARGV[5]  "mark" or "unmark"
    ARGV[6..] per row, 2 values: unit id, row hash (same order as the KEYS)

  Every unit of a row whose mark changed gets `updated` = now and a log entry `put` (mirrors re-read it); the
  document's rev and `updated` move when anything changed, and only then (marking a marked row again is a no-op).

  Output (codes as named in scripts.ts, ScriptCode):
    number of units whose mark changed (>= 0; 0: nothing to do)
    -1 CONFLICT: the document's rev is not ARGV[1]: read again
    -2 NOT_FOUND: no such document
    -5 WRITING: a large write of the document is being applied: wait for it (store/settled.ts), then again
]]
local docKey, marksKey, logKey, seqKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local seenRev, now, maxLen, channel, mode = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]

if redis.call('HEXISTS', docKey, 'writing') == 1 then return -5 end
local rev = redis.call('HGET', docKey, 'rev')
if not rev then return -2 end
if rev ~= seenRev then return -1 end

local created = redis.call('HGET', docKey, 'created') or ''
if redis.call('HGET', marksKey, '@doc') ~= created then redis.call('DEL', marksKey) end
redis.call('HSET', marksKey, '@doc', created)

local changedHash = {}
local changed = 0
for i = 5, #KEYS do
  local unitId, hash = ARGV[6 + (i - 5) * 2], ARGV[7 + (i - 5) * 2]
  if changedHash[hash] == nil then
    if mode == 'mark' then
      changedHash[hash] = redis.call('HSETNX', marksKey, hash, now) == 1
    else
      changedHash[hash] = redis.call('HDEL', marksKey, hash) == 1
    end
  end
  if changedHash[hash] then
    local rec = getRecord(KEYS[i])
    if rec then
      rec.updated = now
      setRecord(KEYS[i], rec)
    end
    local seq = redis.call('INCR', seqKey)
    redis.call('XADD', logKey, 'MAXLEN', '~', maxLen, '*', 'seq', seq, 'op', 'put', 'id', unitId)
    changed = changed + 1
  end
end

-- Only `@doc` left: no mark.
if redis.call('HLEN', marksKey) == 1 then redis.call('DEL', marksKey) end
if changed > 0 then
  redis.call('HINCRBY', docKey, 'rev', 1)
  redis.call('HSET', docKey, 'updated', now)
  redis.call('PUBLISH', channel, redis.call('GET', seqKey))
end
return changed
