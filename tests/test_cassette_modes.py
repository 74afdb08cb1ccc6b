"""`xxgk eval --cassette DIR` replays what is on tape and records only what is not: after a reader
change alters one report's question, re-running the eval records that one call and keeps the rest.
"""

from __future__ import annotations

import httpx
import pytest

from _llm_fake import local_server
from extractor.errors import XxgkError
from extractor.evaluation.cassette import recorded

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1", "localhost"])


def counting_server(hits: list[str]):
    """Answers every POST with the body it was sent, and notes each one."""
    return local_server(lambda sent: {"echo": sent}, hits)


def _ask(url: str, question: str) -> str:
    return httpx.post(f"{url}/chat", content=question).json()["echo"]


def test_the_default_mode_replays_the_recorded_and_records_the_missing(tmp_path):
    hits: list[str] = []
    with counting_server(hits) as url:
        with recorded(tmp_path, "t.yaml", mode="new_episodes"):
            assert _ask(url, "question A") == "question A"
        with recorded(tmp_path, "t.yaml", mode="new_episodes"):
            assert _ask(url, "question A") == "question A"  # from tape
            assert _ask(url, "question B") == "question B"  # new: recorded
    assert hits == ["question A", "question B"]
    with recorded(tmp_path, "t.yaml", mode="none"):  # both replay with no server at all
        assert _ask(url, "question B") == "question B"
        assert _ask(url, "question A") == "question A"


@pytest.mark.replay_miss_expected
def test_a_replay_only_run_refuses_a_question_not_on_tape(tmp_path):
    hits: list[str] = []
    with counting_server(hits) as url:
        with recorded(tmp_path, "t.yaml", mode="new_episodes"):
            _ask(url, "question A")
        with recorded(tmp_path, "t.yaml", mode="none"):
            with pytest.raises(Exception, match="question B|[Cc]an ?not overwrite|CannotOverwrite"):
                _ask(url, "question B")
    assert hits == ["question A"]
    with pytest.raises(XxgkError, match="new_episodes"):
        with recorded(tmp_path, "t.yaml", mode="sometimes"):
            pass
