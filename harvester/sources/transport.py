"""An httpx transport over httpcore's public connection pool, opening connections with the
network backend we give it (``PublicOnlyBackend``: public addresses only).

httpx's own transport takes no network backend; httpcore's ``AsyncConnectionPool`` does. This
is the little of httpx's transport a harvest needs: HTTP/1.1, certificate checks on, httpcore's
errors turned into httpx's (so the fetcher's outcomes stay the same).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import contextmanager

import httpcore
import httpx

# httpcore's errors and httpx's of the same meaning (as httpx's own transport maps them).
_ERRORS: dict[type[Exception], type[httpx.HTTPError]] = {
    httpcore.ConnectTimeout: httpx.ConnectTimeout,
    httpcore.ReadTimeout: httpx.ReadTimeout,
    httpcore.WriteTimeout: httpx.WriteTimeout,
    httpcore.PoolTimeout: httpx.PoolTimeout,
    httpcore.TimeoutException: httpx.TimeoutException,
    httpcore.ConnectError: httpx.ConnectError,
    httpcore.ReadError: httpx.ReadError,
    httpcore.WriteError: httpx.WriteError,
    httpcore.NetworkError: httpx.NetworkError,
    httpcore.ProxyError: httpx.ProxyError,
    httpcore.UnsupportedProtocol: httpx.UnsupportedProtocol,
    httpcore.LocalProtocolError: httpx.LocalProtocolError,
    httpcore.RemoteProtocolError: httpx.RemoteProtocolError,
    httpcore.ProtocolError: httpx.ProtocolError,
}


@contextmanager
def _httpx_errors():
    try:
        yield
    except httpcore.TimeoutException as exc:  # most specific class first, as in the MRO
        raise _mapped(exc) from exc
    except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.ProxyError,
            httpcore.UnsupportedProtocol) as exc:
        raise _mapped(exc) from exc


def _mapped(exc: Exception) -> httpx.HTTPError:
    for cls in type(exc).__mro__:
        if cls in _ERRORS:
            return _ERRORS[cls](str(exc))
    return httpx.TransportError(str(exc))


class _Body(httpx.AsyncByteStream):
    def __init__(self, stream):
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _httpx_errors():
            async for chunk in self._stream:
                yield chunk

    async def aclose(self) -> None:
        if hasattr(self._stream, "aclose"):
            await self._stream.aclose()


class BackendTransport(httpx.AsyncBaseTransport):
    """An httpx transport whose connections ``network_backend`` opens."""

    def __init__(self, network_backend: httpcore.AsyncNetworkBackend, limits: httpx.Limits):
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(), max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry, network_backend=network_backend)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port,
                             target=url.raw_path),
            headers=request.headers.raw, content=request.stream,
            extensions=request.extensions)
        with _httpx_errors():
            response = await self._pool.handle_async_request(core)
        return httpx.Response(status_code=response.status, headers=response.headers,
                              stream=_Body(response.stream), extensions=response.extensions)

    async def aclose(self) -> None:
        await self._pool.aclose()
