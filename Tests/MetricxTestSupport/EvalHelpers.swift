import Foundation

/// Runs seconds of CPU work (an evaluation over a whole dataset) on a thread of its own, so the
/// tests running beside it keep the cooperative threads.
public func offCooperativeThreads<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// Runs a command (`["python3", "score.py", ...]`) and returns what it wrote to stdout. It blocks
/// until the command exits: call it through ``offCooperativeThreads(_:)``.
public func standardOutput(of arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(filePath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return data
}
