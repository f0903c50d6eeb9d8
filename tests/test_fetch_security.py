"""Hostile sites and hostile requests against the fetcher, ingest and the web server.

Every attack runs against real HTTP servers on 127.0.0.1: a page behind
another spelling of the loopback address, redirects into refused addresses
and schemes, a robots.txt behind a redirect, servers that trickle a byte at a
time, OPML uploads naming server files. A guard keeps every connection on this
machine, so even a fetcher that forgot its checks could not reach the network.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from corpus_fixtures import article_page, rss_feed

from newsweave.corpus import ingest, open_store
from newsweave.errors import InputError

SECRET = "Quillmoor ledger entry: the vault code is seven-four-nine."


def _loopback(host: str) -> bool:
    try:
        addresses = [ipaddress.ip_address(host.split("%")[0])]
    except ValueError:
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in socket.getaddrinfo(host, 80)]
    addresses = [getattr(a, "ipv4_mapped", None) or a for a in addresses]
    return all(a.is_loopback or a.is_unspecified for a in addresses)


@pytest.fixture(autouse=True)
def connections(monkeypatch):
    """Every connection attempt's host; any beyond this machine fails instead of leaving it."""
    attempts: list[str] = []
    real = socket.create_connection

    def guarded(address, *args, **kwargs):
        attempts.append(str(address[0]))
        if not _loopback(str(address[0])):
            raise OSError("test guard: no connections beyond this machine")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)
    return attempts


