"""Headers, limits and request checks that hold whatever a request or a report contains.

Article text is hostile input: the pages escape it (Jinja autoescape, and
`textContent` in the scripts), and the Content-Security-Policy makes sure that
even a slip cannot run a script: only our own files may run, nothing inline.

Other web pages are hostile too. A page the user visits can make the browser
send requests here: `HostCheck` answers only requests addressed to the names
the server is bound as (a page on a rebound DNS name is refused), and
`CrossSiteGuard` refuses every state-changing request another site sends.
The app's own forms carry a token (`form_token`) that only a page read from
this server can know, for browsers that send neither Origin nor Sec-Fetch-Site.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from urllib.parse import urlsplit

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})  # these never change anything here

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    # Not no-referrer: under it a browser sends `Origin: null` with our own form posts,
    # and CrossSiteGuard needs their real origin. Other sites still get no Referer.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),  # no other site may embed our answers (a brief's JSON)
]


class SecurityHeaders:
    """ASGI middleware: every response carries the security headers."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """ASGI middleware: refuse a request body over `limit` bytes with 413.

    The declared Content-Length is checked first; a body sent without one (or
    lying about it) is counted as it streams in, so nothing over the limit is
    ever buffered.
    """

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            return await self.app(scope, receive, send)
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and (len(declared) > 18 or int(declared) > self.limit):
            return await self._refuse(send)
        received = 0
        started = False

        async def counting_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send):
        await refuse(send, 413, f"request too large: the limit is {self.limit / (1024 * 1024):g} MB")


class _TooLarge(Exception):
    pass


# --- where requests may come from -------------------------------------------------

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")
FORM_TOKEN_FIELD = "csrf_token"
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def bound_hosts(host: str, port: int, extra: tuple[str, ...] | list[str] = ()) -> tuple[str, ...]:
    """The Host header values a server bound to `host:port` answers to.

    The bound address and its port; for a loopback bind, or a wildcard one
    (which listens on loopback too), the localhost names with that port; and
    the `extra` names asked for (with or without a port).
    """
    names = [] if host in WILDCARD_ADDRESSES else [host]
    if host in LOOPBACK_NAMES or host in WILDCARD_ADDRESSES:
        names += [name for name in LOOPBACK_NAMES if name not in names]
    return tuple(dict.fromkeys([host_header(name, port) for name in names] + list(extra)))


def host_header(name: str, port: int | None = None) -> str:
    """`name` (and `port`) as a Host header writes them: an IPv6 address in brackets."""
    name = f"[{name}]" if ":" in name and not name.startswith("[") else name
    return f"{name}:{port}" if port is not None else name


def split_host(value: str, default_port: int | None) -> tuple[str, int | None] | None:
    """A Host header (or an allowed-hosts entry) as (lower-case name, port); None when it is malformed."""
    value = value.strip().lower()
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket:
            return None
    elif value.count(":") > 1:  # a bare IPv6 address, no port
        name, rest = value, ""
    else:
        name, colon, port_text = value.partition(":")
        rest = colon + port_text
    if not name:
        return None
    if not rest:
        return name, default_port
    port_text = rest[1:]
    if not (rest.startswith(":") and port_text.isascii() and port_text.isdigit() and len(port_text) <= 5):
        return None
    return name, int(port_text)


class HostCheck:
    """ASGI middleware: answer only requests whose Host is one of `allowed` (DNS rebinding protection).

    A page on evil.example whose name is rebound to 127.0.0.1 reaches this
    server's address, but its requests say `Host: evil.example`. An entry
    without a port allows that name on any port.
    """

    def __init__(self, app, allowed: tuple[str, ...] | list[str]):
        self.app = app
        self.allowed = list(allowed)
        self._allowed = {parsed for parsed in (split_host(entry, None) for entry in allowed) if parsed}

    def allows(self, value: str, scheme: str) -> bool:
        parsed = split_host(value, DEFAULT_PORTS.get(scheme, 80))
        return parsed is not None and (parsed in self._allowed or (parsed[0], None) in self._allowed)

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        host = _header(scope, b"host") or ""
        if self.allows(host, scope.get("scheme", "http")):
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            return await send({"type": "websocket.close", "code": 1008})
        shown = host if len(host) <= 100 else host[:100] + "…"
        await refuse(send, 400, f"bad Host header {shown!r}: this server answers only to {', '.join(self.allowed)}")


class CrossSiteGuard:
    """ASGI middleware: refuse a state-changing request (any method but GET, HEAD, OPTIONS) from another site.

    Browsers say where a request comes from: `Origin` (sent with every
    cross-origin POST, forms and no-cors fetches included) and
    `Sec-Fetch-Site`. A request with an Origin other than this server's, or a
    Sec-Fetch-Site other than same-origin or none (typed by the user), is
    refused with 403. A client that sends neither (curl, a script) passes
    here; forms also need the form token (see `check_form_token`).
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            return await self.app(scope, receive, send)
        reason = cross_site_reason(scope)
        if reason:
            return await refuse(send, 403, f"cross-site request refused: {reason}")
        await self.app(scope, receive, send)


def cross_site_reason(scope) -> str | None:
    fetch_site = (_header(scope, b"sec-fetch-site") or "").strip().lower() or None
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return f"it comes from another site (Sec-Fetch-Site: {fetch_site[:40]})"
    origin = _header(scope, b"origin")
    if origin is None or same_origin(origin, scope.get("scheme", "http"), _header(scope, b"host") or ""):
        return None
    if origin.strip() == "null" and fetch_site == "same-origin":
        return None  # our own page, its origin hidden by a browser's privacy setting (Sec-Fetch-Site cannot be forged)
    return f"Origin {origin[:100]!r} is not this server"


def same_origin(origin: str, scheme: str, host: str) -> bool:
    """Whether `origin` (an Origin header) is this server, as the request's scheme and Host name it."""
    try:
        parts = urlsplit(origin.strip())
        port = parts.port
    except ValueError:
        return False
    if parts.scheme.lower() != scheme or not parts.hostname or parts.path or parts.query or parts.username:
        return False
    ours = split_host(host, DEFAULT_PORTS.get(scheme))
    theirs = split_host(host_header(parts.hostname, port), DEFAULT_PORTS.get(scheme))
    return ours is not None and ours == theirs


def form_token(secret: bytes) -> str:
    """The token the app's forms carry: made from the server's secret, so only a page read from this server has it."""
    return hmac.new(secret, b"newsweave form", hashlib.sha256).hexdigest()


def check_form_token(sent: object, expected: str) -> bool:
    return isinstance(sent, str) and hmac.compare_digest(sent.encode("utf-8", "replace"), expected.encode())


def with_security_headers(response):
    """`response` with the security headers set (for answers made outside the middleware: the 500 handler)."""
    for name, value in SECURITY_HEADERS:
        response.headers[name.decode()] = value.decode()
    return response


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


async def refuse(send, status: int, message: str) -> None:
    """Answer with `status` and a one-line JSON reason, the security headers included."""
    body = json.dumps({"detail": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": body})
