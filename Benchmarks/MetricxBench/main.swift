import AsyncHTTPClient
import Foundation
import GRPCCore
import MetricxPostgres
import MetricxProtos
import MetricxRPC
import MetricxRuntime
import NIOCore
import NIOHTTP1

// `make bench` (scripts/run-bench) starts a private stack and runs this against it.
/// Writes a line at once (stdout to a file is block-buffered; a long run should show progress).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
switch CommandLine.arguments.dropFirst().first {
case "anomaly":
    AnomalyBench.run().forEach(say)
    exit(0)
case "rca":
    RootCauseBench.run().forEach(say)
    exit(0)
case "rca-eval":
    say(try RootCauseBench.evaluate(folder: CommandLine.arguments.dropFirst(2).first ?? "../shared/eval/rca"))
    exit(0)
default:
    break
}
let env = ProcessInfo.processInfo.environment
func setting(_ name: String) -> String {
    guard let value = env[name], !value.isEmpty else { fatalError("\(name) is not set; run make bench") }
    return value
}
let gateway = setting("BENCH_GATEWAY_URL")
let apiKey = setting("BENCH_API_KEY")
let workspaceID = setting("BENCH_WORKSPACE_ID")
let metricsAddress = HostPort(setting("BENCH_METRICS_ADDR"))!
let ads = Int(env["BENCH_ADS"] ?? "") ?? 2000
let days = Int(env["BENCH_DAYS"] ?? "") ?? 400
/// Only the cases whose name contains this (e.g. "dashboard last_30"); all when unset.
let caseFilter = env["BENCH_CASES"] ?? ""
/// Skips the copilot's table (BENCH_COPILOT=0), for runs that look at one query.
let copilotCases = env["BENCH_COPILOT"] != "0"

var calendar = Calendar(identifier: .gregorian)
calendar.timeZone = .gmt
let today = calendar.startOfDay(for: Date())
let generator = DataGenerator(ads: ads, days: days, today: today)

// 1. Ingest through the RPC. The batches are generated before the clock starts: what is
// measured is the ingest, not this process making up numbers.
let rpc = try RPCClient(configuration: .init(target: metricsAddress, timeout: .seconds(300)))
let rpcTask = Task { try await rpc.grpc.runConnections() }
let metrics = Metricx_V1_MetricsService.Client(wrapping: rpc.grpc)
let context = RequestContext(requestID: "bench", workspaceID: workspaceID)
/// Batches in flight at once (BENCH_INGEST_CONCURRENCY), as a connector syncing several accounts would.
let ingestConcurrency = max(1, Int(env["BENCH_INGEST_CONCURRENCY"] ?? "") ?? 2)
let adsPerBatch = 24
func batches(of generator: DataGenerator) -> [Metricx_V1_IngestRequest] {
    stride(from: 0, to: generator.ads, by: adsPerBatch).map { first in
        let rows = (first..<min(generator.ads, first + adsPerBatch)).flatMap { generator.rows(ad: $0) }
        return .with { $0.rows = rows }
    }
}

/// Sends the generator's entities, then its rows `ingestConcurrency` batches at a time, into the
/// workspace of `context`; returns the rows accepted and the time from the first call to the last answer.
func ingest(_ generator: DataGenerator, as context: RequestContext) async throws -> (rows: Int, time: Duration) {
    let batches = batches(of: generator)
    let started = ContinuousClock.now
    let rows = try await RequestContext.$current.withValue(context) {
        try await withThrowingTaskGroup(of: Int.self) { group in
            var pending = batches[...]
            var inFlight = 0
            var total = 0
            // The entities first, so batches can run in parallel without racing to create them.
            _ = try await metrics.ingest(.with { $0.entities = generator.entities })
            while !pending.isEmpty || inFlight > 0 {
                while inFlight < ingestConcurrency, let batch = pending.popFirst() {
                    inFlight += 1
                    group.addTask {
                        let response = try await metrics.ingest(batch)
                        guard response.rowsRejected == 0 else { fatalError("rejected: \(response.rejections.prefix(3))") }
                        return Int(response.rowsAccepted)
                    }
                }
                total += try await group.next() ?? 0
                inFlight -= 1
            }
            return total
        }
    }
    return (rows, ContinuousClock.now - started)
}

