import Foundation
import Hummingbird

/// A JSON response with a strong `ETag` (a hash of its bytes) that answers `304 Not Modified`
/// when the client's `If-None-Match` already names it. Cheap for the small GET responses it wraps:
/// the body is encoded anyway, hashing it costs microseconds, and a 304 saves the transfer.
struct ETagged: ResponseGenerator {
    var json: Data

    init(_ value: some Encodable) throws {
        json = try encodeJSON(value)
    }

    init(_ value: some JSONWritable) {
        var writer = JSONWriter()
        value.write(to: &writer)
        json = Data(writer.bytes)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let etag = EntityTag.of(json)
        if EntityTag.isCurrent(etag, for: request) {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        return jsonResponse(.ok, data: json, headers: [.eTag: etag])
    }
}
