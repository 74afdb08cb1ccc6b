"""Tables pasted as pictures into a Word file, a saved page (`page_files/`) or a web archive
(load/_pictures.py): recognised only when the text lacks a table; a picture's `src` never leads
outside the page's own folder; a missing picture is named, not a crash."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from extractor.load import load, walk
from extractor.load import _pictures
from extractor.load._pictures import Unreadable, missing_tables, saved_page_fetcher, section_of

from _formats import cjk_font_or_skip, gold, make_formats, same_numbers

H2, H3, H4, H5 = ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                  "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况")
#: a 1×1 PNG: a spacer or a logo
DOT = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgAB4iG8MwAAAABJRU5ErkJggg==")


def _blocks(without: str = "四") -> list:
    """Seed 003's report as blocks, the table of section `without` left out (a picture stands there)."""
    mf = make_formats()
    blocks = mf.report_blocks(gold("003"))
    out = []
    for i, (kind, content) in enumerate(blocks):
        if kind == "table" and blocks[i - 1][1].startswith(without):
            out.append(("picture", content))
        else:
            out.append((kind, content))
    return out


def _page(blocks: list, src: list[str]) -> str:
    """The blocks as a saved page: each picture block as the `<img>`s given."""
    import html

    out = ["<html><head><meta charset='utf-8'><title>报告</title></head><body>"]
    for kind, content in blocks:
        if kind in ("h", "p"):
            out.append(f"<p>{html.escape(content)}</p>")
        elif kind == "picture":
            out += [f'<p><img src="{s}"></p>' for s in src]
        else:
            matrix, _ = make_formats().grid(content)
            out.append("<table border=1>" + "".join(
                "<tr>" + "".join(f"<td>{html.escape(t or '')}</td>" for t in row) + "</tr>" for row in matrix)
                + "</table>")
    return "\n".join(out + ["</body></html>"])


# ---------------------------------------------------------------- deciding from the text (no OCR)


def test_missing_tables_from_the_text():
    text = "\n".join([H2, "第二十条第（一）项", H3, H4, H5])
    assert missing_tables(text) == ["表二", "表三", "表四"]
    blocks = _blocks()
    mf = make_formats()
    lines = []
    for kind, content in blocks:
        if kind == "table":
            matrix, _ = mf.grid(content)
            lines += ["\t".join(t or "" for t in row) for row in matrix]
        elif kind != "picture":
            lines.append(content)
    assert missing_tables("\n".join(lines)) == ["表四"]


def test_missing_when_labels_are_text_and_numbers_a_picture():
    """表四's header typed above a picture of its numbers: its labels are there, no number."""
    mf = make_formats()
    lines = [H2, H3, H4]
    matrix, _ = mf.grid(mf.table4({}))
    lines += ["\t".join(t or "" for t in row) for row in matrix]
    lines.append(H5)
    assert "表四" in missing_tables("\n".join(lines))


def test_section_of_the_last_heading():
    assert section_of("标题\n" + H2 + "\n文字") == "表二"
    assert section_of(H2 + "\n" + H3 + "\n") == "表三"
    assert section_of(H3 + H4 + "\n" + H5) == "五"
    assert section_of("一、总体情况") is None


# ---------------------------------------------------------------- a page's pictures stay in its folder


@pytest.fixture()
def saved(tmp_path):
    page = tmp_path / "site" / "report.htm"
    (tmp_path / "site" / "report_files").mkdir(parents=True)
    (tmp_path / "site" / "report_files" / "image001.png").write_bytes(DOT)
    (tmp_path / "site" / "other_files").mkdir()
    (tmp_path / "site" / "other_files" / "x.png").write_bytes(DOT)
    (tmp_path / "secret.png").write_bytes(b"secret")
    os.symlink(tmp_path / "secret.png", tmp_path / "site" / "report_files" / "link.png")
    page.write_text("<p>x</p>", encoding="utf-8")
    return page


