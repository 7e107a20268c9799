import Foundation

/// A Swift type a result column can be decoded into, from Postgres' text format.
public protocol PostgresDecodable: Sendable {
    /// Decodes a column's text (nil for SQL NULL). `column` names it in errors.
    static func decode(_ text: String?, column: String) throws -> Self
}

extension PostgresDecodable {
    static func required(_ text: String?, column: String) throws -> String {
        guard let text else {
            throw PostgresError(.decoding, message: "column \(column) is NULL, expected \(Self.self)")
        }
        return text
    }

    static func mismatch(column: String) -> PostgresError {
        PostgresError(.decoding, message: "column \(column) is not a valid \(Self.self)")
    }
}

extension String: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws -> String {
        try required(text, column: column)
    }
}

extension Int: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws -> Int {
        guard let value = Int(try required(text, column: column)) else { throw mismatch(column: column) }
        return value
    }
}

extension Int64: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws -> Int64 {
        guard let value = Int64(try required(text, column: column)) else { throw mismatch(column: column) }
        return value
    }
}

extension Int32: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws -> Int32 {
        guard let value = Int32(try required(text, column: column)) else { throw mismatch(column: column) }
        return value
    }
}

extension Double: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws -> Double {
        let raw = try required(text, column: column)
        switch raw {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(raw) else { throw mismatch(column: column) }
            return value
        }
    }
}

extension Bool: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws -> Bool {
        switch try required(text, column: column) {
        case "t", "true": return true
        case "f", "false": return false
        default: throw mismatch(column: column)
        }
    }
}

extension UUID: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws -> UUID {
        guard let value = UUID(uuidString: try required(text, column: column)) else {
            throw mismatch(column: column)
        }
        return value
    }
}

extension Date: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws -> Date {
        guard let value = PostgresTimestamp.parse(try required(text, column: column)) else {
            throw mismatch(column: column)
        }
        return value
    }
}

extension Data: PostgresDecodable {
    /// `bytea` in hex output format (the default since Postgres 9.0).
    public static func decode(_ text: String?, column: String) throws -> Data {
        let raw = try required(text, column: column)
        guard raw.hasPrefix("\\x") else { throw mismatch(column: column) }
        var data = Data(capacity: (raw.utf8.count - 2) / 2)
        var high: UInt8?
        for byte in raw.utf8.dropFirst(2) {
            guard let nibble = hexValue(byte) else { throw mismatch(column: column) }
            if let h = high {
                data.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        guard high == nil else { throw mismatch(column: column) }
        return data
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 97...102: byte - 87
        case 65...70: byte - 55
        default: nil
        }
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws -> Wrapped? {
        guard let text else { return nil }
        return try Wrapped.decode(text, column: column)
    }
}
