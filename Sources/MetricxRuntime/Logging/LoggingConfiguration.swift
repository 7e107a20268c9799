import Logging

/// How a service logs: `LOG_LEVEL` (trace ... critical, default info) and `LOG_FORMAT`
/// (`text`, the default, or `json` for one JSON object per line).
public struct LoggingConfiguration: Sendable, Equatable {
    public enum Format: String, Sendable {
        case text
        case json
    }

    public var level: Logger.Level
    public var format: Format

    public init(level: Logger.Level = .info, format: Format = .text) {
        self.level = level
        self.format = format
    }

    public init(environment env: EnvironmentReader) throws {
        let levels = Logger.Level.allCases.map(\.rawValue)
        let level = try env.choice("LOG_LEVEL", default: "info", among: levels)
        let format = try env.choice("LOG_FORMAT", default: "text", among: ["text", "json"])
        self.init(level: Logger.Level(rawValue: level) ?? .info, format: Format(rawValue: format) ?? .text)
    }
}
