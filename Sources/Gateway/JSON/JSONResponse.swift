import Foundation
import Hummingbird

/// The gateway's one JSON encoding. Keys are sorted so that equal values give equal bytes, which
/// ETags rely on.
func encodeJSON(_ value: some Encodable) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(value)
}

func jsonResponse(_ status: HTTPResponse.Status, _ value: some Encodable, headers: HTTPFields = [:]) throws -> Response {
    jsonResponse(status, data: try encodeJSON(value), headers: headers)
}

func jsonResponse(_ status: HTTPResponse.Status, data: Data, headers: HTTPFields = [:]) -> Response {
    var fields = headers
    fields[.contentType] = "application/json; charset=utf-8"
    return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
}
