import CHiredis
import Foundation

/// One hiredis connection. Every method blocks; callers run them on a thread pool.
///
/// `@unchecked Sendable`: a pool lends it to one lease at a time and a lease uses it from one
/// thread-pool job at a time.
final class HiredisConnection: @unchecked Sendable {
    private var context: UnsafeMutablePointer<redisContext>?
    private let configuration: RedisConfiguration

    init(configuration: RedisConfiguration) {
        self.configuration = configuration
    }

    deinit {
        if let context { redisFree(context) }
    }

    /// Connects, authenticates and selects the database.
    func connect() throws {
        close()
        let context = redisConnectWithTimeout(configuration.host, Int32(configuration.port), Self.timeval(.seconds(5)))
        guard let context else {
            throw RedisError(.connectionFailed, message: "out of memory")
        }
        if context.pointee.err != 0 {
            let reason = Self.errorString(context)
            redisFree(context)
            throw RedisError(.connectionFailed, message: "\(configuration.host):\(configuration.port): \(reason)")
        }
        self.context = context
        setTimeout(configuration.commandTimeout)
        do {
            if let password = configuration.password {
                var auth: [[UInt8]] = [Array("AUTH".utf8)]
                if let username = configuration.username { auth.append(Array(username.utf8)) }
                auth.append(Array(password.utf8))
                _ = try command(auth)
            }
            if configuration.database != 0 {
                _ = try command([Array("SELECT".utf8), Array(String(configuration.database).utf8)])
            }
        } catch let error as RedisError {
            close()
            throw RedisError(.connectionFailed, message: error.message, command: error.command)
        }
    }

    func close() {
        if let context { redisFree(context) }
        context = nil
    }

    var isOpen: Bool { context != nil }

    /// An idle connection has nothing to read; a readable or hung-up socket means the server
    /// closed it (restart, timeout, CLIENT KILL). Polls with a zero timeout, so it never waits.
    var isIdleAndHealthy: Bool {
        guard let context else { return false }
        var descriptor = pollfd(fd: context.pointee.fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, 0)
        return ready == 0
    }

    /// Sets the socket timeout; a blocking command needs one longer than its own timeout.
    func setTimeout(_ duration: Duration) {
        guard let context else { return }
        _ = redisSetTimeout(context, Self.timeval(duration))
    }

    /// Sends one command and reads its reply.
    func command(_ arguments: [[UInt8]]) throws -> RedisValue {
        try pipeline([arguments])[0]
    }

    /// Sends all commands, then reads all replies: one round trip for the batch. An error reply of
    /// one command is returned in its place as a thrown error only after every reply was read, so
    /// the connection stays in step.
    func pipeline(_ commands: [[[UInt8]]]) throws -> [RedisValue] {
        guard let context else { throw RedisError(.connectionLost, message: "connection is closed") }
        for arguments in commands {
            let status = withArgv(arguments) { argc, argv, lengths in
                redisAppendCommandArgv(context, argc, argv, lengths)
            }
            if status != REDIS_OK { throw lost(command: arguments.first) }
        }
        var replies: [RedisValue] = []
        var firstError: RedisError?
        replies.reserveCapacity(commands.count)
        for arguments in commands {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else { throw lost(command: arguments.first) }
            let reply = raw.assumingMemoryBound(to: redisReply.self)
            defer { freeReplyObject(raw) }
            do {
                replies.append(try Self.value(of: reply, command: arguments.first))
            } catch let error as RedisError {
                firstError = firstError ?? error
                replies.append(.null)
            }
        }
        if let firstError { throw firstError }
        return replies
    }

    // MARK: - Helpers

    private func lost(command: [UInt8]?) -> RedisError {
        let reason = context.map(Self.errorString) ?? "connection is closed"
        close()
        return RedisError(.connectionLost, message: reason, command: command.map(Self.name))
    }

    private static func value(of reply: UnsafeMutablePointer<redisReply>, command: [UInt8]?) throws -> RedisValue {
        let r = reply.pointee
        switch r.type {
        case REDIS_REPLY_STRING:
            return .string(bytes(r.str, r.len))
        case REDIS_REPLY_STATUS:
            return .status(String(decoding: bytes(r.str, r.len), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            return .integer(Int(r.integer))
        case REDIS_REPLY_NIL:
            return .null
        case REDIS_REPLY_ARRAY:
            var values: [RedisValue] = []
            values.reserveCapacity(r.elements)
            for index in 0..<r.elements {
                guard let element = r.element[index] else {
                    values.append(.null)
                    continue
                }
                values.append(try value(of: element, command: command))
            }
            return .array(values)
        case REDIS_REPLY_ERROR:
            throw RedisError(
                .server, message: String(decoding: bytes(r.str, r.len), as: UTF8.self),
                command: command.map(name))
        default:
            throw RedisError(.unexpectedReply, message: "reply type \(r.type)", command: command.map(name))
        }
    }

    private static func bytes(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> [UInt8] {
        guard let pointer, length > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: length))
    }

    private static func name(_ command: [UInt8]) -> String {
        String(decoding: command, as: UTF8.self).uppercased()
    }

    private static func errorString(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    private static func timeval(_ duration: Duration) -> Glibc.timeval {
        let (seconds, attoseconds) = duration.components
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}

/// Calls `body` with hiredis' argc / argv / argvlen view of binary-safe arguments.
private func withArgv<R>(
    _ arguments: [[UInt8]],
    _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> R
) -> R {
    var flat: [UInt8] = []
    flat.reserveCapacity(arguments.reduce(0) { $0 + $1.count } + 1)
    var offsets: [Int] = []
    for argument in arguments {
        offsets.append(flat.count)
        flat.append(contentsOf: argument)
    }
    flat.append(0) // so that no pointer ever points past the end
    let lengths = arguments.map(\.count)
    return flat.withUnsafeBufferPointer { buffer in
        let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
        var pointers: [UnsafePointer<CChar>?] = offsets.map { base + $0 }
        return pointers.withUnsafeMutableBufferPointer { argv in
            lengths.withUnsafeBufferPointer { lengthBuffer in
                body(Int32(arguments.count), argv.baseAddress!, lengthBuffer.baseAddress!)
            }
        }
    }
}
