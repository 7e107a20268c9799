/// Appends rows to a running `COPY ... FROM STDIN`, sending a chunk whenever enough has been
/// encoded.
public struct CopyWriter {
    private var encoder = CopyTextEncoder()
    private let send: (UnsafeRawBufferPointer) throws -> Void
    /// Rows appended so far.
    public private(set) var rows = 0

    init(send: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.send = send
    }

    /// Appends one row; its values are in the order of the COPY statement's columns.
    public mutating func append(_ row: [any PostgresEncodable]) throws {
        encoder.append(row: row)
        rows += 1
        if encoder.bytes.count >= CopyTextEncoder.chunkSize { try flush() }
    }

    mutating func flush() throws {
        guard !encoder.bytes.isEmpty else { return }
        try encoder.bytes.withUnsafeBytes(send)
        encoder.bytes.removeAll(keepingCapacity: true)
    }
}
