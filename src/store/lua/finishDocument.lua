--[[
  Ends a committed large document write once applyDocument has applied every chunk (store/document-writer.ts): the
  document loses its `writing` mark (or, for a delete, its hash), the write leaves the TM's `writing` hash, its
  lists are deleted, and the change log gets ONE entry, `op doc` naming the document: a mirror re-reads the
  document's rows and every unit of that document it holds (service/mirror.ts), so the entry costs O(1) here
  whatever the document's size. Once the TM's `writing` hash is empty, readers go on and see the whole write.

  Input:
    KEYS[1]  doc hash
    KEYS[2]  the TM's `writing` hash
    KEYS[3]  log stream of the TM
    KEYS[4]  log seq counter of the TM
    KEYS[5]  the write's staged list of ids to put
    KEYS[6]  the write's staged list of ids to delete
    KEYS[7]  the write's heartbeat key

    ARGV[1]  the write's token
    ARGV[2]  the TM's change channel (the new seq is published there)

  Output (codes as named in scripts.ts, ScriptCode):
    1  FINISHED: the write is logged and ended
   -6  SETTLED: the write had ended already (another process finished it): nothing done
]]
local docKey, writingKey, logKey, seqKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local token, channel = ARGV[1], ARGV[2]

local entry = redis.call('HGET', writingKey, token)
if not entry then return -6 end
local write = cjson.decode(entry)

if write.mode == 'delete' then
  redis.call('DEL', docKey)
else
  redis.call('HDEL', docKey, 'writing')
end
redis.call('HDEL', writingKey, token)
redis.call('DEL', KEYS[5], KEYS[6], KEYS[7])
local seq = redis.call('INCR', seqKey)
redis.call('XADD', logKey, 'MAXLEN', '~', write.logMaxLen, '*', 'seq', seq, 'op', 'doc', 'doc', write.doc)
redis.call('PUBLISH', channel, seq)
return 1
