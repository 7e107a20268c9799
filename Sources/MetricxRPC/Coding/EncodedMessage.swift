import GRPCCore
import SwiftProtobuf

/// A protobuf message kept in its wire form.
///
/// A result served from a cache is sent as the bytes it was stored as, and a caller that only
/// memoizes or forwards an answer needs no decoded copy: on the dashboard's warm path, encoding
/// the same cached response again cost MetricsSvc, and decoding it cost the gateway, each about a
/// tenth of its CPU per request.
public struct EncodedMessage<Message: SwiftProtobuf.Message>: Sendable, Hashable {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public init(_ message: Message) throws {
        bytes = try message.serializedBytes()
    }

    public func decoded() throws -> Message {
        try Message(serializedBytes: bytes)
    }
}

/// Sends an ``EncodedMessage`` as it is.
public struct EncodedMessageSerializer<Message: SwiftProtobuf.Message>: MessageSerializer {
    public init() {}

    public func serialize<Bytes: GRPCContiguousBytes>(_ message: EncodedMessage<Message>) throws -> Bytes {
        Bytes(message.bytes)
    }
}

/// Receives a message as an ``EncodedMessage``, left to ``EncodedMessage/decoded()``.
public struct EncodedMessageDeserializer<Message: SwiftProtobuf.Message>: MessageDeserializer {
    public init() {}

    public func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> EncodedMessage<Message> {
        serializedMessageBytes.withUnsafeBytes { EncodedMessage(bytes: Array($0)) }
    }
}
