"""Fetching URLs politely and safely.

Polite: a user agent, robots.txt, a pause between two requests to one host, a size limit.
Safe, because a URL is outside input and a server may fetch it for anyone:

- Only http and https, on every redirect hop (redirects are followed here, at most `max_redirects`).
- Every hop's host is resolved here, and the fetch is refused if ANY of its addresses is not public
  (loopback, private, link-local and so cloud metadata, shared, multicast, reserved, unspecified, and
  the IPv4 addresses embedded in IPv6 ones). The connection then goes to an address that was checked,
  with the name in the Host header and TLS SNI: a DNS answer that changes between the check and the
  connection (DNS rebinding) cannot steer it. `allow_private` lifts the address check (an intranet of
  your own); `allow_hosts` lifts it for exact "host:port" origins only.
- robots.txt is obeyed for every hop's host, so a redirect cannot lead into a disallowed path.
- `timeout` is a deadline for the whole fetch (name lookup, connection, headers, body, every hop):
  each read waits at most the time left, so a server trickling a byte at a time is cut off on time.
  The politeness pauses are not counted.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from newsweave.errors import InputError
from newsweave.load.decode import check_size

USER_AGENT = "newsweave/0.1 (news corpus builder)"
REDIRECTS = {301, 302, 303, 307, 308}
ONLY_WEB = "only http and https URLs can be fetched"
NOT_PUBLIC_HINT = "only public addresses are fetched (--allow-private-addresses lifts this)"
ROBOTS_FOR = 24 * 3600  # seconds a site's robots.txt is kept (a server's Fetcher lives for days)
SITES_KEPT = 10_000  # sites whose robots.txt and last request are remembered

# IPv6 ranges that carry an IPv4 address in their last 32 bits (NAT64, well-known and local-use).
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


@dataclass
class Response:
    url: str  # after redirects
    body: bytes
    content_type: str


class Fetcher:
    """Fetch URLs, waiting `delay` seconds between two requests to one host; safe to share between threads."""

    def __init__(
        self,
        timeout: float = 20.0,
        delay: float = 1.0,
        max_bytes: int = 10 * 1024 * 1024,
        user_agent: str = USER_AGENT,
        robots: bool = True,
        allow_private: bool = False,
        allow_hosts: Iterable[str] = (),
        max_redirects: int = 5,
        tls: ssl.SSLContext | None = None,
    ):
        self.timeout = timeout
        self.delay = delay
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self.robots = robots
        self.allow_private = allow_private
        self.allow_hosts = {host.lower() for host in allow_hosts}
        self.max_redirects = max_redirects
        self.tls = tls  # None: the system's trusted certificates
        self._next_request: dict[str, float] = {}
        self._rules: dict[str, tuple[float, RobotFileParser]] = {}  # origin: (when read, its rules)
        self._lock = threading.Lock()
        self._robots_locks: dict[str, threading.Lock] = {}

    def fetch(self, url: str) -> Response:
        """The body of `url`, or InputError with the reason (refused address or scheme, robots.txt, HTTP status,
        timeout, too large, unreachable). A reason met after a redirect names the hop."""
        deadline = Deadline(self.timeout)
        try:
            return self._follow(url, deadline, robots=self.robots)
        except TimeoutError:
            raise InputError(f"timed out after {self.timeout:g} s") from None

    def allowed(self, url: str) -> bool:
        """What the host's robots.txt says for our user agent; a missing or unreadable robots.txt allows all."""
        try:
            return self._allowed(_Target.of(url), Deadline(self.timeout))
        except TimeoutError:
            return True

    def _follow(self, url: str, deadline: Deadline, robots: bool) -> Response:
        for hop in range(self.max_redirects + 1):
            try:
                target = _Target.of(url)
                if robots and not self._allowed(target, deadline):
                    raise InputError("the site's robots.txt disallows fetching it")
                location, response = self._get(target, deadline)
            except InputError as exc:
                raise InputError(f"redirected to {url}: {exc}" if hop else str(exc)) from None
            if location is None and response is not None:
                return response
            url = urljoin(url, location or "").split("#")[0]
        raise InputError(f"too many redirects (more than {self.max_redirects})")

    def _allowed(self, target: _Target, deadline: Deadline) -> bool:
        with self._lock:
            lock = self._robots_locks.setdefault(target.origin, threading.Lock())
        # One robots.txt request per site, however many threads ask at once; the others wait within their deadline.
        if not lock.acquire(timeout=deadline.remaining()):
            raise TimeoutError
        try:
            known = self._rules.get(target.origin)
            if known is None or time.monotonic() - known[0] > ROBOTS_FOR:
                rules = RobotFileParser()
                try:
                    robots = self._follow(f"{target.origin}/robots.txt", deadline, robots=False)
                    rules.parse(robots.body.decode("utf-8", "replace").splitlines())
                except InputError:
                    rules.parse([])
                known = self._rules[target.origin] = (time.monotonic(), rules)
                self._forget_sites()
        finally:
            lock.release()
        return known[1].can_fetch(self.user_agent, target.url)

    def _forget_sites(self) -> None:
        """Keep the memory of a long-lived Fetcher bounded: drop the sites met longest ago."""
        with self._lock:
            for memory in (self._rules, self._robots_locks, self._next_request):
                while len(memory) > SITES_KEPT:
                    memory.pop(next(iter(memory)))

    def _get(self, target: _Target, deadline: Deadline) -> tuple[str | None, Response | None]:
        """One request: (the redirect's location, None) or (None, the response)."""
        with deadline.paused():
            self._wait_for_host(target.host)
        connection = reply = None
        try:
            addresses = self._addresses(target, deadline)
            connection = self._connect(target, addresses, deadline)
            connection.request("GET", target.path, headers={"User-Agent": self.user_agent, "Accept": "*/*", "Connection": "close"})
            reply = connection.getresponse()
            location = reply.getheader("Location")
            if reply.status in REDIRECTS and location:
                return location.strip(), None
            if reply.status >= 300:
                raise InputError(f"HTTP {reply.status} {reply.reason}".strip())
            declared = reply.getheader("Content-Length")
            if declared and declared.strip().isdigit():
                check_size(int(declared), self.max_bytes)
            body = self._read(reply)
            return None, Response(target.url, body, reply.getheader("Content-Type", ""))
        except (TimeoutError, InputError):
            raise
        except (http.client.HTTPException, ValueError) as exc:
            raise InputError(f"bad HTTP response ({type(exc).__name__}: {exc})") from None
        except OSError as exc:
            if deadline.expired():
                raise TimeoutError from None
            raise InputError(f"connection failed ({exc})") from None
        finally:
            if reply is not None:
                reply.close()
            if connection is not None:
                connection.close()
            with self._lock:
                self._next_request[target.host] = max(self._next_request.get(target.host, 0.0), time.monotonic() + self.delay)

    def _addresses(self, target: _Target, deadline: Deadline) -> list[str]:
        """The host's addresses, all of them public unless this origin is allowed to be private."""
        allowed = self.allow_private or target.hostport in self.allow_hosts
        if not allowed and (target.host == "localhost" or target.host.endswith(".localhost")):
            raise InputError(f"refused: {target.host} is this machine, a loopback address; {NOT_PUBLIC_HINT}")
        addresses = list(dict.fromkeys(info[4][0] for info in resolve(target.host, target.port, deadline)))
        if not allowed:
            for address in addresses:
                problem = address_problem(ipaddress.ip_address(address.split("%")[0]))
                if problem:
                    what = "not a public address" if problem == "not public" else f"a {problem} address"
                    shown = f"{target.host} is" if target.host == address else f"{target.host} is {address},"
                    raise InputError(f"refused: {shown} {what}; {NOT_PUBLIC_HINT}")
        return addresses

    def _connect(self, target: _Target, addresses: list[str], deadline: Deadline) -> http.client.HTTPConnection:
        tls = (self.tls or default_tls()) if target.scheme == "https" else None
        failure: OSError | None = None
        for address in addresses:
            connection = _Pinned(target.host, target.port, address, deadline, tls)
            try:
                connection.connect()
                return connection
            except TimeoutError:
                connection.close()
                raise
            except ssl.SSLError as exc:
                connection.close()
                if deadline.expired():
                    raise TimeoutError from None
                raise InputError(f"TLS failed ({getattr(exc, 'verify_message', None) or exc.reason or exc})") from None
            except OSError as exc:
                connection.close()
                if deadline.expired():
                    raise TimeoutError from None
                failure = exc
        raise InputError(f"cannot reach it ({failure})")

    def _read(self, reply: http.client.HTTPResponse) -> bytes:
        """Read in chunks, so a huge body is cut off at the size limit (each read is held to the deadline)."""
        chunks, size = [], 0
        while chunk := reply.read(64 * 1024):
            size += len(chunk)
            check_size(size, self.max_bytes)
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_for_host(self, host: str) -> None:
        """Take the next free turn at this host: requests from many threads start `delay` apart."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_request.get(host, now))
            self._next_request[host] = start + self.delay
        if start > now:
            time.sleep(start - now)


def address_problem(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is not a public one ("loopback", "private", ...), or None for a public address."""
    if address.version == 6:
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is None and any(address in network for network in _NAT64):
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            problem = address_problem(embedded)
            if problem or address.teredo:  # a Teredo address reaches a host through a relay: not ours to allow
                return problem or "tunnelled"
            return None
        if address.is_site_local:
            return "private"
    for problem, flag in (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
    ):
        if flag:
            return problem
    return None if address.is_global else "not public"


