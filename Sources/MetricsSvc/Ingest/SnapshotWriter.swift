import Foundation
import MetricxPostgres
import MetricxRuntime
import MetricxSemantics

/// Writes entities and snapshot rows of one workspace in one transaction: entities upserted level
/// by level with their ancestors, rows bulk-loaded with COPY into a staging table and merged, and
/// the daily rollups recomputed for every (ad, day) touched. Re-sending the same batch changes
/// nothing; a later value for a bucket replaces the earlier one, within a batch too.
///
/// Batches of one workspace run side by side unless they share an ad: each holds its ads' entity
/// rows locked until it commits, so an ad's buckets and daily rollup have one writer at a time and
/// the rollup is always recomputed from every committed bucket. Compaction, which rewrites
/// buckets of any ad, runs alone.
struct SnapshotWriter: Sendable {
    /// The advisory lock of a workspace's numbers: shared by ingests, exclusive for compaction.
    static let lockScope = "metrics.numbers"
    /// How many times a batch is tried when the server breaks a deadlock by aborting it.
    static let attempts = 4

    let postgres: PostgresClient

    struct Outcome: Equatable {
        var entities: Int
        var rows: Int
    }

    func write(workspaceID: UUID, timeZone: String, entities: [IngestEntity], rows: [IngestRow]) async throws -> Outcome {
        let zone = try WorkspaceTimeZone.resolve(timeZone, field: "settings.timezone").zone
        let ads = Self.adKeys(entities: entities, rows: rows)
        let latest = Self.latest(rows)
        return try await postgres.withTransaction(retryingConflicts: Self.attempts) { connection in
            try await connection.lockWorkspace(workspaceID, scope: SnapshotWriter.lockScope, mode: .shared)
            try await lockExistingAds(ads, workspaceID: workspaceID, on: connection)
            try await setTimeZone(timeZone, workspaceID: workspaceID, on: connection)
            let upserted = try await upsert(entities, ads: ads, workspaceID: workspaceID, on: connection)
            guard !latest.isEmpty else { return Outcome(entities: upserted, rows: 0) }
            // Every ad exists now: `upsert` created bare ones for ads no entity described.
            let ids = try await adIDs(ads, workspaceID: workspaceID, on: connection)
            try await stage(latest, ids: ids, timeZone: zone, on: connection)
            let known = try await adsWithHistory(workspaceID: workspaceID, timeZone: timeZone, on: connection)
            try await mergeStaged(workspaceID: workspaceID, known: known, on: connection)
            try await refreshDaily(workspaceID: workspaceID, timeZone: timeZone, known: known, on: connection)
            return Outcome(entities: upserted, rows: rows.count)
        }
    }

    /// The rows with one per (ad, bucket): the last one sent, as a later value replaces an earlier one.
    static func latest(_ rows: [IngestRow]) -> [IngestRow] {
        struct Bucket: Hashable {
            var provider: String
            var ad: String
            var start: Date
        }
        var seen = Set<Bucket>(minimumCapacity: rows.count)
        var kept: [IngestRow] = []
        kept.reserveCapacity(rows.count)
        for row in rows.reversed() where seen.insert(Bucket(provider: row.provider, ad: row.adExternalID, start: row.bucketStart)).inserted
        {
            kept.append(row)
        }
        if kept.count == rows.count { return rows }
        return kept.reversed()
    }

    /// Read first: the upsert locks the settings row even when it changes nothing, which would
    /// serialise concurrent batches of one workspace behind each other's transactions.
    private func setTimeZone(_ timeZone: String, workspaceID: UUID, on connection: PostgresConnection) async throws {
        let current = try await connection.query(
            "SELECT timezone FROM metrics.workspace_settings WHERE workspace_id = $1", workspaceID)
        let previous = try current.rows.first?.decode(String.self, at: 0)
        guard previous != timeZone else { return }
        if previous != nil { try await realignDays(to: timeZone, workspaceID: workspaceID, on: connection) }
        try await connection.query(
            """
            INSERT INTO metrics.workspace_settings (workspace_id, timezone) VALUES ($1, $2)
            ON CONFLICT (workspace_id) DO UPDATE SET timezone = EXCLUDED.timezone, updated_at = now()
            WHERE workspace_settings.timezone IS DISTINCT FROM EXCLUDED.timezone
            """, workspaceID, timeZone)
    }

    /// The workspace's time zone changed since its rollups were computed: its days start at other
    /// instants now, so `ad_daily` and `campaign_daily` are rebuilt from the buckets in the new
    /// zone. Without it, a bucket's day in the rollup and the day the next batch looks it up by
    /// would disagree (the batch then appends a day that exists, and the import fails), and daily
    /// totals would mix the two zones. Exclusive, so no other batch of the workspace writes
    /// meanwhile; a rare event (someone edited the workspace's zone).
    private func realignDays(to timeZone: String, workspaceID: UUID, on connection: PostgresConnection) async throws {
        try await connection.lockWorkspace(workspaceID, scope: SnapshotWriter.lockScope, mode: .exclusive)
        let measures = Measure.allCases.map(\.column)
        let list = measures.joined(separator: ", ")
        let sums = measures.map { "sum(\($0))" }.joined(separator: ", ")
        try await connection.query("DELETE FROM metrics.ad_daily WHERE workspace_id = $1", workspaceID)
        try await connection.query(
            """
            INSERT INTO metrics.ad_daily (workspace_id, day, ad_id, \(list))
            SELECT $1, (bucket_start AT TIME ZONE $2)::date, ad_id, \(sums)
            FROM metrics.snapshots WHERE workspace_id = $1
            GROUP BY 2, 3
            """, workspaceID, timeZone)
        try await connection.query("DELETE FROM metrics.campaign_daily WHERE workspace_id = $1", workspaceID)
        try await connection.query(
            """
            INSERT INTO metrics.campaign_daily (workspace_id, day, campaign_id, provider, account_id, \(list))
            SELECT $1, d.day, coalesce(e.campaign_id, 0), e.provider, max(e.account_id), \(measures.map { "sum(d.\($0))" }.joined(separator: ", "))
            FROM metrics.ad_daily d JOIN metrics.entities e ON e.workspace_id = d.workspace_id AND e.id = d.ad_id
            WHERE d.workspace_id = $1
            GROUP BY 2, 3, 4
            """, workspaceID)
    }

