import Foundation
import MetricxPostgres

/// Writes entities and snapshot rows of one workspace in one transaction: entities upserted level
/// by level with their ancestors, rows bulk-loaded with COPY into a staging table and merged, and
/// the daily rollup recomputed for every (ad, day) touched. Re-sending the same batch changes
/// nothing; a later value for a bucket replaces the earlier one.
struct SnapshotWriter: Sendable {
    let postgres: PostgresClient

    struct Outcome: Equatable {
        var entities: Int
        var rows: Int
    }

    func write(workspaceID: UUID, timeZone: String, entities: [IngestEntity], rows: [IngestRow]) async throws -> Outcome {
        try await postgres.withTransaction { connection in
            try await connection.query(
                """
                INSERT INTO metrics.workspace_settings (workspace_id, timezone) VALUES ($1, $2)
                ON CONFLICT (workspace_id) DO UPDATE SET timezone = EXCLUDED.timezone, updated_at = now()
                WHERE workspace_settings.timezone IS DISTINCT FROM EXCLUDED.timezone
                """, workspaceID, timeZone)
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
            try await refreshDaily(workspaceID: workspaceID, timeZone: timeZone, on: connection, source: "ingest_staging s JOIN metrics.entities e ON e.workspace_id = $1 AND e.level = 'ad' AND e.provider = s.provider AND e.external_id = s.ad_external_id", adColumn: "e.id", bucketColumn: "to_timestamp(s.bucket_epoch)")
            // Every row's ad exists: `upsert` created bare ones for ads no entity described.
            return Outcome(entities: upserted, rows: rows.count)
        }
    }

    /// Recomputes `ad_daily`, then `campaign_daily`, for every (ad, workspace-local day) the rows
    /// of `source` touch. `source` exposes the ad's entity row as `e`.
    func refreshDaily(
        workspaceID: UUID, timeZone: String, on connection: PostgresConnection, source: String, adColumn: String,
        bucketColumn: String
    ) async throws {
        let measures = Measure.allCases.map(\.column)
        let updates = measures.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        try await connection.query(
            """
            WITH affected AS (
                SELECT DISTINCT \(adColumn) AS ad_id, (\(bucketColumn) AT TIME ZONE $2)::date AS day FROM \(source)
            )
            INSERT INTO metrics.ad_daily (workspace_id, day, ad_id, \(measures.joined(separator: ", ")))
            SELECT $1, a.day, a.ad_id, \(measures.map { "coalesce(sum(f.\($0)), 0)" }.joined(separator: ", "))
            FROM affected a
            LEFT JOIN metrics.snapshots f ON f.workspace_id = $1 AND f.ad_id = a.ad_id
                AND f.bucket_start >= (a.day::timestamp AT TIME ZONE $2)
                AND f.bucket_start < ((a.day + 1)::timestamp AT TIME ZONE $2)
            GROUP BY a.day, a.ad_id
            ON CONFLICT (workspace_id, day, ad_id) DO UPDATE SET \(updates)
            """, workspaceID, timeZone)
        try await connection.query(
            """
            WITH affected AS (
                SELECT DISTINCT coalesce(e.campaign_id, 0) AS campaign_id, e.provider,
                       (\(bucketColumn) AT TIME ZONE $2)::date AS day FROM \(source)
            )
            INSERT INTO metrics.campaign_daily (workspace_id, day, campaign_id, provider, account_id, \(measures.joined(separator: ", ")))
            SELECT $1, a.day, a.campaign_id, a.provider, max(ad.account_id),
                   \(measures.map { "coalesce(sum(f.\($0)), 0)" }.joined(separator: ", "))
            FROM affected a
            JOIN metrics.entities ad ON ad.workspace_id = $1 AND ad.level = 'ad' AND ad.provider = a.provider
                AND coalesce(ad.campaign_id, 0) = a.campaign_id
            LEFT JOIN metrics.ad_daily f ON f.workspace_id = $1 AND f.day = a.day AND f.ad_id = ad.id
            GROUP BY a.day, a.campaign_id, a.provider
            ON CONFLICT (workspace_id, day, campaign_id, provider) DO UPDATE SET account_id = EXCLUDED.account_id, \(updates)
            """, workspaceID, timeZone)
    }

    /// Upserts entities from the top level down, so parents exist when children link to them.
    /// Ads that rows reference but no entity describes are created bare.
    private func upsert(_ entities: [IngestEntity], rows: [IngestRow], workspaceID: UUID, on connection: PostgresConnection) async throws -> Int {
        var byLevel: [IngestEntity.Level: [String: IngestEntity]] = [:]
        for entity in entities { byLevel[entity.level, default: [:]]["\(entity.provider)\u{1}\(entity.externalID)"] = entity }
        for row in rows where byLevel[.ad]?["\(row.provider)\u{1}\(row.adExternalID)"] == nil {
            byLevel[.ad, default: [:]]["\(row.provider)\u{1}\(row.adExternalID)"] = IngestEntity(
                provider: row.provider, level: .ad, externalID: row.adExternalID, name: "", parentExternalID: "", status: "")
        }
        var total = 0
        for level in IngestEntity.Level.allCases {
            guard let items = byLevel[level]?.values, !items.isEmpty else { continue }
            let list = Array(items)
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
                FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS i(provider, external_id, name, status, parent)
                LEFT JOIN metrics.entities p ON p.workspace_id = $1 AND p.level = $8 AND p.provider = i.provider AND p.external_id = i.parent
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
