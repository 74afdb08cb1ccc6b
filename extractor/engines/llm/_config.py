"""The LLM engine's settings: CLI flag (keyword option) > environment variable > default.

Every setting has one environment variable (`XXGK_…`); the OpenAI names `OPENAI_API_KEY` and
`OPENAI_BASE_URL` are accepted as fallbacks so that an existing OpenAI setup works unchanged.
The API key is kept out of `public()` so it never reaches a result line, a log or a cassette.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from ...errors import EngineNotConfigured

MODES = ("json_schema", "tools", "json")
#: without `deadline`, one model call (its retries and waits included) may take this many timeouts
DEADLINE_TIMEOUTS = 2

#: setting -> environment variables, first found wins
ENV: dict[str, tuple[str, ...]] = {
    "model": ("XXGK_MODEL",),
    "base_url": ("XXGK_BASE_URL", "OPENAI_BASE_URL"),
    "api_key": ("XXGK_API_KEY", "OPENAI_API_KEY"),
    "mode": ("XXGK_MODE",),
    "temperature": ("XXGK_TEMPERATURE",),
    "max_tokens": ("XXGK_MAX_TOKENS",),
    "timeout": ("XXGK_TIMEOUT",),
    "deadline": ("XXGK_DEADLINE",),
    "max_retry_after": ("XXGK_MAX_RETRY_AFTER",),
    "repair": ("XXGK_REPAIR",),
    "segment": ("XXGK_SEGMENT",),
    "reasks": ("XXGK_REASKS",),
    "transport_attempts": ("XXGK_TRANSPORT_ATTEMPTS",),
    "budget_tokens": ("XXGK_BUDGET_TOKENS",),
    "budget_calls": ("XXGK_BUDGET_CALLS",),
    "price_table": ("XXGK_PRICE_TABLE",),
}


@dataclass(frozen=True)
class LLMSettings:
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    mode: str = "json_schema"
    temperature: float = 0.0
    max_tokens: int = 2048
    #: wall-clock seconds one HTTP call may take, from connecting to the reply's last byte (a
    #: CPU-only local model needs minutes); a server dripping its reply cannot stretch it
    timeout: float = 300.0
    #: wall-clock seconds one model call may take with its transport retries and their waits;
    #: None: `DEADLINE_TIMEOUTS` times `timeout`
    deadline: float | None = None
    #: longest Retry-After we honour; a server asking more is given up on at once, not waited for
    max_retry_after: float = 60.0
    repair: bool = False  # measured on the eval set: see docs/llm.md
    segment: bool = True  # send the header and the table sections only
    reasks: int = 2  # validation re-asks (instructor), after the first answer
    transport_attempts: int = 4  # tenacity: attempts per request, for transport errors only
    backoff: float = 1.0  # first exponential backoff step, seconds
    max_wait: float = 60.0  # longest single backoff wait
    budget_tokens: int | None = None  # per document, prompt + completion
    budget_calls: int | None = 12  # per document, every HTTP call counted
    price_table: str | None = None  # JSON file {model: {"input": $, "output": $}} per 1M tokens
    prompt_version: str = "v1"

    @property
    def overall_deadline(self) -> float:
        """Seconds one model call may take, retries and waits included (`deadline` or its default)."""
        return self.deadline if self.deadline is not None else DEADLINE_TIMEOUTS * self.timeout

    @property
    def configured(self) -> bool:
        return bool(self.model and self.base_url)

    def require(self) -> "LLMSettings":
        """Raise `EngineNotConfigured` naming what is missing and how to set it."""
        missing = [f"--{n.replace('_', '-')} (env {ENV[n][0]})" for n in ("model", "base_url")
                   if not getattr(self, n)]
        if missing:
            raise EngineNotConfigured(
                "the llm engine needs a model and an OpenAI-compatible base URL; missing "
                + " and ".join(missing)
                + ", e.g. --base-url http://127.0.0.1:8080/v1 --model qwen2.5-1.5b"
            )
        return self

    def public(self) -> dict[str, Any]:
        """What identifies the readings (recorded with every result): never the key."""
        out = asdict(self)
        out.pop("api_key")
        out.pop("price_table")
        return out

    def prices(self) -> tuple[float, float] | None:
        """(input, output) price per 1M tokens for this model, from the price table if any."""
        if not self.price_table:
            return None
        path = Path(self.price_table)
        try:
            table = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise EngineNotConfigured(f"{path}: cannot read the price table ({exc})") from exc
        entry = table.get(self.model or "")
        if entry is None:
            return None
        return float(entry["input"]), float(entry["output"])


def _parse(name: str, raw: Any, typ: Any) -> Any:
    if not isinstance(raw, str):  # a typed keyword option (from the CLI) is taken as given
        return raw
    text = str(raw).strip()
    if text == "" or text.lower() == "none":
        return None
    if "bool" in str(typ):
        if text.lower() in ("1", "true", "yes", "on"):
            return True
        if text.lower() in ("0", "false", "no", "off"):
            return False
        raise EngineNotConfigured(f"{name}: expected true/false, got {raw!r}")
    try:
        if "int" in str(typ):
            return int(text)
        if "float" in str(typ):
            return float(text)
    except ValueError as exc:
        raise EngineNotConfigured(f"{name}: expected a number, got {raw!r}") from exc
    return text


def resolve(options: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> LLMSettings:
    """Settings from keyword options (CLI flags) over environment variables over defaults."""
    options = {k: v for k, v in (options or {}).items() if v is not None}
    env = os.environ if env is None else env
    known = {f.name: f for f in fields(LLMSettings)}
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise EngineNotConfigured(f"llm engine: unknown option(s) {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for name, f in known.items():
        if name in options:
            values[name] = _parse(name, options[name], f.type)
            continue
        for var in ENV.get(name, ()):
            if env.get(var):
                values[name] = _parse(var, env[var], f.type)
                break
    settings = LLMSettings(**values)
    if settings.mode not in MODES:
        raise EngineNotConfigured(f"--mode {settings.mode!r}: choose one of {', '.join(MODES)}")
    return settings