def resolve(host: str, port: int, deadline: Deadline) -> list:
    """getaddrinfo, held to the deadline (it has no timeout of its own): run in a thread and waited for."""
    outcome: list = []

    def lookup():
        try:
            outcome.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            outcome.append(exc)

    worker = threading.Thread(target=lookup, name="newsweave-dns", daemon=True)
    worker.start()
    worker.join(deadline.remaining())
    if not outcome:
        raise TimeoutError
    if isinstance(outcome[0], Exception):
        reason = outcome[0].strerror if isinstance(outcome[0], OSError) and outcome[0].strerror else outcome[0]
        raise InputError(f"cannot resolve {host} ({reason})")
    return outcome[0]


class Deadline:
    """The time left for one fetch; `remaining()` raises TimeoutError once it is spent."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left

    def expired(self) -> bool:
        return time.monotonic() >= self.end

    @contextmanager
    def paused(self):
        """Time spent in here (a politeness pause) is not counted."""
        started = time.monotonic()
        try:
            yield
        finally:
            self.end += time.monotonic() - started


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str  # lower case, IDNA, no brackets, no trailing dot
    port: int
    path: str  # path and query: what the request line asks for

    @classmethod
    def of(cls, url: str) -> _Target:
        try:
            parts = urlsplit(url.strip())
            scheme = parts.scheme.lower()
            if scheme not in {"http", "https"}:
                raise InputError(ONLY_WEB)
            host = (parts.hostname or "").rstrip(".")
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError as exc:
            raise InputError(f"not a valid URL ({exc})") from None
        if not host:
            raise InputError("the URL has no host")
        try:
            host = host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            raise InputError(f"not a valid host name: {host!r}") from None
        path = parts.path or "/"
        if any(ord(c) <= 32 or ord(c) == 127 for c in path + parts.query):
            raise InputError("the URL has spaces or control characters in it")
        return cls(url, scheme, host, port, path + (f"?{parts.query}" if parts.query else ""))

    @property
    def hostport(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.hostport}"


class _Pinned(http.client.HTTPConnection):
    """A connection to one checked address that speaks to the host by name (Host header; with `tls`, SNI and
    the certificate checked against the name); every read and write is held to the deadline."""

    def __init__(self, host: str, port: int, address: str, deadline: Deadline, tls: ssl.SSLContext | None = None):
        super().__init__(host, port, timeout=deadline.remaining())
        self._address = address
        self._deadline = deadline
        self._tls = tls
        if tls is not None:
            self.default_port = 443  # no port in the Host header when it is https's own

    def connect(self):
        raw = socket.create_connection((self._address, self.port), self._deadline.remaining())
        if self._tls is None:
            self.sock = _DeadlineSocket(raw, self._deadline)
            return
        # The handshake is several reads under one timeout: a watchdog cuts it at the deadline.
        watchdog = threading.Timer(self._deadline.remaining(), _shutdown, (raw,))
        watchdog.start()
        try:
            raw.settimeout(self._deadline.remaining())
            self.sock = _DeadlineSocket(self._tls.wrap_socket(raw, server_hostname=self.host), self._deadline)
        except BaseException:
            raw.close()
            raise
        finally:
            watchdog.cancel()


_default_tls: ssl.SSLContext | None = None


def default_tls() -> ssl.SSLContext:
    """The system's trusted certificates, hostnames checked; made once."""
    global _default_tls
    if _default_tls is None:
        _default_tls = ssl.create_default_context()
    return _default_tls


