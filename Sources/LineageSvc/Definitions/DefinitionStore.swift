import Foundation
import MetricxLineage
import MetricxPostgres
import MetricxRuntime

/// A workspace's metric definitions in `lineage.metric_versions`: every change is a new version
/// (who and when), a deletion included; the catalog version in `lineage.catalogs` bumps with each.
struct DefinitionStore: Sendable {
    /// Keeps a workspace's graph small enough to rebuild on every request.
    static let maximumDefinitions = 500
    /// Versions kept per metric: older ones are dropped as new ones are written, so a metric
    /// edited in a loop cannot grow its history (and every read of it) without bound.
    static let maximumVersionsKept = 100

    let postgres: PostgresClient

    /// The latest live version of each of the workspace's definitions, and the catalog version.
    func current(workspaceID: UUID) async throws -> (definitions: [StoredDefinition], catalogVersion: Int64) {
        try await postgres.withConnection { try await Self.current(workspaceID: workspaceID, on: $0) }
    }

    private static func current(workspaceID: UUID, on connection: PostgresConnection) async throws -> ([StoredDefinition], Int64) {
        let rows = try await connection.query(
            """
            SELECT DISTINCT ON (name) \(columns) FROM lineage.metric_versions
            WHERE workspace_id = $1 ORDER BY name, version DESC
            """, workspaceID
        ).rows
        let definitions = try rows.compactMap(StoredDefinition.init(row:)).filter { !$0.deleted }
        let version = try await connection.query(
            "SELECT coalesce((SELECT version FROM lineage.catalogs WHERE workspace_id = $1), 0)::int8", workspaceID
        ).single().decode(Int64.self, at: 0)
        return (definitions, version)
    }

    /// One version (`nil`: the latest); nil when the metric never existed or the latest is deleted.
    func get(name: String, version: Int?, workspaceID: UUID) async throws -> StoredDefinition? {
        let rows = try await postgres.query(
            """
            SELECT \(Self.columns) FROM lineage.metric_versions
            WHERE workspace_id = $1 AND name = $2 AND ($3::int4 IS NULL OR version = $3::int4)
            ORDER BY version DESC LIMIT 1
            """, workspaceID, name, version
        ).rows
        guard let definition = try rows.first.flatMap(StoredDefinition.init(row:)), !definition.deleted || version != nil else {
            return nil
        }
        return definition
    }

    /// Up to `limit` versions of `name` older than `before` (nil: from the newest), newest first.
    func versions(name: String, before: Int?, limit: Int, workspaceID: UUID) async throws -> [StoredDefinition] {
        try await postgres.query(
            """
            SELECT \(Self.columns) FROM lineage.metric_versions
            WHERE workspace_id = $1 AND name = $2 AND ($3::int4 IS NULL OR version < $3::int4)
            ORDER BY version DESC LIMIT $4
            """, workspaceID, name, before, limit
        ).rows.compactMap(StoredDefinition.init(row:))
    }

    /// Validates `yaml` against the workspace's other definitions and stores it as the next version.
    /// `expectedVersion` 0 creates; otherwise it must be the current version (optimistic concurrency).
    /// `name`, when given, is the metric the caller means to change: a document defining another is refused.
    func put(yaml: String, name: String? = nil, expectedVersion: Int, actor: String, workspaceID: UUID) async throws -> StoredDefinition {
        let spec = try MetricSpec.parse(yaml: yaml)
        if let name, name != spec.name {
            throw ServiceError.invalidArgument("the document defines \(spec.name), not \(name)", field: "yaml")
        }
        return try await postgres.withTransaction { connection in
            try await Self.lock(workspaceID, on: connection)
            let (definitions, _) = try await Self.current(workspaceID: workspaceID, on: connection)
            var others = Self.specs(definitions)
            let existing = others.removeValue(forKey: spec.name)
            try DefinitionValidator(custom: others).validate(spec)

            let latest = try await connection.query(
                "SELECT coalesce(max(version), 0)::int4 FROM lineage.metric_versions WHERE workspace_id = $1 AND name = $2",
                workspaceID, spec.name
            ).single().decode(Int.self, at: 0)
            let live = existing != nil
            switch (expectedVersion, live) {
            case (0, true):
                throw ServiceError(
                    .alreadyExists, "metric \(spec.name) already exists at version \(latest); send expected_version \(latest) to change it")
            case (0, false):
                guard definitions.count < Self.maximumDefinitions else {
                    throw ServiceError(.resourceExhausted, "a workspace holds at most \(Self.maximumDefinitions) metric definitions")
                }
            case (_, false):
                throw ServiceError.notFound("metric \(spec.name) does not exist; send expected_version 0 to create it")
            case (let expected, true) where expected != latest:
                throw ServiceError(
                    .failedPrecondition,
                    "metric \(spec.name) is at version \(latest), not \(expected): someone changed it; reload and retry",
                    field: "expected_version")
            default:
                break
            }
            let row = try await connection.query(
                """
                INSERT INTO lineage.metric_versions (workspace_id, name, version, yaml, updated_by)
                VALUES ($1, $2, $3, $4, $5) RETURNING \(Self.columns)
                """, workspaceID, spec.name, latest + 1, yaml, actor
            ).single()
            try await Self.prune(spec.name, newest: latest + 1, workspaceID: workspaceID, on: connection)
            try await Self.bumpCatalog(workspaceID, on: connection)
            let change = live ? "changed" : "created"
            try await ChangeEventStore.insert(
                Self.event("Metric \(spec.name) \(change) (version \(latest + 1))", spec.name, actor: actor, version: latest + 1),
                workspaceID: workspaceID, on: connection)
            return try StoredDefinition(row: row)!
        }
    }

