--[[
  Stages one chunk (500 rows) of a large document (store/document-writer.ts). Each row that is new or differs from
  its unit as stored is written whole into a staged copy of the unit, which no reader looks at; after commitDocument,
  applyDocument renames the copies into place while readers wait (store/settled.ts), so they see the whole document
  or none of it. Nothing a reader looks at changes here. Staged keys expire after ARGV[3] ms if the commit never
  comes.

  Input:
    KEYS[1]           staged row list of the document (its unit ids in document order; this chunk's are appended)
    KEYS[2]           staged list of the ids whose unit was staged (new or changed; appended)
    KEYS[3..2+N]      unit records of the chunk's rows
    KEYS[3+N..2+2N]   staged unit records of the same rows, same order

    ARGV[1]  document id
    ARGV[2]  now, epoch milliseconds
    ARGV[3]  time to live of the staged keys, milliseconds
    ARGV[4]  N, rows in this chunk
    ARGV[5], ARGV[6]  the write's time (a TMX date) and who wrote, JSON string literals, as for putDocument: a unit a
             TMX brought whose text the write changes takes them as its changedate and changeid (unit-history.lua)
    ARGV[7..] per row, 10 values as for putDocument: unit id, ar, en, zh, position, paragraph, row hash, alignment
              confidence, review flag, split (JSON or '')

  As putDocument: a row whose hash equals the unit's stored `src` keeps the unit's current text (an API edit is not
  undone) and only its placement is staged; a staged copy of an existing unit starts as a copy of its record, so fields
  this script does not write (TMX fields) are kept; a new unit's staged record has the row's fields only.

  Output (codes as named in scripts.ts, ScriptCode):
    number of units staged from the chunk's rows (>= 0)
]]
local rowsKey, putKey = KEYS[1], KEYS[2]
local docId, now, ttl, n = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local stamp, by = ARGV[5], ARGV[6]

local ids, staged = {}, {}
for i = 1, n do
  local base = 6 + (i - 1) * 10
  local unitKey, stageKey = KEYS[2 + i], KEYS[2 + n + i]
  local unitId, ar, en, zh = ARGV[base + 1], ARGV[base + 2], ARGV[base + 3], ARGV[base + 4]
  local pos, para, rowHash = ARGV[base + 5], ARGV[base + 6], ARGV[base + 7]
  local conf, review, split = ARGV[base + 8], ARGV[base + 9], ARGV[base + 10]
  ids[i] = unitId
  local old = getRecord(unitKey)
  local fresh = not old or old.src ~= rowHash
  if fresh or old.doc ~= docId or old.pos ~= pos or old.para ~= para or old.conf ~= conf or old.review ~= review
    or old.split ~= split then
    local rec = old or {}
    if fresh and old then touchHistory(rec, changedLangs(old, ar, en, zh), stamp, by) end
    if fresh then rec.ar, rec.en, rec.zh, rec.src = ar, en, zh, rowHash end
    rec.doc, rec.pos, rec.para, rec.conf, rec.review, rec.split = docId, pos, para, conf, review, split
    rec.updated = now
    setRecord(stageKey, rec, ttl)
    staged[#staged + 1] = unitId
  end
end

if n > 0 then redis.call('RPUSH', rowsKey, unpack(ids)) end
if #staged > 0 then redis.call('RPUSH', putKey, unpack(staged)) end
redis.call('PEXPIRE', rowsKey, ttl)
redis.call('PEXPIRE', putKey, ttl)
return #staged
