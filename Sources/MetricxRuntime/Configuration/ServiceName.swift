/// The five metricx services, with the ports and the Postgres schema each one owns by default.
///
/// Defaults point at a single machine (`make run`); Kubernetes overrides them through the
/// environment (`GRPC_PORT`, `ADMIN_PORT`, `METRICS_SVC_ADDR`, ...).
public enum ServiceName: String, Sendable, CaseIterable {
    case gateway
    case metrics
    case copilot
    case lineage
    case sync

    /// The name used in logs, metrics labels and the health service.
    public var displayName: String {
        switch self {
        case .gateway: "Gateway"
        case .metrics: "MetricsSvc"
        case .copilot: "CopilotSvc"
        case .lineage: "LineageSvc"
        case .sync: "SyncSvc"
        }
    }

    /// Internal gRPC port.
    public var defaultGRPCPort: Int {
        switch self {
        case .gateway: 50050
        case .metrics: 50051
        case .copilot: 50052
        case .lineage: 50053
        case .sync: 50054
        }
    }

    /// Admin HTTP port: Prometheus `/metrics` and liveness.
    public var defaultAdminPort: Int {
        switch self {
        case .gateway: 9100
        case .metrics: 9101
        case .copilot: 9102
        case .lineage: 9103
        case .sync: 9104
        }
    }

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
