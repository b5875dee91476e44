"""An RFC 3161 time-stamp client over the standard library's HTTP (no aiohttp, no requests): used
only when a person names a time-stamp server (``--tsa URL``), the one time the app goes online."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request

from asn1crypto import tsp
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

#: How long a time-stamp server may take to answer, and the largest answer read.
TIMEOUT = 20
MAX_REPLY = 1024 * 1024


class UrlTimeStamper(TimeStamper):
    def __init__(self, url: str, timeout: float = TIMEOUT) -> None:
        super().__init__()
        self.url = url
        self.timeout = timeout

    def _post(self, body: bytes) -> bytes:
        request = urllib.request.Request(self.url, data=body, method="POST",
                                         headers={"Content-Type": "application/timestamp-query"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                if reply.headers.get("Content-Type", "").split(";")[0].strip() != "application/timestamp-reply":
                    raise TimestampRequestError("the server's answer is not a time-stamp")
                data = reply.read(MAX_REPLY + 1)
        except (OSError, ValueError, urllib.error.URLError) as exc:
            raise TimestampRequestError(str(exc)) from exc
        if len(data) > MAX_REPLY:
            raise TimestampRequestError("the server's answer is too large")
        return data

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        data = await asyncio.to_thread(self._post, req.dump())
        try:
            return tsp.TimeStampResp.load(data)
        except ValueError as exc:
            raise TimestampRequestError("the server's answer is not a time-stamp") from exc
