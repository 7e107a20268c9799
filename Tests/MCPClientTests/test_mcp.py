#!/usr/bin/env python3
"""The gateway's /mcp endpoint through the official MCP Python SDK (streamable HTTP), against a
running stack: initialize, list the tools, call each one, compare query_metrics with
/qa/semantic, and check the API's authentication and workspace isolation hold.

Usage: test_mcp.py --url http://127.0.0.1:8080 --key <admin API key> --other-key <another workspace's key>
Prints one line per check and, last, "N passed, M failed"; exits non-zero on any failure.
"""
import argparse
import asyncio
import json
import time
import urllib.error
import urllib.request

from mcp import ClientSession
from mcp.client.streamable_http import streamablehttp_client

EXPECTED_TOOLS = {"list_metrics", "search_entities", "query_metrics", "ask", "explain_change", "list_anomalies", "get_lineage"}
QUERY = {"metrics": ["spend", "roas"], "time_range": {"preset": "last_30_days"}, "breakdown": {"dimension": "provider"}}

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"), flush=True)


def rest(url, key, path, body=None, method=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, data=data, method=method or ("POST" if data else "GET"),
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def raw_post(url, headers, body):
    request = urllib.request.Request(url + "/mcp", data=json.dumps(body).encode(), method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


async def session(url, key, workspace=None):
    headers = {"Authorization": f"Bearer {key}"}
    if workspace:
        headers["X-Workspace-Id"] = workspace
    return streamablehttp_client(url + "/mcp", headers=headers)


async def main(url, key, other_key):
    latency = {}
    shared = {}
    async with await session(url, key) as (read, write, _):
        async with ClientSession(read, write) as client:
            info = await client.initialize()
            check("initialize", info.serverInfo.name == "metricx", info)
            tools = await client.list_tools()
            names = {tool.name for tool in tools.tools}
            check("lists the seven tools", names == EXPECTED_TOOLS, sorted(names))
            check("every tool has input and output schemas", all(t.inputSchema and t.outputSchema for t in tools.tools))

            async def call(name, arguments):
                started = time.perf_counter()
                result = await client.call_tool(name, arguments)
                latency[name] = (time.perf_counter() - started) * 1000
                return result

            metrics = await call("list_metrics", {})
            names = [d["name"] for d in (metrics.structuredContent or {}).get("definitions", [])]
            check("list_metrics includes the catalog", {"spend", "roas", "cpc"} <= set(names), names[:10])

            found = await call("search_entities", {"text": "a"})
            entities = (found.structuredContent or {}).get("entities", [])
            check("search_entities finds names", not found.isError and len(entities) > 0, found.content)

            queried = await call("query_metrics", QUERY)
            status, semantic = rest(url, key, "/qa/semantic", QUERY)
            shared["semantic"] = semantic
            got = (queried.structuredContent or {}).get("data", {}).get("totals")
            check("query_metrics totals equal /qa/semantic's", status == 200 and got == semantic["data"]["totals"],
                  f"{got} vs {semantic}")
            check("query_metrics has a text rendering", queried.content and "spend" in queried.content[0].text)

            bad = await call("query_metrics", {"metrics": ["spend"], "time_range": {"preset": "someday"}})
            check("a bad argument is a tool error naming the field", bad.isError and "time_range" in bad.content[0].text,
                  bad.content)
            unknown = await call("query_metrics", {"metrics": ["spend"], "colour": "red"})
            check("an unknown argument is named", unknown.isError and "colour" in unknown.content[0].text, unknown.content)

            asked = await call("ask", {"question": "what was spend over the last 7 days?"})
            check("ask answers with intent and text", not asked.isError and asked.structuredContent.get("intent") == "metric_value",
                  asked.content)

            explained = await call("explain_change", {"metric": "spend", "time_range": {"preset": "last_7_days"},
                                                      "comparison": {"type": "previous_period"}})
            check("explain_change returns the decomposition", not explained.isError and explained.structuredContent.get("metric") == "spend",
                  explained.content)

            anomalies = await call("list_anomalies", {"limit": 5})
            check("list_anomalies lists", not anomalies.isError and "items" in anomalies.structuredContent, anomalies.content)

            lineage = await call("get_lineage", {"metric": "spend", "direction": "downstream"})
            downstream = [n["id"] for n in lineage.structuredContent.get("downstream", {}).get("nodes", [])]
            check("get_lineage: roas depends on spend", "metric:roas" in downstream, downstream)

    # Isolation: a key of another workspace sees only its own data, and naming this workspace is refused.
    async with await session(url, other_key) as (read, write, _):
        async with ClientSession(read, write) as client:
            await client.initialize()
            result = await client.call_tool("query_metrics", QUERY)
            totals = (result.structuredContent or {}).get("data", {}).get("totals", {})
            _, own = rest(url, other_key, "/qa/semantic", QUERY)
            check("another workspace's key gets its own workspace's numbers", totals == own["data"]["totals"] and totals != shared["semantic"]["data"]["totals"],
                  f"{totals} vs own {own['data']['totals']}")
    _, me = rest(url, key, "/workspace")
    _, other = rest(url, other_key, "/workspace")
    semantic = shared["semantic"]
    status, created = rest(url, key, "/api-keys", {"name": "mcp viewer", "role": "viewer"})
    viewer = created.get("api_key") or created.get("key", {}).get("api_key")
    check("a viewer key is created", status == 201 and viewer, created)
    async with await session(url, viewer) as (read, write, _):
        async with ClientSession(read, write) as client:
            await client.initialize()
            result = await client.call_tool("query_metrics", QUERY)
            check("a viewer reads its own workspace", not result.isError and result.structuredContent["data"]["totals"] == semantic["data"]["totals"],
                  result.content)
    status, _ = raw_post(url, {"Authorization": f"Bearer {viewer}", "X-Workspace-Id": other["id"],
                               "Content-Type": "application/json", "Accept": "application/json, text/event-stream"},
                         {"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    check("a viewer key cannot reach another workspace", status in (403, 404), status)
    status, _ = raw_post(url, {"Authorization": f"Bearer {other_key}", "X-Workspace-Id": me["id"],
                               "Content-Type": "application/json", "Accept": "application/json, text/event-stream"},
                         {"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    check("naming another workspace is refused", status in (403, 404), status)

    # Authentication happens before any tool runs.
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "query_metrics", "arguments": QUERY}}
    accept = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    status, _ = raw_post(url, accept, body)
    check("no token: 401", status == 401, status)
    status, _ = raw_post(url, {**accept, "Authorization": "Bearer mx_bad_token"}, body)
    check("a bad token: 401", status == 401, status)
    status, _ = raw_post(url, {**accept, "Authorization": f"Bearer {key}", "Origin": "http://evil.example"}, body)
    check("a foreign Origin is refused", status == 403, status)

    print("per-tool latency at concurrency 1 (ms): " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(latency.items())))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--other-key", required=True)
    args = parser.parse_args()
    asyncio.run(main(args.url, args.key, args.other_key))
    failed = results.count(False)
    print(f"{results.count(True)} passed, {failed} failed")
    raise SystemExit(1 if failed else 0)
