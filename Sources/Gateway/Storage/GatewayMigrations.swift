import MetricxPostgres

/// The ordered migrations of the `gateway` schema. Append new ones; never edit an applied one.
enum GatewayMigrations {
    static let all: [Migration] = [
        Migration(
            version: 1, name: "workspaces, users, memberships, api keys",
            sql: """
                CREATE TABLE gateway.workspaces (
                    id uuid PRIMARY KEY,
                    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                    timezone text NOT NULL DEFAULT 'UTC',
                    currency text NOT NULL DEFAULT 'USD',
                    created_at timestamptz NOT NULL DEFAULT now()
                );
                CREATE TABLE gateway.users (
                    id uuid PRIMARY KEY,
                    issuer text NOT NULL,
                    subject text NOT NULL,
                    email text,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    UNIQUE (issuer, subject)
                );
                CREATE TABLE gateway.memberships (
                    workspace_id uuid NOT NULL REFERENCES gateway.workspaces (id) ON DELETE CASCADE,
                    user_id uuid NOT NULL REFERENCES gateway.users (id) ON DELETE CASCADE,
                    role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
                    created_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (workspace_id, user_id)
                );
                CREATE TABLE gateway.api_keys (
                    workspace_id uuid NOT NULL REFERENCES gateway.workspaces (id) ON DELETE CASCADE,
                    id uuid NOT NULL,
                    prefix text NOT NULL UNIQUE,
                    secret_hash bytea NOT NULL,
                    name text NOT NULL,
                    role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
                    created_at timestamptz NOT NULL DEFAULT now(),
                    revoked_at timestamptz,
                    last_used_at timestamptz,
                    PRIMARY KEY (workspace_id, id)
                );
                """),
        Migration(
            version: 2, name: "invitations, users by email",
            sql: """
                CREATE TABLE gateway.invitations (
                    workspace_id uuid NOT NULL REFERENCES gateway.workspaces (id) ON DELETE CASCADE,
                    id uuid NOT NULL,
                    email text NOT NULL CHECK (email = lower(email)),
                    role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
                    created_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (workspace_id, id),
                    UNIQUE (workspace_id, email)
                );
                CREATE INDEX invitations_email ON gateway.invitations (email);
                CREATE INDEX users_email ON gateway.users (email);
                CREATE INDEX memberships_user ON gateway.memberships (user_id);
                """),
    ]
}
