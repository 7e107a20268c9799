import Foundation
import MetricxPostgres
import MetricxSemantics

/// Writes entities and snapshot rows of one workspace in one transaction: entities upserted level
/// by level with their ancestors, rows bulk-loaded with COPY into a staging table and merged, and
/// the daily rollup recomputed for every (ad, day) touched. Re-sending the same batch changes
/// nothing; a later value for a bucket replaces the earlier one.
struct SnapshotWriter: Sendable {
    /// The advisory lock every writer of a workspace's snapshots and rollups holds.
    static let lockScope = "metrics.numbers"

    let postgres: PostgresClient

    struct Outcome: Equatable {
        var entities: Int
        var rows: Int
    }

    func write(workspaceID: UUID, timeZone: String, entities: [IngestEntity], rows: [IngestRow]) async throws -> Outcome {
        try await postgres.withTransaction { connection in
            // One writer of a workspace's numbers at a time (ingest, imports, compaction): two
            // batches sharing campaigns and days would otherwise take the same entity and rollup
            // rows in different orders and deadlock (make bench's two batches in flight did).
            try await connection.lockWorkspace(workspaceID, scope: SnapshotWriter.lockScope)
            // Read first: the upsert locks the row even when it changes nothing, which would
            // serialise concurrent batches of one workspace behind each other's transactions.
            let current = try await connection.query(
                "SELECT timezone FROM metrics.workspace_settings WHERE workspace_id = $1", workspaceID)
            if try current.rows.first?.decode(String.self, at: 0) != timeZone {
                try await connection.query(
                    """
                    INSERT INTO metrics.workspace_settings (workspace_id, timezone) VALUES ($1, $2)
                    ON CONFLICT (workspace_id) DO UPDATE SET timezone = EXCLUDED.timezone, updated_at = now()
                    WHERE workspace_settings.timezone IS DISTINCT FROM EXCLUDED.timezone
                    """, workspaceID, timeZone)
            }
            let upserted = try await upsert(entities, rows: rows, workspaceID: workspaceID, on: connection)
            guard !rows.isEmpty else { return Outcome(entities: upserted, rows: 0) }
            try await connection.query(
                """
                CREATE TEMP TABLE IF NOT EXISTS ingest_staging (
                    seq int, provider text, ad_external_id text, bucket_epoch float8, bucket_minutes smallint,
                    spend float8, revenue float8, clicks float8, impressions float8, conversions float8, leads float8,
                    installs float8, purchases float8, visitors float8, profit float8
                ) ON COMMIT DELETE ROWS
                """)
            // Epoch seconds in staging: far cheaper to encode than timestamp text, exact in float8.
            let columns = "seq, provider, ad_external_id, bucket_epoch, bucket_minutes, " + Measure.allCases.map(\.column).joined(separator: ", ")
            try await connection.copy("COPY ingest_staging (\(columns)) FROM STDIN") { writer in
                for (index, row) in rows.enumerated() {
                    var values: [any PostgresEncodable] = [
                        index, row.provider, row.adExternalID, row.bucketStart.timeIntervalSince1970, row.bucketMinutes,
                    ]
                    values += row.sums.values
                    try writer.append(values)
                }
            }
            let measureList = Measure.allCases.map(\.column)
            try await connection.query(
                """
                INSERT INTO metrics.snapshots (workspace_id, ad_id, bucket_start, bucket_minutes, \(measureList.joined(separator: ", ")))
                SELECT $1, e.id, to_timestamp(s.bucket_epoch), s.bucket_minutes, \(measureList.map { "s.\($0)" }.joined(separator: ", "))
                FROM (SELECT DISTINCT ON (provider, ad_external_id, bucket_epoch) * FROM ingest_staging
                      ORDER BY provider, ad_external_id, bucket_epoch, seq DESC) s
                JOIN metrics.entities e ON e.workspace_id = $1 AND e.level = 'ad' AND e.provider = s.provider AND e.external_id = s.ad_external_id
                ON CONFLICT (workspace_id, ad_id, bucket_start) DO UPDATE SET
                    bucket_minutes = EXCLUDED.bucket_minutes,
                    \(measureList.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")),
                    updated_at = now()
                WHERE (\(measureList.map { "snapshots.\($0)" }.joined(separator: ", ")), snapshots.bucket_minutes)
                    IS DISTINCT FROM (\(measureList.map { "EXCLUDED.\($0)" }.joined(separator: ", ")), EXCLUDED.bucket_minutes)
                """, workspaceID)
            try await refreshDaily(workspaceID: workspaceID, timeZone: timeZone, on: connection)
            // Every row's ad exists: `upsert` created bare ones for ads no entity described.
            return Outcome(entities: upserted, rows: rows.count)
        }
    }

