"""A loopback HTTP server with the behaviours the link checker must handle.

Every test server binds to 127.0.0.x only; nothing leaves the machine. It counts requests
per (method, path) and the most requests it served at once.
"""
import http.server
import socket
import threading
import time
import urllib.parse

HTML = "text/html; charset=utf-8"


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.in_flight = 0
        self.peak = 0
        self.huge_bytes_sent = 0

    def count(self, method, path):
        with self.lock:
            key = (method, path)
            self.counts[key] = self.counts.get(key, 0) + 1
            return self.counts[key]

    def total(self, path):
        with self.lock:
            return sum(n for (m, p), n in self.counts.items() if p == path)

    def methods(self, path):
        """The requests for `path` by method, e.g. {"HEAD": 1, "GET": 1}."""
        with self.lock:
            return {m: n for (m, p), n in self.counts.items() if p == path}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "loopback-test"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", content_type=HTML, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def page(self, title, extra=""):
        return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{extra}</body></html>".encode()

    def do_HEAD(self):
        self.handle_any()

    def do_GET(self):
        self.handle_any()

    def handle_any(self):
        state = self.server.state
        with state.lock:
            state.in_flight += 1
            state.peak = max(state.peak, state.in_flight)
        try:
            self.route(state)
        finally:
            with state.lock:
                state.in_flight -= 1

    def route(self, state):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        n = state.count(self.command, path)
        delay = getattr(self.server, "delay", 0)
        if delay:
            time.sleep(delay)
        if path == "/":
            self.send(200, self.page("トップページ"))
        elif path in ("/ok", "/counted", "/日本語/ページ.html"):
            self.send(200, self.page("経済安全保障"))
        elif path.endswith(".pdf") and not path.startswith("/head-refused/"):
            self.send(200, b"%PDF-1.4", "application/pdf")
        elif path == "/head-405":
            if self.command == "HEAD":
                self.send(405)
            else:
                self.send(200, self.page("HEAD は受け付けません"))
        elif path.startswith("/head-refused/"):  # large downloads whose HEAD fails: 405, 501, a reset
            if self.command != "HEAD":
                self.send(200, b"%PDF-1.4" + b"0" * 300000, "application/pdf")
            elif "reset" in path:
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
            else:
                self.send(501 if "501" in path else 405)
        elif path.startswith("/page/"):  # a page as government sites serve it: the title first, then 40 KB
            self.send(200, self.page("経済安全保障 | 内閣府", "<p>本文です。</p>" * 2000))
        elif path == "/missing":
            self.send(404, self.page("404 Not Found"))
        elif path == "/perm":
            self.send(301, headers=[("Location", "/ok")])
        elif path == "/temp":
            self.send(302, headers=[("Location", "/ok")])
        elif path == "/chain":
            self.send(302, headers=[("Location", "/chain2")])
        elif path == "/chain2":
            self.send(308, headers=[("Location", "/ok")])
        elif path == "/loop-a":
            self.send(302, headers=[("Location", "/loop-b")])
        elif path == "/loop-b":
            self.send(302, headers=[("Location", "/loop-a")])
        elif path == "/rel/page":
            self.send(301, headers=[("Location", "../ok")])
        elif path == "/old-page":
            self.send(301, headers=[("Location", "/")])
        elif path == "/soft":
            self.send(200, self.page("ページが見つかりません | テスト"))
        elif path == "/to-404":
            self.send(301, headers=[("Location", "/missing")])
        elif path == "/busy":
            if state.total("/busy") <= 1:
                self.send(429, headers=[("Retry-After", "1")])
            else:
                self.send(200, b"ok", "text/plain")
        elif path == "/flaky":
            if state.total("/flaky") <= 1:  # the first GET fails
                self.send(503)
            else:
                self.send(200, self.page("復旧しました"))
        elif path == "/slow":
            time.sleep(3)
            self.send(200, self.page("遅い"))
        elif path == "/frag":
            self.send(200, self.page("見出し", '<h2 id="初動対応">x</h2><a name="old"></a>'))
        elif path == "/huge":
            self.send_huge(state)
        elif path == "/cf":
            self.send(403, self.page("Just a moment..."), headers=[("cf-mitigated", "challenge")])
        elif path.startswith("/ok-any"):
            self.send(200, b"ok", "text/plain")
        elif path == "/evil-title":  # invalid UTF-8, a terminal title escape, ANSI colours, NUL, bidi override
            self.send(200, b"<title>\xff\xfe \xe3\x83\x9a\xe3\x83\xbc\xe3\x82\xb8\xe3\x81\x8c\xe8\xa6\x8b\xe3\x81\xa4"
                      b"\xe3\x81\x8b\xe3\x82\x8a\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93 \x1b]0;pwned\x07\x1b[31mred\x00"
                      b"\x0c\xc2\x9b\xe2\x80\xae|[x](y) <b>&amp;</title>")
        elif path == "/bad-location":  # a Location that is not UTF-8
            self.send(301, headers=[("Location", "/ok-any\xff")])
        elif path == "/evil-md":  # a Location that would end a Markdown link and start another
            self.send(301, headers=[("Location", "/ok-any)[click](http://127.0.0.9:9/evil")])
        elif path == "/evil-toml":  # a Location that would end a TOML string and the array around it
            self.send(301, headers=[("Location", '/ok-any"]\\x')])
        elif path == "/evil-scheme":
            self.send(301, headers=[("Location", "javascript:alert(1)//")])
        elif path == "/retry-forever":
            self.send(429, headers=[("Retry-After", "99999999999999999999")])
        elif path == "/endless-header":
            self.send_endless_header()
        elif path == "/many-headers":
            self.send(200, b"ok", "text/plain", headers=[(f"X-Filler-{i}", "f" * 100) for i in range(2000)])
        elif path == "/reset":
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
        else:
            self.send(404, self.page("404 Not Found"))

    def send_endless_header(self):
        """A header line that never ends (up to 8 MB, or until the client hangs up)."""
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Endless: ")
            for _ in range(128):
                self.wfile.write(b"a" * 65536)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def send_huge(self, state):
        total = 50 * 1024 * 1024
        self.send_response(200)
        self.send_header("Content-Type", HTML)
        self.send_header("Content-Length", str(total))
        self.end_headers()
        if self.command == "HEAD":
            return
        chunk = b"<p>" + b"x" * 65530 + b"</p>"
        chunk = chunk[:65536]
        head = b"<html><head><title>Big</title></head><body>"
        try:
            self.wfile.write(head)
            sent = len(head)
            while sent < total:
                self.wfile.write(chunk)
                sent += len(chunk)
                with state.lock:
                    state.huge_bytes_sent = sent
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def start(address="127.0.0.1", delay=0):
    """Starts a server on a free port of `address`; returns (server, base URL)."""
    server = Server((address, 0), Handler)
    server.state = State()
    server.delay = delay
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{address}:{server.server_address[1]}"


def closed_port(address="127.0.0.1"):
    """A port on which nothing listens."""
    with socket.socket() as s:
        s.bind((address, 0))
        return s.getsockname()[1]
