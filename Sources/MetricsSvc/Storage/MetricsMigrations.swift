import MetricxPostgres

/// The ordered migrations of the `metrics` schema. Append new ones; never edit an applied one.
///
/// Every table is keyed by `workspace_id` first, so it can be distributed by workspace (Citus:
/// `create_distributed_table(..., 'workspace_id')`) and the snapshot tables partitioned by time
/// without changing a query: every query filters on `workspace_id` and a time range.
enum MetricsMigrations {
    static let all: [Migration] = [
        Migration(
            version: 1, name: "entities, snapshots, daily rollup",
            sql: """
                CREATE TABLE metrics.entities (
                    workspace_id uuid NOT NULL,
                    id bigint GENERATED ALWAYS AS IDENTITY,
                    provider text NOT NULL,
                    level text NOT NULL CHECK (level IN ('account', 'campaign', 'adset', 'ad')),
                    external_id text NOT NULL,
                    name text NOT NULL DEFAULT '',
                    status text NOT NULL DEFAULT '',
                    parent_id bigint,
                    -- Ancestors of an ad (and of adsets / campaigns as far as they go), so that
                    -- filters and breakdowns at any level are one join away from a fact row.
                    account_id bigint,
                    campaign_id bigint,
                    adset_id bigint,
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (workspace_id, id),
                    UNIQUE (workspace_id, provider, level, external_id)
                );
                CREATE INDEX entities_name ON metrics.entities (workspace_id, level, lower(name));

                -- What happened inside one bucket of one ad (not running totals).
                CREATE TABLE metrics.snapshots (
                    workspace_id uuid NOT NULL,
                    ad_id bigint NOT NULL,
                    bucket_start timestamptz NOT NULL,
                    bucket_minutes smallint NOT NULL CHECK (bucket_minutes IN (15, 60, 1440)),
                    spend double precision NOT NULL DEFAULT 0,
                    revenue double precision NOT NULL DEFAULT 0,
                    clicks double precision NOT NULL DEFAULT 0,
                    impressions double precision NOT NULL DEFAULT 0,
                    conversions double precision NOT NULL DEFAULT 0,
                    leads double precision NOT NULL DEFAULT 0,
                    installs double precision NOT NULL DEFAULT 0,
                    purchases double precision NOT NULL DEFAULT 0,
                    visitors double precision NOT NULL DEFAULT 0,
                    profit double precision NOT NULL DEFAULT 0,
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (workspace_id, ad_id, bucket_start)
                );
                CREATE INDEX snapshots_time ON metrics.snapshots (workspace_id, bucket_start);

                -- Per ad and workspace-local day: what day, week, month and longer queries read.
                -- Recomputed from snapshots for every (ad, day) an ingest or compaction touches.
                CREATE TABLE metrics.ad_daily (
                    workspace_id uuid NOT NULL,
                    day date NOT NULL,
                    ad_id bigint NOT NULL,
                    spend double precision NOT NULL,
                    revenue double precision NOT NULL,
                    clicks double precision NOT NULL,
                    impressions double precision NOT NULL,
                    conversions double precision NOT NULL,
                    leads double precision NOT NULL,
                    installs double precision NOT NULL,
                    purchases double precision NOT NULL,
                    visitors double precision NOT NULL,
                    profit double precision NOT NULL,
                    PRIMARY KEY (workspace_id, day, ad_id)
                );
                """),
        Migration(
            version: 2, name: "workspace settings the rollups were computed with",
            sql: """
                -- The time zone that days (ad_daily) and hours (compaction) are aligned to.
                CREATE TABLE metrics.workspace_settings (
                    workspace_id uuid PRIMARY KEY,
                    timezone text NOT NULL,
                    updated_at timestamptz NOT NULL DEFAULT now()
                );
                """),
        Migration(
            version: 3, name: "campaign daily rollup",
            sql: """
                -- Per workspace-local day, campaign and provider (campaign_id 0: ads without one).
                -- What totals, daily charts, campaign/account/provider breakdowns and the dashboard
                -- read: no join, and ~40x fewer rows than ad_daily. Recomputed with ad_daily.
                CREATE TABLE metrics.campaign_daily (
                    workspace_id uuid NOT NULL,
                    day date NOT NULL,
                    campaign_id bigint NOT NULL,
                    provider text NOT NULL,
                    account_id bigint,
                    spend double precision NOT NULL,
                    revenue double precision NOT NULL,
                    clicks double precision NOT NULL,
                    impressions double precision NOT NULL,
                    conversions double precision NOT NULL,
                    leads double precision NOT NULL,
                    installs double precision NOT NULL,
                    purchases double precision NOT NULL,
                    visitors double precision NOT NULL,
                    profit double precision NOT NULL,
                    PRIMARY KEY (workspace_id, day, campaign_id, provider)
                );
                INSERT INTO metrics.campaign_daily
                SELECT f.workspace_id, f.day, coalesce(e.campaign_id, 0), e.provider, max(e.account_id),
                       sum(f.spend), sum(f.revenue), sum(f.clicks), sum(f.impressions), sum(f.conversions),
                       sum(f.leads), sum(f.installs), sum(f.purchases), sum(f.visitors), sum(f.profit)
                FROM metrics.ad_daily f JOIN metrics.entities e ON e.workspace_id = f.workspace_id AND e.id = f.ad_id
                GROUP BY f.workspace_id, f.day, coalesce(e.campaign_id, 0), e.provider;
                """),
        Migration(
            version: 4, name: "anomalies, incidents, alert rules and deliveries",
            sql: """
                -- Anomalies that break together (one workspace, within a couple of buckets) form
                -- one incident, so a broken afternoon reads as one story.
                CREATE TABLE metrics.anomaly_incidents (
                    workspace_id uuid NOT NULL,
                    id uuid NOT NULL DEFAULT gen_random_uuid(),
                    started_at timestamptz NOT NULL,
                    last_seen_at timestamptz NOT NULL,
                    PRIMARY KEY (workspace_id, id)
                );
                CREATE INDEX anomaly_incidents_recent ON metrics.anomaly_incidents (workspace_id, last_seen_at);

                -- Unique per series and bucket: the monitor replays its window after every sync,
                -- and a replay finds the same anomalies again.
                CREATE TABLE metrics.anomalies (
                    workspace_id uuid NOT NULL,
                    id uuid NOT NULL DEFAULT gen_random_uuid(),
                    metric text NOT NULL,
                    entity_key text NOT NULL,
                    entity_label text NOT NULL,
                    ts timestamptz NOT NULL,
                    grain text NOT NULL,
                    observed double precision NOT NULL,
                    expected double precision NOT NULL,
                    lower_bound double precision,
                    upper_bound double precision,
                    score double precision NOT NULL,
                    severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
                    direction text NOT NULL CHECK (direction IN ('up', 'down')),
                    incident_id uuid NOT NULL,
                    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'muted')),
                    detected_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (workspace_id, id),
                    UNIQUE (workspace_id, metric, entity_key, grain, ts)
                );
                CREATE INDEX anomalies_time ON metrics.anomalies (workspace_id, ts DESC, id);

                CREATE TABLE metrics.alert_rules (
                    workspace_id uuid NOT NULL,
                    id uuid NOT NULL DEFAULT gen_random_uuid(),
                    name text NOT NULL,
                    kind text NOT NULL CHECK (kind IN ('anomaly', 'threshold')),
                    metric text NOT NULL,
                    entity_key text NOT NULL DEFAULT '',
                    min_severity text NOT NULL DEFAULT 'low',
                    comparator text NOT NULL DEFAULT '',
                    threshold double precision NOT NULL DEFAULT 0,
                    buckets integer NOT NULL DEFAULT 1,
                    webhook_url text NOT NULL,
                    webhook_format text NOT NULL CHECK (webhook_format IN ('json', 'slack')),
                    muted_until timestamptz,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (workspace_id, id)
                );

                -- The delivery log: one row per notification, its attempts and its fate. The
                -- dedupe key (an anomaly, or a threshold breach's bucket) makes replays harmless.
                CREATE TABLE metrics.alert_deliveries (
                    workspace_id uuid NOT NULL,
                    id uuid NOT NULL DEFAULT gen_random_uuid(),
                    rule_id uuid NOT NULL,
                    anomaly_id uuid,
                    dedupe_key text NOT NULL,
                    summary text NOT NULL,
                    url text NOT NULL,
                    body text NOT NULL,
                    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
                    attempts integer NOT NULL DEFAULT 0,
                    next_attempt_at timestamptz NOT NULL DEFAULT now(),
                    last_status_code integer NOT NULL DEFAULT 0,
                    last_error text NOT NULL DEFAULT '',
                    created_at timestamptz NOT NULL DEFAULT now(),
                    delivered_at timestamptz,
                    PRIMARY KEY (workspace_id, id),
                    UNIQUE (workspace_id, rule_id, dedupe_key),
                    FOREIGN KEY (workspace_id, rule_id) REFERENCES metrics.alert_rules ON DELETE CASCADE
                );
                CREATE INDEX alert_deliveries_due ON metrics.alert_deliveries (next_attempt_at) WHERE status = 'pending';
                """),
    ]
}