say("ingesting \(ads) ads x \(days) days in batches of \(adsPerBatch) ads, \(ingestConcurrency) at a time ...")
let (totalRows, ingestTime) = try await ingest(generator, as: context)
say(String(format: "ingest: %d rows in %.1f s = %.0f rows/s", totalRows, ingestTime.seconds, Double(totalRows) / ingestTime.seconds))

let postgres = PostgresClient(configuration: .init(connectionString: setting("BENCH_DATABASE_URL"), maximumConnections: 8))

// A second workspace's backfill once the first is analyzed: the planner now has statistics that
// describe other workspaces, not this one (a plan sized from them once made every batch of a new
// workspace 4.7 s). A tenth of the ads, same history.
if caseFilter.isEmpty || "ingest beside".contains(caseFilter) {
    _ = try await postgres.query("ANALYZE metrics.entities, metrics.snapshots, metrics.ad_daily, metrics.campaign_daily")
    let beside = DataGenerator(ads: max(1, ads / 10), days: days, today: today)
    let (rows, time) = try await ingest(beside, as: RequestContext(requestID: "bench-2", workspaceID: UUID().uuidString.lowercased()))
    say(String(format: "ingest beside an analyzed workspace: %d rows in %.1f s = %.0f rows/s", rows, time.seconds, Double(rows) / time.seconds))
}

// 2. HTTP cases beside their hand-written SQL floor.
let http = HTTPClient(configuration: .init(connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)))

func day(_ offset: Int) -> String {
    let date = today.addingTimeInterval(Double(offset) * 86_400)
    return String(ISO8601DateFormatter().string(from: date).prefix(10))
}

struct Case {
    var name: String
    var method: HTTPMethod
    var path: String
    var body: String?
    var sql: String
    var bindings: [any PostgresEncodable]

    /// The same request evaluated as of another day: a different result, so never a cache hit.
    func asOf(_ date: String) -> Case {
        var copy = self
        if method == .GET {
            copy.path += "&as_of=\(date)"
        } else if let body, body.hasSuffix("}") {
            copy.body = String(body.dropLast()) + #","as_of":"\#(date)"}"#
        }
        return copy
    }
}

/// Hands out distinct days, one per cold request.
final class DayCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next: Int
    init(from first: Int) { next = first }
    func take() -> String { lock.withLock { next += 1; return day(-next) + "T12:00:00Z" } }
}

let measures = "sum(f.spend), sum(f.revenue), sum(f.clicks), sum(f.impressions), sum(f.conversions)"
let dashboardSQL = """
    SELECT e.campaign_id, f.day, e.provider, \(measures)
    FROM metrics.ad_daily f JOIN metrics.entities e ON e.workspace_id = f.workspace_id AND e.id = f.ad_id
    WHERE f.workspace_id = $1 AND f.day BETWEEN $2::date AND $3::date
    GROUP BY GROUPING SETS ((f.day), (e.campaign_id), (e.provider), ())
    """
