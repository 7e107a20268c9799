/// How to reach Postgres and how many connections to keep.
public struct PostgresConfiguration: Sendable {
    /// A libpq connection URI (`postgresql://user:pass@host:port/db?sslmode=...`) or key=value string.
    public var connectionString: String
    /// The pool's upper bound on open connections.
    public var maximumConnections: Int
    /// How long a caller waits for a free connection before ``PostgresError/Code/poolTimeout``.
    public var acquireTimeout: Duration
    /// Applied to each session; 0 disables it.
    public var statementTimeout: Duration
    /// Sent as `application_name`, visible in `pg_stat_activity`.
    public var applicationName: String

    public init(
        connectionString: String,
        maximumConnections: Int = 8,
        acquireTimeout: Duration = .seconds(5),
        statementTimeout: Duration = .seconds(30),
        applicationName: String = "metricx"
    ) {
        self.connectionString = connectionString
        self.maximumConnections = max(1, maximumConnections)
        self.acquireTimeout = acquireTimeout
        self.statementTimeout = statementTimeout
        self.applicationName = applicationName
    }
}