    /// Recomputes `ad_daily` for every (ad, workspace-local day) the staged rows touch, and moves
    /// `campaign_daily` by the difference, in one statement. Each ad's snapshots are read in one
    /// index range over the days it was touched rather than one probe per (ad, day); the old
    /// `ad_daily` values come from the statement's snapshot, taken before its own write, so the
    /// campaign rows change by exactly what their ads changed by, without re-reading every ad of
    /// the campaign. Unchanged rows are not rewritten.
    private func refreshDaily(workspaceID: UUID, timeZone: String, on connection: PostgresConnection) async throws {
        let measures = Measure.allCases.map(\.column)
        let list = measures.joined(separator: ", ")
        try await connection.query(
            """
            CREATE TEMP TABLE IF NOT EXISTS ingest_touched (ad_id bigint, campaign_id bigint, account_id bigint, provider text, day date)
            ON COMMIT DELETE ROWS
            """)
        try await connection.query(
            """
            INSERT INTO ingest_touched
            SELECT DISTINCT e.id, coalesce(e.campaign_id, 0), e.account_id, e.provider, (to_timestamp(s.bucket_epoch) AT TIME ZONE $2)::date
            FROM ingest_staging s
            JOIN metrics.entities e ON e.workspace_id = $1 AND e.level = 'ad' AND e.provider = s.provider AND e.external_id = s.ad_external_id
            """, workspaceID, timeZone)
        try await connection.query(
            """
            WITH spans AS (
                SELECT ad_id, min(day) AS first_day, max(day) AS last_day FROM ingest_touched GROUP BY ad_id
            ), sums AS (
                SELECT f.ad_id, (f.bucket_start AT TIME ZONE $2)::date AS day, \(measures.map { "sum(f.\($0)) AS \($0)" }.joined(separator: ", "))
                FROM spans b JOIN metrics.snapshots f ON f.workspace_id = $1 AND f.ad_id = b.ad_id
                    AND f.bucket_start >= (b.first_day::timestamp AT TIME ZONE $2)
                    AND f.bucket_start < ((b.last_day + 1)::timestamp AT TIME ZONE $2)
                GROUP BY 1, 2
            ), fresh AS (
                SELECT a.ad_id, a.campaign_id, a.account_id, a.provider, a.day, \(measures.map { "coalesce(s.\($0), 0) AS \($0)" }.joined(separator: ", "))
                FROM ingest_touched a LEFT JOIN sums s ON s.ad_id = a.ad_id AND s.day = a.day
            ), old AS (
                SELECT d.ad_id, d.day, \(measures.map { "d.\($0)" }.joined(separator: ", "))
                FROM metrics.ad_daily d JOIN ingest_touched a ON d.workspace_id = $1 AND d.day = a.day AND d.ad_id = a.ad_id
            ), written AS (
                INSERT INTO metrics.ad_daily AS t (workspace_id, day, ad_id, \(list))
                SELECT $1, day, ad_id, \(list) FROM fresh
                ON CONFLICT (workspace_id, day, ad_id) DO UPDATE SET \(measures.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", "))
                WHERE (\(measures.map { "t.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(measures.map { "EXCLUDED.\($0)" }.joined(separator: ", ")))
                RETURNING 1
            ), deltas AS (
                SELECT f.campaign_id, f.provider, f.day, max(f.account_id) AS account_id,
                       \(measures.map { "sum(f.\($0) - coalesce(o.\($0), 0)) AS \($0)" }.joined(separator: ", "))
                FROM fresh f LEFT JOIN old o ON o.ad_id = f.ad_id AND o.day = f.day
                GROUP BY 1, 2, 3
            )
            INSERT INTO metrics.campaign_daily AS t (workspace_id, day, campaign_id, provider, account_id, \(list))
            SELECT $1, day, campaign_id, provider, account_id, \(list) FROM deltas
            ON CONFLICT (workspace_id, day, campaign_id, provider) DO UPDATE SET
                account_id = coalesce(EXCLUDED.account_id, t.account_id),
                \(measures.map { "\($0) = t.\($0) + EXCLUDED.\($0)" }.joined(separator: ", "))
            WHERE t.account_id IS DISTINCT FROM coalesce(EXCLUDED.account_id, t.account_id)
                OR (\(measures.map { "EXCLUDED.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(measures.map { _ in "0::float8" }.joined(separator: ", ")))
            """, workspaceID, timeZone)
    }