class Origin:
    """A real HTTP server on a free local port; `routes[path](handler)` answers a GET."""

    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict = {}
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        self.stop = threading.Event()
        origin = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                origin.requests.append((self.path, self.headers.get("Host", "")))
                route = origin.routes.get(self.path) or page("not found", 404)
                try:
                    route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        server_class = ThreadingHTTPServer
        if ":" in host:
            server_class = type("Server6", (ThreadingHTTPServer,), {"address_family": socket.AF_INET6})
        self.server = server_class((host, 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://{'[' + host + ']' if ':' in host else host}:{self.port}"
        self.origin = f"{host}:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


def page(body: str, status: int = 200, content_type: str = "text/html; charset=utf-8", delay: float = 0.0):
    def answer(handler):
        time.sleep(delay)
        data = body.encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    return answer


def redirect(location: str, status: int = 302, delay: float = 0.0):
    def answer(handler):
        time.sleep(delay)
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def trickle(origin: Origin, every: float = 0.3, headers_too: bool = False):
    """A page that arrives one byte every `every` seconds (its headers too, if asked) until the server stops."""

    def answer(handler):
        body = article_page("ferry-wire").encode("utf-8")
        head = f"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        if not headers_too:
            handler.wfile.write(head)
            handler.wfile.flush()
            head = b""
        for byte in head + body:
            if origin.stop.wait(every):
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()

    return answer


def secret_page() -> str:
    return f"<html><head><title>Internal notes</title></head><body><article><h1>Internal notes</h1><p>{SECRET}</p>" \
        f"<p>{SECRET} It is kept on the intranet and must never be fetched by a public server.</p></article></body></html>"


@pytest.fixture
def intranet():
    with Origin() as origin:
        origin.routes["/secret"] = page(secret_page())
        yield origin


def ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


# --- 1. SSRF -------------------------------------------------------------------------------------------------

LOOPBACK_SPELLINGS = ["127.0.0.1", "2130706433", "0x7f000001", "0177.0.0.1", "127.1", "017700000001", "127.9.8.7",
                      "0.0.0.0", "localhost", "LOCALHOST.", "app.localhost", "[::ffff:127.0.0.1]", "[::1]", "[::]"]


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
def test_loopback_in_every_spelling_is_refused_without_the_allowance(intranet, connections, host):
    from newsweave.corpus.sources.fetch import Fetcher

    with pytest.raises(InputError) as refused:
        Fetcher(timeout=3, delay=0).fetch(f"http://{host}:{intranet.port}/secret")
    reason = str(refused.value)
    assert reason.startswith("refused") and ("loopback" in reason or "unspecified" in reason), reason
    assert intranet.requests == [] and connections == []


def test_an_ipv6_loopback_server_is_refused(connections):
    if not ipv6_loopback():
        pytest.skip("no IPv6 loopback here")
    from newsweave.corpus.sources.fetch import Fetcher

    with Origin("::1") as origin:
        origin.routes["/secret"] = page(secret_page())
        with pytest.raises(InputError, match="loopback"):
            Fetcher(timeout=3, delay=0).fetch(f"{origin.url}/secret")
        assert origin.requests == [] and connections == []
        # The same server with the allowance: the refusal was the address, not the server.
        assert SECRET in Fetcher(timeout=3, delay=0, allow_private=True).fetch(f"{origin.url}/secret").body.decode()


def test_ingest_refuses_a_private_address_and_the_allowance_lets_it_through(intranet, tmp_path):
    db = tmp_path / "news.db"
    report = ingest([f"{intranet.url}/secret"], db=db, timeout=3, delay=0)
    assert report.added == 0 and "loopback" in report.errors[0].reason
    assert intranet.requests == []
    report = ingest([f"{intranet.url}/secret"], db=db, timeout=3, delay=0, allow_private=True)
    assert report.added == 1, report.errors


@pytest.mark.parametrize("url, kind", [
    ("http://169.254.169.254/latest/meta-data/iam/", "link-local"),
    ("http://[fd00:ec2::254]/latest/meta-data/", "private"),
    ("http://10.20.30.40/admin", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://172.31.255.1/", "private"),
    ("http://100.100.100.200/latest/meta-data/", "not a public address"),  # shared address space (a cloud's metadata)
    ("http://224.0.0.251/", "multicast"),
    ("http://240.1.2.3/", "reserved"),
    ("http://[fe80::1]/", "link-local"),
    ("http://[::ffff:169.254.169.254]/", "link-local"),
    ("http://[64:ff9b::a9fe:a9fe]/", "link-local"),  # NAT64 of the metadata address
    ("http://[2002:a9fe:a9fe::1]/", "link-local"),  # 6to4 of the metadata address
])
def test_private_link_local_metadata_multicast_and_reserved_addresses_are_refused_before_connecting(connections, url, kind):
    from newsweave.corpus.sources.fetch import Fetcher

    with pytest.raises(InputError) as refused:
        Fetcher(timeout=2, delay=0).fetch(url)
    assert str(refused.value).startswith("refused") and kind in str(refused.value), str(refused.value)
    assert connections == []


def test_address_classes():
    from newsweave.corpus.sources.fetch import address_problem

    for text in ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2002:0808:0808::1"]:
        assert address_problem(ipaddress.ip_address(text)) is None, text
    for text in ["127.0.0.1", "10.0.0.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "239.255.255.250", "240.0.0.1",
                 "255.255.255.255", "0.0.0.0", "198.18.0.1", "192.0.2.1", "::", "::1", "::127.0.0.1", "fe80::1", "fc00::1",
                 "fec0::1", "ff02::1", "2001:db8::1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2001:0:4136:e378:8000:63bf:f5ff:fffe"]:
        assert address_problem(ipaddress.ip_address(text)) is not None, text


@pytest.fixture
def hops(intranet):
    """A test origin allowed by exact host:port that redirects elsewhere."""
    with Origin() as start:
        start.routes["/robots.txt"] = page("User-agent: *\nAllow: /\n", content_type="text/plain")
        start.routes["/article"] = page(article_page("ferry-wire"))
        start.routes["/moved"] = redirect("/article", 301)
        start.routes["/loop"] = redirect("/loop")
        for name, target in {
            "loopback": f"http://localhost:{intranet.port}/secret",
            "decimal": f"http://2130706433:{intranet.port}/secret",
            "other-port": f"http://127.0.0.1:{intranet.port}/secret",
            "metadata": "http://169.254.169.254/latest/meta-data/",
            "file": "file:///etc/passwd",
            "ftp": f"ftp://127.0.0.1:{intranet.port}/secret",
            "data": "data:text/html,<p>hi</p>",
        }.items():
            start.routes[f"/to-{name}"] = redirect(target)
        yield start


def test_a_redirect_within_the_allowed_origin_is_followed(hops):
    from newsweave.corpus.sources.fetch import Fetcher

    response = Fetcher(timeout=3, delay=0, allow_hosts=[hops.origin]).fetch(f"{hops.url}/moved")
    assert response.url == f"{hops.url}/article" and b"Gull Maiden" in response.body


@pytest.mark.parametrize("route, reason", [
    ("loopback", "loopback"),
    ("decimal", "loopback"),
    ("other-port", "loopback"),
    ("metadata", "link-local"),
    ("file", "only http and https"),
    ("ftp", "only http and https"),
    ("data", "only http and https"),
])
def test_a_redirect_from_an_allowed_origin_to_a_refused_address_or_scheme_is_refused_at_that_hop(hops, intranet, connections, route, reason):
    from newsweave.corpus.sources.fetch import Fetcher

    with pytest.raises(InputError) as refused:
        Fetcher(timeout=3, delay=0, allow_hosts=[hops.origin]).fetch(f"{hops.url}/to-{route}")
    message = str(refused.value)
    assert message.startswith("redirected to ") and reason in message, message
    assert intranet.requests == []
    assert set(connections) == {"127.0.0.1"}  # the allowed origin only
    assert hops.paths() == ["/robots.txt", f"/to-{route}"]


def test_redirects_are_limited(hops):
    from newsweave.corpus.sources.fetch import Fetcher

    with pytest.raises(InputError, match="too many redirects"):
        Fetcher(timeout=3, delay=0, allow_hosts=[hops.origin]).fetch(f"{hops.url}/loop")
    assert hops.paths().count("/loop") == 6  # the first request and five redirects


def test_robots_txt_of_every_hop_is_obeyed():
    from newsweave.corpus.sources.fetch import Fetcher

    with Origin() as start, Origin() as other:
        other.routes["/robots.txt"] = page("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        other.routes["/private/page"] = page(secret_page())
        start.routes["/go"] = redirect(f"{other.url}/private/page")
        with pytest.raises(InputError) as refused:
            Fetcher(timeout=3, delay=0, allow_private=True).fetch(f"{start.url}/go")
        assert "robots.txt" in str(refused.value) and str(refused.value).startswith(f"redirected to {other.url}/private/page")
        assert other.paths() == ["/robots.txt"]


def test_the_vetted_address_is_connected_to_with_the_name_in_the_host_header(intranet, connections):
    from newsweave.corpus.sources.fetch import Fetcher

    Fetcher(timeout=3, delay=0, robots=False, allow_hosts=[f"localhost:{intranet.port}"]).fetch(f"http://localhost:{intranet.port}/secret")
    assert intranet.requests == [("/secret", f"localhost:{intranet.port}")]
    assert all(ipaddress.ip_address(host) for host in connections)  # an address, never the name resolved again


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for the name localhost only (not for 127.0.0.1)."""
    import shutil
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("no openssl command to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", folder / "key.pem", "-out", folder / "cert.pem", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost"], check=True, capture_output=True)
    return folder / "cert.pem", folder / "key.pem"


@contextmanager
def tls_origin(certificate):
    """An Origin that speaks TLS with the localhost certificate; yields it and the server names clients asked for."""
    import ssl

    names: list[str] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    origin = Origin()
    origin.server.socket = context.wrap_socket(origin.server.socket, server_side=True)
    origin.routes["/secret"] = page(secret_page())
    with origin:
        yield origin, names


def test_https_checks_the_certificate_against_the_name_while_connecting_to_the_checked_address(certificate, connections):
    import ssl

    from newsweave.corpus.sources.fetch import Fetcher

    trust = ssl.create_default_context(cafile=str(certificate[0]))
    with tls_origin(certificate) as (origin, names):
        url = f"https://localhost:{origin.port}/secret"
        response = Fetcher(timeout=3, delay=0, robots=False, allow_hosts=[f"localhost:{origin.port}"], tls=trust).fetch(url)
        assert SECRET in response.body.decode() and names == ["localhost"]
        assert origin.requests == [("/secret", f"localhost:{origin.port}")]
        assert all(ipaddress.ip_address(host) for host in connections)
        for fetcher, url in [
            (Fetcher(timeout=3, delay=0, robots=False, allow_private=True, tls=trust), f"https://127.0.0.1:{origin.port}/secret"),
            (Fetcher(timeout=3, delay=0, robots=False, allow_private=True), f"https://localhost:{origin.port}/secret"),
        ]:
            with pytest.raises(InputError, match="TLS failed"):
                fetcher.fetch(url)  # a certificate for another name; one nobody trusts
        assert len(origin.requests) == 1


def test_a_tls_handshake_that_never_comes_is_cut_off_at_the_deadline():
    from newsweave.corpus.sources.fetch import Fetcher

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"https://127.0.0.1:{silent.getsockname()[1]}/"
        outcome, seconds = fetch_in_thread(Fetcher(timeout=1, delay=0, robots=False, allow_private=True), url)
    assert isinstance(outcome, InputError) and str(outcome) == "timed out after 1 s", outcome
    assert seconds < 2


def test_the_command_line_refuses_private_addresses_unless_allowed(intranet, tmp_path):
    from conftest import run_newsweave

    db = tmp_path / "news.db"
    refused = run_newsweave("ingest", f"{intranet.url}/secret", "--db", db, "--delay", "0")
    assert refused.returncode == 1 and "loopback" in refused.stderr and "--allow-private-addresses" in refused.stderr
    assert intranet.requests == []
    allowed = run_newsweave("ingest", f"{intranet.url}/secret", "--db", db, "--delay", "0", "--allow-private-addresses")
    assert allowed.returncode == 0 and "1 added" in allowed.stderr, allowed.stderr


# --- 2. A total deadline ----------------------------------------------------------------------------------------

def fetch_in_thread(fetcher, url):
    """Fetch in a thread, so a fetcher without a deadline cannot hang the test run; returns (outcome, seconds)."""
    outcome = []
    started = time.monotonic()

    def run():
        try:
            outcome.append(fetcher.fetch(url))
        except InputError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(8)
    return (outcome[0] if outcome else None), time.monotonic() - started


@pytest.mark.parametrize("headers_too", [False, True])
def test_a_server_trickling_a_byte_at_a_time_is_cut_off_at_the_total_deadline(headers_too):
    from newsweave.corpus.sources.fetch import Fetcher

    with Origin() as slow:
        slow.routes["/story"] = trickle(slow, 0.3, headers_too)
        outcome, seconds = fetch_in_thread(Fetcher(timeout=2, delay=0, allow_private=True), f"{slow.url}/story")
    assert isinstance(outcome, InputError) and str(outcome) == "timed out after 2 s", outcome
    assert seconds < 3


def test_the_deadline_spans_every_redirect_hop():
    from newsweave.corpus.sources.fetch import Fetcher

    with Origin() as slow:
        slow.routes["/a"] = redirect("/b", delay=0.8)
        slow.routes["/b"] = redirect("/c", delay=0.8)
        slow.routes["/c"] = page(article_page("ferry-wire"), delay=0.8)
        outcome, seconds = fetch_in_thread(Fetcher(timeout=2, delay=0, robots=False, allow_private=True), f"{slow.url}/a")
    assert isinstance(outcome, InputError) and str(outcome) == "timed out after 2 s", outcome
    assert seconds < 3


def test_ingest_timeout_is_a_deadline(tmp_path):
    with Origin() as slow:
        slow.routes["/story"] = trickle(slow, 0.3)
        started = time.monotonic()
        report = ingest([f"{slow.url}/story"], db=tmp_path / "news.db", timeout=1.5, delay=0, allow_private=True)
        assert time.monotonic() - started < 3
    assert [p.reason for p in report.errors] == ["timed out after 1.5 s"]


# --- 3 and 4. The web server ------------------------------------------------------------------------------------

@contextmanager
def serving(app):
    """The real app under uvicorn on a free local port, in a thread; yields (host, port)."""
    uvicorn = pytest.importorskip("uvicorn")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    instance = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield listener.getsockname()
    finally:
        instance.should_exit = True
        thread.join(timeout=15)
        listener.close()


def call(address, method: str, path: str, body: dict | None = None, timeout: float = 30) -> tuple[int, str]:
    connection = http.client.HTTPConnection(*address, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        reply = connection.getresponse()
        return reply.status, reply.read().decode("utf-8", "replace")
    finally:
        connection.close()


def test_slow_url_briefs_leave_the_pages_answering():
    pytest.importorskip("fastapi")
    from newsweave.corpus.sources.fetch import Fetcher
    from newsweave.web.app import ServerConfig, create_app
    from newsweave.web.intake import Fetching

    with Origin() as slow:
        slow.routes["/story"] = trickle(slow, 0.3)
        app = create_app(ServerConfig(allow_urls=True, allow_private_addresses=True))
        # The server's fetching, smaller and quicker than the default so the test is short.
        app.state.fetching = Fetching(Fetcher(timeout=2, delay=0, allow_private=True), workers=4, queue=8)
        with serving(app) as address:
            answers: list[tuple[int, str]] = []
            posts = [threading.Thread(target=lambda: answers.append(call(address, "POST", "/api/brief", {"urls": [f"{slow.url}/story"]})),
                                      daemon=True) for _ in range(41)]
            for thread in posts:
                thread.start()
            time.sleep(1.0)
            started = time.monotonic()
            status, text = call(address, "GET", "/new", timeout=5)
            assert status == 200 and "<form" in text
            assert time.monotonic() - started < 1.5
            for thread in posts:
                thread.join(20)
    assert len(answers) == 41
    busy = [text for status, text in answers if status == 503]
    timed_out = [text for status, text in answers if status == 400]
    assert len(busy) >= 41 - 12 and len(busy) + len(timed_out) == 41
    assert all("busy fetching" in text for text in busy)
    assert all("timed out after 2 s" in text for text in timed_out)


def test_one_fetcher_per_server_reads_robots_txt_once():
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsweave.web.app import ServerConfig, create_app

    with Origin() as site:
        site.routes["/robots.txt"] = page("User-agent: *\nAllow: /\n", content_type="text/plain")
        for name in ("ferry-wire", "ferry-courier"):
            site.routes[f"/articles/{name}"] = page(article_page(name, site.url))
        client = TestClient(create_app(ServerConfig(allow_urls=True, allow_private_addresses=True)))
        for name in ("ferry-wire", "ferry-courier", "ferry-wire"):
            response = client.post("/api/brief", json={"urls": [f"{site.url}/articles/{name}"]})
            assert response.status_code == 201, response.text
        assert site.paths().count("/robots.txt") == 1


def test_the_server_refuses_private_addresses_without_the_option(intranet):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsweave.web.app import ServerConfig, create_app

    client = TestClient(create_app(ServerConfig(allow_urls=True)))
    response = client.post("/api/brief", json={"urls": [f"{intranet.url}/secret", f"http://0x7f000001:{intranet.port}/secret"]})
    assert response.status_code == 400 and "loopback" in response.json()["detail"]
    assert SECRET not in response.text and intranet.requests == []


@pytest.fixture
def ingest_server(tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsweave.web.app import ServerConfig, create_app

    db = tmp_path / "news.db"
    open_store(db).close()

    def client(**options):
        return TestClient(create_app(ServerConfig(db=db, allow_ingest=True, **options)))

    return db, client


def upload(client, name: str, data: bytes, content_type: str):
    """POST one file to /api/ingest as the New brief form would, with the server's form token."""
    token = client.get("/api/token").json()
    return client.post("/api/ingest", files=[("files", (name, data, content_type))], data={token["field"]: token["token"]})


def test_an_uploaded_opml_never_reads_files_on_the_server(ingest_server, tmp_path):
    import os

    db, client = ingest_server
    notes = tmp_path / "private" / "notes.txt"
    notes.parent.mkdir()
    notes.write_text(f"{SECRET}\n\n{SECRET} Kept on the server only.\n", encoding="utf-8")
    feed = tmp_path / "private" / "feed.rss"
    feed.write_text(rss_feed("Local Wire", "http://news.invalid", ["ferry-wire"]), encoding="utf-8")
    upwards = "../" * 12 + os.path.relpath(notes, "/")  # from the upload's folder, whatever its depth
    sneaky = [str(notes), upwards, f"file://{notes}", f"file://{feed}", "feed.rss", str(feed)]
    listing = '<?xml version="1.0"?><opml version="2.0"><body>' + "".join(
        f'<outline text="f{n}" xmlUrl="{target}"/>' for n, target in enumerate(sneaky)) + "</body></opml>"
    response = upload(client(), "feeds.opml", listing.encode(), "text/x-opml")
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["added"] == 0 and SECRET not in response.text
    [source] = report["sources"]
    assert source["source"] == "feeds.opml"
    assert len(source["errors"]) == len(sneaky)
    assert all("only http(s) URLs" in error["reason"] for error in source["errors"]), source["errors"]
    with open_store(db, readonly=True) as store:
        assert store.count_articles() == 0


def test_urls_sent_to_the_server_must_be_http(ingest_server, tmp_path):
    db, client = ingest_server
    notes = tmp_path / "notes.txt"
    notes.write_text(f"{SECRET}\n", encoding="utf-8")
    server = client(allow_urls=True)
    for path in ("/api/ingest", "/api/brief"):
        for url in (str(notes), f"file://{notes}", "../notes.txt", "ftp://127.0.0.1/notes.txt"):
            response = server.post(path, json={"urls": [url]})
            assert response.status_code == 400 and "not an http(s) URL" in response.json()["detail"], response.text
    with open_store(db, readonly=True) as store:
        assert store.count_articles() == 0


def test_an_uploaded_feed_fetches_nothing_on_a_server_without_allow_urls(ingest_server):
    _, client = ingest_server
    with Origin() as site:
        site.routes["/articles/ferry-wire"] = page(article_page("ferry-wire", site.url))
        feed = rss_feed("Coast Wire", site.url, ["ferry-wire"])
        response = upload(client(), "coast.rss", feed.encode(), "application/rss+xml")
        assert response.status_code == 200, response.text
        [error] = response.json()["sources"][0]["errors"]
        assert "--allow-urls" in error["reason"]
        assert site.requests == []


def test_an_uploaded_feed_on_a_server_with_allow_urls_is_held_to_public_addresses(ingest_server, intranet):
    _, client = ingest_server
    feed = rss_feed("Coast Wire", intranet.url, ["ferry-wire"]).replace(f"{intranet.url}/articles/ferry-wire", f"{intranet.url}/secret")
    response = upload(client(allow_urls=True), "coast.rss", feed.encode(), "application/rss+xml")
    assert response.status_code == 200, response.text
    [error] = response.json()["sources"][0]["errors"]
    assert "loopback" in error["reason"] and intranet.requests == []