let workspace = UUID(uuidString: workspaceID)!
let cases = [
    Case(name: "dashboard last_7_days", method: .GET, path: "/dashboard/unified?timeframe=last_7_days", sql: dashboardSQL, bindings: [workspace, day(-7), day(-1)]),
    Case(name: "dashboard last_30_days", method: .GET, path: "/dashboard/unified?timeframe=last_30_days", sql: dashboardSQL, bindings: [workspace, day(-30), day(-1)]),
    Case(name: "dashboard last_90_days", method: .GET, path: "/dashboard/unified?timeframe=last_90_days", sql: dashboardSQL, bindings: [workspace, day(-90), day(-1)]),
    Case(
        name: "totals roas last_30_days", method: .POST, path: "/qa/semantic",
        body: #"{"metrics":["spend","revenue","roas"],"time_range":{"preset":"last_30_days"}}"#,
        sql: "SELECT \(measures) FROM metrics.ad_daily f WHERE f.workspace_id = $1 AND f.day BETWEEN $2::date AND $3::date",
        bindings: [workspace, day(-30), day(-1)]),
    Case(
        name: "cpc by campaign vs prev", method: .POST, path: "/qa/semantic",
        body: #"{"metrics":["cpc"],"time_range":{"preset":"last_30_days"},"breakdown":{"dimension":"campaign","limit":10},"comparison":{"type":"previous_period"}}"#,
        sql: """
            SELECT e.campaign_id, \(measures) FROM metrics.ad_daily f JOIN metrics.entities e ON e.workspace_id = f.workspace_id AND e.id = f.ad_id
            WHERE f.workspace_id = $1 AND f.day BETWEEN $2::date AND $3::date GROUP BY 1
            """, bindings: [workspace, day(-60), day(-1)]),
    Case(
        name: "daily spend,cpc 90d", method: .POST, path: "/qa/semantic",
        body: #"{"metrics":["spend","cpc"],"time_range":{"preset":"last_90_days"},"granularity":"day"}"#,
        sql: "SELECT f.day, \(measures) FROM metrics.ad_daily f WHERE f.workspace_id = $1 AND f.day BETWEEN $2::date AND $3::date GROUP BY 1",
        bindings: [workspace, day(-90), day(-1)]),
    Case(
        name: "top 5 ads by cpa, meta", method: .POST, path: "/qa/semantic",
        body: #"{"metrics":["cpa"],"time_range":{"preset":"last_7_days"},"filters":[{"dimension":"provider","op":"in","values":["meta"]}],"breakdown":{"dimension":"ad","limit":5,"order":"asc"}}"#,
        sql: """
            SELECT f.ad_id, \(measures) FROM metrics.ad_daily f JOIN metrics.entities e ON e.workspace_id = f.workspace_id AND e.id = f.ad_id
            WHERE f.workspace_id = $1 AND f.day BETWEEN $2::date AND $3::date AND e.provider = 'meta' GROUP BY 1
            """, bindings: [workspace, day(-7), day(-1)]),
    Case(
        name: "hourly clicks yesterday", method: .POST, path: "/qa/semantic",
        body: #"{"metrics":["clicks"],"time_range":{"preset":"yesterday"},"granularity":"hour"}"#,
        sql: """
            SELECT date_bin('1 hour', f.bucket_start, '2000-01-01'), sum(f.clicks) FROM metrics.snapshots f
            WHERE f.workspace_id = $1 AND f.bucket_start >= $2::date AND f.bucket_start < $3::date GROUP BY 1
            """, bindings: [workspace, day(-1), day(0)]),
]

/// Requests that failed (non-200 or transport error); reported, never hidden.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var first: String?
    func record(_ text: String) { lock.withLock { count += 1; if first == nil { first = text } } }
    func take() -> (Int, String?) { lock.withLock { defer { count = 0; first = nil }; return (count, first) } }
}
let failures = Failures()

func request(_ benchCase: Case) async throws {
    do {
        try await attempt(benchCase)
    } catch {
        failures.record("\(error)")
    }
}

let load = HTTPLoadClient(base: gateway)
let jsonHeaders = [("Authorization", "Bearer \(apiKey)"), ("Content-Type", "application/json")]
let getHeaders = [("Authorization", "Bearer \(apiKey)")]

func attempt(_ benchCase: Case) async throws {
    let response = try await load.send(benchCase.method, benchCase.path, headers: benchCase.body == nil ? getHeaders : jsonHeaders, body: benchCase.body)
    guard response.status == .ok else {
        struct Failed: Error, CustomStringConvertible { var description: String }
        throw Failed(description: "HTTP \(response.status.code) \(String(buffer: response.body).prefix(120))")
    }
}

