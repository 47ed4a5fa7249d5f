"""Drives `dojo mcp` with the official MCP Python SDK (`mcp` on PyPI), for McpCommandTests.

    python mcp_session.py episode DOJO [ARGS…]     a whole episode; prints a JSON report on stdout
    python mcp_session.py disconnect DOJO [ARGS…]  starts a long step, then vanishes mid-step
    python mcp_session.py cancel DOJO [ARGS…]      starts a long step, cancels the request, goes on
    python mcp_session.py live DOJO [ARGS…]        prints the trajectory path, then takes a step each time
                                                   the file $DOJO_TEST_GO.N appears (N = 1, 2)

The server's environment is passed on whole (the SDK passes only a safe subset by default).
"""

import asyncio
import json
import os
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


def text_of(result):
    return "\n".join(block.text for block in result.content if getattr(block, "type", None) == "text")


def tool_report(result):
    return {"is_error": bool(result.is_error), "text": text_of(result), "structured": result.structured_content}


async def episode(session, starter):
    report = {}
    listed = await session.list_tools()
    report["tools"] = [
        {"name": tool.name, "description": tool.description, "input_schema": tool.input_schema} for tool in listed.tools
    ]
    report["resources_before"] = [str(r.uri) for r in (await session.list_resources()).resources]
    # Refusals first: they are tool errors and the session goes on.
    report["bad"] = {
        "step_before_reset": tool_report(await session.call_tool("get_history", {})),
        "unknown_tool": tool_report(await session.call_tool("dance", {})),
    }
    report["reset"] = tool_report(await session.call_tool("reset", {}))
    report["bad"].update({
        "missing_code": tool_report(await session.call_tool("execute_code", {})),
        "code_not_string": tool_report(await session.call_tool("validate_code", {"code": 42})),
        "unknown_argument": tool_report(await session.call_tool("get_history", {"verbose": True})),
        "bad_info_type": tool_report(await session.call_tool("request_info", {"info_type": "secrets"})),
        "seed_not_integer": tool_report(await session.call_tool("reset", {"seed": "soon"})),
        "other_task": tool_report(await session.call_tool("reset", {"task": "no-such-task"})),
        "code_too_long": tool_report(await session.call_tool("execute_code", {"code": "#" * 1_000_001})),
    })
    report["overview"] = tool_report(await session.call_tool("request_info", {"info_type": "overview"}))
    report["validate"] = tool_report(await session.call_tool("validate_code", {"code": starter}))
    report["failing"] = tool_report(await session.call_tool("execute_code", {"code": "raise SystemExit(3)"}))
    report["execute"] = tool_report(await session.call_tool("execute_code", {"code": starter}))
    report["history"] = tool_report(await session.call_tool("get_history", {}))
    resources = (await session.list_resources()).resources
    report["resources"] = {}
    for resource in resources:
        contents = (await session.read_resource(resource.uri)).contents
        report["resources"][str(resource.uri)] = {
            "mime_type": contents[0].mime_type, "text": contents[0].text, "title": resource.title,
        }
    try:
        await session.read_resource("dojo://nothing/here")
        report["unknown_resource"] = None
    except Exception as error:  # the SDK raises McpError for a JSON-RPC error
        report["unknown_resource"] = str(error)
    return report


def marker_running(marker):
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                if marker.encode() in handle.read():
                    return True
        except OSError:
            pass
    return False


async def disconnect(session, marker):
    await session.call_tool("reset", {})
    code = f"import subprocess\nsubprocess.run(['sleep', '{marker}'])\nopen('submission/submission.csv', 'w').write('x')\n"
    step = asyncio.ensure_future(session.call_tool("execute_code", {"code": code}))
    while not marker_running(marker):
        if step.done():
            raise RuntimeError(f"the step ended before it was seen running: {step.result()}")
        await asyncio.sleep(0.1)
    print(json.dumps({"seen": marker}), flush=True)
    # Vanish without closing anything: the server sees its stdin end mid-step.
    os._exit(0)


async def cancel(session, marker):
    await session.call_tool("reset", {})
    code = f"import subprocess\nsubprocess.run(['sleep', '{marker}'])\n"
    step = asyncio.ensure_future(session.call_tool("execute_code", {"code": code}))
    while not marker_running(marker):
        if step.done():
            raise RuntimeError(f"the step ended before it was seen running: {step.result()}")
        await asyncio.sleep(0.1)
    step.cancel()  # the SDK sends notifications/cancelled for the request
    waited = 0.0
    while marker_running(marker) and waited < 300:
        await asyncio.sleep(0.2)
        waited += 0.2
    history = await session.call_tool("get_history", {})
    print(json.dumps({"still_running": marker_running(marker), "history": history.structured_content}), flush=True)


async def wait_for_file(path):
    while not os.path.exists(path):
        await asyncio.sleep(0.1)


async def live(session, go):
    reset = await session.call_tool("reset", {})
    print(reset.structured_content["trajectory"], flush=True)
    await wait_for_file(f"{go}.1")
    await session.call_tool("request_info", {"info_type": "name"})
    await wait_for_file(f"{go}.2")
    await session.call_tool("execute_code", {"code": "print('hello from an MCP client')"})


async def main():
    mode, dojo, *arguments = sys.argv[1:]
    server = StdioServerParameters(command=dojo, args=["mcp", *arguments], env=dict(os.environ))
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as session:
            initialized = await session.initialize()
            if mode == "episode":
                with open(os.environ["DOJO_TEST_STARTER"]) as handle:
                    report = await episode(session, handle.read())
                report["server"] = {"name": initialized.server_info.name, "instructions": initialized.instructions,
                                    "protocol": initialized.protocol_version}
                print(json.dumps(report))
            elif mode == "live":
                await live(session, os.environ["DOJO_TEST_GO"])
            elif mode == "cancel":
                await cancel(session, os.environ["DOJO_TEST_MARKER"])
            else:
                await disconnect(session, os.environ["DOJO_TEST_MARKER"])


asyncio.run(main())