@pytest.mark.parametrize("src", [
    "../secret.png", "report_files/../../secret.png", "report_files/..%2F..%2Fsecret.png",
    "/etc/passwd", "\\\\server\\share\\x.png", "C:\\Users\\x.png", "C:/Users/x.png",
    "file:///etc/passwd", "http://example.com/t.png", "https://example.com/t.png", "javascript:alert(1)",
    "other_files/x.png", "report_files/link.png", "report_files/nothere.png", "report_files/image001.png\x00.txt",
    "", "report_files", "report_files/",
])
def test_hostile_src_is_never_opened(saved, src, monkeypatch):
    opened = []
    real_open = open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    locate = saved_page_fetcher(str(saved))
    name, fetch = locate(src)
    monkeypatch.setattr("builtins.open", spy)
    with pytest.raises(Unreadable) as e:
        fetch()
    assert name[:20] in str(e.value)
    assert not opened


def test_own_folder_and_data_uri_are_read(saved):
    locate = saved_page_fetcher(str(saved))
    for src in ("report_files/image001.png", "./report_files/image001.png", "report_files%2Fimage001.png",
                "report_files\\image001.png", "report_files/image001.png?v=2"):
        assert locate(src)[1]() == DOT, src
    assert locate("data:image/png;base64," + base64.b64encode(DOT).decode())[1]() == DOT


def test_missing_picture_is_named_and_the_batch_goes_on(tmp_path, monkeypatch):
    """A page whose tables are pictures its folder does not hold: a `failed` line naming them;
    nothing is recognised (the hostile src is refused before any decoding)."""
    from extractor.engines import get_engine
    from extractor.pipeline import extract_paths

    monkeypatch.setattr(_pictures.Pictures, "_recognise", lambda *a: pytest.fail("nothing to recognise"))
    page = tmp_path / "report.html"
    page.write_text(_page([(k, c) for k, c in _blocks() if k != "table"],
                          ["report_files/image001.png", "../../etc/passwd", "http://example.com/t.png"]),
                    encoding="utf-8")
    (tmp_path / "ok.html").write_text("<p>not a report</p>", encoding="utf-8")
    doc = load(page)
    assert any("image001.png" in p and "missing" in p for p in doc.picture_problems)
    assert any("etc/passwd" in p and "outside" in p for p in doc.picture_problems)
    assert any("http://example.com" in p and "URL" in p for p in doc.picture_problems)
    results = list(extract_paths([str(tmp_path)], get_engine("layout")))
    assert len(results) == 2
    mine = next(r for r in results if r.doc == "report.html")
    assert mine.status == "failed" and "pictures not read" in mine.error and "image001.png" in mine.error


def test_walk_passes_over_a_saved_pages_pictures_folder(saved):
    w = walk([str(saved.parent)])
    assert [Path(p).name for p in w.paths] == ["x.png", "report.htm"]  # other_files: no page of that name
    skipped = [p for ps in w.skipped.values() for p in ps]
    assert str(saved.parent / "report_files") in skipped
    assert str(saved.parent / "other_files") not in skipped  # no page of that name beside it


def test_text_tables_decode_no_picture(tmp_path, monkeypatch):
    """A Word document whose tables are in its text, with a picture (a seal) beside them, is read
    once and no picture is decoded: its reading is the reading it had."""
    import docx

    from extractor.load import docx as docx_loader

    mf = make_formats()
    path = tmp_path / "r.docx"
    mf.write_docx(mf.report_blocks(gold("003")), path)
    d = docx.Document(str(path))
    png = tmp_path / "seal.png"
    png.write_bytes(DOT)
    d.add_picture(str(png))
    d.save(str(path))
    calls = []
    real = docx_loader.load_docx
    monkeypatch.setattr(docx_loader, "load_docx", lambda *a, **k: calls.append(k) or real(*a, **k))
    monkeypatch.setattr(_pictures.Pictures, "_recognise", lambda *a: pytest.fail("no picture is decoded"))
    doc = load(path)
    assert len(calls) == 1 and "read_picture" not in calls[0]
    assert not doc.read_by_ocr() and doc.picture_problems == []