let bindingsOf = { (c: Case) in c.bindings }
say("")
// "cold" requests each ask as of a different day, so MetricsSvc's result cache never answers them;
// the other columns repeat one request, as a dashboard being looked at does, and mostly hit it.
say("| case | c=1 p50 ms | c=1 p99 ms | c=32 p50 ms | c=32 p99 ms | c=32 req/s | cold c=1 p50 ms | cold c=32 p50 ms | cold c=32 p99 ms | SQL floor c=1 p50 ms | SQL floor c=32 p50 ms | c=32 p50 / floor | cold c=32 p50 / floor | failed |")
say("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for benchCase in cases where caseFilter.isEmpty || benchCase.name.contains(caseFilter) {
    for _ in 0..<20 { try await request(benchCase) }
    let serial = try await LatencySample.measure(count: 200, concurrency: 1) { try await request(benchCase) }
    let parallel = try await LatencySample.measure(count: 1600, concurrency: 32) { try await request(benchCase) }
    let coldDays = DayCounter(from: 0)
    let coldSerial = try await LatencySample.measure(count: 60, concurrency: 1) { try await request(benchCase.asOf(coldDays.take())) }
    let coldParallel = try await LatencySample.measure(count: 256, concurrency: 32) { try await request(benchCase.asOf(coldDays.take())) }
    let sql = benchCase.sql
    let bindings = bindingsOf(benchCase)
    let floorSerial = try await LatencySample.measure(count: 200, concurrency: 1) { try await postgres.query(sql, bindings: bindings) }
    let floorParallel = try await LatencySample.measure(count: 1600, concurrency: 32) { try await postgres.query(sql, bindings: bindings) }
    let (failed, firstFailure) = failures.take()
    say(String(
        format: "| %@ | %.2f | %.2f | %.2f | %.2f | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1fx | %.1fx | %d |", benchCase.name,
        serial.p50, serial.p99, parallel.p50, parallel.p99, parallel.throughput, coldSerial.p50, coldParallel.p50, coldParallel.p99,
        floorSerial.p50, floorParallel.p50, parallel.p50 / floorParallel.p50, coldParallel.p50 / floorParallel.p50, failed))
    if let firstFailure { say("  first failure: \(firstFailure)") }
}

// The copilot: from sending the question to the first answer token on the SSE stream, with the
// embedded understanding (questions phrased unlike the evaluation set's).
func firstToken(_ question: String) async throws {
    var request = HTTPClientRequest(url: gateway + "/qa/agent/sse")
    request.method = .POST
    request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(string: #"{"question": "\#(question)"}"#))
    let response = try await http.execute(request, timeout: .seconds(30))
    var seen = ""
    for try await part in response.body {
        seen += String(buffer: part)
        if seen.contains(#""type":"token""#) { return }
        if let error = seen.split(separator: "\n").first(where: { $0.contains(#""type":"error""#) }) {
            failures.record(String(error.prefix(300)))
            return
        }
    }
    failures.record("no token: \(seen.suffix(300))")
}

say("")
say("| copilot question | first token c=1 p50 ms | c=1 p99 ms | c=8 p50 ms | c=8 p99 ms | failed |")
say("|---|---|---|---|---|---|")
for question in ["cost per click for the past 14 days", "five best campaigns by roas this month", "why did revenue go down yesterday"] where copilotCases {
    for _ in 0..<10 { try await firstToken(question) }
    let serial = try await LatencySample.measure(count: 100, concurrency: 1) { try await firstToken(question) }
    let parallel = try await LatencySample.measure(count: 200, concurrency: 8) { try await firstToken(question) }
    let (failed, firstFailure) = failures.take()
    say(String(format: "| %@ | %.2f | %.2f | %.2f | %.2f | %d |", question, serial.p50, serial.p99, parallel.p50, parallel.p99, failed))
    if let firstFailure { say("  first failure: \(firstFailure)") }
}

await load.close()
_ = try? await http.shutdown()
await postgres.shutdown()
rpc.shutdown()
_ = try? await rpcTask.value
