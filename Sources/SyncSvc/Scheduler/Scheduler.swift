import Foundation
import Logging
import MetricxPostgres
import MetricxRuntime
import ServiceLifecycle

/// Enqueues the periodic jobs: a sync per schedulable connection in each of its 15-minute slots,
/// an attribution sync per connection per day, and compaction every hour.
///
/// Exactly once per period across replicas: one leader (a Redis lease) scans, and every job is
/// enqueued under an idempotency key naming its period, so a leader that changes mid-scan, or a
/// replica that restarts, enqueues nothing twice. Only the current period is enqueued — never the
/// ones missed while nobody ran — so a restart causes no burst.
struct Scheduler: Service {
    struct Config: Sendable {
        var tick: Duration = .seconds(30)
        var leaseTTL: Duration = .seconds(90)
        var schedule = SyncSchedule()
        static let defaults = Config()
    }

    let queue: JobQueue
    let enqueuer: JobEnqueuer
    let connections: ConnectionStore
    var config: Config = .defaults
    /// This replica's name in the leader lease.
    var replicaID = UUID().uuidString
    var logger = Logger(label: "SyncSvc.scheduler")

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                _ = try await tick(at: Date())
            } catch {
                logger.warning("scheduling failed; trying again next tick", metadata: ["error": "\(error)"])
            }
            guard await pauseUnlessShuttingDown(for: config.tick) else { break }
        }
        try? await leader.release()
    }

    private var leader: RedisLock {
        RedisLock(redis: queue.redis, key: queue.config.prefix + "scheduler:leader", ttl: config.leaseTTL, token: replicaID)
    }

    /// One pass; returns how many jobs it newly enqueued (0 on a replica that is not the leader).
    func tick(at now: Date) async throws -> Int {
        guard try await leader.acquire() else { return 0 }
        var created = 0
        let day = Int64((now.timeIntervalSince1970 / 86_400).rounded(.down))
        for connection in try await connections.schedulable() {
            do {
                created += try await schedule(workspaceID: connection.workspaceID, connectionID: connection.id, at: now, day: day)
            } catch let error as PostgresError where error.sqlState == "23503" {
                // Deleted since the scan: its runs' foreign key refuses the row, and there is nothing to sync.
                logger.debug("connection deleted while scheduling", metadata: ["connection": "\(connection.id)"])
            }
        }
        let hour = Int64((now.timeIntervalSince1970 / 3600).rounded(.down))
        if try await enqueuer.enqueueCompaction(idempotencyKey: "sched:compaction:\(hour)") { created += 1 }
        if created > 0 { logger.info("scheduled jobs", metadata: ["jobs": "\(created)"]) }
        return created
    }

    /// Enqueues this slot's sync and this day's attribution for one connection; returns how many were new.
    private func schedule(workspaceID: UUID, connectionID: UUID, at now: Date, day: Int64) async throws -> Int {
        let id = connectionID.uuidString.lowercased()
        var created = 0
        if try await enqueuer.enqueue(
            kind: .sync, workspaceID: workspaceID, connectionID: connectionID, trigger: "schedule",
            idempotencyKey: "sched:sync:\(id):\(config.schedule.slot(connectionID, at: now))")
        {
            created += 1
        }
        if try await enqueuer.enqueue(
            kind: .attribution, workspaceID: workspaceID, connectionID: connectionID, trigger: "schedule",
            idempotencyKey: "sched:attribution:\(id):\(day)")
        {
            created += 1
        }
        return created
    }
}
