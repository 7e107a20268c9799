import Foundation
import Yams

/// The OpenAPI 3.1 description of the public API: `openapi.yaml`, a resource of the gateway that
/// editors and OpenAPI tools read as it is, served as JSON at `/openapi.json`.
///
/// Kept true by `RouteTableTests`: every registered route must be described there and every path
/// there must be registered, sample responses must validate against the schemas, and each
/// operation's `x-required-role` is checked against what the route enforces.
enum OpenAPIDocument {
    /// The document as JSON, read and converted once. The gateway refuses to start without it
    /// (`main` asks for it first), so the route never meets the failure.
    static let json = Result { () throws(OpenAPIDocumentError) in try load() }

    /// Reads `openapi.yaml` from the gateway's resources and converts it to JSON, keeping the
    /// file's order of keys.
    static func load(from file: URL? = GatewayResources.file("openapi.yaml")) throws(OpenAPIDocumentError) -> String {
        guard let file else { throw OpenAPIDocumentError("openapi.yaml is not among the gateway's resources") }
        let yaml: String
        do {
            yaml = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw OpenAPIDocumentError("cannot read \(file.path): \(error)")
        }
        return try json(fromYAML: yaml)
    }

    /// The JSON form of a YAML document: scalars keep the type YAML resolves them to.
    static func json(fromYAML yaml: String) throws(OpenAPIDocumentError) -> String {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw OpenAPIDocumentError("openapi.yaml is not valid YAML: \(error)")
        }
        guard let root else { throw OpenAPIDocumentError("openapi.yaml is empty") }
        var writer = JSONWriter(capacity: yaml.utf8.count)
        try write(root, to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private static func write(_ node: Node, to writer: inout JSONWriter) throws(OpenAPIDocumentError) {
        switch node {
        case .mapping(let mapping):
            var failure: OpenAPIDocumentError?
            writer.object { object in
                for (key, value) in mapping where failure == nil {
                    guard let name = key.scalar?.string else {
                        failure = OpenAPIDocumentError("a mapping key that is not a scalar, at line \(key.mark?.line ?? 0)")
                        return
                    }
                    object.key(name)
                    do throws(OpenAPIDocumentError) { try write(value, to: &object) } catch { failure = error }
                }
            }
            if let failure { throw failure }
        case .sequence(let sequence):
            var failure: OpenAPIDocumentError?
            writer.array(Array(sequence)) { array, element in
                do throws(OpenAPIDocumentError) { try write(element, to: &array) } catch { failure = error }
            }
            if let failure { throw failure }
        case .scalar(let scalar):
            // A quoted or block scalar ('200', |) is a string; a plain one is what it reads as.
            let tag = scalar.style == .plain || scalar.style == .any ? Resolver.default.resolveTag(of: node) : .str
            switch tag {
            case .null: writer.null()
            case .bool: writer.bool(node.bool ?? false)
            case .int:
                guard let value = node.int else { throw OpenAPIDocumentError("\(scalar.string) is out of range") }
                writer.number(Int64(value))
            case .float:
                guard let value = node.float, value.isFinite else {
                    throw OpenAPIDocumentError("\(scalar.string) is not a JSON number")
                }
                writer.number(value)
            default: writer.string(scalar.string)
            }
        case .alias:
            throw OpenAPIDocumentError("YAML aliases are not used in openapi.yaml; write the value or a $ref")
        }
    }
}

/// Why the API description could not be loaded.
struct OpenAPIDocumentError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
