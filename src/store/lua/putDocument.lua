--[[
  Writes a whole aligned document and its units atomically, idempotently.

  Input:
    KEYS[1]           doc hash
    KEYS[2]           doc rows list
    KEYS[3]           docs zset of the TM
    KEYS[4]           units set of the TM
    KEYS[5]           log stream of the TM
    KEYS[6]           log seq counter of the TM
    KEYS[7..6+N]      unit records of the new rows, in document order
    KEYS[7+N..]       unit records of rows the caller saw in the old document and that the new one drops

    ARGV[1]  document id
    ARGV[2]  content hash of the new document (meta + rows)
    ARGV[3]  the document's rev the caller saw (empty string when it did not exist)
    ARGV[4]  order (number)
    ARGV[5]  meta fields as JSON object of strings: titles, source, date, url
    ARGV[6]  now, epoch milliseconds
    ARGV[7]  approximate maximum length of the log stream
    ARGV[8]  N, number of new rows
    ARGV[9]  the write's time as a TMX date and
    ARGV[10] who wrote, each a JSON string literal: a unit a TMX brought whose text the write changes takes them as
             its changedate and changeid (unit-history.lua)
    (last)   the TM's change channel: the last seq is published there when anything changed
    ARGV[11..] per new row, 10 values: unit id, ar, en, zh, position, paragraph, row hash (of ar, en, zh as
              imported), alignment confidence (0–1), review (0, 1, or the reasons joined with ','), split (JSON
              {lang, marks} or '')
    then, per dropped unit, its id (same order as the KEYS)

  A row whose hash equals the unit's stored `src` (the hash it was last imported with) keeps its current text:
  the file did not change it, so an edit made through the API since then is not undone. Other rows are written.

  Output (codes as named in scripts.ts, ScriptCode):
    number of units written or deleted (>= 0; 0: the document was already exactly this)
    -1 CONFLICT: the document's rev is not ARGV[3] (it changed since the caller read it; also when it is the same
       content, written meanwhile by another caller that, like this one, saw no document): read again and retry
]]
local docKey, rowsKey, docsKey, unitsKey, logKey, seqKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local docId, newHash, seenRev = ARGV[1], ARGV[2], ARGV[3]
local order, metaJson, now, maxLen, n = tonumber(ARGV[4]), ARGV[5], ARGV[6], ARGV[7], tonumber(ARGV[8])
local stamp, by = ARGV[9], ARGV[10]

local current = redis.call('HGET', docKey, 'hash') or ''
local rev = redis.call('HGET', docKey, 'rev') or ''
-- A caller that saw no document did not make this one, even with the same content: another write did, meanwhile.
if seenRev == '' and rev ~= '' then return -1 end
if current == newHash then return 0 end
if rev ~= seenRev then return -1 end

local function log(op, unitId)
  local seq = redis.call('INCR', seqKey)
  redis.call('XADD', logKey, 'MAXLEN', '~', maxLen, '*', 'seq', seq, 'op', op, 'id', unitId)
end

local changed = 0
local ids = {}
for i = 1, n do
  local base = 10 + (i - 1) * 10
  local unitKey = KEYS[6 + i]
  local unitId, ar, en, zh = ARGV[base + 1], ARGV[base + 2], ARGV[base + 3], ARGV[base + 4]
  local pos, para, rowHash = ARGV[base + 5], ARGV[base + 6], ARGV[base + 7]
  local conf, review, split = ARGV[base + 8], ARGV[base + 9], ARGV[base + 10]
  ids[i] = unitId
  local old = getRecord(unitKey)
  if not old or old.src ~= rowHash then
    local rec = old or {}
    if old then touchHistory(rec, changedLangs(old, ar, en, zh), stamp, by) end
    rec.ar, rec.en, rec.zh, rec.doc, rec.pos, rec.para = ar, en, zh, docId, pos, para
    rec.src, rec.conf, rec.review, rec.split, rec.updated = rowHash, conf, review, split, now
    setRecord(unitKey, rec)
    redis.call('SADD', unitsKey, unitId)
    log('put', unitId)
    changed = changed + 1
  elseif old.doc ~= docId or old.pos ~= pos or old.para ~= para or old.conf ~= conf or old.review ~= review
    or old.split ~= split then
    old.doc, old.pos, old.para, old.conf, old.review, old.split = docId, pos, para, conf, review, split
    old.updated = now
    setRecord(unitKey, old)
    log('put', unitId)
    changed = changed + 1
  end
end

local dropBase = 10 + n * 10
for k = 7 + n, #KEYS do
  local unitId = ARGV[dropBase + (k - 6 - n)]
  redis.call('DEL', KEYS[k])
  redis.call('SREM', unitsKey, unitId)
  log('del', unitId)
  changed = changed + 1
end

redis.call('DEL', rowsKey)
if n > 0 then
  for i = 1, n, 1000 do
    redis.call('RPUSH', rowsKey, unpack(ids, i, math.min(i + 999, n)))
  end
end

local meta = cjson.decode(metaJson)
local created = redis.call('HGET', docKey, 'created') or now
redis.call('HSET', docKey, 'hash', newHash, 'order', order, 'segments', n, 'created', created, 'updated', now,
  'titles', meta.titles, 'source', meta.source, 'date', meta.date, 'url', meta.url)
redis.call('HINCRBY', docKey, 'rev', 1)
redis.call('ZADD', docsKey, order, docId)
if changed > 0 then redis.call('PUBLISH', ARGV[#ARGV], redis.call('GET', seqKey)) end
return changed
