"""Secrets out of anything we keep: error messages, cassettes, logs.

A server's reply may quote the key (many providers echo it in a 401), and a base URL may carry a
password (`http://user:pass@host`) or a key (`?api_key=…`). `scrub` replaces the API keys this
process was given (`remember`, plus `XXGK_API_KEY` / `OPENAI_API_KEY`) and anything shaped like a
key (`sk-…`, `Bearer …`, a URL's password or key parameter) by `***`.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

#: environment variables that hold an API key: their values are scrubbed wherever they appear
KEY_VARIABLES = ("XXGK_API_KEY", "OPENAI_API_KEY")
#: what replaces a secret
MASK = "***"
#: shorter "keys" are not scrubbed by value (a 3-letter key would blank every word holding it)
_MIN_SECRET = 6

_known: set[str] = set()

_PATTERNS = (
    # OpenAI-style keys (also DeepSeek, DashScope): sk-…, sk-proj-…
    (re.compile(r"\bsk-[A-Za-z0-9_\-*]{4,}"), "sk-" + MASK),
    # an Authorization value quoted back: a bearer token, or basic credentials (base64 of
    # user:password, told from a capitalised English word by a digit, "+", "/" or "=" in it)
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=\-]{8,}"), r"\1 " + MASK),
    (re.compile(r"\b(Basic)\s+(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{8,}={0,2}"), r"\1 " + MASK),
    # the password of a URL's userinfo: scheme://user:password@host
    (re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://[^/\s:@]*):[^/\s@]*@"), r"\1:" + MASK + "@"),
    # key-like URL query parameters: ?api_key=…, &token=…
    (re.compile(r"(?i)([?&](?:api[-_]?key|key|access[-_]?token|token|auth|password|secret)=)[^&#\s\"']+"),
     r"\1" + MASK),
    # key-like fields quoted back in a message: "api_key": "…", password=…
    (re.compile(r"(?i)\b((?:api[-_]?key|access[-_]?token|password|secret)[\"']?\s*[=:]\s*[\"']?)"
                r"[^\s\"'&,;}]{6,}"), r"\1" + MASK),
)


def remember(secret: str | None) -> None:
    """Scrub this value from now on (an API key given in code rather than the environment)."""
    if secret and len(secret) >= _MIN_SECRET:
        _known.add(secret)


def secrets() -> set[str]:
    """The key values to scrub: those remembered and those in the key variables right now."""
    found = set(_known)
    for name in KEY_VARIABLES:
        value = os.environ.get(name, "")
        if len(value) >= _MIN_SECRET:
            found.add(value)
    return found


def scrub(text: str, extra: str | None = None) -> str:
    """`text` with every known key, `extra` and anything key-shaped replaced by `MASK`."""
    values = secrets()
    if extra and len(extra) >= _MIN_SECRET:
        values.add(extra)
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, MASK)
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return text


def scrub_bytes(data: bytes) -> bytes:
    """`scrub` on bytes (a response body): decoded as UTF-8 with undecodable bytes kept as they are."""
    text = data.decode("utf-8", "surrogateescape")
    cleaned = scrub(text)
    return data if cleaned == text else cleaned.encode("utf-8", "surrogateescape")


def scrub_url(url: str) -> str:
    """A URL without its userinfo password and with key-like values masked."""
    parts = urlsplit(url)
    if parts.password:
        host = parts.netloc.rsplit("@", 1)[1]
        user = parts.username or ""
        url = url.replace(parts.netloc, f"{user}:{MASK}@{host}", 1)
    return scrub(url)
