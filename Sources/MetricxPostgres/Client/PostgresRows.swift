/// One row of a result, copied out of libpq so it outlives the result.
public struct PostgresRow: Sendable {
    let columns: PostgresColumns
    let values: [String?]

    /// The number of columns.
    public var count: Int { values.count }

    /// Decodes the column at `index`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at index: Int) throws -> T {
        guard values.indices.contains(index) else {
            throw PostgresError(.decoding, message: "column index \(index) out of range (\(values.count) columns)")
        }
        return try T.decode(values[index], column: columns.names[index])
    }

    /// Decodes the column called `name`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, column name: String) throws -> T {
        guard let index = columns.index[name] else {
            throw PostgresError(.decoding, message: "no column named \(name)")
        }
        return try T.decode(values[index], column: name)
    }

    /// Decodes the leading columns as a tuple: `let (id, name) = try row.decode(Int.self, String?.self)`.
    public func decode<each T: PostgresDecodable>(_ types: repeat (each T).Type) throws -> (repeat each T) {
        var index = 0
        func next<V: PostgresDecodable>(_ type: V.Type) throws -> V {
            defer { index += 1 }
            return try decode(V.self, at: index)
        }
        return (repeat try next((each T).self))
    }
}

/// Column names of a result, shared by its rows.
final class PostgresColumns: Sendable {
    let names: [String]
    let index: [String: Int]

    init(names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        self.index = index
    }
}

/// The rows and the affected-row count of a statement.
public struct PostgresResult: Sendable {
    public var rows: [PostgresRow]
    /// Rows inserted, updated, deleted or copied, when the command reports it.
    public var affectedRows: Int

    /// The single row of a statement that must return exactly one.
    public func single() throws -> PostgresRow {
        guard rows.count == 1 else {
            throw PostgresError(.decoding, message: "expected one row, got \(rows.count)")
        }
        return rows[0]
    }

    /// Decodes the first column of every row.
    public func column<T: PostgresDecodable>(_ type: T.Type = T.self) throws -> [T] {
        try rows.map { try $0.decode(T.self, at: 0) }
    }
}
