--[[
  Reads many units at once for a whole-TM export or an index rebuild, each as ONE string: the values of the fields
  asked, in order, joined by NUL (a missing field is empty). One string a unit instead of a reply element per field
  makes the client's work a fraction of a pipelined HGETALL's. Texts never hold NUL when they come from XML; when one
  does (a unit written through the API), the reader sees more parts than fields asked and reads that unit again
  with HMGET. Writes nothing.

  Input:
    KEYS[1..] unit hashes
    ARGV[1..] field names; ARGV[1] must be a field every unit has (ar)

  Output (data, no codes):
    one element per key: the joined values, or nil when the unit does not exist (its ARGV[1] is missing)
]]
local out = {}
for i = 1, #KEYS do
  local v = redis.call('HMGET', KEYS[i], unpack(ARGV))
  if v[1] then
    for j = 1, #ARGV do
      if not v[j] then v[j] = '' end
    end
    out[i] = table.concat(v, '\0')
  else
    out[i] = false
  end
end
return out
