import MetricxPostgres

/// The ordered migrations of the `copilot` schema. Append new ones; never edit an applied one.
enum CopilotMigrations {
    static let all: [Migration] = [
        Migration(
            version: 1, name: "conversations and messages",
            sql: """
                CREATE TABLE copilot.conversations (
                    workspace_id uuid NOT NULL,
                    id uuid NOT NULL,
                    title text NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (workspace_id, id)
                );
                CREATE INDEX conversations_recent ON copilot.conversations (workspace_id, updated_at DESC, id DESC);

                CREATE TABLE copilot.messages (
                    workspace_id uuid NOT NULL,
                    conversation_id uuid NOT NULL,
                    seq integer NOT NULL,
                    role text NOT NULL CHECK (role IN ('user', 'assistant')),
                    text text NOT NULL,
                    intent text NOT NULL DEFAULT '',
                    query_json text NOT NULL DEFAULT '',
                    created_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (workspace_id, conversation_id, seq),
                    FOREIGN KEY (workspace_id, conversation_id) REFERENCES copilot.conversations ON DELETE CASCADE
                );
                """)
    ]
}
