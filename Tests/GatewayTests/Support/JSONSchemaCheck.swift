import Foundation

@testable import Gateway

/// Checks a JSON value against the subset of JSON Schema the OpenAPI document uses: `$ref`,
/// `type` (one or several), `properties`, `required`, `additionalProperties`, `items`, `enum`,
/// `oneOf`, `minItems`. Returns the problems found, each with its JSON path.
struct JSONSchemaCheck {
    let schemas: [String: JSONValue]

    init(document: JSONValue) {
        schemas = document["components"]?["schemas"]?.objectValue ?? [:]
    }

    func problems(_ value: JSONValue, _ schema: JSONValue, path: String = "$") -> [String] {
        if case .string(let ref)? = schema["$ref"] {
            guard let name = ref.split(separator: "/").last, let target = schemas[String(name)] else {
                return ["\(path): unresolvable \(ref)"]
            }
            return problems(value, target, path: path)
        }
        if case .array(let options)? = schema["oneOf"] {
            let matching = options.filter { problems(value, $0, path: path).isEmpty }.count
            return matching == 1 ? [] : ["\(path): matches \(matching) of oneOf"]
        }
        if let types = schema["type"] {
            let allowed: [String] =
                switch types {
                case .string(let one): [one]
                case .array(let many): many.compactMap(\.stringValue)
                default: []
                }
            guard allowed.contains(where: { Self.isType(value, $0) }) else {
                return ["\(path): \(value) is not \(allowed.joined(separator: "|"))"]
            }
        }
        var found: [String] = []
        if case .array(let options)? = schema["enum"], !options.contains(value) {
            found.append("\(path): \(value) not in enum")
        }
        if case .object(let object) = value {
            let properties = schema["properties"]?.objectValue ?? [:]
            if case .array(let required)? = schema["required"] {
                for key in required.compactMap(\.stringValue) where object[key] == nil {
                    found.append("\(path): missing required \(key)")
                }
            }
            for (key, member) in object {
                if let propertySchema = properties[key] {
                    found += problems(member, propertySchema, path: "\(path).\(key)")
                } else if case .object? = schema["additionalProperties"] {
                    found += problems(member, schema["additionalProperties"]!, path: "\(path).\(key)")
                } else if schema["additionalProperties"] == .bool(false) {
                    found.append("\(path): unexpected property \(key)")
                }
            }
        }
        if case .array(let array) = value {
            if case .number(let minimum)? = schema["minItems"], Double(array.count) < minimum {
                found.append("\(path): fewer than \(minimum) items")
            }
            if let items = schema["items"] {
                for (index, item) in array.enumerated() { found += problems(item, items, path: "\(path)[\(index)]") }
            }
        }
        return found
    }

    private static func isType(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("number", .number):
            true
        case ("integer", .number(let number)):
            number == number.rounded()
        default:
            false
        }
    }
}

extension JSONValue {
    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }
}
