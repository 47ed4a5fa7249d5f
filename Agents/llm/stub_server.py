#!/usr/bin/env python3
"""A local stand-in for an OpenAI-compatible endpoint that replays recorded replies in order,
so the LLM agent can be tested offline. Prints the port it listens on, then serves until killed.

    python3 stub_server.py REPLIES.json [--port 0] [--log REQUESTS.jsonl]
"""

import argparse
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("replies")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log")
    args = parser.parse_args()
    with open(args.replies, encoding="utf-8") as handle:
        replies = json.load(handle)
    lock = threading.Lock()
    state = {"next": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            request = json.loads(self.rfile.read(length) or b"{}")
            if self.path.rstrip("/") != "/v1/chat/completions":
                self.send_error(404, "unknown path")
                return
            with lock:
                index = state["next"]
                state["next"] += 1
                if args.log:
                    with open(args.log, "a", encoding="utf-8") as out:
                        out.write(json.dumps({"index": index, "messages": len(request.get("messages", []))}) + "\n")
            content = replies[index] if index < len(replies) else '{"action": "done"}'
            body = json.dumps({
                "id": f"stub-{index}", "object": "chat.completion", "model": request.get("model", "stub"),
                "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
                "usage": {"prompt_tokens": 100 + index, "completion_tokens": len(content) // 4,
                          "total_tokens": 100 + index + len(content) // 4},
            }).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
