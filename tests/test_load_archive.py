"""Zip archives as users bring them (docs/inputs.md, "Zip archives"): each supported member is a
report of its own named `archive.zip/member`, GBK names come out right, and what cannot be read
(a broken archive, a member that climbs out, a bomb, an encrypted member, an archive too deep or
past a limit) is a `failed` line naming it while the batch goes on; a re-run reuses each member."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from extractor.batch import JsonlSink, run_batch
from extractor.engines.layout import LayoutEngine
from extractor.errors import InputError
from extractor.load import limits, load, walk
from extractor.load import content_sha256 as file_sha256
from extractor.pipeline import extract_path, extract_paths
from extractor.store import Store, as_url

from _formats import same_numbers
from _zip_files import expected, report_files, zip_bytes

ENGINE = LayoutEngine()
FOLDER = "某县2023年报"
STEM = "镕县人民政府2023年政府信息公开工作年度报告"


def _lines(buf: io.StringIO) -> list[dict]:
    return [json.loads(x) for x in buf.getvalue().splitlines()]


def _batch(inputs: list[str], store: Store | None = None) -> tuple[list[dict], object]:
    buf = io.StringIO()
    stats = run_batch(inputs, ENGINE, store, sink=JsonlSink(buf), progress=False)
    return _lines(buf), stats


@pytest.mark.parametrize("names", ["gbk", "utf8", "utf8-noflag"])
def test_members_are_reports_named_in_the_archive_gbk_names_decoded(tmp_path, names):
    files = report_files()
    archive = tmp_path / "reports.zip"
    archive.write_bytes(zip_bytes([
        (f"{FOLDER}/{STEM}.docx", files[".docx"]), (f"{FOLDER}/{STEM}.pdf", files[".pdf"]),
        (f"__MACOSX/{FOLDER}/._{STEM}.pdf", b"\x00\x05\x16\x07"), (f"{FOLDER}/Thumbs.db", b"\xd0\xcf" + bytes(30)),
    ], names=names))
    found = walk([str(tmp_path)])
    assert found.paths == [f"{archive}/{FOLDER}/{STEM}.docx", f"{archive}/{FOLDER}/{STEM}.pdf"]
    assert found.skipped == {"hidden": [f"{archive}/__MACOSX/{FOLDER}/._{STEM}.pdf"],
                             "not a supported type": [f"{archive}/{FOLDER}/Thumbs.db"]}
    results = list(extract_paths([str(tmp_path)], ENGINE))
    assert [r.doc for r in results] == [f"{STEM}.docx", f"{STEM}.pdf"]
    for r in results:
        assert r.status == "verified", r.error
        assert same_numbers(r.fields, expected()) == []


def test_a_member_read_by_load_keeps_its_name_and_its_own_hash(tmp_path):
    archive = tmp_path / "a.zip"
    archive.write_bytes(zip_bytes([("x/report.html", report_files()[".html"])]))
    doc = load(f"{archive}/x/report.html")
    assert doc.path == f"{archive}/x/report.html" and doc.name == "report.html" and doc.format == "html"
    import hashlib

    assert doc.sha256 == hashlib.sha256(report_files()[".html"]).hexdigest() == file_sha256(doc.path)


def test_the_archive_itself_is_no_report_and_says_how_it_is_read(tmp_path):
    archive = tmp_path / "a.zip"
    archive.write_bytes(zip_bytes([("report.html", report_files()[".html"])]))
    result = extract_path(str(archive), ENGINE)
    assert result.status == "failed" and "a zip archive of 1 files" in result.error and "a.zip/report.html" in result.error


def test_member_names_that_climb_out_fail_named_and_nothing_is_written_outside(tmp_path):
    """Zip slip: a member named ../../evil.html is never unpacked under its name (nor read)."""
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    html = report_files()[".html"]
    (work / "slip.zip").write_bytes(zip_bytes([("../../evil.html", html), ("/etc/evil2.html", html),
                                               ("ok/report.html", html)], names="utf8"))
    lines, stats = _batch([str(work)])
    by_path = {x["path"]: x for x in lines}
    assert by_path[f"{work}/slip.zip/ok/report.html"]["status"] == "verified"
    slip = by_path[f"{work}/slip.zip/‥/‥/evil.html"]
    assert slip["status"] == "failed" and "'../../evil.html'" in slip["error"] and "zip slip" in slip["error"]
    absolute = by_path[f"{work}/slip.zip/etc/evil2.html"]
    assert absolute["status"] == "failed" and "absolute path" in absolute["error"]
    assert not list(tmp_path.rglob("evil*")) and not os.path.exists("/etc/evil2.html")


def test_a_zip_bomb_member_fails_naming_it_and_the_rest_is_read(tmp_path):
    bomb = bytes(2 * limits.RATIO_FLOOR)  # zeros pack about 1000 times
    (tmp_path / "bomb.zip").write_bytes(zip_bytes([("zeros.txt", bomb), ("report.html", report_files()[".html"])]))
    lines, _ = _batch([str(tmp_path)])
    status = {Path(x["path"]).name: (x["status"], x.get("error") or "") for x in lines}
    assert status["report.html"][0] == "verified"
    assert status["zeros.txt"][0] == "failed" and "zip bomb" in status["zeros.txt"][1]
    assert f"{tmp_path}/bomb.zip/zeros.txt" in status["zeros.txt"][1]


def test_an_encrypted_member_fails_naming_it(tmp_path):
    html = report_files()[".html"]
    (tmp_path / "locked.zip").write_bytes(zip_bytes([("secret.html", html), ("open.html", html)], encrypted={"secret.html"}))
    lines, _ = _batch([str(tmp_path)])
    status = {Path(x["path"]).name: (x["status"], x.get("error") or "") for x in lines}
    assert status["open.html"][0] == "verified"
    assert status["secret.html"][0] == "failed" and "encrypted" in status["secret.html"][1]
    assert f"{tmp_path}/locked.zip/secret.html" in status["secret.html"][1]


def test_a_broken_archive_fails_naming_it_and_the_batch_goes_on(tmp_path):
    good = zip_bytes([("report.html", report_files()[".html"])])
    (tmp_path / "broken.zip").write_bytes(good[: len(good) // 2])  # cut: no central directory
    (tmp_path / "report.html").write_bytes(report_files()[".html"])
    lines, stats = _batch([str(tmp_path)])
    status = {x["path"]: (x["status"], x.get("error") or "") for x in lines}
    assert status[str(tmp_path / "report.html")][0] == "verified"
    assert status[str(tmp_path / "broken.zip")][0] == "failed"
    assert "broken.zip: not a readable zip archive" in status[str(tmp_path / "broken.zip")][1]


def test_archive_limits_fail_naming_the_archive(tmp_path, monkeypatch):
    html = report_files()[".html"]
    (tmp_path / "many.zip").write_bytes(zip_bytes([(f"r{i}.html", html) for i in range(4)]))
    monkeypatch.setattr(limits, "MAX_ARCHIVE_MEMBERS", 3)
    lines, _ = _batch([str(tmp_path)])
    assert [(x["status"], "lists 4 members, more than the 3" in x["error"]) for x in lines] == [("failed", True)]
    monkeypatch.setattr(limits, "MAX_ARCHIVE_MEMBERS", 10)
    monkeypatch.setattr(limits, "MAX_ARCHIVE_TOTAL", 3 * len(html))
    lines, _ = _batch([str(tmp_path)])
    assert len(lines) == 1 and lines[0]["path"] == str(tmp_path / "many.zip") and "unpacks to" in lines[0]["error"]


def test_an_archive_in_an_archive_is_read_one_level_deeper_not(tmp_path):
    html = report_files()[".html"]
    inner = zip_bytes([("内层/report.html", html)])
    deeper = zip_bytes([("third.zip", zip_bytes([("deep.html", html)]))])
    (tmp_path / "outer.zip").write_bytes(zip_bytes([("年度报告.zip", inner), ("二层.zip", deeper)]))
    lines, _ = _batch([str(tmp_path)])
    status = {x["path"]: (x["status"], x.get("error") or "") for x in lines}
    assert status[f"{tmp_path}/outer.zip/年度报告.zip/内层/report.html"][0] == "verified"
    third = status[f"{tmp_path}/outer.zip/二层.zip/third.zip"]
    assert third[0] == "failed" and "inside a zip archive inside a zip archive" in third[1]
    assert len(lines) == 2


def test_a_rerun_reuses_every_member_and_writes_no_duplicates(tmp_path):
    files = report_files()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.zip").write_bytes(zip_bytes([("x.html", files[".html"]), ("y.docx", files[".docx"])]))
    store = Store(as_url(str(tmp_path / "s.sqlite")))
    out = tmp_path / "out.jsonl"
    for _ in range(2):
        sink = JsonlSink.open(str(out))
        stats = run_batch([str(tmp_path / "in")], ENGINE, store, sink=sink, progress=False)
        sink.close()
    assert (stats.done, stats.skipped) == (2, 2)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(x["path"] for x in lines) == [f"{tmp_path}/in/a.zip/x.html", f"{tmp_path}/in/a.zip/y.docx"]
    assert {x["status"] for x in lines} == {"verified"}


def test_a_missing_member_is_a_clear_error(tmp_path):
    (tmp_path / "a.zip").write_bytes(zip_bytes([("x.html", report_files()[".html"])]))
    with pytest.raises(InputError, match=r"a\.zip/y\.html: no member 'y\.html'"):
        load(f"{tmp_path}/a.zip/y.html")


def test_a_unicode_path_field_names_the_member_over_its_code_page_name(tmp_path):
    """7-Zip and WinRAR write the UTF-8 name in an extra field (0x7075) beside a code-page name
    (here cp437 '?' marks, as an English Windows would store 报告): the field's name is used."""
    import zipfile
    import zlib

    raw = b"??.html"
    name = "报告.html".encode("utf-8")
    field = b"\x01" + zlib.crc32(raw).to_bytes(4, "little") + name
    info = zipfile.ZipInfo("??.html")
    info.extra = (0x7075).to_bytes(2, "little") + len(field).to_bytes(2, "little") + field
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(info, report_files()[".html"])
    (tmp_path / "a.zip").write_bytes(buf.getvalue())
    assert walk([str(tmp_path)]).paths == [f"{tmp_path}/a.zip/报告.html"]
    assert load(f"{tmp_path}/a.zip/报告.html").format == "html"


