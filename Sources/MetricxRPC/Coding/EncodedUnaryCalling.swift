import GRPCCore
import GRPCProtobuf
import SwiftProtobuf

/// Makes unary calls whose answer is kept in wire form (``EncodedMessage``), for a caller that
/// renders or memoizes it by its bytes. The generated clients decode every answer; a
/// `GRPCClient` makes these calls on the same connections.
public protocol EncodedUnaryCalling: Sendable {
    func encodedUnary<Input: SwiftProtobuf.Message, Output: SwiftProtobuf.Message>(
        _ descriptor: MethodDescriptor, request: Input, answer: Output.Type
    ) async throws -> EncodedMessage<Output>
}

extension GRPCClient: EncodedUnaryCalling {
    public func encodedUnary<Input: SwiftProtobuf.Message, Output: SwiftProtobuf.Message>(
        _ descriptor: MethodDescriptor, request: Input, answer: Output.Type
    ) async throws -> EncodedMessage<Output> {
        try await unary(
            request: ClientRequest(message: request), descriptor: descriptor, serializer: ProtobufSerializer<Input>(),
            deserializer: EncodedMessageDeserializer<Output>(), options: .defaults
        ) { try $0.message }
    }
}
