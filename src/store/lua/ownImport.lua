--[[
  Makes an import job's owner (lua/jobTransition: an epoch) the one whose commit calls lua/commitImport takes, in the
  TM's slot where those calls run (the job's record lies outside it). Epochs only go up: a later owner replaces an
  earlier one, never the other way round, so an owner that stalled between its claim and this call, and wakes after
  another took the job over, is refused here and its commit calls write nothing.

  Input:
    KEYS[1]  the job's committed hash (its `owner` field; lua/commitImport keeps the commit's totals beside it)
    ARGV[1]  the owner's epoch
    ARGV[2]  time to live of the hash, milliseconds, when it has none yet (the staged keys' own)

  Output (codes as named in scripts.ts, ScriptCode):
    1  OWNED: the commit calls of this owner are taken from now on
   -8  FENCED: a later owner holds the commit: nothing written
]]
local committedKey, owner = KEYS[1], tonumber(ARGV[1])
local held = tonumber(redis.call('HGET', committedKey, 'owner') or '0')
if held > owner then return -8 end
redis.call('HSET', committedKey, 'owner', owner)
if redis.call('PTTL', committedKey) < 0 then redis.call('PEXPIRE', committedKey, ARGV[2]) end
return 1
