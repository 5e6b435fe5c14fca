--[[
  Prepended to putUnit.lua and deleteUnit.lua after unit-record.lua (scripts.ts): unitTag(t), the entity tag of a
  unit record as getRecord decodes it, the first 20 hex digits of the SHA-1 of its ar, en, zh, doc, pos, para and
  updated fields (empty ones empty) joined by NUL. store/unit-tag.ts computes the same in Node for the ETag header;
  the two must not drift (a test compares them).
]]
local function unitTag(t)
  local f = { t.ar, t.en, t.zh, t.doc, t.pos, t.para, t.updated }
  return string.sub(redis.sha1hex(table.concat(f, '\0')), 1, 20)
end
