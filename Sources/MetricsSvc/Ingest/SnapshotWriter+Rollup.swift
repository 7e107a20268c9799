import Foundation
import MetricxPostgres
import MetricxSemantics

extension SnapshotWriter {
    /// Recomputes `ad_daily` for the (ad, workspace-local day)s the staged rows touch, and moves
    /// `campaign_daily` by the difference, in one statement.
    ///
    /// The days of ads without history (`known` holds the others) are summed from the staged rows
    /// alone. Each other ad's snapshots are read in one index range over the span of days it was
    /// touched, rather than one probe per (ad, day), and every day of that span is recomputed
    /// (a day between two touched ones comes out as it was, and is not rewritten). Every touched
    /// day has a bucket once the rows are merged, so these sums list every day to write. The old
    /// `ad_daily` values come from the statement's snapshot, taken before its own write, so the
    /// campaign rows change by exactly what their ads changed by, without re-reading every ad of
    /// the campaign. Unchanged rows are not rewritten.
    ///
    /// The campaign deltas are the new sums and the negated old ones grouped together, not a join
    /// of the two: the planner sizes these CTEs from a new workspace's missing statistics as one
    /// row each, and a join it sized so became a nested loop over both, quadratic in the batch
    /// (4.7 s per batch once the database held other workspaces).
    ///
    /// The snapshot and rollup reads are per-ad (`GROUP BY`) and per-(ad, day) (`OFFSET 0`)
    /// lateral probes, and name the workspace through a sub-select so that the planner sizes it
    /// as an average workspace rather than from its statistics: a workspace being backfilled has
    /// none yet, and, believing it held one row, the planner read all of its snapshots for every
    /// batch, which made a backfill quadratic (make bench: 0.4 s per batch at the start, 3.5 s by
    /// the end).
    func refreshDaily(workspaceID: UUID, timeZone: String, known: [Int64], on connection: PostgresConnection) async throws {
        let measures = Measure.allCases.map(\.column)
        let list = measures.joined(separator: ", ")
        try await connection.query(
            """
            WITH spans AS (
                SELECT ad_id, min(day) AS first_day, max(day) AS last_day FROM ingest_rows
                WHERE ad_id = ANY($3::int8[]) GROUP BY ad_id
            ), sums AS (
                SELECT s.ad_id, s.day, \(measures.map { "sum(s.\($0)) AS \($0)" }.joined(separator: ", "))
                FROM ingest_rows s WHERE NOT (s.ad_id = ANY($3::int8[]))
                GROUP BY 1, 2
                UNION ALL
                SELECT b.ad_id, s.day, \(measures.map { "s.\($0)" }.joined(separator: ", "))
                FROM spans b CROSS JOIN LATERAL (
                    SELECT (f.bucket_start AT TIME ZONE $2)::date AS day, \(measures.map { "sum(f.\($0)) AS \($0)" }.joined(separator: ", "))
                    FROM metrics.snapshots f
                    WHERE f.workspace_id = (SELECT $1::uuid) AND f.ad_id = b.ad_id
                        AND f.bucket_start >= (b.first_day::timestamp AT TIME ZONE $2)
                        AND f.bucket_start < ((b.last_day + 1)::timestamp AT TIME ZONE $2)
                    GROUP BY 1
                ) s
            ), fresh AS (
                SELECT s.*, coalesce(e.campaign_id, 0) AS campaign_id, e.account_id, e.provider
                FROM sums s JOIN metrics.entities e ON e.workspace_id = $1 AND e.id = s.ad_id
            ), old AS (
                SELECT f.campaign_id, f.provider, f.day, \(measures.map { "d.\($0)" }.joined(separator: ", "))
                -- An ad without buckets on a day has no ad_daily row for it: only known ads are read,
                -- and the others' rows are appended.
                FROM fresh f CROSS JOIN LATERAL (
                    SELECT \(list) FROM metrics.ad_daily d
                    WHERE d.workspace_id = (SELECT $1::uuid) AND d.day = f.day AND d.ad_id = f.ad_id
                    OFFSET 0
                ) d
                WHERE f.ad_id = ANY($3::int8[])
            ), appended AS (
                INSERT INTO metrics.ad_daily (workspace_id, day, ad_id, \(list))
                SELECT $1, day, ad_id, \(list) FROM fresh WHERE NOT (ad_id = ANY($3::int8[]))
                RETURNING 1
            ), written AS (
                INSERT INTO metrics.ad_daily AS t (workspace_id, day, ad_id, \(list))
                SELECT $1, day, ad_id, \(list) FROM fresh WHERE ad_id = ANY($3::int8[])
                ON CONFLICT (workspace_id, day, ad_id) DO UPDATE SET \(measures.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", "))
                WHERE (\(measures.map { "t.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(measures.map { "EXCLUDED.\($0)" }.joined(separator: ", ")))
                RETURNING 1
            ), deltas AS (
                SELECT campaign_id, provider, day, max(account_id) AS account_id, \(measures.map { "sum(\($0)) AS \($0)" }.joined(separator: ", "))
                FROM (
                    SELECT campaign_id, provider, day, account_id, \(list) FROM fresh
                    UNION ALL
                    SELECT campaign_id, provider, day, NULL, \(measures.map { "-\($0)" }.joined(separator: ", ")) FROM old
                ) change
                GROUP BY 1, 2, 3
            )
            INSERT INTO metrics.campaign_daily AS t (workspace_id, day, campaign_id, provider, account_id, \(list))
            SELECT $1, day, campaign_id, provider, account_id, \(list) FROM deltas
            ORDER BY day, campaign_id, provider  -- one order for every batch: no deadlock over a campaign's days
            ON CONFLICT (workspace_id, day, campaign_id, provider) DO UPDATE SET
                account_id = coalesce(EXCLUDED.account_id, t.account_id),
                \(measures.map { "\($0) = t.\($0) + EXCLUDED.\($0)" }.joined(separator: ", "))
            WHERE t.account_id IS DISTINCT FROM coalesce(EXCLUDED.account_id, t.account_id)
                OR (\(measures.map { "EXCLUDED.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(measures.map { _ in "0::float8" }.joined(separator: ", ")))
            """, workspaceID, timeZone, known)
    }
}