    /// COPYs the rows, in binary, into a session table, by ad id, with the bucket start as epoch
    /// seconds (far cheaper to encode and parse than timestamp text, and exact in float8) and its
    /// local day. The day is worked out here, once per distinct start, rather than by the server
    /// for every row: Foundation and Postgres read the same zone rules (the system's tzdata), as
    /// the validator's bucket alignment already assumes.
    private func stage(_ rows: [IngestRow], ids: [EntityKey: Int64], timeZone: TimeZone, on connection: PostgresConnection) async throws {
        let measures = Measure.allCases.map(\.column)
        try await connection.query(
            """
            CREATE TEMP TABLE IF NOT EXISTS ingest_rows (
                ad_id int8, bucket_epoch float8, bucket_minutes int2, day date, \(measures.map { "\($0) float8" }.joined(separator: ", "))
            ) ON COMMIT DELETE ROWS
            """)
        let columns = "ad_id, bucket_epoch, bucket_minutes, day, " + measures.joined(separator: ", ")
        try await connection.copy("COPY ingest_rows (\(columns)) FROM STDIN", format: .binary) { writer in
            var days: [Date: Int] = [:]
            // Rows come in runs of one ad: look its id up once per run.
            var current: (key: EntityKey, id: Int64)?
            for row in rows {
                let key = EntityKey(provider: row.provider, externalID: row.adExternalID)
                if current?.key != key {
                    guard let id = ids[key] else { continue }
                    current = (key, id)
                }
                let id = current!.id
                let day =
                    days[row.bucketStart]
                    ?? {
                        let day = IngestRules.localDay(row.bucketStart, in: timeZone)
                        days[row.bucketStart] = day
                        return day
                    }()
                try writer.appendRow { fields in
                    fields.int64(id)
                    fields.double(row.bucketStart.timeIntervalSince1970)
                    fields.int16(Int16(row.bucketMinutes))
                    fields.date(daysSince1970: day)
                    for value in row.sums.values { fields.double(value) }
                }
            }
        }
    }

    /// The staged ads that already have buckets on the local days the batch touches. The others'
    /// rows are new: they are appended without conflict checks, and their days' totals are the
    /// batch's own sums (a backfill of history is nearly all such rows).
    private func adsWithHistory(workspaceID: UUID, timeZone: String, on connection: PostgresConnection) async throws -> [Int64] {
        // The workspace through a sub-select: see `refreshDaily` on why.
        try await connection.query(
            """
            SELECT b.ad_id FROM (
                SELECT ad_id, min(day) AS first_day, max(day) AS last_day FROM ingest_rows GROUP BY ad_id
            ) b
            WHERE EXISTS (
                SELECT 1 FROM metrics.snapshots f
                WHERE f.workspace_id = (SELECT $1::uuid) AND f.ad_id = b.ad_id
                    AND f.bucket_start >= (b.first_day::timestamp AT TIME ZONE $2)
                    AND f.bucket_start < ((b.last_day + 1)::timestamp AT TIME ZONE $2))
            """, workspaceID, timeZone
        ).rows.map { try $0.decode(Int64.self, at: 0) }
    }

    /// Appends the rows of ads without history on their days; upserts the others, rewriting only
    /// buckets whose values changed.
    private func mergeStaged(workspaceID: UUID, known: [Int64], on connection: PostgresConnection) async throws {
        let measures = Measure.allCases.map(\.column)
        let insert = """
            INSERT INTO metrics.snapshots (workspace_id, ad_id, bucket_start, bucket_minutes, \(measures.joined(separator: ", ")))
            SELECT $1, s.ad_id, to_timestamp(s.bucket_epoch), s.bucket_minutes, \(measures.map { "s.\($0)" }.joined(separator: ", "))
            FROM ingest_rows s
            """
        try await connection.query(insert + "\nWHERE NOT (s.ad_id = ANY($2::int8[]))", workspaceID, known)
        guard !known.isEmpty else { return }
        try await connection.query(
            insert + """

                WHERE s.ad_id = ANY($2::int8[])
                ON CONFLICT (workspace_id, ad_id, bucket_start) DO UPDATE SET
                    bucket_minutes = EXCLUDED.bucket_minutes,
                    \(measures.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")),
                    updated_at = now()
                WHERE (\(measures.map { "snapshots.\($0)" }.joined(separator: ", ")), snapshots.bucket_minutes)
                    IS DISTINCT FROM (\(measures.map { "EXCLUDED.\($0)" }.joined(separator: ", ")), EXCLUDED.bucket_minutes)
                """, workspaceID, known)
    }
}
