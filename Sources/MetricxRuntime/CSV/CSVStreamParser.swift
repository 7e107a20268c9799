/// Splits CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into records as bytes arrive,
/// holding only the record in progress, so a file of any size streams through in constant memory.
public struct CSVStreamParser: Sendable {
    public struct Record: Sendable {
        /// 1-based line number where the record starts.
        public var line: Int
        public var fields: [String]
    }

    /// A field may hold at most this many bytes and a record this many fields: the parser holds
    /// the record in progress, and a single quoted field of 32 MiB was buffered whole (#23).
    public var maximumFieldBytes: Int
    public var maximumFields: Int

    public init(maximumFieldBytes: Int = 64 << 10, maximumFields: Int = 1_000) {
        self.maximumFieldBytes = maximumFieldBytes
        self.maximumFields = maximumFields
    }

    private var field: [UInt8] = []
    private var fields: [String] = []
    private var inQuotes = false
    private var quotePending = false // a quote inside quotes: end of field or first of a doubled pair
    private var line = 1
    private var recordLine = 1
    private var atRecordStart = true
    private var skippedBOM = false

    /// Feeds bytes; returns the records they complete. A field or record over the limits is an
    /// invalid argument naming `csv` and the line.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(ServiceError) -> [Record] {
        var records: [Record] = []
        for byte in bytes {
            if !skippedBOM {
                skippedBOM = true
                if byte == 0xEF {
                    bomBytes = 1
                    continue
                }
            }
            if bomBytes > 0 && bomBytes < 3 {
                bomBytes += 1
                if (bomBytes == 2 && byte == 0xBB) || (bomBytes == 3 && byte == 0xBF) { continue }
            }
            if atRecordStart {
                recordLine = line
                atRecordStart = false
            }
            if inQuotes {
                if quotePending {
                    quotePending = false
                    if byte == UInt8(ascii: "\"") {
                        try append(byte)
                        continue
                    }
                    inQuotes = false // the quote closed the field; fall through
                } else if byte == UInt8(ascii: "\"") {
                    quotePending = true
                    continue
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    try append(byte)
                    continue
                }
            }
            switch byte {
            case UInt8(ascii: "\""):
                if field.isEmpty { inQuotes = true } else { try append(byte) }
            case UInt8(ascii: ","):
                endField()
                guard fields.count < maximumFields else {
                    throw ServiceError.invalidArgument("line \(recordLine): more than \(maximumFields) fields", field: "csv")
                }
            case UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "\n"):
                endField()
                records.append(Record(line: recordLine, fields: fields))
                fields.removeAll(keepingCapacity: true)
                line += 1
                atRecordStart = true
            default:
                try append(byte)
            }
        }
        return records
    }

    private var bomBytes = 0

    /// Ends the input; returns the last record if it had no trailing newline.
    public mutating func finish() -> Record? {
        if quotePending {
            inQuotes = false
            quotePending = false
        }
        guard !atRecordStart || !field.isEmpty || !fields.isEmpty else { return nil }
        endField()
        defer { fields.removeAll() }
        return Record(line: recordLine, fields: fields)
    }

    /// Whether the input ended inside a quoted field.
    public var isInsideQuotes: Bool { inQuotes && !quotePending }

    private mutating func append(_ byte: UInt8) throws(ServiceError) {
        guard field.count < maximumFieldBytes else {
            throw ServiceError.invalidArgument("line \(recordLine): a field is longer than \(maximumFieldBytes) bytes", field: "csv")
        }
        field.append(byte)
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
    }
}
