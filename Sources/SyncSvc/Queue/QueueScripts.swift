/// The queue's atomic steps as Lua run by Redis (`EVAL`), so that a crash between two commands
/// never leaves a job in two places or none.
///
/// Keys: `<p>ready` (sorted set: job id by the time it may run), `<p>inflight` (sorted set: job id
/// by the end of its visibility timeout), `<p>dead` (list), `<p>job:<id>` (hash: payload,
/// attempts, lease, last_error) and `<p>idem:<key>` (the job id an idempotency key produced).
/// Job hashes are addressed from inside the scripts, which a single Redis (or a Redis Cluster with
/// one hash tag for the prefix) allows.
enum QueueScripts {
    /// KEYS: idem, job, ready. ARGV: id, payload, ready_at_ms, idem_ttl_s.
    /// Returns {job id, 1 when new | 0 when the key had already produced it}.
    static let enqueue = """
        local existing = redis.call('GET', KEYS[1])
        if existing then return {existing, 0} end
        redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[4])
        redis.call('HSET', KEYS[2], 'payload', ARGV[2], 'attempts', 0)
        redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
        return {ARGV[1], 1}
        """

    /// KEYS: ready, inflight. ARGV: now_ms, visible_until_ms, prefix, lease token.
    /// Returns {id, payload, attempts} or nil when nothing is due.
    static let claim = """
        while true do
          local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 1)
          if #ids == 0 then return nil end
          local id = ids[1]
          redis.call('ZREM', KEYS[1], id)
          local job = ARGV[3] .. 'job:' .. id
          local payload = redis.call('HGET', job, 'payload')
          if payload then
            redis.call('ZADD', KEYS[2], ARGV[2], id)
            local attempts = redis.call('HINCRBY', job, 'attempts', 1)
            redis.call('HSET', job, 'lease', ARGV[4])
            return {id, payload, attempts}
          end
        end
        """

    /// KEYS: inflight, job. ARGV: id, lease token. Returns 1, or 0 when the lease was lost.
    static let acknowledge = """
        if redis.call('HGET', KEYS[2], 'lease') ~= ARGV[2] then return 0 end
        redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('DEL', KEYS[2])
        return 1
        """

    /// KEYS: inflight, ready, dead, job. ARGV: id, lease token, retry_at_ms, max_attempts, error.
    /// Returns 'retry', 'dead', or 'lost'.
    static let fail = """
        if redis.call('HGET', KEYS[4], 'lease') ~= ARGV[2] then return 'lost' end
        redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('HDEL', KEYS[4], 'lease')
        redis.call('HSET', KEYS[4], 'last_error', ARGV[5])
        local attempts = tonumber(redis.call('HGET', KEYS[4], 'attempts'))
        if attempts >= tonumber(ARGV[4]) then
          redis.call('LPUSH', KEYS[3], ARGV[1])
          return 'dead'
        end
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
        return 'retry'
        """

    /// Gives a job back without counting the delivery (shutdown, or its connection is busy).
    /// KEYS: inflight, ready, job. ARGV: id, lease token, ready_at_ms. Returns 1 or 0.
    static let release = """
        if redis.call('HGET', KEYS[3], 'lease') ~= ARGV[2] then return 0 end
        redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('HDEL', KEYS[3], 'lease')
        redis.call('HINCRBY', KEYS[3], 'attempts', -1)
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
        return 1
        """

    /// Extends a lease's visibility. KEYS: inflight, job. ARGV: id, lease token, visible_until_ms.
    static let extend = """
        if redis.call('HGET', KEYS[2], 'lease') ~= ARGV[2] then return 0 end
        redis.call('ZADD', KEYS[1], 'XX', ARGV[3], ARGV[1])
        return 1
        """

    /// Returns to `ready` every job whose visibility ended (its worker died), or dead-letters it
    /// when that was its last attempt. KEYS: inflight, ready, dead. ARGV: now_ms, prefix,
    /// max_attempts. Returns the number of jobs recovered.
    static let reap = """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 100)
        for _, id in ipairs(ids) do
          local job = ARGV[2] .. 'job:' .. id
          redis.call('ZREM', KEYS[1], id)
          redis.call('HDEL', job, 'lease')
          local attempts = tonumber(redis.call('HGET', job, 'attempts') or '0')
          if attempts >= tonumber(ARGV[3]) then
            redis.call('HSET', job, 'last_error', 'the worker stopped responding')
            redis.call('LPUSH', KEYS[3], id)
          else
            redis.call('ZADD', KEYS[2], ARGV[1], id)
          end
        end
        return #ids
        """

    /// KEYS: lock. ARGV: token, ttl_ms. Extends a lock its holder still owns.
    static let extendLock = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        return redis.call('PEXPIRE', KEYS[1], ARGV[2])
        """

    /// KEYS: lock. ARGV: token. Deletes a lock its holder still owns.
    static let releaseLock = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        return redis.call('DEL', KEYS[1])
        """
}
