"""The review server behind ``ocrclean review FILE``: the report, and a place to save decisions.

The standard library's :mod:`http.server` is enough: one person on their own
machine, three routes, JSON in and out.  A framework would add a dependency
and its own routing and static-file rules, which are exactly what must not
reach beyond these three routes.

Nobody else gets in:

* it binds to 127.0.0.1 only, and answers only requests whose ``Host`` is
  that address or ``localhost`` with its port (a DNS-rebinding page has
  another host name);
* every request carries the random token of the printed URL (``?token=``),
  else 403;
* a write (POST) from another origin (``Origin`` or ``Sec-Fetch-Site``
  saying so) is refused with 403, and must be ``application/json``, which a
  plain cross-site form cannot send;
* the routes are compared as raw strings, never mapped to files: any other
  path, however it is written or encoded, is 404;
* a bad request gets a 4xx, a JSON error and one log line; an unexpected
  failure a 500 and one log line, never a traceback.
"""
from __future__ import annotations

import hmac
import json
import secrets
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from .decisions import CHANGE_ACTIONS, WORD_ACTIONS, Decisions
from .dictionaries import Dictionaries
from .errors import OcrcleanError
from .lexicon import TERM_LISTS

MAX_BODY = 64 * 1024
CONFIG_SLOT = '<script id="review-config" type="application/json">null</script>'
SECURITY_HEADERS = {
    "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",  # the token is in the URL
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                               "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
}


class BadRequest(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class ReviewServer(ThreadingHTTPServer):
    """Serves one file's report and saves its decisions into the dictionary folder."""

    daemon_threads = True
    request_queue_size = 256  # a burst of saves (the default 5 resets connections)

    def __init__(self, report: Path, stem: str, dictionaries: Path, port: int = 0,
                 log: Callable[[str], None] | None = None):
        super().__init__(("127.0.0.1", port), Handler)
        self.report, self.stem, self.dictionaries = report, stem, Path(dictionaries)
        self.decisions = Decisions(self.dictionaries)
        self.token = secrets.token_urlsafe(24)
        self.teaching = threading.Lock()  # one dictionary edit at a time from this server
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/?token={self.token}"

    @property
    def hosts(self) -> set[str]:
        return {f"127.0.0.1:{self.server_port}", f"localhost:{self.server_port}"}


class Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "ocrclean-review"
    sys_version = ""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        self.server.log(f"{self.address_string()} {format % args}".replace(self.server.token, "<token>"))

    def do_GET(self) -> None:
        self._answer(self._get)

    def do_POST(self) -> None:
        self._answer(self._post)

    def _answer(self, route) -> None:
        try:
            self._check_caller()
            status, body, kind = route(urlsplit(self.path).path)
        except BadRequest as exc:
            where = self.path[:200].replace(self.server.token, "<token>")
            self.server.log(f"refused {self.command} {where!r}: {exc.status} {exc}")
            status, body, kind = exc.status, _json({"error": str(exc)}), "application/json"
        except Exception as exc:  # noqa: BLE001 - one log line, the server goes on
            self.server.log(f"error on {self.command} {self.path[:200]!r}: {type(exc).__name__}: {exc}")
            status, body, kind = 500, _json({"error": "internal error; see the server's log"}), "application/json"
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _check_caller(self) -> None:
        if self.headers.get("Host", "") not in self.server.hosts:
            raise BadRequest(403, "wrong Host")
        token = parse_qs(urlsplit(self.path).query).get("token", [""])[0]
        if not hmac.compare_digest(token.encode(), self.server.token.encode()):
            raise BadRequest(403, "missing or wrong token")
        if self.command != "GET":
            origin = self.headers.get("Origin")
            if origin is not None and origin.removeprefix("http://") not in self.server.hosts:
                raise BadRequest(403, f"cross-origin write from {origin[:100]!r}")
            if self.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
                raise BadRequest(403, "cross-site write")

    def _get(self, path: str) -> tuple[int, bytes, str]:
        if path == "/":
            try:
                page = self.server.report.read_text(encoding="utf-8")
            except OSError:
                raise BadRequest(404, f"{self.server.report.name} is missing; run ocrclean review again") from None
            config = json.dumps({"token": self.server.token, "file": self.server.stem})
            return 200, page.replace(CONFIG_SLOT, CONFIG_SLOT.replace("null", config), 1).encode(), "text/html"
        if path == "/decisions":
            return 200, _json(self.server.decisions.load(self.server.stem)), "application/json"
        raise BadRequest(404, "no such page")

    def _post(self, path: str) -> tuple[int, bytes, str]:
        if path != "/decisions":
            raise BadRequest(404, "no such page")
        if self.headers.get_content_type() != "application/json":
            raise BadRequest(415, "send application/json")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise BadRequest(411, "Content-Length needed") from None
        if not 0 < length <= MAX_BODY:
            raise BadRequest(413, f"a decision is 1 to {MAX_BODY} bytes")
        try:
            data = json.loads(self.rfile.read(length).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise BadRequest(400, "the body is not JSON") from None
        decision = self._valid(data)
        if decision["action"] == "teach":
            with self.server.teaching:
                try:
                    messages = Dictionaries(self.server.dictionaries).add([decision["target"]], decision["list"])
                except OcrcleanError as exc:
                    raise BadRequest(400, str(exc)) from None
            decision["message"] = messages[0]
        saved = self.server.decisions.record(decision)
        self.server.log(f"saved {saved['item']} {saved['action']} {saved['raw']!r} at line {saved['line']}")
        return 200, _json({"ok": True, "decision": saved}), "application/json"

    def _valid(self, data) -> dict:
        """The decision to save: the fields the page sends, checked; the file is this server's."""
        if not isinstance(data, dict):
            raise BadRequest(400, "a decision is a JSON object")
        item, action = data.get("item"), data.get("action")
        actions = {"change": CHANGE_ACTIONS, "word": WORD_ACTIONS}.get(item)
        if actions is None or action not in actions:
            raise BadRequest(400, f"item must be change or word, with an action of {CHANGE_ACTIONS} or {WORD_ACTIONS}")
        for name, kind, limit in (("line", int, None), ("offset", int, None), ("raw", str, 2000),
                                  ("context", str, 64), ("target", str, 2000)):
            value = data.get(name)
            if not isinstance(value, kind) or isinstance(value, bool) or (limit and len(value) > limit) or (
                    kind is int and not 0 <= value < 10**9):
                raise BadRequest(400, f"{name}: expected {kind.__name__}" + (f" of at most {limit}" if limit else ""))
        decision = {k: data[k] for k in ("item", "action", "line", "offset", "raw", "context", "target")}
        decision["file"] = self.server.stem
        if action == "correct":
            value = data.get("value")
            if not isinstance(value, str) or not value.strip() or len(value) > 200 or "\n" in value:
                raise BadRequest(400, "value: the right reading, one line, 1 to 200 characters")
            decision["value"] = value.strip()
        if action == "teach":
            if data.get("list") not in TERM_LISTS:
                raise BadRequest(400, f"list: one of {', '.join(TERM_LISTS)}")
            if not decision["target"].strip():
                raise BadRequest(400, "target: the word to teach")
            decision["list"] = data["list"]
        return decision


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
