import GRPCCore
import Logging
import MetricxRuntime
import NIOCore
import Testing

@testable import MetricxRPC

/// The one path from a handler's error to a gRPC status.
@Suite struct ErrorMappingTests {
    static let logger = Logger(label: "test")

    @Test func aCallerThatWentAwayIsACancellationNotAnInternalError() {
        // #23: an SSE client closing its connection made the copilot's stream write fail with
        // "I/O on closed channel", logged as an unexpected error and counted as INTERNAL.
        for error: any Error in [ChannelError.ioOnClosedChannel, ChannelError.outputClosed, CancellationError()] {
            #expect(ServerContextInterceptor.map(error, method: "m", logger: Self.logger).code == .cancelled, "\(error)")
        }
    }

    @Test func serviceErrorsKeepTheirCodeAndFieldAndAnythingElseIsInternalWithoutDetail() {
        let invalid = ServerContextInterceptor.map(
            ServiceError.invalidArgument("must be positive", field: "limit"), method: "m", logger: Self.logger)
        #expect(invalid.code == .invalidArgument)
        #expect(invalid.metadata[stringValues: ServiceError.fieldMetadataKey].first(where: { _ in true }) == "limit")
        struct Secret: Error { var text = "password=hunter2" }
        let unexpected = ServerContextInterceptor.map(Secret(), method: "m", logger: Self.logger)
        #expect(unexpected.code == .internalError && !unexpected.message.contains("hunter2"))
    }
}
