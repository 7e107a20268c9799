import Foundation
import MetricxPostgres
import MetricxSemantics

/// Merges 15-minute buckets older than a cut-off into hourly buckets. Hours are aligned to each
/// workspace's time zone (so nothing moves across a local day and the daily rollup stays exact),
/// only whole hours before the cut-off are merged, and each workspace is compacted in one
/// transaction: an interruption leaves either the old buckets or the new ones, never a mix.
/// Running it again changes nothing.
struct Compactor: Sendable {
    let postgres: PostgresClient

    struct Outcome: Equatable, Sendable {
        var bucketsCompacted = 0
        var rowsWritten = 0
    }

    func compact(olderThan cutoff: Date, workspaceID: UUID?) async throws -> Outcome {
        let workspaces: [(UUID, String)]
        if let workspaceID {
            let zone = try await postgres.query(
                "SELECT timezone FROM metrics.workspace_settings WHERE workspace_id = $1", workspaceID
            ).rows.first.map { try $0.decode(String.self, at: 0) }
            workspaces = [(workspaceID, zone ?? "UTC")]
        } else {
            let rows = try await postgres.query(
                """
                SELECT DISTINCT s.workspace_id::text, coalesce(w.timezone, 'UTC') FROM metrics.snapshots s
                LEFT JOIN metrics.workspace_settings w ON w.workspace_id = s.workspace_id
                WHERE s.bucket_minutes = 15 AND s.bucket_start < $1
                """, cutoff
            ).rows
            workspaces = try rows.map { (UUID(uuidString: try $0.decode(String.self, at: 0))!, try $0.decode(String.self, at: 1)) }
        }
        var total = Outcome()
        for (workspace, zone) in workspaces {
            let outcome = try await compact(workspace: workspace, timeZone: zone, cutoff: cutoff)
            total.bucketsCompacted += outcome.bucketsCompacted
            total.rowsWritten += outcome.rowsWritten
        }
        return total
    }

    private func compact(workspace: UUID, timeZone: String, cutoff: Date) async throws -> Outcome {
        let measures = Measure.allCases.map(\.column)
        return try await postgres.withTransaction { connection in
            // Alone: it rewrites buckets of every ad, which ingests (holding the lock shared) lock ad by ad.
            try await connection.lockWorkspace(workspace, scope: SnapshotWriter.lockScope, mode: .exclusive)
            try await connection.query(
                """
                CREATE TEMP TABLE IF NOT EXISTS compact_moved (
                    ad_id bigint, hour timestamptz, \(measures.map { "\($0) float8" }.joined(separator: ", ")), buckets int
                ) ON COMMIT DELETE ROWS
                """)
            // Local hour boundaries: date_bin's origin is a local midnight in the workspace's zone.
            let moved = try await connection.query(
                """
                WITH origin AS (SELECT ('2000-01-01'::timestamp AT TIME ZONE $2) AS at),
                limit_ AS (SELECT date_bin('1 hour', $3::timestamptz, origin.at) AS at FROM origin),
                moved AS (
                    DELETE FROM metrics.snapshots s USING limit_
                    WHERE s.workspace_id = $1 AND s.bucket_minutes = 15 AND s.bucket_start < limit_.at
                    RETURNING s.*
                )
                INSERT INTO compact_moved
                SELECT m.ad_id, date_bin('1 hour', m.bucket_start, origin.at), \(measures.map { "sum(m.\($0))" }.joined(separator: ", ")), count(*)
                FROM moved m, origin GROUP BY 1, 2
                """, workspace, timeZone, cutoff)
            guard moved.affectedRows > 0 else { return Outcome() }
            let written = try await connection.query(
                """
                INSERT INTO metrics.snapshots (workspace_id, ad_id, bucket_start, bucket_minutes, \(measures.joined(separator: ", ")))
                SELECT $1, ad_id, hour, 60, \(measures.joined(separator: ", ")) FROM compact_moved
                ON CONFLICT (workspace_id, ad_id, bucket_start) DO UPDATE SET
                    bucket_minutes = 60,
                    \(measures.map { "\($0) = snapshots.\($0) + EXCLUDED.\($0)" }.joined(separator: ", ")),
                    updated_at = now()
                """, workspace)
            let buckets = try await connection.query("SELECT coalesce(sum(buckets), 0)::int8 FROM compact_moved").single().decode(
                Int.self, at: 0)
            return Outcome(bucketsCompacted: buckets, rowsWritten: written.affectedRows)
        }
    }
}
