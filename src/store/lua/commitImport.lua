--[[
  Makes one chunk of an import job's staged units the TM's (lua/stageImport staged them) and logs the units that
  changed, atomically for the chunk: one log entry per 1,000 of them (field `ids`, space-separated), so that a bulk
  import of a million units writes a thousand entries and never trims the log past an instance following it. A unit's
  staged record is its first record, cut from its batch, with its patch's non-empty fields when the unit is in the
  job's patched set (lua/stageImport). A unit new to the TM is its staged record as it is (a whole record, its
  `updated` the time the import read it), set with the chunk's other new units by MSET, 500 at a time: nothing is
  decoded or copied in Lua beyond the cut unless the unit has a patch. An existing unit with the same id (same
  Arabic) is merged with what the import carries — the TMX wins for what it says, and keeps what it does not say:
  for each language the import holds, its text and codes:<lang> are the import's (a codes:<lang> the staged record
  leaves empty is emptied: codes belong to their text); tuv:<lang>, tmx and apart are the import's when it
  carries them and are kept as they are when it does not (a bilingual ar–zh file adds zh to a unit an ar–en file
  brought, and leaves that file's tuid, props, notes and the Arabic's xml:lang in place). Fields the import does not
  name (other languages, document placement) are kept. Over a document row (its `doc` set: a tu that named the row's
  document and position, as a document's export does) the placement a staged tmx carries (its keys from "document"
  on, which unit-fields.ts writes last) is the row's own and is dropped: the row keeps its placement, confidence and
  review, and a re-import of its export leaves it as it was. A unit already exactly so is neither written nor logged. A
  batch is deleted by the call that commits its last unit, and its key added to the job's applied set in the same
  call; patches only when the job ends (the client deletes them with the patched set): applying a chunk again changes
  nothing (its batch is gone and marked applied, or its units are in the TM as it would write them), so a chunk whose
  reply was lost can be sent again. A batch gone and not marked applied was lost (evicted by a Redis whose
  maxmemory-policy drops keys with a TTL, or expired): the call then writes nothing and answers LOST. The applied set
  takes the longest TTL of the batches it names; were it evicted too, the commit would fail, never report done.
  What the calls wrote is added up in the job's committed hash by the same calls, and each call answers the totals:
  a call whose reply was lost (Redis gone mid-commit) is counted all the same, and one sent again counts nothing more
  (it writes nothing), so a commit run again from the start after an interruption ends with the counts of one run.
  A call is taken only from the job's owner (lua/ownImport wrote its epoch in the committed hash): a process that
  stalled while it committed, and wakes after another took the job over, or after the job ended and its staged keys
  were deleted, writes nothing (DESIGN.md, "Import jobs").

  Input:
    KEYS[1]   units set of the TM
    KEYS[2]   log stream of the TM
    KEYS[3]   log seq counter of the TM
    KEYS[4]   the job's patched set
    KEYS[5]   the job's applied set (the batch keys committed in full and deleted)
    KEYS[6]   the job's committed hash (written, extended, en, zh, entries: the totals of the job's calls so far)
    KEYS[7 .. 6+b]   the batches this chunk's units come from (b of them, ARGV[4]), in order
    KEYS[7+b ..]     per unit below, its patch (only when ARGV[5] is '1'), then its unit record (store/unit-record.ts)

    ARGV[1]   now, epoch milliseconds
    ARGV[2]   approximate maximum length of the log stream
    ARGV[3]   the TM's change channel (the last seq is published there when anything changed)
    ARGV[4]   b, the number of batches
    ARGV[5]   '1' when the job has patches (its patched set is not empty), '0' when it has none: no unit is looked
              up in the set, and no patch key is passed
    ARGV[6]   the owner's epoch, which must be the committed hash's `owner`; '' commits without an owner (a test or
              a tool staging and committing on its own, with no job record)
    ARGV[7 .. 6+b]   per batch: `<from> <count> <last>`: the chunk's units are its records from..from+count-1
                     (0-based, in the batch's order), and last is 1 when the batch has no record after these
    ARGV[7+b ..]     unit ids, in the job's order (the batches' records in turn)

  Output (a table):
    { written, extended, en, zh, entries }: the job's totals after this call (its committed hash): the number of units
    created or changed; of the existing ones, the units that gained a target language they lacked; per target, the
    units whose text in it the import replaced; and the log entries written (each moved the TM's seq by one) (all
    >= 0); or, first in the table:
    -7  LOST: { -7, k }: batch k (1-based) of the chunk is gone and not marked applied; nothing was written but the
        mark '!lost' in the applied set, after which every call answers { -7, 0 } and writes nothing (the calls sent
        ahead of the answer do not go on past the loss)
    -8  FENCED: { -8, 0 }: the caller is not the job's owner (another took the job over, or its staged keys are
        gone with its end): nothing was written
]]
local unitsKey, logKey, seqKey, patchedKey, appliedKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local committedKey = KEYS[6]
local now, maxLen, channel = ARGV[1], ARGV[2], ARGV[3]
local b, hasPatches, owner = tonumber(ARGV[4]), ARGV[5] == '1', ARGV[6]
local n = #ARGV - 6 - b
local LANGS = { 'ar', 'en', 'zh' }
local IDS_PER_ENTRY = 1000

