--[[
  Reads many units at once for a whole-TM export or an index rebuild, each as ONE string: the values of the fields
  asked, in order, joined by NUL (a missing field is empty). One string a unit instead of a reply element per field
  makes the client's work a fraction of a pipelined HGETALL's. Texts never hold NUL when they come from XML; when one
  does (a unit written through the API), the reader sees more parts than fields asked and reads that unit again
  with HMGET. Writes nothing. While a large document write is being applied (the TM's `writing` hash exists,
  store/document-writer.ts) it reads nothing either: the caller waits for the write and asks again
  (store/settled.ts), so it never sees a document half written.

  Input:
    KEYS[1]   the TM's `writing` hash
    KEYS[2..] unit hashes
    ARGV[1..] field names; ARGV[1] must be a field every unit has (ar)

  Output (codes as named in scripts.ts, ScriptCode):
    one element per unit key: the joined values, or nil when the unit does not exist (its ARGV[1] is missing); or
   -5  WRITING: a large document write is being applied; nothing read
]]
if redis.call('EXISTS', KEYS[1]) == 1 then return -5 end
local out = {}
for i = 2, #KEYS do
  local v = redis.call('HMGET', KEYS[i], unpack(ARGV))
  if v[1] then
    for j = 1, #ARGV do
      if not v[j] then v[j] = '' end
    end
    out[i - 1] = table.concat(v, '\0')
  else
    out[i - 1] = false
  end
end
return out
