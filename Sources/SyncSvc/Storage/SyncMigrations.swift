import MetricxPostgres

/// The ordered migrations of the `sync` schema. Append new ones; never edit an applied one.
///
/// Every table is keyed by `workspace_id` first, like the other schemas. Credentials live in a
/// table of their own so that the connection rows, which every listing reads, never carry a
/// ciphertext.
enum SyncMigrations {
    static let all: [Migration] = [
        Migration(
            version: 1, name: "connections, credentials, OAuth states, sync runs",
            sql: """
                CREATE TABLE sync.connections (
                    workspace_id uuid NOT NULL,
                    id uuid NOT NULL,
                    provider text NOT NULL,
                    name text NOT NULL,
                    account_ref text NOT NULL,
                    status text NOT NULL DEFAULT 'active'
                        CHECK (status IN ('active', 'paused', 'needs_reauth', 'error')),
                    settings jsonb NOT NULL DEFAULT '{}',
                    timezone text NOT NULL DEFAULT 'UTC',
                    currency text NOT NULL DEFAULT 'USD',
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    last_success_at timestamptz,
                    last_error text,
                    rows_synced bigint NOT NULL DEFAULT 0,
                    PRIMARY KEY (workspace_id, id),
                    UNIQUE (workspace_id, provider, account_ref)
                );
                -- The scheduler's scan: every connection that is due for syncs.
                CREATE INDEX connections_schedulable ON sync.connections (status, id);

                -- Tokens sealed with AES-256-GCM: nonce || ciphertext || tag, under key `key_id`.
                CREATE TABLE sync.credentials (
                    workspace_id uuid NOT NULL,
                    connection_id uuid NOT NULL,
                    key_id text NOT NULL,
                    access_token bytea NOT NULL,
                    refresh_token bytea,
                    expires_at timestamptz,
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (workspace_id, connection_id),
                    FOREIGN KEY (workspace_id, connection_id) REFERENCES sync.connections ON DELETE CASCADE
                );
                CREATE INDEX credentials_key ON sync.credentials (key_id);

                -- An OAuth flow between its start and its callback; the state is stored hashed.
                CREATE TABLE sync.oauth_states (
                    state_hash bytea PRIMARY KEY,
                    workspace_id uuid NOT NULL,
                    provider text NOT NULL,
                    redirect_uri text NOT NULL,
                    connection_name text NOT NULL,
                    account_ref text NOT NULL,
                    settings jsonb NOT NULL DEFAULT '{}',
                    timezone text NOT NULL,
                    currency text NOT NULL,
                    key_id text,
                    code_verifier bytea,
                    expires_at timestamptz NOT NULL
                );

                CREATE TABLE sync.runs (
                    workspace_id uuid NOT NULL,
                    id uuid NOT NULL,
                    connection_id uuid NOT NULL,
                    kind text NOT NULL CHECK (kind IN ('sync', 'attribution')),
                    trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
                    status text NOT NULL DEFAULT 'queued'
                        CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
                    queued_at timestamptz NOT NULL DEFAULT now(),
                    started_at timestamptz,
                    finished_at timestamptz,
                    rows bigint NOT NULL DEFAULT 0,
                    error text,
                    attempt int NOT NULL DEFAULT 0,
                    PRIMARY KEY (workspace_id, id),
                    FOREIGN KEY (workspace_id, connection_id) REFERENCES sync.connections ON DELETE CASCADE
                );
                CREATE INDEX runs_by_connection ON sync.runs (workspace_id, connection_id, queued_at DESC, id DESC);
                """)
    ]
}
