import Foundation
import MetricxRuntime

/// Writes JSON straight into bytes, for the responses served often enough that `JSONEncoder`'s
/// generic machinery becomes most of a request's cost (the dashboard: a third of the gateway's
/// CPU per cached request went to encoding it). Everything else goes through ``encodeJSON(_:)``.
///
/// Output is deterministic, as ETags need: fields come in the order they are written and a
/// dictionary's keys are sorted.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the container being written still has no member, so no comma precedes the next.
    private var atStart = true

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes `{ ... }`, whose fields `body` writes.
    mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        atStart = true
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        atStart = false
    }

    /// Writes `[ ... ]` with one element per member of `elements`.
    mutating func array<C: Collection>(_ elements: C, _ element: (inout JSONWriter, C.Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        atStart = true
        for item in elements { element(&self, item) }
        bytes.append(UInt8(ascii: "]"))
        atStart = false
    }

    /// Writes `"name":` inside an object; the value written next belongs to it.
    mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        atStart = true
    }

    mutating func value(_ value: some JSONWritable) {
        value.write(to: &self)
    }

    /// `"name": value`.
    mutating func field(_ name: String, _ value: some JSONWritable) {
        key(name)
        value.write(to: &self)
    }

    mutating func field(_ name: String, object body: (inout JSONWriter) -> Void) {
        key(name)
        object(body)
    }

    mutating func field<C: Collection>(_ name: String, array elements: C, _ element: (inout JSONWriter, C.Element) -> Void) {
        key(name)
        array(elements, element)
    }

    mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        atStart = false
    }

    mutating func string(_ value: String) {
        separate()
        writeString(value)
        atStart = false
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        atStart = false
    }

    /// Whole numbers print without a fraction (`12`, as `JSONEncoder` writes them), others in
    /// Swift's shortest round-tripping form; a non-finite number, which JSON cannot carry, is null.
    mutating func number(_ value: Double) {
        guard value.isFinite else { return null() }
        separate()
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
        atStart = false
    }

    mutating func number(_ value: Int64) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        atStart = false
    }

    private mutating func separate() {
        if !atStart { bytes.append(UInt8(ascii: ",")) }
    }

    /// A quoted string with RFC 8259's escapes: quote, backslash and control characters.
    private mutating func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings (names, dates, metric keys) need no escape: copy them whole.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: value.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20: bytes.append(contentsOf: "\\u00\(CollectionOfOne(byte).hexString)".utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// A value ``JSONWriter`` can write.
protocol JSONWritable {
    func write(to json: inout JSONWriter)
}

extension String: JSONWritable {
    func write(to json: inout JSONWriter) { json.string(self) }
}

extension Double: JSONWritable {
    func write(to json: inout JSONWriter) { json.number(self) }
}

extension Int64: JSONWritable {
    func write(to json: inout JSONWriter) { json.number(self) }
}

extension Bool: JSONWritable {
    func write(to json: inout JSONWriter) { json.bool(self) }
}

extension Optional: JSONWritable where Wrapped: JSONWritable {
    func write(to json: inout JSONWriter) {
        if let self { self.write(to: &json) } else { json.null() }
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    func write(to json: inout JSONWriter) { json.array(self) { $0.value($1) } }
}

extension Dictionary: JSONWritable where Key == String, Value: JSONWritable {
    /// Keys sorted, so that equal dictionaries give equal bytes.
    func write(to json: inout JSONWriter) {
        json.object { json in
            for key in keys.sorted() { json.field(key, self[key]!) }
        }
    }
}
