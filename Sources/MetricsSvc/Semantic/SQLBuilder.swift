import MetricxPostgres

/// Accumulates bindings while SQL is assembled, so that every value becomes a `$n` parameter and
/// nothing a client sent is ever part of the SQL text.
struct SQLBuilder {
    private(set) var bindings: [any PostgresEncodable] = []

    /// Adds a value and returns its placeholder.
    mutating func bind(_ value: any PostgresEncodable) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }
}
