--[[
  Prepended to every script that reads or writes a unit (scripts.ts, PRELUDES), after the line scripts.ts generates
  from store/unit-record.ts, `local UNIT_RECORD_FIELDS = { 'ar', … }`: the field order is written there only.

  A unit is ONE string (schema version 2): its fields in UNIT_RECORD_FIELDS order, each `<byte length>:<bytes>`.
    decodeRecord(s)        table field -> value, every field present ('' when empty, or missing from s)
    encodeRecord(t)        the string of table t (a nil field is empty; numbers are written as they print)
    getRecord(key)         decodeRecord of the key's value, or nil when the unit does not exist
    setRecord(key, t, px)  SET key to encodeRecord(t), with PX px when px is given
]]
local function decodeRecord(s)
  local t, at = {}, 1
  for i = 1, #UNIT_RECORD_FIELDS do
    if at > #s then
      t[UNIT_RECORD_FIELDS[i]] = ''
    else
      local colon = string.find(s, ':', at, true)
      local len = tonumber(string.sub(s, at, colon - 1))
      t[UNIT_RECORD_FIELDS[i]] = string.sub(s, colon + 1, colon + len)
      at = colon + len + 1
    end
  end
  return t
end

local function encodeRecord(t)
  local parts = {}
  for i = 1, #UNIT_RECORD_FIELDS do
    local v = t[UNIT_RECORD_FIELDS[i]]
    if v == nil then v = '' elseif type(v) ~= 'string' then v = tostring(v) end
    parts[i] = #v .. ':' .. v
  end
  return table.concat(parts)
end

local function getRecord(key)
  local s = redis.call('GET', key)
  if not s then return nil end
  return decodeRecord(s)
end

local function setRecord(key, t, px)
  if px then
    redis.call('SET', key, encodeRecord(t), 'PX', px)
  else
    redis.call('SET', key, encodeRecord(t))
  end
end
