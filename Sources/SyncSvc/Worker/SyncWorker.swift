import Foundation
import Logging
import Metrics
import MetricxRuntime
import ServiceLifecycle

/// Takes jobs off the queue and runs them, `concurrency` at a time, with one connection never
/// synced by two workers at once (a Redis lock per connection, held while the job runs).
///
/// A running job's lease and lock are extended every ``Config/heartbeat``; a worker that dies
/// stops extending them and both expire, so the job is delivered again. On graceful shutdown no
/// new job is claimed, running jobs get ``Config/shutdownGrace`` to finish, and what is still
/// running then is cancelled and handed back to the queue without counting an attempt.
struct SyncWorker: Service {
    struct Config: Sendable {
        var concurrency = 4
        var pollInterval: Duration = .milliseconds(500)
        var heartbeat: Duration = .seconds(15)
        var reapInterval: Duration = .seconds(5)
        var shutdownGrace: Duration = .seconds(10)
        /// When a job's connection is busy, it is handed back for this long.
        var busyDelay: Duration = .seconds(5)

        static let defaults = Config()
    }

    let queue: JobQueue
    let runner: SyncRunner
    var config: Config = .defaults
    var logger = Logger(label: "SyncSvc.worker")

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<config.concurrency {
                group.addTask { await self.loop() }
            }
            group.addTask { await self.maintain() }
        }
    }

    private func loop() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if let lease = try await queue.claim() {
                    await process(lease)
                    continue
                }
            } catch {
                logger.warning("cannot claim a job", metadata: ["error": "\(error)"])
            }
            guard await pauseUnlessShuttingDown(for: config.pollInterval) else { break }
        }
    }

    /// Recovers the jobs of dead workers and publishes the queue's depth.
    private func maintain() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let recovered = try await queue.reap()
                if recovered > 0 { logger.notice("recovered jobs of a stopped worker", metadata: ["jobs": "\(recovered)"]) }
                let depth = try await queue.depth()
                Gauge(label: "sync_queue_depth", dimensions: [("state", "ready")]).record(depth.ready)
                Gauge(label: "sync_queue_depth", dimensions: [("state", "inflight")]).record(depth.inflight)
                Gauge(label: "sync_queue_depth", dimensions: [("state", "dead")]).record(depth.dead)
            } catch {
                logger.warning("queue maintenance failed", metadata: ["error": "\(error)"])
            }
            guard await pauseUnlessShuttingDown(for: config.reapInterval) else { break }
        }
    }

    /// Runs one leased job to an outcome the queue and the run history both record.
    func process(_ lease: Lease) async {
        let job = lease.job
        var metadata: Logger.Metadata = ["job": "\(job.id)", "kind": "\(job.kind.rawValue)", "attempt": "\(lease.attempt)"]
        if let connection = job.connectionID { metadata["connection"] = "\(connection)" }
        let lock = job.exclusiveResource.map {
            RedisLock(redis: queue.redis, key: queue.config.prefix + "lock:" + $0, ttl: queue.config.visibilityTimeout)
        }
        do {
            if let lock, try await !lock.acquire() {
                try await queue.release(lease, notBefore: Date().addingTimeInterval(Double(config.busyDelay.components.seconds)))
                return
            }
        } catch {
            logger.warning("cannot take the connection lock", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            _ = try? await queue.release(lease)
            return
        }

        let started = ContinuousClock.now
        let runner = self.runner
        let work = Task { try await runner.run(job, attempt: lease.attempt) }
        let heartbeat = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: config.heartbeat)
                _ = try? await queue.extend(lease)
                _ = try? await lock?.extend()
            }
        }
        let grace = config.shutdownGrace
        let result = await withGracefulShutdownHandler {
            await work.result
        } onGracefulShutdown: {
            Task {
                try? await Task.sleep(for: grace)
                work.cancel()
            }
        }
        heartbeat.cancel()
        let elapsed = ContinuousClock.now - started
        Metrics.Timer(label: "sync_job_duration_seconds", dimensions: [("kind", job.kind.rawValue)]).record(duration: elapsed)
        await finish(lease, result: result, metadata: metadata)
        try? await lock?.release()
    }

    private func finish(_ lease: Lease, result: Result<SyncRunner.Result, any Error>, metadata: Logger.Metadata) async {
        let job = lease.job
        let runs = runner.runs
        let connections = runner.connections
        do {
            switch result {
            case .success(let outcome):
                try await queue.acknowledge(lease)
                if let workspace = job.workspaceID, let run = job.runID {
                    try await runs.finish(workspaceID: workspace, id: run, status: .succeeded, rows: outcome.rows, error: nil)
                }
                Counter(label: "sync_jobs_total", dimensions: [("kind", job.kind.rawValue), ("outcome", "succeeded")]).increment()
                logger.info("job succeeded", metadata: metadata.merging(["rows": "\(outcome.rows)"]) { $1 })

            case .failure(let error as SkippedJob):
                try await queue.acknowledge(lease)
                if let workspace = job.workspaceID, let run = job.runID {
                    try await runs.finish(workspaceID: workspace, id: run, status: .failed, rows: 0, error: error.reason)
                }

            case .failure(let error) where error is CancellationError || Task.isShuttingDownGracefully && (error as? ConnectorError) == nil:
                // Shutting down: the job goes back untouched for another worker.
                try await queue.release(lease)
                if let workspace = job.workspaceID, let run = job.runID {
                    try await runs.finish(
                        workspaceID: workspace, id: run, status: .queued, rows: 0, error: "interrupted by a shutdown; queued again")
                }
                logger.notice("job returned to the queue at shutdown", metadata: metadata)

            case .failure(let error):
                let connectorError = error as? ConnectorError
                let message = connectorError?.message ?? Self.describe(error)
                let retryable = connectorError?.isRetryable ?? true
                // Retrying cannot fix a refused token or a rejected request: the run ends now, and
                // only exhausted retries of transient failures go to the dead-letter list.
                let outcome: JobQueue.FailureOutcome =
                    retryable ? try await queue.fail(lease, error: message) : try await queue.acknowledge(lease) ? .final : .lost
                Counter(label: "sync_job_failures_total", dimensions: [("kind", job.kind.rawValue), ("outcome", outcome.rawValue)])
                    .increment()
                logger.warning("job failed", metadata: metadata.merging(["error": "\(message)", "outcome": "\(outcome.rawValue)"]) { $1 })
                guard let workspace = job.workspaceID else { return }
                if let run = job.runID {
                    let status: RunRecord.Status = outcome == .retry ? .queued : .failed
                    try await runs.finish(workspaceID: workspace, id: run, status: status, rows: 0, error: message)
                }
                guard let connection = job.connectionID, outcome != .lost else { return }
                // While a retry may still succeed the connection shows the error but stays active.
                let status: ConnectionStatus =
                    connectorError?.code == .unauthorized ? .needsReauth : outcome == .retry ? .active : .error
                try await connections.recordFailure(workspaceID: workspace, id: connection, message: message, status: status)
            }
        } catch {
            logger.error("cannot record a job's outcome", metadata: metadata.merging(["error": "\(error)"]) { $1 })
        }
    }

    /// A failure that is not a connector's, in words safe for the status page.
    static func describe(_ error: any Error) -> String {
        if let convertible = error as? any ServiceErrorConvertible {
            let service = convertible.serviceError
            return service.code == .internalError ? "an internal error stopped the sync" : service.message
        }
        return "the sync could not write its data (a service was unavailable); it will be retried"
    }
}
