--[[
  Prepended to putUnit.lua and deleteUnit.lua (scripts.ts): unitTag(key), the entity tag of a unit hash, the first
  20 hex digits of the SHA-1 of its ar, en, zh, doc, pos, para and updated fields (missing ones empty) joined by NUL.
  store/unit-tag.ts computes the same in Node for the ETag header; the two must not drift (a test compares them).
]]
local function unitTag(key)
  local f = redis.call('HMGET', key, 'ar', 'en', 'zh', 'doc', 'pos', 'para', 'updated')
  for i = 1, 7 do f[i] = f[i] or '' end
  return string.sub(redis.sha1hex(table.concat(f, '\0')), 1, 20)
end
