import AsyncHTTPClient
import MetricxTestSupport
import NIOCore
import Testing

@testable import MetricxOutbound

@Suite struct OutboundHTTPClientTests {
    private func address(_ text: String) -> SocketAddress { try! SocketAddress(ipAddress: text, port: 80) }

    @Test func everyRefusedRangeParses() {
        let unparsed = AddressPolicy.refusedRanges.filter { AddressRange($0) == nil }
        #expect(unparsed.isEmpty)
    }

    @Test(arguments: [
        "127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
        "255.255.255.255", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "ff02::1",
    ])
    func privateLoopbackLinkLocalAndMetadataAddressesAreRefused(text: String) {
        #expect(!AddressPolicy().permits(address(text)))
    }

    @Test(arguments: ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "172.32.0.1", "11.0.0.1"])
    func publicAddressesArePermitted(text: String) {
        #expect(AddressPolicy().permits(address(text)))
    }

    @Test func anOperatorCanAllowARangeForDevelopment() throws {
        let policy = AddressPolicy(allowing: ["127.0.0.0/8"])!
        #expect(policy.permits(address("127.0.0.1")))
        #expect(policy.permits(address("::ffff:127.0.0.1")))
        #expect(!policy.permits(address("10.0.0.1")))
        #expect(AddressRange("10.0.0.0/33") == nil)
        #expect(AddressRange("nonsense/8") == nil)
    }

    private func request(_ url: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        return request
    }

    @Test(arguments: [
        ("http://127.0.0.1:9/x", "refused address"), ("http://[::1]:9/x", "refused address"), ("http://localhost:9/x", "refused address"),
        ("http://169.254.169.254/latest/meta-data", "refused address"), ("ftp://example.com/x", "invalid URL"),
        ("http://user:pass@example.com/x", "invalid URL"), ("http://name.invalid/x", "name not resolved"),
    ])
    func refusedTargetsAreNeverContacted(url: String, category: String) async {
        let error = await #expect(throws: OutboundError.self) {
            _ = try await OutboundHTTPClient().execute(request(url), timeout: .seconds(2))
        }
        #expect(error?.category == category)
    }

    /// Deadlines here are generous: `make test` starts every suite at once on two cores.
    @Test func answersAreCappedAndRedirectsNotFollowed() async throws {
        let fake = FakeProvider { call in
            switch call.path {
            case "/big": .init(body: String(repeating: "x", count: 100_000))
            case "/moved": .init(status: 302, body: "", headers: ["Location": "http://127.0.0.1:1/elsewhere"])
            default: .init(status: 503, body: "busy")
            }
        }
        try await fake.serve { url in
            let client = OutboundHTTPClient(policy: AddressPolicy(allowing: ["127.0.0.0/8"])!, maximumResponseBytes: 1_000)
            let big = await #expect(throws: OutboundError.self) {
                _ = try await client.execute(request(url + "/big"), timeout: .seconds(30))
            }
            #expect(big?.category == "response too large")
            let moved = await #expect(throws: OutboundError.self) {
                _ = try await client.execute(request(url + "/moved"), timeout: .seconds(30))
            }
            #expect(moved?.category == "redirect not followed")
            let busy = try await client.execute(request(url + "/other"), timeout: .seconds(30))
            #expect(busy.status == 503)
            #expect(String(buffer: busy.body) == "busy")
        }
        #expect(fake.callCount == 3)
    }
}
