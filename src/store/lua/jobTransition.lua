--[[
  Moves an import job to its next status when that is allowed, atomically (the job may run on another instance), and
  hands out its owners. An owner is an epoch: the job's `owner` field, raised by one at every claim (reading, taking
  over a commit) and at an abandoned reading's failure, so that the process that held the job before is refused by
  every fenced write from then on (lua/jobWrite, lua/ownImport, lua/commitImport: DESIGN.md, "Import jobs").

  Input:
    KEYS[1]  the job hash
    ARGV[1]  the action:
             "read": a queued job starts reading, claimed by a new owner (its heartbeat set to now);
             "commit": a running job of owner ARGV[3] starts committing, unless a cancel was asked for (again, for a
               job of that owner committing already: nothing changes);
             "take": a committing job whose heartbeat is older than ARGV[4] (its owner stopped beating: dead, or
               stalled) is claimed by a new owner, who finishes it (its heartbeat set to now): runs its commit again,
               or, when the old owner had begun to end it (its `ending` field), ends it as that owner meant;
             "cancel": ask a queued or running job to stop (the worker sees the flag at its next chunk);
             "abandon": fail a running job whose heartbeat is older than ARGV[4] (its file, a temporary file of the
               process that stopped beating, cannot be read by another)
    ARGV[2]  now, epoch milliseconds
    ARGV[3]  (commit) the owner's epoch
    ARGV[4]  (take, abandon; cancel: '' when the caller runs the job) abandoned before, epoch milliseconds: a job
             whose `heartbeat` (or, with none, `updated`) is older has no process left to act on it
    ARGV[5]  (abandon, cancel) the `error` field (JSON) of a running job so failed
    ARGV[6..] (read) field/value pairs set with the claim

  Output (codes as named in scripts.ts, ScriptCode):
    read, take: the new owner's epoch (an integer >= 1)
    1  TRANSITIONED: cancel requested, or committing
   -2  NOT_FOUND: no such job
   -3  REFUSED: read of a job not queued; cancel of a job that is committing or finished; commit of a job asked to
       cancel or not running; take of a job not committing or whose owner still beats; abandon of a job not running
       or whose owner still beats
   -7  ABANDONED: cancel or abandon of an abandoned running job, now failed with its owner raised (its staged keys
       are the caller's to drop)
   -8  FENCED: commit by an owner the job no longer has (another took it over, or failed its reading as abandoned)
]]
local jobKey, action, now = KEYS[1], ARGV[1], ARGV[2]
local status = redis.call('HGET', jobKey, 'status')
if not status then return -2 end

local function stale()
  local beat = tonumber(redis.call('HGET', jobKey, 'heartbeat') or redis.call('HGET', jobKey, 'updated') or '0')
  return beat < tonumber(ARGV[4])
end

if action == 'read' then
  if status ~= 'queued' then return -3 end
  local owner = redis.call('HINCRBY', jobKey, 'owner', 1)
  redis.call('HSET', jobKey, 'status', 'running', 'updated', now, 'heartbeat', now)
  if #ARGV > 5 then redis.call('HSET', jobKey, unpack(ARGV, 6)) end
  return owner
end
if action == 'commit' then
  if redis.call('HGET', jobKey, 'owner') ~= ARGV[3] then return -8 end
  if status == 'committing' then return 1 end
  if status ~= 'running' or redis.call('HGET', jobKey, 'cancel') == '1' then return -3 end
  redis.call('HSET', jobKey, 'status', 'committing', 'updated', now)
  return 1
end
if action == 'take' then
  if status ~= 'committing' or not stale() then return -3 end
  local owner = redis.call('HINCRBY', jobKey, 'owner', 1)
  redis.call('HSET', jobKey, 'updated', now, 'heartbeat', now)
  return owner
end
-- cancel, abandon: a running job whose owner stopped beating is failed, and its owner raised.
if ARGV[4] and ARGV[4] ~= '' and status == 'running' and stale() then
  redis.call('HINCRBY', jobKey, 'owner', 1)
  redis.call('HSET', jobKey, 'status', 'failed', 'error', ARGV[5], 'updated', now, 'finished', now)
  return -7
end
if action ~= 'cancel' or (status ~= 'queued' and status ~= 'running') then return -3 end
redis.call('HSET', jobKey, 'cancel', '1', 'updated', now)
return 1
