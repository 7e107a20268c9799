import Foundation
import MetricxPostgres
import MetricxProtos
import MetricxRPC
import MetricxRuntime

/// Change events in `lineage.change_events`, always within one workspace.
struct ChangeEventStore: Sendable {
    static let defaultPageSize = 50
    static let maximumPageSize = 200

    let postgres: PostgresClient

    func record(_ event: ChangeEvent, workspaceID: UUID) async throws {
        try await postgres.withConnection { try await Self.insert(event, workspaceID: workspaceID, on: $0) }
    }

    /// Inserts on `connection`, so a definition edit and its event commit together.
    static func insert(_ event: ChangeEvent, workspaceID: UUID, on connection: PostgresConnection) async throws {
        let attributes = String(decoding: try JSONEncoder().encode(event.attributes), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO lineage.change_events (workspace_id, id, kind, title, description, occurred_at, actor, nodes, attributes)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9::jsonb)
            """,
            workspaceID, event.id, event.kind.rawValue, event.title, event.description, event.occurredAt, event.actor,
            event.nodes, attributes)
    }

    func get(id: UUID, workspaceID: UUID) async throws -> ChangeEvent? {
        try await postgres.query(
            "SELECT \(Self.columns) FROM lineage.change_events WHERE workspace_id = $1 AND id = $2", workspaceID, id
        ).rows.first.map(Self.event)
    }

    /// Events in `[since, until)` touching `node` (any when nil), newest first.
    func list(
        workspaceID: UUID, since: Date?, until: Date?, node: String?, page: Metricx_V1_PageRequest
    ) async throws -> (events: [ChangeEvent], nextPageToken: String) {
        let keyset = try KeysetPage(page, defaultSize: Self.defaultPageSize, maximumSize: Self.maximumPageSize)
        let rows = try await postgres.query(
            """
            SELECT \(Self.columns) FROM lineage.change_events
            WHERE workspace_id = $1
              AND ($2::timestamptz IS NULL OR occurred_at >= $2::timestamptz)
              AND ($3::timestamptz IS NULL OR occurred_at < $3::timestamptz)
              AND ($4::text IS NULL OR $4::text = ANY (nodes))
              AND ($5::timestamptz IS NULL OR (occurred_at, id) < ($5::timestamptz, $6::uuid))
            ORDER BY occurred_at DESC, id DESC
            LIMIT $7
            """, workspaceID, since, until, node, keyset.after?.time, keyset.after?.id, keyset.size + 1
        ).rows
        let events = try rows.prefix(keyset.size).map(Self.event)
        let token = rows.count > keyset.size ? events.last.map { KeysetPage.token(time: $0.occurredAt, id: $0.id) } ?? "" : ""
        return (events, token)
    }

    /// Every event in `[since, until)`, oldest first, up to `limit`.
    func all(workspaceID: UUID, since: Date, until: Date, limit: Int = 1_000) async throws -> [ChangeEvent] {
        try await postgres.query(
            """
            SELECT \(Self.columns) FROM lineage.change_events
            WHERE workspace_id = $1 AND occurred_at >= $2 AND occurred_at < $3
            ORDER BY occurred_at, id LIMIT $4
            """, workspaceID, since, until, limit
        ).rows.map(Self.event)
    }

    private static let columns = "id, kind, title, description, occurred_at, actor, array_to_json(nodes)::text, attributes::text"

    private static func event(_ row: PostgresRow) throws -> ChangeEvent {
        let (id, kind, title, description, occurredAt, actor, nodes, attributes) = try row.decode(
            UUID.self, String.self, String.self, String.self, Date.self, String.self, String.self, String.self)
        return ChangeEvent(
            id: id, kind: ChangeEvent.Kind(rawValue: kind) ?? .config, title: title, description: description, occurredAt: occurredAt,
            actor: actor, nodes: (try? JSONDecoder().decode([String].self, from: Data(nodes.utf8))) ?? [],
            attributes: (try? JSONDecoder().decode([String: String].self, from: Data(attributes.utf8))) ?? [:])
    }
}
