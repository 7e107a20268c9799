import GRPCCore
import MetricxProtos

/// The CSV bytes of a client stream: the first chunk's data, then every later chunk's, read from
/// the iterator that already consumed the first (a request stream is iterated once).
struct CSVChunkSequence: AsyncSequence {
    typealias Element = [UInt8]
    let first: [UInt8]
    let rest: RPCAsyncSequence<Metricx_V1_CsvChunk, any Error>.AsyncIterator

    struct AsyncIterator: AsyncIteratorProtocol {
        var first: [UInt8]?
        var rest: RPCAsyncSequence<Metricx_V1_CsvChunk, any Error>.AsyncIterator

        mutating func next() async throws -> [UInt8]? {
            if let first {
                self.first = nil
                return first
            }
            return try await rest.next().map { Array($0.data) }
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(first: first, rest: rest)
    }
}
