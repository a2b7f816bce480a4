"""A tiny recording stand-in for the DeepSeek API, for the conformance harness.

It listens on 127.0.0.1 only (ephemeral port), records every request (method,
path, headers, JSON body) and answers with minimal but well-formed responses
that the real SDKs parse:

* OpenAI chat completions  (``.../chat/completions``), JSON or SSE when
  ``"stream": true`` (ending with ``data: [DONE]``);
* OpenAI legacy completions / FIM (``.../completions``, e.g. ``/beta/completions``);
* Anthropic messages (``.../v1/messages``), JSON or SSE events when streaming;
* a ``.../models`` listing, for libraries that ask for one.

When a chat request asks for structured output (``response_format`` of type
``json_schema``), the answer content is a minimal JSON instance of the schema,
so that ``parse()`` helpers succeed.

Run standalone to poke at it by hand::

    python conformance/recorder.py          # prints the URL, Ctrl-C to stop

The harness (``run.py``) starts one in-process per case run and reads
``Recorder.requests`` afterwards.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL_FALLBACK = "deepseek-v4-flash"
REPLY_TEXT = "Hello from the recorder."


# --------------------------------------------------------------------------
# Minimal JSON-schema instance, for structured-output (parse) helpers.
def _schema_instance(schema, root=None, depth=0):
    root = root if root is not None else schema
    if depth > 20 or not isinstance(schema, dict):
        return None
    if "$ref" in schema:
        ref = schema["$ref"]
        node = root
        for part in ref.lstrip("#/").split("/"):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        return _schema_instance(node, root, depth + 1)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema and schema[key]:
            return _schema_instance(schema[key][0], root, depth + 1)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema and schema["enum"]:
        return schema["enum"][0]
    typ = schema.get("type")
    if isinstance(typ, list):
        typ = next((t for t in typ if t != "null"), "null")
    if typ == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {k: _schema_instance(v, root, depth + 1) for k, v in props.items()}
    if typ == "array":
        return []
    if typ == "string":
        return "x"
    if typ == "integer":
        return 0
    if typ == "number":
        return 0.0
    if typ == "boolean":
        return False
    return None


def _chat_content(body: dict) -> str:
    fmt = body.get("response_format") or {}
    if isinstance(fmt, dict):
        if fmt.get("type") == "json_schema":
            js = fmt.get("json_schema") or {}
            return json.dumps(_schema_instance(js.get("schema") or {}))
        if fmt.get("type") == "json_object":
            return "{}"
    return REPLY_TEXT


def _usage_openai():
    return {"prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10}


# --------------------------------------------------------------------------
class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "conformance-recorder/1"

    def log_message(self, fmt, *args):  # keep the harness output quiet
        if self.server.verbose:
            super().log_message(fmt, *args)

    # -- request reading ---------------------------------------------------
    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                line = self.rfile.readline().strip()
                size = int(line.split(b";")[0] or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                data += self.rfile.read(size)
                self.rfile.readline()
            return data
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _record(self, method: str):
        raw = self._read_body()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        entry = {
            "method": method,
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body,
            "raw": None if body is not None else raw.decode("utf-8", "replace")[:2000],
            "time": time.time(),
        }
        with self.server.lock:
            self.server.requests.append(entry)
        return entry

    # -- response writing --------------------------------------------------
    def _send_json(self, obj, status=200, extra_headers=None):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra_headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _send_sse(self, events):
        """events: list of (event_name_or_None, payload_str)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        for name, payload in events:
            chunk = ""
            if name:
                chunk += f"event: {name}\n"
            chunk += f"data: {payload}\n\n"
            self.wfile.write(chunk.encode())
            self.wfile.flush()
        self.close_connection = True

    # -- routes ---------------------------------------------------------------
    def do_GET(self):
        self._record("GET")
        path = self.path.split("?")[0].rstrip("/")
        if path.endswith("/models"):
            self._send_json({
                "object": "list",
                "data": [
                    {"id": m, "object": "model", "created": 0, "owned_by": "deepseek",
                     "type": "model", "display_name": m, "created_at": "2026-04-24T00:00:00Z"}
                    for m in ("deepseek-v4-flash", "deepseek-v4-pro")
                ],
                "has_more": False, "first_id": "deepseek-v4-flash", "last_id": "deepseek-v4-pro",
            })
        else:
            self._send_json({"error": {"message": f"no route {path}", "type": "not_found"}}, 404)

    def do_POST(self):
        entry = self._record("POST")
        body = entry["body"] if isinstance(entry["body"], dict) else {}
        path = self.path.split("?")[0].rstrip("/")
        if path.endswith("/chat/completions"):
            return self._chat(body)
        if path.endswith("/completions"):
            return self._completions(body)
        if path.endswith("/messages/count_tokens"):
            return self._send_json({"input_tokens": 5})
        if path.endswith("/messages"):
            return self._messages(body)
        if path.endswith("/responses"):
            return self._responses(body)
        self._send_json({"error": {"message": f"no route {path}", "type": "not_found"}}, 404)

    # OpenAI chat ----------------------------------------------------------
    def _chat(self, body):
        model = body.get("model") or MODEL_FALLBACK
        created = int(time.time())
        cid = "chatcmpl-recorder-%d" % self.server.next_id()
        content = _chat_content(body)
        if not body.get("stream"):
            return self._send_json({
                "id": cid, "object": "chat.completion", "created": created, "model": model,
                "system_fingerprint": "fp_recorder",
                "choices": [{
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": None},
                    "logprobs": None,
                    "finish_reason": "stop",
                }],
                "usage": _usage_openai(),
            })

        def chunk(delta, finish=None, usage=None, choices=True):
            obj = {"id": cid, "object": "chat.completion.chunk", "created": created,
                   "model": model, "system_fingerprint": "fp_recorder",
                   "choices": [{"index": 0, "delta": delta, "logprobs": None,
                                "finish_reason": finish}] if choices else []}
            if usage is not None:
                obj["usage"] = usage
            return (None, json.dumps(obj))

        events = [chunk({"role": "assistant", "content": ""})]
        half = len(content) // 2
        events.append(chunk({"content": content[:half]}))
        events.append(chunk({"content": content[half:]}))
        events.append(chunk({}, finish="stop"))
        if (body.get("stream_options") or {}).get("include_usage"):
            events.append(chunk(None, usage=_usage_openai(), choices=False))
        events.append((None, "[DONE]"))
        self._send_sse(events)

    # OpenAI legacy completions (FIM) --------------------------------------
    def _completions(self, body):
        model = body.get("model") or MODEL_FALLBACK
        created = int(time.time())
        cid = "cmpl-recorder-%d" % self.server.next_id()
        if not body.get("stream"):
            return self._send_json({
                "id": cid, "object": "text_completion", "created": created, "model": model,
                "system_fingerprint": "fp_recorder",
                "choices": [{"index": 0, "text": "    return a + b\n", "logprobs": None,
                             "finish_reason": "stop"}],
                "usage": _usage_openai(),
            })
        events = []
        for text, finish in (("    return a + b", None), ("\n", "stop")):
            events.append((None, json.dumps({
                "id": cid, "object": "text_completion", "created": created, "model": model,
                "choices": [{"index": 0, "text": text, "logprobs": None, "finish_reason": finish}],
            })))
        events.append((None, "[DONE]"))
        self._send_sse(events)

    # Anthropic messages -----------------------------------------------------
    def _messages(self, body):
        model = body.get("model") or MODEL_FALLBACK
        mid = "msg_recorder_%d" % self.server.next_id()
        usage = {"input_tokens": 5, "output_tokens": 5,
                 "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
        if not body.get("stream"):
            return self._send_json({
                "id": mid, "type": "message", "role": "assistant", "model": model,
                "content": [{"type": "text", "text": REPLY_TEXT}],
                "stop_reason": "end_turn", "stop_sequence": None, "usage": usage,
            })
        ev = lambda name, obj: (name, json.dumps(dict(obj, type=name)))  # noqa: E731
        events = [
            ev("message_start", {"message": {
                "id": mid, "type": "message", "role": "assistant", "model": model,
                "content": [], "stop_reason": None, "stop_sequence": None,
                "usage": dict(usage, output_tokens=1)}}),
            ev("content_block_start", {"index": 0, "content_block": {"type": "text", "text": ""}}),
            ev("ping", {}),
            ev("content_block_delta", {"index": 0, "delta": {"type": "text_delta", "text": REPLY_TEXT}}),
            ev("content_block_stop", {"index": 0}),
            ev("message_delta", {"delta": {"stop_reason": "end_turn", "stop_sequence": None},
                                 "usage": {"output_tokens": 5}}),
            ev("message_stop", {}),
        ]
        self._send_sse(events)

    # OpenAI Responses API (only so that a library that picks it gets an answer)
    def _responses(self, body):
        rid = "resp_recorder_%d" % self.server.next_id()
        self._send_json({
            "id": rid, "object": "response", "created_at": int(time.time()),
            "status": "completed", "model": body.get("model") or MODEL_FALLBACK,
            "output": [{"type": "message", "id": "msg_" + rid, "status": "completed",
                        "role": "assistant",
                        "content": [{"type": "output_text", "text": REPLY_TEXT, "annotations": []}]}],
            "parallel_tool_calls": True, "tool_choice": "auto", "tools": [],
            "usage": {"input_tokens": 5, "output_tokens": 5, "total_tokens": 10,
                      "input_tokens_details": {"cached_tokens": 0},
                      "output_tokens_details": {"reasoning_tokens": 0}},
        })


class Recorder:
    """Threaded recording server on 127.0.0.1; use as a context manager."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, verbose: bool = False):
        if host not in ("127.0.0.1", "localhost"):
            raise ValueError("the recorder only listens on loopback")
        self.httpd = ThreadingHTTPServer((host, port), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.requests = []
        self.httpd.lock = threading.Lock()
        self.httpd.verbose = verbose
        counter = iter(range(1, 10**9))
        self.httpd.next_id = lambda: next(counter)
        self._thread = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def requests(self) -> list:
        with self.httpd.lock:
            return list(self.httpd.requests)

    def clear(self):
        with self.httpd.lock:
            self.httpd.requests.clear()

    def start(self):
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


if __name__ == "__main__":
    rec = Recorder(verbose=True).start()
    print(rec.url, flush=True)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        for r in rec.requests:
            print(json.dumps({k: r[k] for k in ("method", "path", "body")}))
        rec.stop()
