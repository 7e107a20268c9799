import Foundation
import MCP

/// A tool's arguments as the client sent them.
struct ToolArguments: Sendable {
    let values: [String: Value]

    init(_ values: [String: Value]) {
        self.values = values
    }

    func string(_ key: String) throws -> String? {
        switch values[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw APIError.invalid("must be a string", field: key)
        }
    }

    func int(_ key: String) throws -> Int? {
        switch values[key] {
        case nil, .null?: return nil
        case .int(let number)?: return number
        case .double(let number)? where number == number.rounded(): return Int(number)
        default: throw APIError.invalid("must be a whole number", field: key)
        }
    }

    /// The arguments without `excluded`, as the JSON body the matching REST route takes, so that
    /// the route's own strict decoding names a bad field the same way.
    func body(excluding excluded: Set<String> = ["cursor"]) throws -> Data {
        try JSONEncoder().encode(values.filter { !excluded.contains($0.key) })
    }
}

/// A tool's answer: structured content (the REST route's JSON, capped), a short text rendering,
/// and, when rows were cut, a cursor and a note saying so.
struct ToolOutput: Sendable {
    /// Rows per answer, and bytes of structured content: a model's context is not a dump.
    static let maximumRows = 50
    static let maximumBytes = 48 << 10

    var structured: [String: Value]
    var text: String

    /// Encodes an API body as the structured content.
    static func encoding(_ body: some Encodable, text: String) throws -> ToolOutput {
        let data = try JSONEncoder().encode(body)
        guard case .object(let object) = try JSONDecoder().decode(Value.self, from: data) else {
            return ToolOutput(structured: ["result": try JSONDecoder().decode(Value.self, from: data)], text: text)
        }
        return ToolOutput(structured: object, text: text)
    }

    /// Keeps `key`'s array to a page starting at `cursor` (an offset the previous page gave),
    /// and says where the next page starts.
    mutating func page(_ key: String, cursor: String?, limit: Int = maximumRows) throws {
        guard case .array(let rows)? = structured[key] else { return }
        var offset = 0
        if let cursor {
            guard let decoded = Int(cursor), decoded >= 0 else { throw APIError.invalid("is not a cursor this tool gave", field: "cursor") }
            offset = decoded
        }
        let shown = Array(rows.dropFirst(offset).prefix(limit))
        structured[key] = .array(shown)
        if offset + shown.count < rows.count {
            structured["next_cursor"] = .string(String(offset + shown.count))
            structured["note"] = .string(
                "Showing \(key) \(offset + 1)–\(offset + shown.count) of \(rows.count); call again with cursor \"\(offset + shown.count)\" for more."
            )
        }
    }

    func result() throws -> CallTool.Result {
        var structured = structured
        var data = try JSONEncoder().encode(Value.object(structured))
        // Past the byte cap, the largest arrays are halved until the answer fits.
        while data.count > Self.maximumBytes,
            let (key, rows) = structured.compactMap({ key, value -> (String, [Value])? in
                if case .array(let rows) = value, rows.count > 1 { return (key, rows) }
                return nil
            }).max(by: { $0.1.count < $1.1.count })
        {
            structured[key] = .array(Array(rows.prefix(rows.count / 2)))
            structured["note"] = .string(
                "The answer was cut to fit: \(key) shows its first \(rows.count / 2) rows; narrow the question for the rest.")
            data = try JSONEncoder().encode(Value.object(structured))
        }
        var text = text
        if case .string(let note)? = structured["note"] { text += " " + note }
        return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: .object(structured))
    }
}
