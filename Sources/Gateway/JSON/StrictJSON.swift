import Foundation
import Hummingbird
import NIOCore

/// Decodes request bodies strictly: malformed JSON is a 400, and a wrong type, a missing field or
/// a field the endpoint does not know is a 422 that names the field (`filters[0].op`).
enum StrictJSON {
    /// Default cap on JSON bodies.
    static let defaultLimit = 1 << 20

    static func decode<T: Decodable & Encodable>(_ type: T.Type, from request: Request, limit: Int = defaultLimit) async throws -> T {
        if let contentType = request.headers[.contentType], !contentType.lowercased().hasPrefix("application/json") {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", "send the body as application/json")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: limit)
        }
        return try decode(type, from: Data(buffer: buffer))
    }

    static func decode<T: Decodable & Encodable>(_ type: T.Type, from data: Data) throws -> T {
        let raw: Any
        do {
            raw = try JSONSerialization.jsonObject(with: data.isEmpty ? Data("null".utf8) : data, options: [.fragmentsAllowed])
        } catch {
            throw APIError.badRequest("the body is not valid JSON")
        }
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw describe(error)
        }
        // Unknown fields: whatever the client sent that the decoded value does not carry back.
        let echoed = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value), options: [.fragmentsAllowed])
        if let unknown = firstUnknownKey(raw, known: echoed, path: "") {
            throw APIError.invalid("unknown field", field: unknown)
        }
        return value
    }

    private static func firstUnknownKey(_ raw: Any, known: Any, path: String) -> String? {
        switch (raw, known) {
        case (let raw as [String: Any], let known as [String: Any]):
            for key in raw.keys.sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let knownValue = known[key] else {
                    if raw[key] is NSNull { continue } // an explicit null for an optional field
                    return child
                }
                if let found = firstUnknownKey(raw[key]!, known: knownValue, path: child) { return found }
            }
        case (let raw as [Any], let known as [Any]):
            for (index, element) in raw.enumerated() where index < known.count {
                if let found = firstUnknownKey(element, known: known[index], path: "\(path)[\(index)]") { return found }
            }
        default:
            break
        }
        return nil
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    private static func describe(_ error: DecodingError) -> APIError {
        switch error {
        case .typeMismatch(let type, let context):
            return .invalid("expected \(jsonName(of: type))", field: path(context.codingPath))
        case .valueNotFound(let type, let context):
            return .invalid("expected \(jsonName(of: type)), got null", field: path(context.codingPath))
        case .keyNotFound(let key, let context):
            return .invalid("required field is missing", field: path(context.codingPath + [key]))
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .badRequest("the body is not valid JSON") }
            return .invalid(context.debugDescription, field: path(context.codingPath))
        @unknown default:
            return .invalid("the body does not match the expected shape", field: nil)
        }
    }

    private static func jsonName(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int32.Type, is Int64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "true or false"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