    /// Upserts entities from the top level down, so parents exist when children link to them.
    /// Ads that rows reference but no entity describes are created bare.
    private func upsert(_ entities: [IngestEntity], rows: [IngestRow], workspaceID: UUID, on connection: PostgresConnection) async throws -> Int {
        // In order of first appearance, so that entity ids (which break ranking ties) follow the
        // order entities were first seen in; a later description of the same entity wins.
        var byLevel: [IngestEntity.Level: (order: [String], items: [String: IngestEntity])] = [:]
        func add(_ entity: IngestEntity) {
            let key = "\(entity.provider)\u{1}\(entity.externalID)"
            if byLevel[entity.level]?.items[key] == nil { byLevel[entity.level, default: ([], [:])].order.append(key) }
            byLevel[entity.level, default: ([], [:])].items[key] = entity
        }
        for entity in entities { add(entity) }
        for row in rows where byLevel[.ad]?.items["\(row.provider)\u{1}\(row.adExternalID)"] == nil {
            add(IngestEntity(provider: row.provider, level: .ad, externalID: row.adExternalID, name: "", parentExternalID: "", status: ""))
        }
        var total = 0
        for level in IngestEntity.Level.allCases {
            guard let entry = byLevel[level], !entry.order.isEmpty else { continue }
            let list = entry.order.compactMap { entry.items[$0] }
            let parentLevel = level.parent?.rawValue ?? ""
            // The ancestors a level inherits from its parent row.
            let ancestors: (account: String, campaign: String, adset: String)
            switch level {
            case .account: ancestors = ("NULL", "NULL", "NULL")
            case .campaign: ancestors = ("p.id", "NULL", "NULL")
            case .adset: ancestors = ("p.account_id", "p.id", "NULL")
            case .ad: ancestors = ("p.account_id", "p.campaign_id", "p.id")
            }
            let result = try await connection.query(
                """
                INSERT INTO metrics.entities (workspace_id, provider, level, external_id, name, status, parent_id, account_id, campaign_id, adset_id)
                SELECT $1, i.provider, $2, i.external_id, i.name, i.status, p.id, \(ancestors.account), \(ancestors.campaign), \(ancestors.adset)
                FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS i(provider, external_id, name, status, parent, position)
                LEFT JOIN metrics.entities p ON p.workspace_id = $1 AND p.level = $8 AND p.provider = i.provider AND p.external_id = i.parent
                ORDER BY i.position
                ON CONFLICT (workspace_id, provider, level, external_id) DO UPDATE SET
                    name = CASE WHEN EXCLUDED.name <> '' THEN EXCLUDED.name ELSE entities.name END,
                    status = CASE WHEN EXCLUDED.status <> '' THEN EXCLUDED.status ELSE entities.status END,
                    parent_id = coalesce(EXCLUDED.parent_id, entities.parent_id),
                    account_id = coalesce(EXCLUDED.account_id, entities.account_id),
                    campaign_id = coalesce(EXCLUDED.campaign_id, entities.campaign_id),
                    adset_id = coalesce(EXCLUDED.adset_id, entities.adset_id),
                    updated_at = now()
                WHERE (entities.name, entities.status, entities.parent_id, entities.account_id, entities.campaign_id, entities.adset_id)
                    IS DISTINCT FROM (
                        CASE WHEN EXCLUDED.name <> '' THEN EXCLUDED.name ELSE entities.name END,
                        CASE WHEN EXCLUDED.status <> '' THEN EXCLUDED.status ELSE entities.status END,
                        coalesce(EXCLUDED.parent_id, entities.parent_id), coalesce(EXCLUDED.account_id, entities.account_id),
                        coalesce(EXCLUDED.campaign_id, entities.campaign_id), coalesce(EXCLUDED.adset_id, entities.adset_id))
                """,
                workspaceID, level.rawValue, list.map(\.provider), list.map(\.externalID), list.map(\.name),
                list.map(\.status), list.map(\.parentExternalID), parentLevel)
            total += result.affectedRows
        }
        return total
    }
}
