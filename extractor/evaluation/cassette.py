"""Recorded model calls for the eval: replay a model's answers offline, or record them anew.

Same mechanism and settings as the tests' cassettes (vcrpy; matched on method, path and body,
never on host or port; account headers dropped before anything is written). One cassette file
per engine/model holds every call of a run.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import XxgkError
from ..redact import scrub, scrub_bytes, scrub_url

#: headers that identify an account or a session: never written to a cassette
DROP_HEADERS = ("authorization", "set-cookie", "cookie", "openai-organization", "openai-project",
                "api-key", "x-api-key")
#: new_episodes: replay what is on tape, record what is not; once: replay when the cassette exists,
#: record when it does not (a request not on tape is an error); all: record anew; none: replay only
MODES = ("new_episodes", "once", "all", "none")


def cassette_name(engine: str, model: str | None) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", f"eval-{engine}-{model or 'default'}") + ".yaml"


@contextmanager
def recorded(folder: str | Path, name: str, *, mode: str = "once") -> Iterator[Path]:
    """Run the block with HTTP replayed from (or recorded to) `folder/name`."""
    if mode not in MODES:
        raise XxgkError(f"cassette mode must be one of {', '.join(MODES)}, not {mode!r}")
    try:
        import vcr
    except ModuleNotFoundError as exc:  # vcrpy is a test extra, needed only for recorded evals
        raise XxgkError("--cassette needs vcrpy: pip install 'xxgk-extractor[test]' (or pip install vcrpy)") from exc
    path = Path(folder) / name
    if mode == "none" and not path.is_file():
        raise XxgkError(f"{path}: no such cassette to replay (record one with --record)")
    recorder = vcr.VCR(cassette_library_dir=str(folder), record_mode=mode, **vcr_settings())
    with recorder.use_cassette(name):
        yield path


def vcr_settings() -> dict:
    """The one VCR configuration, shared by the eval and the tests' `vcr_config` fixture: match
    on method, path and body (not host or port, so a cassette replays on any port), decode
    compressed bodies, drop every account or session header before anything is written."""
    return {
        "match_on": ["method", "path", "body"],
        "decode_compressed_response": True,
        "filter_headers": list(DROP_HEADERS),
        "before_record_request": _scrub_request,
        "before_record_response": _scrub_response,
    }


def _scrub_request(request):
    """Account headers dropped; the URI without a userinfo password, key parameters or keys
    (vcrpy applies this before matching too, so a scrubbed cassette still replays)."""
    for name in list(request.headers):
        if name.lower() in DROP_HEADERS or name.lower().startswith("x-stainless"):
            del request.headers[name]
        else:
            value = request.headers[name]
            request.headers[name] = [scrub(str(v)) for v in value] if isinstance(value, list) else scrub(str(value))
    request.uri = scrub_url(request.uri)
    return request


def _scrub_response(response):
    """Account headers dropped; keys a server quoted back (a 401 echoing the key) masked in the
    other headers and in the body."""
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in DROP_HEADERS or name.lower().startswith("x-stainless"):
            del headers[name]
        else:
            value = headers[name]
            headers[name] = [scrub(str(v)) for v in value] if isinstance(value, list) else scrub(str(value))
    body = response.get("body") or {}
    data = body.get("string")
    if isinstance(data, bytes):
        body["string"] = scrub_bytes(data)
    elif isinstance(data, str):
        body["string"] = scrub(data)
    return response