# ---------------------------------------------------------------- recognised (OCR)


@pytest.fixture(scope="module")
def table4_png(tmp_path_factory):
    """表四 of seed 003 as a picture (a few seconds of OCR each time it is read)."""
    pytest.importorskip("rapidocr_onnxruntime")
    cjk_font_or_skip()
    mf = make_formats()
    path = tmp_path_factory.mktemp("pictures") / "table4.png"
    mf.write_png([("table", mf.table4(gold("003")["fields"]))], path)
    return path


def _appeals_right(path) -> None:
    from extractor.engines.layout import LayoutEngine
    from extractor.flat import to_flat

    doc = load(path)
    assert doc.read_by_ocr()
    ocr = [c for t in doc.tables for c in t.cells if c.locator and c.locator.get("ocr")]
    assert ocr and all(c.locator.get("picture") for c in ocr)
    assert all(doc.text[c.span[0]:c.span[1]] == c.text for c in ocr)
    fields = to_flat(LayoutEngine().read(doc).record)
    g = gold("003")["fields"]
    appeals = {k: v for k, v in g.items() if k.startswith(("review.", "litigation"))}
    assert same_numbers(fields, appeals) == []
    assert same_numbers(fields, {k: v for k, v in g.items() if k.startswith("requests.")}) == []
    return doc


def _picture_docx(table4_png, path) -> None:
    import docx

    mf = make_formats()
    d = docx.Document()
    for kind, content in _blocks():
        if kind in ("h", "p"):
            d.add_paragraph(content)
        elif kind == "picture":
            d.add_picture(str(table4_png))
        else:
            matrix, spans = mf.grid(content)
            t = d.add_table(rows=len(matrix), cols=len(matrix[0]))
            for r, row in enumerate(matrix):
                for c, text in enumerate(row):
                    if text:
                        t.cell(r, c).text = text
            for r0, c0, r1, c1 in spans:
                t.cell(r0, c0).merge(t.cell(r1, c1))
    d.save(str(path))


def test_docx_with_a_table_picture(table4_png, tmp_path):
    path = tmp_path / "r.docx"
    _picture_docx(table4_png, path)
    doc = _appeals_right(path)
    assert any(c.locator.get("chunk", "").startswith("/word/media/") for t in doc.tables for c in t.cells
               if c.locator and c.locator.get("ocr"))


def test_docx_attached_to_a_mail(table4_png, tmp_path):
    """The same Word document attached to an e-mail: the attachment is read as a file is."""
    from email.message import EmailMessage

    from extractor.engines import get_engine
    from extractor.pipeline import extract_paths

    _picture_docx(table4_png, tmp_path / "r.docx")
    msg = EmailMessage()
    msg["Subject"] = "年报"
    msg["From"] = "a@example.gov.cn"
    msg.set_content("附件是我单位年度报告，请查收。")
    msg.add_attachment((tmp_path / "r.docx").read_bytes(), maintype="application",
                       subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename="报告.docx")
    (tmp_path / "mail").mkdir()
    (tmp_path / "mail" / "m.eml").write_bytes(bytes(msg))
    results = list(extract_paths([str(tmp_path / "mail")], get_engine("layout")))
    assert [r.doc for r in results] == ["报告.docx"]
    g = gold("003")["fields"]
    assert same_numbers(results[0].fields, {k: v for k, v in g.items() if k.startswith("review.")}) == []


def test_saved_page_with_files_folder(table4_png, tmp_path):
    """A page saved "complete": its 表四 a picture in `report_files/`, beside a logo before the
    tables (not read) and a hostile `src` (named, never followed); the table is read."""
    folder = tmp_path / "report_files"
    folder.mkdir()
    (folder / "image004.png").write_bytes(table4_png.read_bytes())
    (folder / "logo.png").write_bytes(DOT)
    markup = _page(_blocks(), ["../../../etc/passwd", "report_files/image004.png"])
    markup = markup.replace("<body>", '<body><p><img src="report_files/logo.png"></p>')
    (tmp_path / "report.html").write_text(markup, encoding="utf-8")
    doc = _appeals_right(tmp_path / "report.html")
    assert len(doc.picture_problems) == 1 and "etc/passwd" in doc.picture_problems[0]


