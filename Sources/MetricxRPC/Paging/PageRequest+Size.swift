import MetricxProtos
import MetricxRuntime

extension Metricx_V1_PageRequest {
    /// The page size asked for (`defaultSize` when 0), refused outside 1...`maximumSize` with an
    /// error naming `page.page_size`.
    public func size(default defaultSize: Int, maximum maximumSize: Int) throws -> Int {
        let size = pageSize == 0 ? defaultSize : Int(pageSize)
        guard (1...maximumSize).contains(size) else {
            throw ServiceError.invalidArgument("must be from 1 to \(maximumSize)", field: "page.page_size")
        }
        return size
    }
}
