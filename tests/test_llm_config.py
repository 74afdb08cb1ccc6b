"""LLM engine settings: flag > environment > default, clear errors, the key never shown."""

from __future__ import annotations

import pytest

from extractor.engines import get_engine
from extractor.engines.llm import LLMEngine, resolve
from extractor.errors import EngineNotConfigured


def test_flag_beats_env_beats_default():
    env = {"XXGK_MODEL": "env-model", "XXGK_BASE_URL": "http://env/v1", "XXGK_MODE": "tools",
           "XXGK_TEMPERATURE": "0.5"}
    s = resolve({"model": "flag-model"}, env)
    assert s.model == "flag-model"  # flag
    assert s.base_url == "http://env/v1" and s.mode == "tools" and s.temperature == 0.5  # env
    assert s.max_tokens == 2048 and s.segment is True  # defaults


def test_openai_variables_are_fallbacks_only():
    env = {"OPENAI_API_KEY": "sk-openai", "OPENAI_BASE_URL": "http://openai/v1", "XXGK_API_KEY": "sk-ours"}
    s = resolve({}, env)
    assert s.api_key == "sk-ours" and s.base_url == "http://openai/v1"


def test_missing_model_or_url_is_a_clear_error(monkeypatch):
    for var in ("XXGK_MODEL", "XXGK_BASE_URL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    with pytest.raises(EngineNotConfigured, match=r"--model \(env XXGK_MODEL\).*--base-url \(env XXGK_BASE_URL\)"):
        LLMEngine()
    with pytest.raises(EngineNotConfigured, match="--base-url"):
        get_engine("llm", model="m")


@pytest.mark.parametrize("opts, message", [
    ({"mode": "grammar"}, "choose one of json_schema, tools, json"),
    ({"modle": "x"}, "unknown option"),
])
def test_bad_options_are_named(opts, message):
    with pytest.raises(EngineNotConfigured, match=message):
        resolve(opts, {})


def test_bad_env_values_are_named():
    with pytest.raises(EngineNotConfigured, match="XXGK_MAX_TOKENS"):
        resolve({}, {"XXGK_MAX_TOKENS": "lots"})
    assert resolve({}, {"XXGK_REPAIR": "yes"}).repair is True


def test_the_key_never_reaches_settings():
    eng = LLMEngine(model="m", base_url="http://127.0.0.1:1/v1", api_key="sk-secret-123")
    assert "sk-secret" not in repr(eng.config) and "sk-secret" not in str(eng.settings())
    assert "api_key" not in eng.config.public()


def test_auto_without_model_makes_no_llm(monkeypatch):
    for var in ("XXGK_MODEL", "XXGK_BASE_URL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    eng = get_engine("auto")
    assert eng.llm is None and eng.settings()["llm"] is None
