/// The two formats of `COPY ... FROM STDIN`.
public enum CopyFormat: Sendable {
    /// Tab-separated text: any ``PostgresEncodable`` value, for any column type.
    case text
    /// Postgres's binary format: far less work for the server, but each field must be sent with
    /// exactly its column's type (``CopyWriter/Fields/int64(_:)`` for `int8`, and so on), and
    /// rows only through ``CopyWriter/appendRow(_:)``.
    case binary
}

/// Appends rows to a running `COPY ... FROM STDIN`, sending a chunk whenever enough has been
/// encoded.
public struct CopyWriter {
    private var encoder: CopyEncoder
    private let send: (UnsafeRawBufferPointer) throws -> Void
    /// Rows appended so far.
    public private(set) var rows = 0

    init(format: CopyFormat, send: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.encoder = CopyEncoder(format: format)
        self.send = send
    }

    /// Appends one row; its values are in the order of the COPY statement's columns. Text format only.
    public mutating func append(_ row: [any PostgresEncodable]) throws {
        guard encoder.format == .text else {
            throw PostgresError(.encoding, message: "a binary COPY takes rows field by field, through appendRow")
        }
        for value in row {
            if let text = value.postgresText { encoder.text(text) } else { encoder.null() }
        }
        encoder.endRow()
        try rowEnded()
    }

    /// Appends one row field by field, in the order of the COPY statement's columns, without
    /// boxing each value: for loads of millions of rows, where `append(_:)`'s array of
    /// existentials costs more than the encoding.
    public mutating func appendRow(_ fill: (inout Fields) -> Void) throws {
        var row = Fields(encoder: CopyEncoder(empty: encoder.format))
        swap(&row.encoder, &encoder)
        fill(&row)
        row.encoder.endRow()
        swap(&row.encoder, &encoder)
        try rowEnded()
    }

    /// The fields of the row being appended by ``CopyWriter/appendRow(_:)``.
    public struct Fields {
        fileprivate var encoder: CopyEncoder

        public mutating func text(_ value: String) { encoder.text(value) }
        /// An `int8` column.
        public mutating func int64(_ value: Int64) { encoder.int64(value) }
        /// An `int4` column.
        public mutating func int32(_ value: Int32) { encoder.int32(value) }
        /// An `int2` column.
        public mutating func int16(_ value: Int16) { encoder.int16(value) }
        /// A `float8` column.
        public mutating func double(_ value: Double) { encoder.double(value) }
        /// A `date` column, as days since 1970-01-01.
        public mutating func date(daysSince1970 days: Int) { encoder.date(daysSince1970: days) }
        public mutating func null() { encoder.null() }
    }

    private mutating func rowEnded() throws {
        rows += 1
        if encoder.bytes.count >= CopyEncoder.chunkSize { try flush() }
    }

    mutating func finish() throws {
        encoder.finish()
        try flush()
    }

    private mutating func flush() throws {
        guard !encoder.bytes.isEmpty else { return }
        try encoder.bytes.withUnsafeBytes(send)
        encoder.bytes.removeAll(keepingCapacity: true)
    }
}
