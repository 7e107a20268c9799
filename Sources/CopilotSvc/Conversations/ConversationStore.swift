import Foundation
import MetricxPostgres
import MetricxProtos
import MetricxRPC
import MetricxRuntime

/// Conversations and their messages in the `copilot` schema, always within one workspace.
struct ConversationStore: Sendable {
    static let defaultPageSize = 20
    static let maximumPageSize = 100

    let postgres: PostgresClient

    /// The conversation's last understood question, for follow-ups; nil when it has none.
    func lastQuery(workspaceID: UUID, conversationID: UUID) async throws -> (intent: String, queryJSON: String)? {
        try await postgres.query(
            """
            SELECT intent, query_json FROM copilot.messages
            WHERE workspace_id = $1 AND conversation_id = $2 AND role = 'assistant' AND intent <> 'unsupported'
            ORDER BY seq DESC LIMIT 1
            """, workspaceID, conversationID
        ).rows.first.map { try $0.decode(String.self, String.self) }
    }

    func exists(workspaceID: UUID, id: UUID) async throws -> Bool {
        try await postgres.query(
            "SELECT EXISTS (SELECT 1 FROM copilot.conversations WHERE workspace_id = $1 AND id = $2)", workspaceID, id
        ).single().decode(Bool.self, at: 0)
    }

    /// Appends a question and its answer in one transaction, creating the conversation if needed.
    func append(
        workspaceID: UUID, conversationID: UUID, question: String, answer: String, intent: String, queryJSON: String
    ) async throws {
        try await postgres.withTransaction { connection in
            try await connection.query(
                """
                INSERT INTO copilot.conversations (workspace_id, id, title) VALUES ($1, $2, $3)
                ON CONFLICT (workspace_id, id) DO UPDATE SET updated_at = now()
                """, workspaceID, conversationID, String(question.prefix(120)))
            let next = try await connection.query(
                "SELECT coalesce(max(seq), 0) + 1 FROM copilot.messages WHERE workspace_id = $1 AND conversation_id = $2",
                workspaceID, conversationID
            ).single().decode(Int.self, at: 0)
            try await connection.query(
                """
                INSERT INTO copilot.messages (workspace_id, conversation_id, seq, role, text) VALUES ($1, $2, $3, 'user', $4)
                """, workspaceID, conversationID, next, question)
            try await connection.query(
                """
                INSERT INTO copilot.messages (workspace_id, conversation_id, seq, role, text, intent, query_json)
                VALUES ($1, $2, $3, 'assistant', $4, $5, $6)
                """, workspaceID, conversationID, next + 1, answer, intent, queryJSON)
        }
    }

    func list(workspaceID: UUID, page: Metricx_V1_PageRequest) async throws -> Metricx_V1_ListConversationsResponse {
        // The cursor is the last row's (updated_at, id): stable while new conversations arrive.
        let keyset = try KeysetPage(page, defaultSize: Self.defaultPageSize, maximumSize: Self.maximumPageSize)
        let rows = try await postgres.query(
            """
            SELECT id, title, created_at, updated_at, (extract(epoch FROM updated_at) * 1000000)::bigint
            FROM copilot.conversations
            WHERE workspace_id = $1 AND ($2::timestamptz IS NULL OR (updated_at, id) < ($2::timestamptz, $3::uuid))
            ORDER BY updated_at DESC, id DESC
            LIMIT $4
            """, workspaceID, keyset.after?.time, keyset.after?.id, keyset.size + 1
        ).rows
        var response = Metricx_V1_ListConversationsResponse()
        var last = ""
        for row in rows.prefix(keyset.size) {
            let (id, title, created, updated, micros) = try row.decode(UUID.self, String.self, Date.self, Date.self, Int64.self)
            response.conversations.append(Self.conversation(id: id, title: title, created: created, updated: updated))
            last = KeysetPage.token(micros: micros, id: id)
        }
        if rows.count > keyset.size { response.page.nextPageToken = last }
        return response
    }

    func get(workspaceID: UUID, id: UUID) async throws -> Metricx_V1_Conversation? {
        guard
            let row = try await postgres.query(
                "SELECT title, created_at, updated_at FROM copilot.conversations WHERE workspace_id = $1 AND id = $2", workspaceID, id
            ).rows.first
        else { return nil }
        let (title, created, updated) = try row.decode(String.self, Date.self, Date.self)
        var conversation = Self.conversation(id: id, title: title, created: created, updated: updated)
        for message in try await postgres.query(
            """
            SELECT role, text, intent, created_at, query_json FROM copilot.messages
            WHERE workspace_id = $1 AND conversation_id = $2 ORDER BY seq
            """, workspaceID, id
        ).rows {
            let (role, text, intent, created, query) = try message.decode(String.self, String.self, String.self, Date.self, String.self)
            conversation.messages.append(
                .with {
                    $0.role = role
                    $0.text = text
                    $0.intent = intent
                    $0.createdAt = RFC3339.string(created)
                    $0.queryJson = query
                })
        }
        return conversation
    }

    /// True when it existed.
    func delete(workspaceID: UUID, id: UUID) async throws -> Bool {
        try await postgres.query(
            "DELETE FROM copilot.conversations WHERE workspace_id = $1 AND id = $2 RETURNING id", workspaceID, id
        ).rows.count == 1
    }

    private static func conversation(id: UUID, title: String, created: Date, updated: Date) -> Metricx_V1_Conversation {
        .with {
            $0.id = id.uuidString.lowercased()
            $0.title = title
            $0.createdAt = RFC3339.string(created)
            $0.updatedAt = RFC3339.string(updated)
        }
    }
}
