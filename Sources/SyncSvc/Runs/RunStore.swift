import Foundation
import MetricxPostgres

/// One row of `sync.runs`: the history a connection's status page shows.
struct RunRecord: Sendable, Equatable {
    enum Status: String, Sendable {
        case queued, running, succeeded, failed
    }

    var workspaceID: UUID
    var id: UUID
    var connectionID: UUID
    var kind: Job.Kind
    var trigger: String
    var status: Status
    var queuedAt: Date
    var startedAt: Date?
    var finishedAt: Date?
    var rows: Int64
    var error: String?
    var attempt: Int
}

/// `sync.runs`, always within one workspace.
struct RunStore: Sendable {
    let postgres: PostgresClient

    static let columns = "workspace_id, id, connection_id, kind, trigger, status, queued_at, started_at, finished_at, rows, error, attempt"

    static func record(_ row: PostgresRow) throws -> RunRecord {
        RunRecord(
            workspaceID: try row.decode(at: 0), id: try row.decode(at: 1), connectionID: try row.decode(at: 2),
            kind: Job.Kind(rawValue: try row.decode(at: 3)) ?? .sync, trigger: try row.decode(at: 4),
            status: RunRecord.Status(rawValue: try row.decode(at: 5)) ?? .failed, queuedAt: try row.decode(at: 6),
            startedAt: try row.decode(at: 7), finishedAt: try row.decode(at: 8), rows: try row.decode(at: 9),
            error: try row.decode(at: 10), attempt: try row.decode(at: 11))
    }

    func create(workspaceID: UUID, id: UUID, connectionID: UUID, kind: Job.Kind, trigger: String) async throws -> RunRecord {
        try Self.record(
            try await postgres.query(
                """
                INSERT INTO sync.runs (workspace_id, id, connection_id, kind, trigger) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (workspace_id, id) DO UPDATE SET trigger = sync.runs.trigger
                RETURNING \(Self.columns)
                """, workspaceID, id, connectionID, kind.rawValue, trigger
            ).single())
    }

    func get(workspaceID: UUID, id: UUID) async throws -> RunRecord? {
        try await postgres.query("SELECT \(Self.columns) FROM sync.runs WHERE workspace_id = $1 AND id = $2", workspaceID, id)
            .rows.first.map(Self.record)
    }

    func start(workspaceID: UUID, id: UUID, attempt: Int) async throws {
        try await postgres.query(
            """
            UPDATE sync.runs SET status = 'running', started_at = now(), finished_at = NULL, error = NULL, attempt = $3
            WHERE workspace_id = $1 AND id = $2
            """, workspaceID, id, attempt)
    }

    /// `status` queued means "failed, will retry": the error is kept for the status page.
    func finish(workspaceID: UUID, id: UUID, status: RunRecord.Status, rows: Int64, error: String?) async throws {
        try await postgres.query(
            """
            UPDATE sync.runs SET status = $3, rows = $4, error = $5,
                finished_at = CASE WHEN $3 IN ('succeeded', 'failed') THEN now() ELSE NULL END
            WHERE workspace_id = $1 AND id = $2
            """, workspaceID, id, status.rawValue, rows, error.map { String($0.prefix(1000)) })
    }

    /// Newest first; `after` is the id of the last run of the previous page.
    func list(workspaceID: UUID, connectionID: UUID, after: UUID?, limit: Int) async throws -> [RunRecord] {
        let result: PostgresResult
        if let after {
            result = try await postgres.query(
                """
                SELECT \(Self.columns) FROM sync.runs
                WHERE workspace_id = $1 AND connection_id = $2
                  AND (queued_at, id) < (SELECT queued_at, id FROM sync.runs WHERE workspace_id = $1 AND id = $3)
                ORDER BY queued_at DESC, id DESC LIMIT $4
                """, workspaceID, connectionID, after, limit)
        } else {
            result = try await postgres.query(
                """
                SELECT \(Self.columns) FROM sync.runs WHERE workspace_id = $1 AND connection_id = $2
                ORDER BY queued_at DESC, id DESC LIMIT $3
                """, workspaceID, connectionID, limit)
        }
        return try result.rows.map(Self.record)
    }
}