-- Only the job's owner commits (one HGET a call): a stalled process's late calls write nothing.
if owner ~= '' and redis.call('HGET', committedKey, 'owner') ~= owner then return { -8, 0 } end

local ids, finals, patches = {}, {}, {}
for i = 1, n do
  ids[i] = ARGV[6 + b + i]
  if hasPatches then
    patches[i] = KEYS[5 + b + 2 * i]
    finals[i] = KEYS[6 + b + 2 * i]
  else
    finals[i] = KEYS[6 + b + i]
  end
end

-- The batches, read before anything is written: one gone and not marked applied was lost, and nothing is written.
-- A loss is marked ('!lost' in the applied set, never a key's name): the calls sent after it write nothing either.
if redis.call('SISMEMBER', appliedKey, '!lost') == 1 then return { -7, 0 } end
local blobs = {}
for k = 1, b do
  blobs[k] = redis.call('GET', KEYS[6 + k])
  if not blobs[k] and redis.call('SISMEMBER', appliedKey, KEYS[6 + k]) == 0 then
    redis.call('SADD', appliedKey, '!lost')
    redis.call('PEXPIRE', appliedKey, 86400000)
    return { -7, k }
  end
end

-- The staged records, cut from their batches (false for a unit whose batch is gone: applied already). `keep`: the
-- longest time to live of the chunk's batches, which the committed hash takes.
local records, keep = {}, 0
for k = 1, b do
  local from, count, last = string.match(ARGV[6 + k], '(%d+) (%d+) (%d)')
  from, count = tonumber(from), tonumber(count)
  local blob = blobs[k]
  if blob then
    local bar = string.find(blob, '|', 1, true)
    local at, r = bar + 1, 0
    for length in string.gmatch(string.sub(blob, 1, bar - 1), '(%d+) ') do
      length = tonumber(length)
      if r >= from + count then break end
      if r >= from then records[#records + 1] = string.sub(blob, at, at + length - 1) end
      at = at + length
      r = r + 1
    end
    local ttl = redis.call('PTTL', KEYS[6 + k])
    if ttl > keep then keep = ttl end
    if last == '1' then
      redis.call('DEL', KEYS[6 + k])
      redis.call('SADD', appliedKey, KEYS[6 + k])
      if ttl > redis.call('PTTL', appliedKey) then redis.call('PEXPIRE', appliedKey, ttl) end
    end
  else
    for _ = 1, count do records[#records + 1] = false end
  end
end

-- Units with a patch: its non-empty fields over the first record.
local patched = {}
for i = 1, hasPatches and n or 0, 1000 do
  local flags = redis.call('SMISMEMBER', patchedKey, unpack(ids, i, math.min(i + 999, n)))
  for j = 1, #flags do patched[i + j - 1] = flags[j] == 1 end
end
for i = 1, n do
  if patched[i] and records[i] then
    local p = getRecord(patches[i])
    if p then
      local s = decodeRecord(records[i])
      for name, value in pairs(p) do
        if value ~= '' then s[name] = value end
      end
      records[i] = encodeRecord(s)
    end
  end
end

-- A chunk of units all new to the TM (the usual case) skips the per-unit check.
local existing = 0
for i = 1, n, 1000 do existing = existing + redis.call('EXISTS', unpack(finals, i, math.min(i + 999, n))) end

local TARGETS = { 'en', 'zh' }
local extended, replaced = 0, { en = 0, zh = 0 }

--- A staged tmx without its placement keys (from "document" on: unit-fields.ts writes them last, and a quote inside a
--- JSON string is escaped, so the first '"document":' is the key): '' when nothing else is left.
local function withoutPlacement(tmx)
  local at = string.find(tmx, '"document":', 1, true)
  if not at then return tmx end
  if at == 2 then return '' end
  return string.sub(tmx, 1, at - 2) .. '}'
end

--- Merges a staged record into an existing unit (see the header); true when anything changed.
local function merge(record, final)
  local s = decodeRecord(record)
  local cur = getRecord(final)
  if cur.doc ~= '' and s.tmx ~= '' then s.tmx = withoutPlacement(s.tmx) end
  -- Fields the import's value replaces (emptied when the staged record leaves them empty), then those it only sets.
  local names = {}
  local kept = { 'tmx', 'apart' }
  for _, lang in ipairs(LANGS) do
    if s[lang] ~= '' then
      names[#names + 1] = lang
      names[#names + 1] = 'codes:' .. lang
      kept[#kept + 1] = 'tuv:' .. lang
    end
  end
  local replacing = #names
  for _, name in ipairs(kept) do names[#names + 1] = name end
  local was, changed = {}, false
  for j, name in ipairs(names) do
    local value = s[name]
    was[name] = cur[name]
    if value ~= '' or j <= replacing then
      if cur[name] ~= value then
        cur[name] = value
        changed = true
      end
    end
  end
  if not changed then return false end
  local gained = false
  for _, lang in ipairs(TARGETS) do
    local value = s[lang]
    if value ~= '' then
      if was[lang] == '' then
        gained = true
      elseif was[lang] ~= value then
        replaced[lang] = replaced[lang] + 1
      end
    end
  end
  if gained then extended = extended + 1 end
  cur.updated = now
  setRecord(final, cur)
  return true
end

-- New units are set 500 at a time (one MSET: no call and no reply per unit), in order with the merges between them.
local changed = {}
local news, pending = {}, 0
local function setNews()
  if pending > 0 then redis.call('MSET', unpack(news, 1, pending)) end
  pending = 0
end
for i = 1, n do
  local record, final = records[i], finals[i]
  local done = false -- a unit whose batch is gone was applied already
  if record and (existing == 0 or redis.call('EXISTS', final) == 0) then
    news[pending + 1], news[pending + 2] = final, record
    pending = pending + 2
    if pending >= 1000 then setNews() end
    done = true
  elseif record then
    setNews()
    done = merge(record, final)
  end
  if done then changed[#changed + 1] = ids[i] end
end
setNews()

--- The job's totals (its committed hash) after this call.
local function totals()
  local t = redis.call('HMGET', committedKey, 'written', 'extended', 'en', 'zh', 'entries')
  for j = 1, 5 do t[j] = tonumber(t[j]) or 0 end
  return t
end

local count = #changed
if count == 0 then return totals() end
for i = 1, count, 1000 do redis.call('SADD', unitsKey, unpack(changed, i, math.min(i + 999, count))) end
local entries = math.ceil(count / IDS_PER_ENTRY)
local seq = redis.call('INCRBY', seqKey, entries) - entries
for e = 1, entries do
  local from = (e - 1) * IDS_PER_ENTRY + 1
  local ids = table.concat(changed, ' ', from, math.min(from + IDS_PER_ENTRY - 1, count))
  redis.call('XADD', logKey, 'MAXLEN', '~', maxLen, '*', 'seq', seq + e, 'op', 'put', 'ids', ids)
end
redis.call('PUBLISH', channel, seq + entries)
redis.call('HINCRBY', committedKey, 'written', count)
redis.call('HINCRBY', committedKey, 'extended', extended)
redis.call('HINCRBY', committedKey, 'en', replaced.en)
redis.call('HINCRBY', committedKey, 'zh', replaced.zh)
redis.call('HINCRBY', committedKey, 'entries', entries)
if keep > redis.call('PTTL', committedKey) then redis.call('PEXPIRE', committedKey, keep) end
return totals()
