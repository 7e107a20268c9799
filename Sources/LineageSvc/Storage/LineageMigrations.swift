import MetricxPostgres

/// The ordered migrations of the `lineage` schema. Append new ones; never edit an applied one.
enum LineageMigrations {
    static let all: [Migration] = [
        Migration(
            version: 1, name: "metric definitions, their versions and change events",
            sql: """
                -- Every version of every definition is kept; a deletion is a version too.
                CREATE TABLE lineage.metric_versions (
                    workspace_id uuid NOT NULL,
                    name text NOT NULL,
                    version integer NOT NULL CHECK (version > 0),
                    yaml text NOT NULL,
                    deleted boolean NOT NULL DEFAULT false,
                    updated_by text NOT NULL,
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (workspace_id, name, version)
                );

                -- Bumped by every change to a workspace's definitions, so callers cache by it.
                CREATE TABLE lineage.catalogs (
                    workspace_id uuid PRIMARY KEY,
                    version bigint NOT NULL
                );

                CREATE TABLE lineage.change_events (
                    workspace_id uuid NOT NULL,
                    id uuid NOT NULL,
                    kind text NOT NULL CHECK (kind IN ('deployment', 'config', 'connector', 'definition')),
                    title text NOT NULL,
                    description text NOT NULL DEFAULT '',
                    occurred_at timestamptz NOT NULL,
                    actor text NOT NULL,
                    nodes text[] NOT NULL DEFAULT '{}',
                    attributes jsonb NOT NULL DEFAULT '{}',
                    recorded_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (workspace_id, id)
                );
                CREATE INDEX change_events_recent ON lineage.change_events (workspace_id, occurred_at DESC, id DESC);
                """)
    ]
}
