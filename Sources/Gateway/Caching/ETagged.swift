import Foundation
import Hummingbird

/// A JSON response with a strong `ETag` (a hash of its bytes) that answers `304 Not Modified`
/// when the client's `If-None-Match` already names it. Cheap for the small GET responses it wraps:
/// the body is encoded anyway, hashing it costs microseconds, and a 304 saves the transfer.
struct ETagged: ResponseGenerator, Sendable {
    var json: Data
    var etag: String

    init(_ value: some Encodable) throws {
        self.init(json: try encodeJSON(value))
    }

    init(_ value: some JSONWritable) {
        var writer = JSONWriter()
        value.write(to: &writer)
        self.init(json: Data(writer.bytes))
    }

    private init(json: Data) {
        self.json = json
        etag = EntityTag.of(json)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        if EntityTag.isCurrent(etag, for: request) {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        return jsonResponse(.ok, data: json, headers: [.eTag: etag])
    }
}
