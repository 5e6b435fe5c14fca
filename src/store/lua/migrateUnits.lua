--[[
  Schema version 1 to 2 (scripts/migrate/schema-1-to-2.ts, store/migrate.ts): turns unit hashes into unit records
  (store/unit-record.ts), each atomically. A key that is already a string (converted by an earlier run that stopped)
  or gone is left alone, so the migration can be run again after a crash. A hash field the record does not know is
  dropped (version 1 never wrote one).

  Input:
    KEYS[1..]  unit keys of one TM

  Output (data, no codes):
    { converted, already, missing }: the hashes converted, the keys that were records already, the keys absent
]]
local converted, already, missing = 0, 0, 0
for i = 1, #KEYS do
  local key = KEYS[i]
  local kind = redis.call('TYPE', key).ok
  if kind == 'hash' then
    local flat = redis.call('HGETALL', key)
    local t = {}
    for j = 1, #flat, 2 do t[flat[j]] = flat[j + 1] end
    redis.call('DEL', key)
    setRecord(key, t)
    converted = converted + 1
  elseif kind == 'string' then
    already = already + 1
  else
    missing = missing + 1
  end
end
return { converted, already, missing }
