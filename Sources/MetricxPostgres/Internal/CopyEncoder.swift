/// Encodes rows for `COPY ... FROM STDIN` in either of its formats.
///
/// Text: tab-separated, `\N` for NULL, backslash escapes. Binary: the `PGCOPY` signature and
/// header, then per row a field count and each field as a length and its bytes in network order
/// (`-1` for NULL), then a trailer. Binary spares the server parsing numbers from text, which for
/// rows of many float8 columns is most of its COPY work.
struct CopyEncoder {
    static let chunkSize = 256 * 1024
    private static let signature: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]

    let format: CopyFormat
    var bytes: [UInt8] = []
    /// Whether the next field starts a row.
    private var atRowStart = true
    /// Binary: where the row's field count goes, and the count so far.
    private var countOffset = 0
    private var fields: Int16 = 0

    init(format: CopyFormat) {
        self.format = format
        bytes.reserveCapacity(Self.chunkSize + 4096)
        if format == .binary {
            bytes += Self.signature
            appendBigEndian(Int32(0)) // flags
            appendBigEndian(Int32(0)) // header extension length
        }
    }

    /// An encoder without a buffer or header of its own, to be swapped with one that has.
    init(empty format: CopyFormat) {
        self.format = format
    }

    mutating func text(_ value: String) {
        beginField()
        switch format {
        case .binary:
            appendBigEndian(Int32(value.utf8.count))
            bytes += value.utf8
        case .text:
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\\"):
                    bytes.append(92)
                    bytes.append(92)
                case UInt8(ascii: "\t"):
                    bytes.append(92)
                    bytes.append(UInt8(ascii: "t"))
                case UInt8(ascii: "\n"):
                    bytes.append(92)
                    bytes.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"):
                    bytes.append(92)
                    bytes.append(UInt8(ascii: "r"))
                default: bytes.append(byte)
                }
            }
        }
    }

    mutating func int64(_ value: Int64) { integer(value) }
    mutating func int32(_ value: Int32) { integer(value) }
    mutating func int16(_ value: Int16) { integer(value) }

    mutating func double(_ value: Double) {
        beginField()
        switch format {
        case .binary:
            appendBigEndian(Int32(8))
            appendBigEndian(value.bitPattern)
        case .text where value.isFinite:
            // Swift's description is the shortest text that reads back as the same Double.
            bytes += value.description.utf8
        case .text:
            bytes += value.postgresText!.utf8
        }
    }

    /// A `date`, as days since 1970-01-01.
    mutating func date(daysSince1970 days: Int) {
        beginField()
        switch format {
        case .binary:
            // Postgres counts days from 2000-01-01.
            appendBigEndian(Int32(4))
            appendBigEndian(Int32(days - 10_957))
        case .text:
            let (year, month, day) = Self.civil(fromDays: days)
            // Four digits at least: Postgres reads a shorter year as one of this century.
            let digits = String(year)
            bytes += repeatElement(UInt8(ascii: "0"), count: max(0, 4 - digits.utf8.count))
            bytes += digits.utf8
            bytes.append(UInt8(ascii: "-"))
            if month < 10 { bytes.append(UInt8(ascii: "0")) }
            bytes += String(month).utf8
            bytes.append(UInt8(ascii: "-"))
            if day < 10 { bytes.append(UInt8(ascii: "0")) }
            bytes += String(day).utf8
        }
    }

    /// The proleptic Gregorian date of a day number (Howard Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    mutating func null() {
        beginField()
        switch format {
        case .binary: appendBigEndian(Int32(-1))
        case .text:
            bytes.append(92)
            bytes.append(UInt8(ascii: "N"))
        }
    }

    mutating func endRow() {
        switch format {
        case .binary:
            withUnsafeBytes(of: fields.bigEndian) { count in
                bytes[countOffset] = count[0]
                bytes[countOffset + 1] = count[1]
            }
        case .text:
            bytes.append(UInt8(ascii: "\n"))
        }
        atRowStart = true
    }

    /// Binary only: the end-of-data marker.
    mutating func finish() {
        if format == .binary { appendBigEndian(Int16(-1)) }
    }

    /// Digits and signs never need escaping, so integers skip the escape scan.
    private mutating func integer<Value: FixedWidthInteger>(_ value: Value) {
        beginField()
        switch format {
        case .binary:
            appendBigEndian(Int32(Value.bitWidth / 8))
            appendBigEndian(value)
        case .text:
            bytes += String(value).utf8
        }
    }

    private mutating func beginField() {
        if atRowStart {
            atRowStart = false
            fields = 0
            if format == .binary {
                countOffset = bytes.count
                bytes += [0, 0]
            }
        } else if format == .text {
            bytes.append(UInt8(ascii: "\t"))
        }
        fields += 1
    }

    private mutating func appendBigEndian<Value: FixedWidthInteger>(_ value: Value) {
        withUnsafeBytes(of: value.bigEndian) { bytes += $0 }
    }
}
