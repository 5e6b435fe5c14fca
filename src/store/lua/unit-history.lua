--[[
  Prepended, after unit-record.lua, to the scripts that change a unit's texts outside an import (putUnit,
  putDocument, stageDocument; scripts.ts, PRELUDES): what a unit a TMX brought says of its last change is made that
  write's, so that MyMemory's `last-update-date` / `last-updated-by` and the export's `changedate` / `changeid` never
  tell an older change than the text they go with (service/unit-history.ts reads them back).

    touchHistory(rec, langs, stamp, by)
      rec    a decoded unit record (unit-record.lua), changed in place
      langs  table lang -> true: the languages whose text the write changed
      stamp  the write's time as a JSON string literal of a TMX date, '"20261206T021753Z"'
      by     who wrote, as a JSON string literal: the API key's name, or '"mizan"'
    The `tu` metadata (`tmx`), when the unit has any, gets `changedate` = stamp and `changeid` = by (an `attrs` object
    is added after `tuid` when it has none); the `tuv:<lang>` of each language in `langs` gets both when it names a
    change of its own (`changedate` or `changeid`), and is left alone otherwise (the tu's then speak for it). Its
    other attributes (`creationdate`, `creationid`, `usagecount`…) stay. The attributes are written in the DTD's
    order (TU_ATTRS below, formats/tmx-model.ts; a unit test compares the two), as the import writes them, so the
    export's fast path reads the metadata as it reads an import's and a re-import of the export stores the same bytes.
    JSON not of the shape unit-fields.ts writes is left as it is.

    changedLangs(old, ar, en, zh)  the `langs` of a write of these texts over the record `old`
]]
local TU_ATTRS = { 'o-encoding', 'datatype', 'usagecount', 'lastusagedate', 'creationtool', 'creationtoolversion',
  'creationdate', 'creationid', 'changedate', 'segtype', 'changeid', 'o-tmf' }
local ATTR_RANK = {}
for i, name in ipairs(TU_ATTRS) do ATTR_RANK[name] = i end

--- The index of the quote that closes the JSON string whose opening quote is at `at`; nil when there is none.
local function stringEnd(s, at)
  local i = at + 1
  while true do
    local c = string.find(s, '["\\]', i)
    if not c then return nil end
    if string.byte(s, c) == 34 then return c end
    i = c + 2
  end
end

--- The members of the JSON object of strings whose `{` is at `at`: a list of { name, literal } (the value as
--- written, quotes included), and the index of its `}`; nil when it is not such an object.
local function stringMembers(s, at)
  local members, i = {}, at + 1
  if string.byte(s, i) == 125 then return members, i end
  while true do
    if string.byte(s, i) ~= 34 then return nil end
    local nameEnd = stringEnd(s, i)
    if not nameEnd or string.byte(s, nameEnd + 1) ~= 58 or string.byte(s, nameEnd + 2) ~= 34 then return nil end
    local valueEnd = stringEnd(s, nameEnd + 2)
    if not valueEnd then return nil end
    members[#members + 1] = { string.sub(s, i + 1, nameEnd - 1), string.sub(s, nameEnd + 2, valueEnd) }
    local next = string.byte(s, valueEnd + 1)
    if next == 125 then return members, valueEnd + 1 end
    if next ~= 44 then return nil end
    i = valueEnd + 2
  end
end

--- `json` (a `tmx` or `tuv:<lang>` value) with changedate and changeid set; `add`: an `attrs` object is added when
--- there is none (else, and when the attrs name no change, `json` is answered as it is).
local function withChange(json, stamp, by, add)
  local at = string.find(json, '"attrs":{', 1, true)
  local set = { changedate = stamp, changeid = by }
  if not at then
    if not add or string.byte(json, 1) ~= 123 then return json end
    local attrs = '"attrs":{"changedate":' .. stamp .. ',"changeid":' .. by .. '}'
    -- `tuid` (of a tu) or `tag` (of a tuv) comes before `attrs`: unit-fields.ts writes them first.
    local first = string.match(json, '^{"(%a+)":"')
    if first == 'tuid' or first == 'tag' then
      local e = stringEnd(json, #first + 5)
      if not e then return json end
      return string.sub(json, 1, e) .. ',' .. attrs .. string.sub(json, e + 1)
    end
    if json == '{}' then return '{' .. attrs .. '}' end
    return '{' .. attrs .. ',' .. string.sub(json, 2)
  end
  local open = at + #'"attrs":'
  local members, close = stringMembers(json, open)
  if not members then return json end
  local named = false
  for _, m in ipairs(members) do
    if set[m[1]] then
      m[2] = set[m[1]]
      set[m[1]] = nil
      named = true
    end
  end
  if not add and not named then return json end
  for _, name in ipairs({ 'changedate', 'changeid' }) do
    if set[name] then members[#members + 1] = { name, set[name] } end
  end
  table.sort(members, function(a, b) return (ATTR_RANK[a[1]] or 99) < (ATTR_RANK[b[1]] or 99) end)
  local parts = {}
  for i, m in ipairs(members) do parts[i] = '"' .. m[1] .. '":' .. m[2] end
  return string.sub(json, 1, open) .. table.concat(parts, ',') .. string.sub(json, close)
end

local function touchHistory(rec, langs, stamp, by)
  if rec.tmx and rec.tmx ~= '' then rec.tmx = withChange(rec.tmx, stamp, by, true) end
  for lang in pairs(langs) do
    local field = 'tuv:' .. lang
    if rec[field] and rec[field] ~= '' then rec[field] = withChange(rec[field], stamp, by, false) end
  end
end

local function changedLangs(old, ar, en, zh)
  local langs = {}
  if old.ar ~= ar then langs.ar = true end
  if old.en ~= en then langs.en = true end
  if old.zh ~= zh then langs.zh = true end
  return langs
end
