--[[
  Makes one chunk of an import job's staged units the TM's (lua/stageImport staged them) and logs the units that
  changed, atomically for the chunk: one log entry per 1,000 of them (field `ids`, space-separated), so that a bulk
  import of a million units writes a thousand entries and never trims the log past an instance following it. A unit
  new to the TM is its staged record, renamed, with `updated` appended (a staged record stops before that last
  field): nothing is copied or decoded here. An existing unit with the same id (same Arabic) is merged with what the
  import carries — the TMX wins for what it says, and keeps what it does not say: for each language the import
  holds, its text and codes:<lang> are the import's (a codes:<lang> the staged record leaves empty is emptied: codes
  belong to their text); tuv:<lang>, tmx and apart are the import's when it carries them and are kept as they are
  when it does not (a bilingual ar–zh file adds zh to a unit an ar–en file brought, and leaves that file's tuid,
  props, notes and the Arabic's xml:lang in place). Fields the import does not name (other languages, document
  placement) are kept. A unit already exactly so is neither written nor logged. Applying a chunk again changes
  nothing (its staged records are gone), so a chunk whose reply was lost can be sent again.

  Input:
    KEYS[1]   units set of the TM
    KEYS[2]   log stream of the TM
    KEYS[3]   log seq counter of the TM
    KEYS[4..] per unit below, two keys: its staged record, then its unit record (store/unit-record.ts)

    ARGV[1]   now, epoch milliseconds
    ARGV[2]   approximate maximum length of the log stream
    ARGV[3]   the TM's change channel (the last seq is published there when anything changed)
    ARGV[4..] unit ids, in the job's order

  Output (data, no codes):
    { written, extended, en, zh, entries }: the number of units created or changed; of the existing ones, the units
    that gained a target language they lacked; per target, the units whose text in it the import replaced; and the
    log entries written (each moved the TM's seq by one) (all >= 0)
]]
local unitsKey, logKey, seqKey = KEYS[1], KEYS[2], KEYS[3]
local now, maxLen, channel = ARGV[1], ARGV[2], ARGV[3]
local n = #ARGV - 3
local LANGS = { 'ar', 'en', 'zh' }
local IDS_PER_ENTRY = 1000

local finals = {}
for i = 1, n do finals[i] = KEYS[3 + 2 * i] end
-- A chunk of units all new to the TM (the usual case) skips the per-unit check.
local existing = 0
for i = 1, n, 1000 do existing = existing + redis.call('EXISTS', unpack(finals, i, math.min(i + 999, n))) end

local TARGETS = { 'en', 'zh' }
local extended, replaced = 0, { en = 0, zh = 0 }

--- Merges a staged record into an existing unit (see the header); true when anything changed.
local function merge(staged, final)
  local s = getRecord(staged)
  if not s then return false end
  redis.call('DEL', staged)
  local cur = getRecord(final)
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

--- Renames a staged record over a unit the TM lacks and appends `updated`; false when it is gone (applied already).
local function place(staged, final)
  local done = redis.pcall('RENAME', staged, final)
  if type(done) ~= 'table' or done.ok == nil then return false end
  redis.call('PERSIST', final)
  redis.call('APPEND', final, #now .. ':' .. now)
  return true
end

local changed = {}
for i = 1, n do
  local staged, final = KEYS[2 + 2 * i], KEYS[3 + 2 * i]
  local done
  if existing == 0 or redis.call('EXISTS', final) == 0 then
    done = place(staged, final)
  else
    done = merge(staged, final)
  end
  if done then changed[#changed + 1] = ARGV[3 + i] end
end

local count = #changed
if count == 0 then return { 0, 0, 0, 0, 0 } end
for i = 1, count, 1000 do redis.call('SADD', unitsKey, unpack(changed, i, math.min(i + 999, count))) end
local entries = math.ceil(count / IDS_PER_ENTRY)
local seq = redis.call('INCRBY', seqKey, entries) - entries
for e = 1, entries do
  local from = (e - 1) * IDS_PER_ENTRY + 1
  local ids = table.concat(changed, ' ', from, math.min(from + IDS_PER_ENTRY - 1, count))
  redis.call('XADD', logKey, 'MAXLEN', '~', maxLen, '*', 'seq', seq + e, 'op', 'put', 'ids', ids)
end
redis.call('PUBLISH', channel, seq + entries)
return { count, extended, replaced.en, replaced.zh, entries }
