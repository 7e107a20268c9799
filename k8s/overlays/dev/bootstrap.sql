-- Run once by the Postgres image on an empty data directory: the metricx database, one login
-- role per service owning its schema (DESIGN.md, "Ownership of state"), as scripts/local-services
-- does for `make run`. Development passwords; production creates its roles itself (k8s/README.md).
CREATE DATABASE metricx;
\connect metricx
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE metricx FROM PUBLIC;
DO $$
DECLARE svc text;
BEGIN
  FOREACH svc IN ARRAY ARRAY['gateway', 'metrics', 'copilot', 'lineage', 'sync'] LOOP
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', 'metricx_' || svc, 'dev-' || svc);
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE metricx TO %I', 'metricx_' || svc);
    EXECUTE format('CREATE SCHEMA %I AUTHORIZATION %I', svc, 'metricx_' || svc);
  END LOOP;
END
$$;
