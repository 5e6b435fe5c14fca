--[[
  Deletes a document and all its units atomically, logging each unit's deletion.

  Input:
    KEYS[1]  document hash
    KEYS[2]  document rows list
    KEYS[3]  docs zset of the TM
    KEYS[4]  units set of the TM
    KEYS[5]  log stream of the TM
    KEYS[6]  log seq counter of the TM
    KEYS[7..] unit records of the document's rows (as the caller read them)

    ARGV[1]  document id
    ARGV[2]  the document's rev the caller read the rows at
    ARGV[3]  approximate maximum length of the log stream
    ARGV[4]  the TM's change channel (the last seq is published there)
    ARGV[5..] unit ids of the rows (same order as KEYS[7..])

  Output (codes as named in scripts.ts, ScriptCode):
    number of units deleted (>= 0)
   -1 CONFLICT: the document's rev is not ARGV[2] (it changed since the caller read it): read again and retry
   -2 NOT_FOUND: no such document
]]
local docKey, rowsKey, docsKey, unitsKey, logKey, seqKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local docId, seenRev, maxLen, channel = ARGV[1], ARGV[2], ARGV[3], ARGV[4]

if redis.call('EXISTS', docKey) == 0 then return -2 end
if (redis.call('HGET', docKey, 'rev') or '') ~= seenRev then return -1 end

for k = 7, #KEYS do
  local unitId = ARGV[k - 2]
  redis.call('DEL', KEYS[k])
  redis.call('SREM', unitsKey, unitId)
  local seq = redis.call('INCR', seqKey)
  redis.call('XADD', logKey, 'MAXLEN', '~', maxLen, '*', 'seq', seq, 'op', 'del', 'id', unitId)
end
redis.call('DEL', docKey, rowsKey)
redis.call('ZREM', docsKey, docId)
if #KEYS > 6 then redis.call('PUBLISH', channel, redis.call('GET', seqKey)) end
return #KEYS - 6