def test_an_inner_archive_is_unpacked_once_for_all_its_members(tmp_path, monkeypatch):
    from extractor.load import archive

    html = report_files()[".html"]
    inner = zip_bytes([(f"r{i}.html", html) for i in range(3)])
    (tmp_path / "outer.zip").write_bytes(zip_bytes([("inner.zip", inner)]))
    calls: list[str] = []
    real = archive._unpacked

    def counting(z, m, name):
        calls.append(m.shown)
        return real(z, m, name)

    monkeypatch.setattr(archive, "_unpacked", counting)
    lines, _ = _batch([str(tmp_path)])
    assert [x["status"] for x in lines] == ["verified"] * 3
    # the walk lists it once, then one unpacking serves three hashes and three readings
    assert calls.count("inner.zip") == 2


def test_a_reviewed_member_exports_with_its_own_bytes(tmp_path):
    """The review queue shows the member by its archive name; the gold export writes the member's
    bytes under its own name (not the stored text, not the archive)."""
    from conftest import seed_cases
    from extractor.review import export_gold, list_items, resolve

    seed = next(r for r, _ in seed_cases() if r.name.startswith("000_"))  # breaks outcome_sum as printed
    (tmp_path / "in").mkdir()
    data = seed.read_text(encoding="utf-8").encode("gb18030")  # as a subordinate's Windows saved it
    (tmp_path / "in" / "a.zip").write_bytes(zip_bytes([(f"下级/{seed.name}", data)]))
    store = Store(as_url(str(tmp_path / "s.sqlite")))
    run_batch([str(tmp_path / "in")], ENGINE, store, progress=False)
    [item] = list_items(store)
    assert item.doc == seed.name
    resolve(store, item.id, outcome="report_wrong", reviewer="王", comment="原文总计少 1")
    written = export_gold(store, tmp_path / "reviewed")
    assert [p.name for p in written] == [seed.name.rsplit(".", 1)[0] + ".gold.json"]
    assert (tmp_path / "reviewed" / seed.name).read_bytes() == data
