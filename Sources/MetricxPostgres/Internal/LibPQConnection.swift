import CLibPQ
import Foundation
import Synchronization

/// One libpq connection. Every method blocks, so callers run them on the client's thread pool,
/// never on an event loop or the cooperative pool.
///
/// `@unchecked Sendable`: the pool hands a connection to one lease at a time, and a lease uses it
/// from one thread-pool job at a time, so libpq's "one thread per connection at once" rule holds.
final class LibPQConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    /// libpq's cancel object for the open session (`PGcancel`): made when it opens, so that
    /// another thread can ask the server to stop the running statement without touching `handle`.
    private let canceller = Mutex(Canceller())

    /// `PGcancel *`; libpq allows its use from any thread.
    private struct Canceller: @unchecked Sendable {
        var pointer: OpaquePointer?
    }
    private let keys: [String]
    private let values: [String]

    init(configuration: PostgresConfiguration) {
        var options = "-c TimeZone=UTC -c DateStyle=ISO"
        let timeoutMs =
            configuration.statementTimeout.components.seconds * 1000
            + configuration.statementTimeout.components.attoseconds / 1_000_000_000_000_000
        if timeoutMs > 0 { options += " -c statement_timeout=\(timeoutMs)" }
        // expand_dbname=1 lets `dbname` hold a whole URI; the keys after it override its parts.
        self.keys = ["dbname", "application_name", "options", "connect_timeout"]
        self.values = [configuration.connectionString, configuration.applicationName, options, "5"]
    }

    deinit {
        close()
    }

    /// Opens the connection; throws ``PostgresError/Code/connectionFailed`` with libpq's reason.
    func connect() throws {
        if let handle { PQfinish(handle) }
        handle = withCStrings(keys) { keyPointers in
            withCStrings(values) { valuePointers in
                PQconnectdbParams(keyPointers, valuePointers, 1)
            }
        }
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let reason = handle.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            close()
            throw PostgresError(.connectionFailed, message: Self.trim(reason))
        }
        let cancel = Canceller(pointer: PQgetCancel(handle))
        canceller.withLock { current in
            if let old = current.pointer { PQfreeCancel(old) }
            current = cancel
        }
    }

    func close() {
        canceller.withLock { current in
            if let old = current.pointer { PQfreeCancel(old) }
            current.pointer = nil
        }
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// Asks the server to stop whatever this session is running (`PQcancel`); the statement then
    /// fails with SQLSTATE 57014. Safe from any thread. It opens a connection of its own, so it
    /// runs on a thread of its own, never the caller's.
    func cancelRunningStatement() {
        DispatchQueue.global().async { [self] in
            canceller.withLock { current in
                guard let pointer = current.pointer else { return }
                var reason = [CChar](repeating: 0, count: 256)
                _ = PQcancel(pointer, &reason, Int32(reason.count))
            }
        }
    }

    /// An idle session receives nothing unprompted; a readable socket means the server sent a
    /// termination notice or closed it (restart, `pg_terminate_backend`, idle timeout). Polls with
    /// a zero timeout, so it never waits.
    var isAlive: Bool {
        guard let handle, PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) == PQTRANS_IDLE else {
            return false
        }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) == 0
    }

    /// Runs one parameterised statement. Parameters travel apart from the SQL text.
    func execute(_ sql: String, parameters: [String?]) throws -> PostgresResult {
        let handle = try liveHandle()
        if let bad = parameters.firstIndex(where: { $0?.utf8.contains(0) == true }) {
            throw PostgresError(.encoding, message: "parameter $\(bad + 1) contains a NUL byte", query: sql)
        }
        let result = withOptionalCStrings(parameters) { pointers in
            PQexecParams(handle, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
        }
        return try consume(result, sql: sql)
    }

    /// Runs a script of several statements without parameters (migrations, trusted SQL only).
    func executeScript(_ sql: String) throws {
        let handle = try liveHandle()
        _ = try consume(PQexec(handle, sql), sql: sql)
        // PQexec returns the last result only; earlier ones failing abort the script anyway.
    }

    /// `COPY ... FROM STDIN`: sends the chunks `produce` yields and returns the rows copied.
    func copyIn(_ sql: String, produce: (_ send: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws -> Int {
        let handle = try liveHandle()
        guard let start = PQexec(handle, sql) else { throw connectionError(sql: sql) }
        let startStatus = PQresultStatus(start)
        if startStatus != PGRES_COPY_IN {
            defer { PQclear(start) }
            throw error(from: start, sql: sql)
        }
        PQclear(start)

        do {
            try produce { chunk in
                guard chunk.count > 0 else { return }
                let sent = PQputCopyData(
                    handle, chunk.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(chunk.count))
                if sent != 1 { throw self.connectionError(sql: sql) }
            }
        } catch {
            _ = PQputCopyEnd(handle, "aborted by client")
            drainResults(handle)
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw connectionError(sql: sql) }
        var copied = 0
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                copied = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if failure == nil {
                failure = error(from: result, sql: sql)
            }
            PQclear(result)
        }
        if let failure { throw failure }
        return copied
    }

    // MARK: - Results

    private func liveHandle() throws -> OpaquePointer {
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(.connectionLost, message: "connection is closed")
        }
        return handle
    }

    private func consume(_ result: OpaquePointer?, sql: String) throws -> PostgresResult {
        guard let result else { throw connectionError(sql: sql) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE:
            return rows(of: result)
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return PostgresResult(rows: [], affectedRows: Int(String(cString: PQcmdTuples(result))) ?? 0)
        default:
            throw error(from: result, sql: sql)
        }
    }

    private func rows(of result: OpaquePointer) -> PostgresResult {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        let columns = PostgresColumns(names: (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) })
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, Int32(row), Int32(column))))
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        return PostgresResult(rows: rows, affectedRows: rowCount)
    }

    private func error(from result: OpaquePointer, sql: String) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let pointer = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: pointer)
        }
        guard let state = field("C") else {
            return connectionError(sql: sql)
        }
        let detail = [field("D"), field("H").map { "hint: \($0)" }].compactMap { $0 }.joined(separator: "; ")
        let code: PostgresError.Code =
            (handle.map { PQstatus($0) != CONNECTION_OK } ?? true)
            ? .connectionLost : .server
        return PostgresError(
            code, message: field("M") ?? "unknown server error", sqlState: state,
            detail: detail.isEmpty ? nil : detail, query: sql)
    }

    private func connectionError(sql: String) -> PostgresError {
        let reason = handle.map { String(cString: PQerrorMessage($0)) } ?? "connection is closed"
        return PostgresError(.connectionLost, message: Self.trim(reason), query: sql)
    }

    private func drainResults(_ handle: OpaquePointer) {
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    private static func trim(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: "; ")
    }
}

/// Calls `body` with C copies of `strings` followed by a NULL terminator, as libpq's
/// keyword/value arrays expect.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    withOptionalCStrings(strings + [nil], body)
}

/// Calls `body` with C copies of `strings` (nil stays NULL) that live for the call.
func withOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { for copy in copies { free(copy) } }
    let pointers = copies.map { $0.map { UnsafePointer($0) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}
