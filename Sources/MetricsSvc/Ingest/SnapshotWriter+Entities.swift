import Foundation
import MetricxPostgres

extension SnapshotWriter {
    /// An entity as a batch names it, within its level: provider and external id.
    struct EntityKey: Hashable {
        var provider: String
        var externalID: String
    }

    /// Every ad the batch names, once each, in order of first appearance.
    static func adKeys(entities: [IngestEntity], rows: [IngestRow]) -> [EntityKey] {
        var seen: Set<EntityKey> = []
        var keys: [EntityKey] = []
        func add(_ key: EntityKey) {
            if seen.insert(key).inserted { keys.append(key) }
        }
        for entity in entities where entity.level == .ad { add(EntityKey(provider: entity.provider, externalID: entity.externalID)) }
        for row in rows { add(EntityKey(provider: row.provider, externalID: row.adExternalID)) }
        return keys
    }

    /// Locks the batch's ads that exist, in one order every batch follows, so that two batches
    /// sharing ads queue behind each other instead of deadlocking. Ads that are new are locked
    /// by the upsert that creates them.
    func lockExistingAds(_ ads: [EntityKey], workspaceID: UUID, on connection: PostgresConnection) async throws {
        try await connection.query(
            "SELECT e.id \(Self.batchAds) ORDER BY e.id FOR UPDATE OF e", workspaceID, ads.map(\.provider), ads.map(\.externalID))
    }

    /// The entity id of each ad.
    func adIDs(_ ads: [EntityKey], workspaceID: UUID, on connection: PostgresConnection) async throws -> [EntityKey: Int64] {
        let result = try await connection.query(
            "SELECT e.provider, e.external_id, e.id \(Self.batchAds)", workspaceID, ads.map(\.provider), ads.map(\.externalID))
        var ids: [EntityKey: Int64] = [:]
        for row in result.rows {
            ids[EntityKey(provider: try row.decode(String.self, at: 0), externalID: try row.decode(String.self, at: 1))] = try row.decode(
                Int64.self, at: 2)
        }
        return ids
    }

    /// The ad entities `e` of workspace $1 named by the arrays $2 (providers) and $3 (external ids).
    private static let batchAds = """
        FROM metrics.entities e
        JOIN unnest($2::text[], $3::text[]) AS k(provider, external_id)
            ON e.workspace_id = $1 AND e.level = 'ad' AND e.provider = k.provider AND e.external_id = k.external_id
        """

    /// Upserts entities from the top level down, so parents exist when children link to them.
    /// Ads that rows reference but no entity describes are created bare.
    func upsert(_ entities: [IngestEntity], ads: [EntityKey], workspaceID: UUID, on connection: PostgresConnection) async throws -> Int {
        // In order of first appearance, so that entity ids (which break ranking ties) follow the
        // order entities were first seen in; a later description of the same entity wins.
        var byLevel: [IngestEntity.Level: (order: [EntityKey], items: [EntityKey: IngestEntity])] = [:]
        func add(_ entity: IngestEntity) {
            let key = EntityKey(provider: entity.provider, externalID: entity.externalID)
            if byLevel[entity.level]?.items[key] == nil { byLevel[entity.level, default: ([], [:])].order.append(key) }
            byLevel[entity.level, default: ([], [:])].items[key] = entity
        }
        for entity in entities { add(entity) }
        for ad in ads where byLevel[.ad]?.items[ad] == nil {
            add(IngestEntity(provider: ad.provider, level: .ad, externalID: ad.externalID, name: "", parentExternalID: "", status: ""))
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