    /// Records a deletion as a new version; refused while other definitions name the metric.
    func delete(name: String, actor: String, workspaceID: UUID) async throws {
        try await postgres.withTransaction { connection in
            try await Self.lock(workspaceID, on: connection)
            let (definitions, _) = try await Self.current(workspaceID: workspaceID, on: connection)
            guard let target = definitions.first(where: { $0.name == name }) else {
                throw ServiceError.notFound("metric \(name) is not one of this workspace's definitions")
            }
            let validator = DefinitionValidator(custom: Self.specs(definitions))
            let dependents = validator.dependents(of: name)
            guard dependents.isEmpty else {
                throw ServiceError(
                    .failedPrecondition, "\(dependents.joined(separator: ", ")) still use \(name); change or delete them first")
            }
            try await connection.query(
                """
                INSERT INTO lineage.metric_versions (workspace_id, name, version, yaml, deleted, updated_by)
                VALUES ($1, $2, $3, '', true, $4)
                """, workspaceID, name, target.version + 1, actor)
            try await Self.prune(name, newest: target.version + 1, workspaceID: workspaceID, on: connection)
            try await Self.bumpCatalog(workspaceID, on: connection)
            try await ChangeEventStore.insert(
                Self.event("Metric \(name) deleted", name, actor: actor, version: target.version + 1), workspaceID: workspaceID,
                on: connection)
        }
    }

    private static let columns = "name, version, yaml, deleted, updated_by, updated_at"

    static func specs(_ definitions: [StoredDefinition]) -> [String: MetricSpec] {
        Dictionary(uniqueKeysWithValues: definitions.compactMap { definition in definition.spec.map { (definition.name, $0) } })
    }

    /// Serialises definition changes in one workspace: validation sees every committed change.
    private static func lock(_ workspaceID: UUID, on connection: PostgresConnection) async throws {
        try await connection.lockWorkspace(workspaceID, scope: "lineage.definitions")
    }

    /// Drops the versions of `name` beyond the newest ``maximumVersionsKept``.
    private static func prune(_ name: String, newest: Int, workspaceID: UUID, on connection: PostgresConnection) async throws {
        try await connection.query(
            "DELETE FROM lineage.metric_versions WHERE workspace_id = $1 AND name = $2 AND version <= $3",
            workspaceID, name, newest - maximumVersionsKept)
    }

    private static func bumpCatalog(_ workspaceID: UUID, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO lineage.catalogs (workspace_id, version) VALUES ($1, 1)
            ON CONFLICT (workspace_id) DO UPDATE SET version = lineage.catalogs.version + 1
            """, workspaceID)
    }

    private static func event(_ title: String, _ name: String, actor: String, version: Int) -> ChangeEvent {
        ChangeEvent(
            id: UUID(), kind: .definition, title: title, description: "", occurredAt: Date(), actor: actor,
            nodes: [LineageGraph.metricID(name)], attributes: ["metric": name, "version": String(version)])
    }
}
