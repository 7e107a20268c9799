/// What follows from a service's name: its schema, role and address variable. The names and
/// default ports come from `services.tsv` (see `ServiceName+Table.swift`).
///
/// Defaults point at a single machine (`make run`); Kubernetes overrides them through the
/// environment (`GRPC_PORT`, `ADMIN_PORT`, `METRICS_SVC_ADDR`, ...).
extension ServiceName {
    /// The Postgres schema this service owns (and the only one its role may touch).
    public var schema: String {
        rawValue
    }

    /// The Postgres role this service connects as.
    public var databaseRole: String {
        "metricx_\(rawValue)"
    }

    /// The environment variable that holds this service's gRPC address for its callers.
    public var addressVariable: String {
        "\(rawValue.uppercased())_SVC_ADDR"
    }
}
