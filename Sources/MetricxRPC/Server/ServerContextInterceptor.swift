import Foundation
import GRPCCore
import Logging
import MetricxRuntime
import NIOCore

/// The first interceptor of every metricx server. For each RPC it:
/// - refuses, as UNAUTHENTICATED, a call that does not present the deployment's ``ServiceToken``
///   (health checks excepted: probes carry no credential and learn nothing else);
/// - reads `x-request-id`, `x-workspace-id`, `x-principal` and `x-role` into
///   ``RequestContext/current`` for the handler (and for calls the handler makes onwards);
/// - maps thrown errors once: ``ServiceErrorConvertible`` to its status, anything unexpected to
///   INTERNAL with a generic message (the details are logged with the request id, never sent);
/// - logs the call and records its count, errors and latency.
public struct ServerContextInterceptor: ServerInterceptor {
    private let logger: Logger
    private let metrics = RPCMetrics(side: "server")
    private let serviceToken: ServiceToken

    public init(serviceToken: ServiceToken, logger: Logger) {
        self.serviceToken = serviceToken
        self.logger = logger
    }

    public func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        let method = context.descriptor.fullyQualifiedMethod
        let started = ContinuousClock.now
        let logger = self.logger
        let metrics = self.metrics
        let requestContext: RequestContext
        if Self.presentsToken(request.metadata, serviceToken) {
            requestContext = Self.requestContext(from: request.metadata)
        } else if context.descriptor.service.fullyQualifiedService == Self.healthService {
            requestContext = RequestContext(requestID: UUID().uuidString.lowercased())
        } else {
            metrics.record(method: method, code: "\(RPCError.Code.unauthenticated)", duration: .now - started)
            logger.warning("rpc refused: no valid service token", metadata: ["method": "\(method)", "peer": "\(context.remotePeer)"])
            throw RPCError(code: .unauthenticated, message: "the caller did not present this deployment's service token")
        }

        @Sendable func finish(_ error: (any Error)?) -> RPCError? {
            let mapped = error.map { Self.map($0, method: method, logger: logger) }
            let elapsed = ContinuousClock.now - started
            metrics.record(method: method, code: mapped.map { "\($0.code)" }, duration: elapsed)
            if let mapped {
                logger.info("rpc failed", metadata: ["method": "\(method)", "code": "\(mapped.code)", "ms": "\(elapsed.milliseconds)"])
            } else {
                logger.debug("rpc", metadata: ["method": "\(method)", "ms": "\(elapsed.milliseconds)"])
            }
            return mapped
        }

        return try await RequestContext.$current.withValue(requestContext) {
            var response: StreamingServerResponse<Output>
            do {
                response = try await next(request, context)
            } catch {
                throw finish(error)!
            }
            switch response.accepted {
            case .success(var contents):
                let producer = contents.producer
                contents.producer = { writer in
                    // The producer runs after this interceptor returned: re-enter the context.
                    try await RequestContext.$current.withValue(requestContext) {
                        do {
                            let trailers = try await producer(writer)
                            _ = finish(nil)
                            return trailers
                        } catch {
                            throw finish(error)!
                        }
                    }
                }
                response.accepted = .success(contents)
            case .failure(let error):
                response.accepted = .failure(finish(error)!)
            }
            return response
        }
    }

    static let healthService = "grpc.health.v1.Health"

    static func presentsToken(_ metadata: Metadata, _ token: ServiceToken) -> Bool {
        let values = Array(metadata[stringValues: ServiceToken.metadataKey])
        return values.count == 1 && token.accepts(values[0])
    }

    static func requestContext(from metadata: Metadata) -> RequestContext {
        func first(_ key: String) -> String? {
            metadata[stringValues: key].first(where: { _ in true }).flatMap { $0.isEmpty ? nil : $0 }
        }
        return RequestContext(
            requestID: first(RequestContext.Key.requestID) ?? UUID().uuidString.lowercased(),
            workspaceID: first(RequestContext.Key.workspaceID),
            principal: first(RequestContext.Key.principal),
            role: first(RequestContext.Key.role))
    }

    /// The one place where a server's errors become gRPC statuses.
    static func map(_ error: any Error, method: String, logger: Logger) -> RPCError {
        switch error {
        case let error as RPCError:
            // A peer's error passed on (a call this handler made failed): its code, message and
            // field, not the rest of its metadata, which holds the peer's own trailers and would
            // make these ones invalid (the caller would see the stream reset, not the error).
            var metadata = Metadata()
            if let field = error.metadata[stringValues: ServiceError.fieldMetadataKey].first(where: { _ in true }) {
                metadata.addString(field, forKey: ServiceError.fieldMetadataKey)
            }
            return RPCError(code: error.code, message: error.message, metadata: metadata)
        case let error as any ServiceErrorConvertible:
            let serviceError = error.serviceError
            if serviceError.code == .internalError || serviceError.code == .unavailable {
                logger.error("rpc error", metadata: ["method": "\(method)", "error": "\(String(reflecting: serviceError))"])
            }
            return RPCError(
                code: serviceError.rpcErrorCode, message: serviceError.rpcErrorMessage,
                metadata: serviceError.rpcErrorMetadata)
        case is CancellationError:
            return RPCError(code: .cancelled, message: "the call was cancelled")
        case ChannelError.ioOnClosedChannel, ChannelError.outputClosed, ChannelError.alreadyClosed:
            // The caller went away while a streaming answer was being written (an SSE client closing
            // its tab): its cancellation, not this server's fault.
            return RPCError(code: .cancelled, message: "the caller closed the call")
        default:
            logger.error("unexpected error", metadata: ["method": "\(method)", "error": "\(String(reflecting: error))"])
            return RPCError(code: .internalError, message: "internal error")
        }
    }
}

extension Duration {
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
