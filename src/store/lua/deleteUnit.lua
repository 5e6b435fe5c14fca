--[[
  Deletes one unit and logs it, atomically. A unit of a document also leaves the document: the rows after it move
  up one position (their units are logged as changed), and a document left with no rows is deleted.

  Input:
    KEYS[1]  unit record (store/unit-record.ts)
    KEYS[2]  units set of the TM
    KEYS[3]  log stream of the TM
    KEYS[4]  log seq counter of the TM
    for a document unit, also:
    KEYS[5]  document hash
    KEYS[6]  document rows list
    KEYS[7]  docs zset of the TM
    KEYS[8..] unit records of the rows after it, in order (each one's pos moves down one)

    ARGV[1]  unit id
    ARGV[2]  now, epoch milliseconds
    ARGV[3]  approximate maximum length of the log stream
    ARGV[4]  the TM's change channel (the last seq is published there)
    ARGV[5]  If-Match: '' (no condition), '*', or entity tags each between spaces, as in putUnit.lua
    for a document unit, also:
    ARGV[6]  document id
    ARGV[7]  the document's rev the caller read the rows at
    ARGV[8..] unit ids of the rows after it (same order as KEYS[8..])

  Output (codes as named in scripts.ts, ScriptCode):
    1  DELETED
   -1  CONFLICT: the document's rev is not ARGV[7] (it changed since the caller read it): read again and retry
   -2  NOT_FOUND: no such unit
   -4  PRECONDITION_FAILED: the unit's tag is none of ARGV[5]'s
]]
local unitKey, unitsKey, logKey, seqKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local unitId, now, maxLen, channel, ifMatch = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]

local rec = getRecord(unitKey)
if not rec then return -2 end
if ifMatch ~= '' and ifMatch ~= '*' and not string.find(ifMatch, ' ' .. unitTag(rec) .. ' ', 1, true) then
  return -4
end

local function log(op, id)
  local seq = redis.call('INCR', seqKey)
  redis.call('XADD', logKey, 'MAXLEN', '~', maxLen, '*', 'seq', seq, 'op', op, 'id', id)
end

if KEYS[5] then
  local docKey, rowsKey, docsKey = KEYS[5], KEYS[6], KEYS[7]
  if (redis.call('HGET', docKey, 'rev') or '') ~= ARGV[7] then return -1 end
  redis.call('LREM', rowsKey, 1, unitId)
  for k = 8, #KEYS do
    local later = getRecord(KEYS[k])
    if later then
      later.pos = string.format('%d', (tonumber(later.pos) or 0) - 1)
      setRecord(KEYS[k], later)
    end
    log('put', ARGV[k])
  end
  if redis.call('LLEN', rowsKey) == 0 then
    redis.call('DEL', docKey, rowsKey)
    redis.call('ZREM', docsKey, ARGV[6])
  else
    redis.call('HINCRBY', docKey, 'segments', -1)
    redis.call('HINCRBY', docKey, 'rev', 1)
    redis.call('HSET', docKey, 'updated', now)
  end
end

redis.call('DEL', unitKey)
redis.call('SREM', unitsKey, unitId)
log('del', unitId)
redis.call('PUBLISH', channel, redis.call('GET', seqKey))
return 1
