import Foundation

/// How to reach Redis: host, port, database and optional password, from a `redis://` URL.
public struct RedisConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var database: Int
    public var username: String?
    public var password: String?
    /// Upper bound on pooled connections (blocking commands use dedicated ones on top).
    public var maximumConnections: Int
    public var acquireTimeout: Duration
    /// Socket read/write timeout of ordinary commands.
    public var commandTimeout: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 6379, database: Int = 0, username: String? = nil,
        password: String? = nil, maximumConnections: Int = 8, acquireTimeout: Duration = .seconds(5),
        commandTimeout: Duration = .seconds(5)
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.username = username
        self.password = password
        self.maximumConnections = max(1, maximumConnections)
        self.acquireTimeout = acquireTimeout
        self.commandTimeout = commandTimeout
    }

    /// Parses `redis://[[user]:password@]host[:port][/database]`.
    public init?(url text: String, maximumConnections: Int = 8) {
        guard let url = URL(string: text), url.scheme == "redis", let host = url.host, !host.isEmpty else {
            return nil
        }
        var database = 0
        let path = url.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if !path.isEmpty {
            guard let number = Int(path), number >= 0 else { return nil }
            database = number
        }
        let user = url.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
        self.init(
            host: host, port: url.port ?? 6379, database: database, username: user,
            password: url.password?.removingPercentEncoding, maximumConnections: maximumConnections)
    }
}
