import Foundation

/// Reads typed settings from environment variables. Every getter takes the documented default, and
/// every malformed value throws a ``ConfigurationError`` that names the variable.
public struct EnvironmentReader: Sendable {
    private let values: [String: String]

    public init(_ values: [String: String] = EnvironmentReader.processEnvironment()) {
        self.values = values
    }

    /// The process's environment, plus a variable for each file in the folder `SECRETS_DIR`
    /// names: the file's name is the variable, its contents (less one trailing newline) the
    /// value. Credentials can so be mounted as files (a Kubernetes Secret volume) rather than
    /// passed in the environment; a variable set in the environment wins over its file.
    public static func processEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        guard let folder = environment["SECRETS_DIR"], !folder.isEmpty,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return environment }
        var merged = environment
        for name in names where merged[name] == nil && !name.hasPrefix(".") {
            guard var value = try? String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8) else { continue }
            if value.hasSuffix("\n") { value.removeLast() }
            merged[name] = value
        }
        return merged
    }

    /// The raw value, treating an empty string as unset.
    public func raw(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    public func string(_ name: String, default defaultValue: String) -> String {
        raw(name) ?? defaultValue
    }

    public func int(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = raw(name) else { return defaultValue }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw ConfigurationError(variable: name, value: text, reason: "expected a whole number")
        }
        guard range.contains(value) else {
            throw ConfigurationError(
                variable: name, value: text,
                reason: "expected a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    public func port(_ name: String, default defaultValue: Int) throws -> Int {
        try int(name, default: defaultValue, in: 0...65535)
    }

    public func bool(_ name: String, default defaultValue: Bool) throws -> Bool {
        guard let text = raw(name) else { return defaultValue }
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(variable: name, value: text, reason: "expected true or false")
        }
    }

    /// A duration such as `250ms`, `5s`, `2m` or `1h`.
    public func duration(_ name: String, default defaultValue: Duration) throws -> Duration {
        guard let text = raw(name) else { return defaultValue }
        guard let value = Self.parseDuration(text) else {
            throw ConfigurationError(
                variable: name, value: text, reason: "expected a duration like 250ms, 5s, 2m or 1h")
        }
        return value
    }

    /// A `host:port` pair, e.g. a peer's gRPC address.
    public func hostPort(_ name: String, default defaultValue: HostPort) throws -> HostPort {
        guard let text = raw(name) else { return defaultValue }
        guard let value = HostPort(text) else {
            throw ConfigurationError(variable: name, value: text, reason: "expected host:port, e.g. 127.0.0.1:50051")
        }
        return value
    }

    /// A URL with one of the given schemes. Its value is not echoed in errors: URLs carry passwords.
    public func url(_ name: String, default defaultValue: String, schemes: Set<String>) throws -> URL {
        let text = raw(name) ?? defaultValue
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), schemes.contains(scheme),
            url.host != nil
        else {
            throw ConfigurationError(
                variable: name, value: nil,
                reason: "expected a URL with scheme \(schemes.sorted().joined(separator: " or ")) and a host")
        }
        return url
    }

    /// One of a fixed set of words.
    public func choice(_ name: String, default defaultValue: String, among choices: [String]) throws -> String {
        guard let text = raw(name) else { return defaultValue }
        guard choices.contains(text.lowercased()) else {
            throw ConfigurationError(
                variable: name, value: text, reason: "expected one of \(choices.joined(separator: ", "))")
        }
        return text.lowercased()
    }

    static func parseDuration(_ text: String) -> Duration? {
        let units: [(suffix: String, toMilliseconds: Double)] = [
            ("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000),
        ]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            guard let number = Double(trimmed.dropLast(unit.suffix.count)), number >= 0, number.isFinite else {
                return nil
            }
            return .milliseconds(Int64((number * unit.toMilliseconds).rounded()))
        }
        return nil
    }
}