def test_web_archive_with_a_picture_part(table4_png, tmp_path):
    import quopri

    page = _page(_blocks(), ["report.files/image004.png"]).encode("utf-8")
    b64 = base64.encodebytes(table4_png.read_bytes()).decode()
    mht = ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
           "Content-Location: file:///C:/x/report.htm\r\nContent-Transfer-Encoding: quoted-printable\r\n"
           "Content-Type: text/html; charset=\"utf-8\"\r\n\r\n" + quopri.encodestring(page).decode() + "\r\n--B\r\n"
           "Content-Location: file:///C:/x/report.files/image004.png\r\nContent-Transfer-Encoding: base64\r\n"
           "Content-Type: image/png\r\n\r\n" + b64 + "\r\n--B--\r\n")
    path = tmp_path / "report.mht"
    path.write_bytes(mht.encode("ascii"))
    _appeals_right(path)


def test_unreadable_picture_bytes_are_named(tmp_path):
    """A picture that is no image: named with why, not a crash."""
    folder = tmp_path / "report_files"
    folder.mkdir()
    (folder / "image004.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (tmp_path / "report.html").write_text(_page(_blocks(), ["report_files/image004.png"]), encoding="utf-8")
    doc = load(tmp_path / "report.html")
    assert len(doc.picture_problems) == 1 and "not a readable picture" in doc.picture_problems[0]


def test_a_table_left_out_by_a_missing_picture_is_a_doubt_naming_it(tmp_path, monkeypatch):
    """表二 and 表三 in the page's text, 表四 a picture its folder lacks: the reading has no 表四,
    and a doubt on its first cell names the picture (never a value)."""
    from extractor.engines import get_engine
    from extractor.pipeline import extract_path

    monkeypatch.setattr(_pictures.Pictures, "_recognise", lambda *a: pytest.fail("nothing to recognise"))
    page = tmp_path / "report.html"
    page.write_text(_page(_blocks(), ["report_files/image004.png"]), encoding="utf-8")
    r = extract_path(str(page), get_engine("layout"))
    assert r.status == "review" and r.record is not None and r.record.review is None
    doubt = r.doubts["review.upheld"]
    assert doubt.reason == "unreadable" and "image004.png" in doubt.detail and "missing" in doubt.detail
    assert r.fields["review.upheld"] is None
    assert r.fields["requests.new.natural"] == gold("003")["fields"]["requests.new.natural"]


def test_transparent_picture_is_laid_on_white():
    from PIL import Image

    from extractor.load._pictures import _on_white

    img = Image.new("RGBA", (4, 2), (0, 0, 0, 0))
    img.putpixel((1, 1), (0, 0, 0, 255))
    rgb = _on_white(img)
    assert rgb.mode == "RGB" and rgb.getpixel((0, 0)) == (255, 255, 255) and rgb.getpixel((1, 1)) == (0, 0, 0)
    assert _on_white(Image.new("L", (2, 2), 128)).getpixel((0, 0)) == (128, 128, 128)


def test_prose_telling_a_tables_numbers_is_not_the_table():
    """The summary tells 表四's numbers in words (its labels then appear in the text), but 表四's
    section under its heading holds none: the table is missing (a picture stands there)."""
    mf = make_formats()
    lines = ["一、总体情况", "政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件；"
             "政府信息公开行政诉讼46件，其中结果维持25件。"]
    for kind, content in _blocks():
        if kind == "table":
            matrix, _ = mf.grid(content)
            lines += ["\t".join(t or "" for t in row) for row in matrix]
        elif kind != "picture":
            lines.append(content)
    assert missing_tables("\n".join(lines)) == ["表四"]
