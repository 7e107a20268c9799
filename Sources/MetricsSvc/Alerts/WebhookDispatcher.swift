import AsyncHTTPClient
import Foundation
import Logging
import MetricxOutbound
import MetricxPostgres
import MetricxRuntime
import NIOCore
import ServiceLifecycle

/// Delivers queued alert notifications to their webhooks, with retries. Each pass claims due
/// deliveries with `FOR UPDATE SKIP LOCKED` and pushes their next attempt past the request
/// timeout before posting, so replicas never send one notification twice at once; a failed
/// attempt is retried with exponential backoff until `maximumAttempts`, then marked failed.
///
/// The URL is a workspace's choice, so posting goes through ``OutboundHTTPClient``: no private,
/// loopback or metadata address, no redirect, a capped answer; and the delivery log says what
/// kind of failure it was ("refused address", "timeout", "HTTP 503"), never the connection's
/// own error, so the log cannot be used to map what listens where.
struct WebhookDispatcher: Service {
    struct Config: Sendable {
        var pollInterval: Duration = .seconds(2)
        var batchSize = 20
        var maximumAttempts = 5
        /// The first retry waits this long; each later one twice the one before.
        var firstBackoff: Double = 5
        var maximumBackoff: Double = 600
        var requestTimeout: Int64 = 10
        /// Restricts passes to one workspace (tests; an operator re-driving one workspace).
        var workspaceID: UUID?

        static let defaults = Config()
    }

    let postgres: PostgresClient
    var client = OutboundHTTPClient()
    var config = Config.defaults
    var logger = Logger(label: "MetricsSvc.webhooks")

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                _ = try await deliverDue(now: Date())
            } catch {
                logger.warning("webhook pass failed; trying again", metadata: ["error": "\(error)"])
            }
            guard await pauseUnlessShuttingDown(for: config.pollInterval) else { break }
        }
    }

    /// One pass over the deliveries due at `now`; returns how many were attempted.
    func deliverDue(now: Date) async throws -> Int {
        let due = try await claim(now: now)
        for delivery in due {
            let outcome = await post(delivery)
            try await record(delivery, outcome: outcome, now: Date())
        }
        return due.count
    }

    private struct Due: Sendable {
        var workspaceID: UUID
        var id: UUID
        var url: String
        var body: String
        var attempts: Int
    }

    private func claim(now: Date) async throws -> [Due] {
        try await postgres.withTransaction { connection in
            let rows = try await connection.query(
                """
                UPDATE metrics.alert_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $2
                WHERE (d.workspace_id, d.id) IN (
                    SELECT workspace_id, id FROM metrics.alert_deliveries
                    WHERE status = 'pending' AND next_attempt_at <= $1 AND ($4::uuid IS NULL OR workspace_id = $4)
                    ORDER BY next_attempt_at LIMIT $3
                    FOR UPDATE SKIP LOCKED)
                RETURNING d.workspace_id, d.id, d.url, d.body, d.attempts
                """,
                now, now.addingTimeInterval(Double(config.requestTimeout) * 3), config.batchSize, config.workspaceID
            ).rows
            return try rows.map { row in
                let (workspace, id, url, body, attempts) = try row.decode(UUID.self, UUID.self, String.self, String.self, Int.self)
                return Due(workspaceID: workspace, id: id, url: url, body: body, attempts: attempts)
            }
        }
    }

    private enum Outcome: Sendable {
        case delivered(status: Int)
        case failed(status: Int, error: String)
    }

    private func post(_ delivery: Due) async -> Outcome {
        var request = HTTPClientRequest(url: delivery.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "metricx-alerts/1")
        request.headers.add(name: "X-Metricx-Delivery", value: delivery.id.uuidString.lowercased())
        request.body = .bytes(ByteBuffer(string: delivery.body))
        do {
            let response = try await client.execute(request, timeout: .seconds(config.requestTimeout))
            if (200..<300).contains(response.status) { return .delivered(status: response.status) }
            return .failed(status: response.status, error: "HTTP \(response.status)")
        } catch {
            logger.info(
                "webhook not reached",
                metadata: [
                    "delivery_id": "\(delivery.id)", "category": "\(error.category)", "cause": "\(error.cause.map { "\($0)" } ?? "")",
                ])
            return .failed(status: 0, error: error.category)
        }
    }

    private func record(_ delivery: Due, outcome: Outcome, now: Date) async throws {
        switch outcome {
        case .delivered(let status):
            _ = try await postgres.query(
                """
                UPDATE metrics.alert_deliveries SET status = 'delivered', delivered_at = $3, last_status_code = $4, last_error = ''
                WHERE workspace_id = $1 AND id = $2
                """,
                delivery.workspaceID, delivery.id, now, status)
        case .failed(let status, let error):
            let exhausted = delivery.attempts >= config.maximumAttempts
            let backoff = min(config.maximumBackoff, config.firstBackoff * pow(2, Double(delivery.attempts - 1)))
            _ = try await postgres.query(
                """
                UPDATE metrics.alert_deliveries SET status = $3, next_attempt_at = $4, last_status_code = $5, last_error = $6
                WHERE workspace_id = $1 AND id = $2
                """,
                delivery.workspaceID, delivery.id, exhausted ? "failed" : "pending", now.addingTimeInterval(backoff), status, error)
            logger.info(
                "webhook delivery failed",
                metadata: [
                    "delivery_id": "\(delivery.id)", "attempt": "\(delivery.attempts)", "status": "\(status)", "final": "\(exhausted)",
                ])
        }
    }
}
