"""File names, errors and model replies are data: every command shows them as they are, and a
square bracket in one (`[/x]`, `[/INST]`, `[red]`) neither crashes a batch nor renames a file."""

from __future__ import annotations

import json
import logging
import shutil
import zipfile

import pytest
from typer.testing import CliRunner

from conftest import seed_cases
from extractor.cli import app
from extractor.engines.base import Reading
from extractor.errors import LLMError
from gold_engine import GoldEngine

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def docx_naming_its_part(path, part: str) -> None:
    """A .docx whose package points its main part at `part` (which is not in the zip)."""
    ct = ("http://schemas.openxmlformats.org/package/2006/content-types",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", f'<?xml version="1.0"?><Types xmlns="{ct[0]}">'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   f'<Override PartName="/{part}" ContentType="{ct[1]}"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   f'package/2006/relationships"><Relationship Id="rId1" Type="{rel}" Target="{part}"/></Relationships>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                   'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>')


class RepliesInst(GoldEngine):
    """The gold engine, except that the model's reply `[/INST]` is unusable for one report."""

    def read(self, doc) -> Reading:
        if doc.name.startswith("b["):
            raise LLMError("the model replied '[/INST] [bold]' instead of JSON", kind="schema")
        return super().read(doc)


@pytest.fixture
def batch(tmp_path, monkeypatch):
    """A bracketed .docx, a file named with markup, then the seeds (read by the gold engine)."""
    import extractor.cli.extract as cli_extract

    monkeypatch.setattr(cli_extract, "get_engine", lambda name, **kw: RepliesInst())
    folder = tmp_path / "in"
    folder.mkdir()
    docx_naming_its_part(folder / "a.docx", "word/[/x]document.xml")
    seed, _ = seed_cases()[1]
    (folder / "b[red]x.txt").write_bytes(seed.read_bytes() + b"\n")  # not a copy: it is read
    for report, _ in seed_cases():
        shutil.copy(report, folder / report.name)
        gold = report.with_name(report.name.rsplit(".", 1)[0] + ".gold.json")
        shutil.copy(gold, folder / gold.name)
    return folder


def test_brackets_in_errors_and_names_do_not_stop_the_batch(batch, tmp_path):
    (tmp_path / "[").mkdir()  # the store file's own name holds a closing tag: `[/x].sqlite`
    db = tmp_path / "[" / "x].sqlite"
    result = invoke("extract", str(batch), "--db", str(db))
    assert result.exit_code == 1  # two failed documents
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(lines) == 2 + 5  # every later document was read
    assert [x["status"] for x in lines].count("failed") == 2
    assert "word/[/x]document.xml" in result.stderr  # the reason, as it was
    assert f"failed {batch / 'b[red]x.txt'}" in " ".join(result.stderr.split())  # under its own name
    assert "[/INST] [bold]" in result.stderr
    assert f"store: sqlite:///{db}" in result.stderr.replace("\n", "")


def test_check_shows_record_names_as_they_are(tmp_path):
    seed, gold = seed_cases()[1]
    records = [{"doc": name, "template": gold["meta"]["template"], "year": gold["meta"]["year"],
                "organ": gold["meta"]["organ"], "fields": gold["fields"]} for name in ("[/x]", "b[red]x.txt")]
    records.append({"doc": "[/INST]", "status": "failed", "template": None, "fields": {}})
    path = tmp_path / "run.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    result = invoke("check", "--no-text", str(path))
    assert "[/x]: 0 violation(s)" in result.output
    assert "b[red]x.txt: 0 violation(s)" in result.output
    assert "[/INST]" in result.output


def test_review_export_and_eval_show_paths_as_they_are(tmp_path):
    (tmp_path / "[").mkdir()
    missing = tmp_path / "[" / "x].sqlite"
    result = invoke("review", "list", "--db", str(missing))
    assert result.exit_code == 2 and f"no store at {missing}" in result.output.replace("\n", "")
    result = invoke("export", "--db", str(missing), "--out", str(tmp_path / "o.csv"))
    assert result.exit_code == 2 and f"no store at {missing}" in result.output.replace("\n", "")
    to = tmp_path / "[" / "x]"
    report = seed_cases()[1][0]
    result = invoke("eval", "add", str(report), "--engine", "layout", "--to", str(to))
    assert result.exit_code == 0, result.output
    assert f"wrote {to}" in result.output.replace("\n", "")


def test_verbose_and_quiet_set_the_log_levels_once():
    """`--verbose` shows the libraries' own logs; by default instructor/httpx/openai stay quiet."""
    invoke("--quiet", "check", "--help")
    assert logging.getLogger().level == logging.ERROR
    for name in ("instructor", "httpx", "openai"):
        assert logging.getLogger(name).getEffectiveLevel() > logging.ERROR, name
    invoke("--verbose", "check", "--help")
    assert logging.getLogger().level == logging.DEBUG
    assert logging.getLogger("httpx").getEffectiveLevel() == logging.DEBUG
    invoke("check", "--help")
    assert logging.getLogger().level == logging.WARNING
    assert logging.getLogger("instructor").getEffectiveLevel() > logging.ERROR
    from extractor.cli._output import LOG_HANDLER

    assert logging.getLogger().handlers.count(LOG_HANDLER) == 1
