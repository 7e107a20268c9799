/// A setting that cannot be used; start-up stops with its ``description``, which names the variable.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The environment variable at fault.
    public var variable: String
    /// The value found, when it is safe to show (never for secrets).
    public var value: String?
    /// Why the value is not usable and what is expected instead.
    public var reason: String

    public init(variable: String, value: String?, reason: String) {
        self.variable = variable
        self.value = value
        self.reason = reason
    }

    public var description: String {
        if let value {
            return "invalid \(variable)=\"\(value)\": \(reason)"
        }
        return "invalid \(variable): \(reason)"
    }
}
