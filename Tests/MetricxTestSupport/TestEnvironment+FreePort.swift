import Foundation
import Synchronization

extension TestEnvironment {
    /// A TCP port on 127.0.0.1 that nothing is bound to, for a server a test starts.
    ///
    /// It comes from below the kernel's ephemeral range. A port from inside it (what binding port 0
    /// hands out) is free only until the server binds it, seconds later for a process that starts
    /// up first: meanwhile any outgoing connection on the machine (this process has hundreds, to
    /// Postgres, Redis and its fakes) may be given it as its local port, and the server cannot
    /// start. No port is handed out twice in one test process.
    public static func freePort() -> Int {
        let candidates = portsOutsideEphemeralRange
        for _ in 0..<1_000 {
            let port = candidates.randomElement() ?? 0
            guard port == 0 || handedOut.withLock({ $0.insert(port).inserted }) else { continue }
            if let bound = bind(port) { return bound }
        }
        return bind(0) ?? 0
    }

    private static let handedOut = Mutex<Set<Int>>([])

    /// Ports under the ephemeral range (from 10000, above well-known services), else above it;
    /// an empty range when the kernel leaves no room either side.
    private static let portsOutsideEphemeralRange: ClosedRange<Int> = {
        let fields = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))?
            .split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        let (low, high) = fields.map { $0.count == 2 ? ($0[0], $0[1]) : (32_768, 60_999) } ?? (32_768, 60_999)
        if low - 1 - 10_000 >= 1_000 { return 10_000...(low - 1) }
        if 65_535 - (high + 1) >= 1_000 { return (high + 1)...65_535 }
        return 0...0
    }()

    /// Binds `port` (0: any) on 127.0.0.1 and closes it again; the port when it was free.
    private static func bind(_ port: Int) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                Foundation.bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }
}
