import GRPCCore
import GRPCProtobuf
import SwiftProtobuf

extension RPCRouter {
    /// Registers a unary method whose handler answers with an already encoded message, in place
    /// of the generated registration of the same method (see ``EncodedMessage``).
    public mutating func registerUnary<Input: SwiftProtobuf.Message, Output: SwiftProtobuf.Message>(
        _ descriptor: MethodDescriptor,
        handler: @escaping @Sendable (_ request: Input, _ context: ServerContext) async throws -> EncodedMessage<Output>
    ) {
        registerHandler(
            forMethod: descriptor, deserializer: ProtobufDeserializer<Input>(), serializer: EncodedMessageSerializer<Output>()
        ) { request, context in
            let single = try await ServerRequest(stream: request)
            return StreamingServerResponse(single: ServerResponse(message: try await handler(single.message, context)))
        }
    }
}
