"""Only this computer may talk to the app: one Host and Origin check in front of every request.

DNS rebinding lets a hostile web page reach a server on 127.0.0.1 under the page's own
name (``rebind.test`` resolving to 127.0.0.1), and then read it as same-origin. The
browser still sends that name in the ``Host`` header, so a server that answers only to
loopback names, plus the names a clinic lists, cannot be driven that way.

Streamlit 1.67 offers ``server.allowedHosts``, but checks it on the websocket only: pages,
media (downloads), uploads and component files are served to any Host. Its websocket
origin check also ignores the port (a page on ``localhost:3000`` may open the session) and,
for an unknown origin, asks the network for this machine's addresses (a UDP probe to
8.8.8.8 and a DNS lookup). This ASGI middleware, installed by ``serve.py`` through
``st.App(middleware=...)`` (Streamlit's supported hook), closes all three: every HTTP
request and websocket with a Host outside the list gets 403, and so does a websocket or
request whose Origin is another site, before Streamlit sees it.

The list is Streamlit's own ``server.allowedHosts`` (``.streamlit/config.toml``,
``--server.allowedHosts`` or ``STREAMLIT_SERVER_ALLOWED_HOSTS``), so one setting governs
both checks. Loopback names are always allowed; a bare ``*`` is ignored, because it would
switch the protection off.
"""

from __future__ import annotations

import ipaddress
import logging
import re
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_HOST = re.compile(r"^(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9._-]+))(?::(?P<port>[0-9]{1,5}))?$")
_DEFAULT_PORTS = {"http": 80, "https": 443}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[
    [Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]
]


def parse_host(host: str | None) -> tuple[str, int | None] | None:
    """(name, port) from a Host header value, or None when it is missing or malformed."""
    if not host:
        return None
    match = _HOST.match(host.strip())
    if match is None:
        return None
    port = int(match["port"]) if match["port"] else None
    if port is not None and not 0 < port < 65536:
        return None
    if match["v6"]:
        try:
            return ipaddress.IPv6Address(match["v6"]).compressed, port
        except ValueError:
            return None
    name = match["name"].lower().rstrip(".")
    return (name, port) if name else None


def allowed_names(configured: Iterable[str] = ()) -> frozenset[str]:
    """Loopback names and the configured ones, normalised; a bare '*' is refused."""
    names = set(LOOPBACK_NAMES)
    for raw in configured:
        name = raw.strip().lower().rstrip(".").removeprefix("[").removesuffix("]")
        if name == "*":
            log.warning("server.allowedHosts '*' ignored: it would let any web site reach the app")
        elif name:
            names.add(name)
    return frozenset(names)


def name_allowed(name: str, names: frozenset[str]) -> bool:
    if name in names:
        return True
    return any(pattern.startswith("*.") and name.endswith(pattern[1:]) for pattern in names)


def host_allowed(host: str | None, names: frozenset[str] = LOOPBACK_NAMES) -> bool:
    parsed = parse_host(host)
    return parsed is not None and name_allowed(parsed[0], names)


def same_origin(origin: str, host: str | None) -> bool:
    """True when a browser Origin names exactly the site the request was sent to."""
    parsed_host = parse_host(host)
    try:
        url = urlsplit(origin)
        origin_port = url.port
    except ValueError:
        return False
    parsed_origin = parse_host(url.netloc)  # a netloc with user info does not parse: refused
    if parsed_host is None or parsed_origin is None or url.scheme not in _DEFAULT_PORTS:
        return False
    default = _DEFAULT_PORTS[url.scheme]
    return (parsed_origin[0], origin_port or default) == (parsed_host[0], parsed_host[1] or default)


def request_allowed(
    scope_type: str, host: str | None, origin: str | None, names: frozenset[str] = LOOPBACK_NAMES
) -> bool:
    """The whole rule for one request.

    Host must be an allowed name. A websocket (the session) must come from this very site or
    from no browser at all (no Origin). An HTTP request that carries another site's Origin
    is refused too; "null" (sandboxed frames, such as component iframes) is let through for
    HTTP only, where the browser's CORS rules already keep the answer from being read.
    """
    if not host_allowed(host, names):
        return False
    if origin is None:
        return True
    if scope_type == "http" and origin == "null":
        return True
    return same_origin(origin, host)


def _header(scope: Scope, name: bytes) -> str | None:
    """One header's value; None when absent, "" (never allowed) when sent twice to confuse."""
    values = [v for k, v in scope.get("headers", ()) if k.lower() == name]
    if len(values) > 1:
        return ""
    return values[0].decode("latin-1") if values else None


class LocalGuard:
    """ASGI middleware: 403 for any HTTP request or websocket that fails `request_allowed`."""

    def __init__(self, app: ASGIApp, names: Iterable[str] | None = None) -> None:
        self.app = app
        self._names = frozenset(allowed_names(names)) if names is not None else None

    def names(self) -> frozenset[str]:
        if self._names is not None:
            return self._names
        from streamlit import config  # read per request: the config file can be reloaded

        return allowed_names(config.get_option("server.allowedHosts") or ())

    async def __call__(
        self,
        scope: Scope,
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        kind = scope["type"]
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        origin = _header(scope, b"origin")
        host = _header(scope, b"host")
        if request_allowed(kind, host, origin, self.names()):
            await self.app(scope, receive, send)
            return
        log.warning("refused a %s request for a host or origin that is not this computer", kind)
        if kind == "websocket":
            await send({"type": "websocket.close", "code": 1008})  # before accept: HTTP 403
            return
        body = b"Forbidden: this workbook answers only to this computer.\n"
        await send(
            {
                "type": "http.response.start",
                "status": 403,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def no_address_lookups() -> None:
    """Pre-answer Streamlit's "what is my address?" caches, so nothing ever asks the network.

    `streamlit.net_util` finds the internal address with a UDP connect to 8.8.8.8 and the
    external one from checkip.amazonaws.com (DNS, then HTTP). Configuration already keeps
    both out of the start-up banner (`browser.serverAddress`) and `LocalGuard` refuses the
    foreign origins that would reach them from the websocket check; this is the backstop.
    """
    from streamlit import net_util

    net_util._internal_ip = "127.0.0.1"
    net_util._external_ip = "127.0.0.1"
