--[[
  Reads many units at once for a whole-TM export, a listing or an index rebuild: one MGET of their records
  (store/unit-record.ts), answered as Redis holds them, so Redis copies bytes and the client cuts them. Writes
  nothing. While a large document write is being applied (the TM's `writing` hash exists, store/document-writer.ts)
  it reads nothing either: the caller waits for the write and asks again (store/settled.ts), so it never sees a
  document half written. The check and the read are one script, so nothing comes between them.

  Input:
    KEYS[1]   the TM's `writing` hash
    KEYS[2..] unit records

  Output (codes as named in scripts.ts, ScriptCode):
    one element per unit key: its record, or nil when the unit does not exist; or
   -5  WRITING: a large document write is being applied; nothing read
]]
if redis.call('EXISTS', KEYS[1]) == 1 then return -5 end
local n = #KEYS
-- One MGET for a page of up to 4,000 units (unpack's limit is ≈ 8,000 values); more in several.
if n <= 4001 then
  if n == 1 then return {} end
  return redis.call('MGET', unpack(KEYS, 2))
end
local out = {}
for i = 2, n, 4000 do
  local part = redis.call('MGET', unpack(KEYS, i, math.min(i + 3999, n)))
  for j = 1, #part do out[#out + 1] = part[j] end
end
return out
