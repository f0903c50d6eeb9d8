"""Fetching URLs politely: a timeout, a user agent, a pause between requests to one host, a size limit."""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsweave.errors import InputError
from newsweave.load.decode import check_size

USER_AGENT = "newsweave/0.1 (news corpus builder; python-urllib)"


@dataclass
class Response:
    url: str  # after redirects
    body: bytes
    content_type: str


class Fetcher:
    """Fetch URLs one at a time, waiting `delay` seconds between two requests to the same host."""

    def __init__(
        self,
        timeout: float = 20.0,
        delay: float = 1.0,
        max_bytes: int = 10 * 1024 * 1024,
        user_agent: str = USER_AGENT,
        robots: bool = True,
    ):
        self.timeout = timeout
        self.delay = delay
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self.robots = robots
        self._last_request: dict[str, float] = {}
        self._rules: dict[str, object] = {}
        self._lock = threading.Lock()

    def fetch(self, url: str) -> Response:
        """The body of `url`, or InputError with the reason (HTTP status, timeout, too large, unreachable, robots.txt)."""
        if urlsplit(url).scheme not in {"http", "https"}:
            raise InputError("only http and https URLs can be fetched")
        if self.robots and not self.allowed(url):
            raise InputError("the site's robots.txt disallows fetching it")
        return self._get(url)

    def allowed(self, url: str) -> bool:
        """What the host's robots.txt says for our user agent; a missing or unreadable robots.txt allows all."""
        from urllib.robotparser import RobotFileParser

        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._rules:
            rules = RobotFileParser()
            try:
                rules.parse(self._get(f"{host}/robots.txt").body.decode("utf-8", "replace").splitlines())
            except InputError:
                rules.parse([])
            self._rules[host] = rules
        return self._rules[host].can_fetch(self.user_agent, url)

    def _get(self, url: str) -> Response:
        self._wait_for_host(urlsplit(url).netloc)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "*/*"})
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                declared = reply.headers.get("Content-Length")
                if declared and declared.isdigit():
                    check_size(int(declared), self.max_bytes)
                body = self._read(reply, started)
                return Response(reply.geturl(), body, reply.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as exc:
            raise InputError(f"HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (socket.timeout, TimeoutError)):
                raise InputError(f"timed out after {self.timeout:g} s") from None
            raise InputError(f"cannot reach it ({exc.reason})") from None
        except (socket.timeout, TimeoutError):
            raise InputError(f"timed out after {self.timeout:g} s") from None
        except (ConnectionError, OSError) as exc:
            raise InputError(f"connection failed ({exc})") from None
        finally:
            with self._lock:
                self._last_request[urlsplit(url).netloc] = time.monotonic()

    def _read(self, reply, started: float) -> bytes:
        """Read in chunks, so a huge body or a server that trickles bytes forever is cut off."""
        chunks, size = [], 0
        while chunk := reply.read(64 * 1024):
            size += len(chunk)
            check_size(size, self.max_bytes)
            if time.monotonic() - started > self.timeout:
                raise TimeoutError
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_for_host(self, host: str) -> None:
        with self._lock:
            last = self._last_request.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