def _shutdown(sock: socket.socket) -> None:
    with suppress(OSError):  # the other end may be gone already
        sock.shutdown(socket.SHUT_RDWR)


class _DeadlineSocket:
    """What http.client reads and writes through: each read and write waits at most the time left.

    Like a socket's own makefile, a reader keeps the connection open until it is closed too:
    http.client closes the connection as soon as a response that ends with it has begun.
    """

    def __init__(self, sock: socket.socket, deadline: Deadline):
        self._sock = sock
        self._deadline = deadline
        self._readers = 0
        self._closing = False

    def sendall(self, data) -> None:
        self._sock.settimeout(self._deadline.remaining())
        self._sock.sendall(data)

    def recv_into(self, buffer) -> int:
        self._sock.settimeout(self._deadline.remaining())
        return self._sock.recv_into(buffer)

    def makefile(self, mode: str = "rb", *args, **kwargs):
        self._readers += 1
        return io.BufferedReader(_DeadlineReader(self))

    def close(self) -> None:
        self._closing = True
        if not self._readers:
            self._sock.close()

    def reader_closed(self) -> None:
        self._readers -= 1
        if self._closing and not self._readers:
            self._sock.close()

    def __getattr__(self, name):
        return getattr(self._sock, name)


class _DeadlineReader(io.RawIOBase):
    def __init__(self, sock: _DeadlineSocket):
        self._sock = sock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        return self._sock.recv_into(buffer)

    def close(self) -> None:
        if not self.closed:
            self._sock.reader_closed()
        super().close()
