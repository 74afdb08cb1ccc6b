"""OFD (GB/T 33190) and OpenDocument (.odt, .ods) files written here: tables read with their
cells and spans, hostile packages refused with a reason naming the file, the batch going on."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from extractor.engines.layout import LayoutEngine
from extractor.errors import InputError
from extractor.load import load, sniff, walk
from extractor.pipeline import extract_paths

_REAL = Path(__file__).resolve().parents[1] / "eval" / "real" / "seeds" / "000_b232cca7e491c758.txt"
_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _zip(files: dict[str, str | bytes], first: tuple[str, str] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        if first:
            z.writestr(first[0], first[1], zipfile.ZIP_STORED)
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def _ofd(pages: list[str], doc_root: str = "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>") -> bytes:
    files: dict[str, str | bytes] = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {_NS} Version="1.1" DocType="OFD"><ofd:DocBody>{doc_root}</ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": f'<ofd:Document {_NS}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
                              '</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>'
                              + "".join(f'<ofd:Page ID="{k}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(len(pages)))
                              + "</ofd:Pages></ofd:Document>",
        "Doc_0/PublicRes.xml": f'<ofd:Res {_NS}><ofd:Fonts><ofd:Font ID="3" FontName="宋体"/></ofd:Fonts></ofd:Res>',
    }
    for k, objs in enumerate(pages):
        files[f"Doc_0/Pages/Page_{k}/Content.xml"] = f'<ofd:Page {_NS}><ofd:Content><ofd:Layer ID="1">{objs}</ofd:Layer></ofd:Content></ofd:Page>'
    return _zip(files)


def _text(x: float, y: float, s: str, size: float = 3.0, ctm: bool = False) -> str:
    """A TextObject at (x, y) mm; with `ctm`, in points scaled to mm, its DeltaX as `g N v` runs."""
    adv = [size if ord(ch) > 127 else size / 2 for ch in s]
    k = 1 / 0.3528 if ctm else 1
    if ctm and len(set(adv)) == 1 and len(s) > 1:
        delta = f"g {len(s) - 1} {adv[0] * k:.4f}"
    else:
        delta = " ".join(f"{v * k:.4f}" for v in adv[:-1])
    attr = ' CTM="0.3528 0 0 0.3528 0 0"' if ctm else ""
    return (f'<ofd:TextObject ID="1" Boundary="{x} {y} 100 {size * 1.3}" Font="3" Size="{size * k:.4f}"{attr}>'
            f'<ofd:TextCode X="0" Y="{size * 0.9 * k:.4f}" DeltaX="{delta}">{s}</ofd:TextCode></ofd:TextObject>')


def _rule(x0: float, y0: float, x1: float, y1: float) -> str:
    return (f'<ofd:PathObject ID="2" Boundary="{x0} {y0} {max(x1 - x0, .1)} {max(y1 - y0, .1)}" LineWidth="0.25">'
            f'<ofd:AbbreviatedData>M 0 0 L {x1 - x0} {y1 - y0}</ofd:AbbreviatedData></ofd:PathObject>')


def _ruled_page() -> str:
    """A title, and a 3 × 3 ruled table whose first row is one cell wide over two columns."""
    xs, ys = [20, 80, 110, 140], [40, 48, 56, 64]
    objs = [_text(20, 20, "镕县人民政府2023年政府信息公开工作年度报告", 4.0), _text(20, 30, "二、主动公开政府信息情况")]
    for y in ys:
        objs.append(_rule(xs[0], y, xs[-1], y))
    for x in xs:
        objs.append(_rule(x, ys[0], x, ys[-1]) if x != 110 else _rule(x, ys[1], x, ys[-1]))
    rows = [("信息内容", "本年新收（合）", None), ("行政许可", "12", "3"), ("行政处罚", "5", "-2")]
    for r, row in enumerate(rows):
        for c, t in enumerate(row):
            if t:
                objs.append(_text(xs[c] + 2, ys[r] + 2.5, t, ctm=(r + c) % 2 == 0))
    return "".join(objs)


def _grid(doc, k: int = 0) -> list[list[str]]:
    return [[c.text for c in row if c] for row in doc.tables[k].grid()]


def test_ofd_ruled_table_is_read_as_cells(tmp_path):
    p = tmp_path / "r.ofd"
    p.write_bytes(_ofd([_ruled_page()]))
    doc = load(str(p))
    assert doc.format == "ofd" and doc.pages == 1
    assert doc.text.splitlines()[0] == "镕县人民政府2023年政府信息公开工作年度报告"
    t = doc.tables[0]
    assert [(c.row, c.col, c.colspan, c.text) for c in t.cells if c.row == 0] == [(0, 0, 1, "信息内容"), (0, 1, 2, "本年新收（合）")]
    assert _grid(doc)[1:] == [["行政许可", "12", "3"], ["行政处罚", "5", "-2"]]


def test_ofd_entities_are_not_expanded_and_huge_repeats_are_bounded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-VALUE")
    page = (f'<!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]><ofd:Page {_NS}><ofd:Content><ofd:Layer ID="1">'
            + _text(20, 20, "标题&e;") + '<ofd:TextObject ID="3" Boundary="0 40 10 5" Size="3"><ofd:TextCode X="0" Y="3" '
            'DeltaX="g 999999999 1">12</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>')
    data = _ofd(["x"])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        files = {n: z.read(n) for n in z.namelist()}
    files["Doc_0/Pages/Page_0/Content.xml"] = page.encode()
    p = tmp_path / "x.ofd"
    p.write_bytes(_zip(files))
    doc = load(str(p))
    assert "SECRET" not in doc.text and "标题" in doc.text and "12" in doc.text


def _bomb_ofd() -> bytes:
    return _zip({"OFD.xml": "<a/>", "Doc_0/Pages/Page_0/Content.xml": " " * (3 << 20)})


@pytest.mark.parametrize("name,data,reason", [
    ("bomb.ofd", _bomb_ofd(), "zip bomb"),
    ("cut.ofd", _ofd([_ruled_page()])[:300], "corrupt .ofd"),
    ("noroot.ofd", _ofd([_ruled_page()], doc_root=""), "names no document"),
    ("empty.ofd", _ofd([""]), "has no text"),
    ("notxml.ofd", _zip({"OFD.xml": "<ofd:OFD"}), "not readable XML"),
    ("text.ofd", "不是压缩包".encode(), "corrupt .ofd"),
])
def test_hostile_ofd_is_refused_naming_the_file(tmp_path, name, data, reason):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as e:
        load(str(p))
    assert str(p) in str(e.value) and reason in str(e.value), str(e.value)


def test_ofd_page_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("XXGK_MAX_PAGES", "1")
    p = tmp_path / "two.ofd"
    p.write_bytes(_ofd([_ruled_page(), _ruled_page()]))
    with pytest.raises(InputError, match="more than the limit of 1"):
        load(str(p))


_ODF = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"')


def _odf(body: str, kind: str = "text") -> bytes:
    content = f'<?xml version="1.0"?><office:document-content {_ODF}><office:body><office:{kind}>{body}</office:{kind}></office:body></office:document-content>'
    return _zip({"content.xml": content}, first=("mimetype", f"application/vnd.oasis.opendocument.{kind}"))


def _cell(t: str, extra: str = "") -> str:
    return f"<table:table-cell{extra}><text:p>{t}</text:p></table:table-cell>"


_ODT_TABLE = (
    "<table:table><table:table-column table:number-columns-repeated=\"4\"/><table:table-header-rows><table:table-row>"
    + _cell("信息内容", ' table:number-rows-spanned="2"') + _cell("申请人", ' table:number-columns-spanned="2"')
    + "<table:covered-table-cell/>" + _cell("总计", ' table:number-rows-spanned="2"') + "</table:table-row>"
    "<table:table-row><table:covered-table-cell/>" + _cell("自然人") + _cell("法人") + "<table:covered-table-cell/></table:table-row>"
    "</table:table-header-rows><table:table-row>" + _cell("行政许可") + _cell("0", ' table:number-columns-repeated="3"')
    + "</table:table-row></table:table>"
)


def test_odt_table_spans_covered_and_repeated_cells(tmp_path):
    body = ('<text:tracked-changes><text:changed-region><text:deletion><text:p>删掉的</text:p></text:deletion>'
            '</text:changed-region></text:tracked-changes><text:h>某局2023年<text:s text:c="2"/>年度报告'
            '<text:note><text:note-body><text:p>脚注</text:p></text:note-body></text:note></text:h>' + _ODT_TABLE)
    p = tmp_path / "r.odt"
    p.write_bytes(_odf(body))
    doc = load(str(p))
    assert doc.format == "odt" and doc.text.splitlines()[0] == "某局2023年  年度报告"
    assert "删掉的" not in doc.text and "脚注" not in doc.text
    t = doc.tables[0]
    assert [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in t.cells] == [
        (0, 0, 2, 1, "信息内容"), (0, 1, 1, 2, "申请人"), (0, 3, 2, 1, "总计"),
        (1, 1, 1, 1, "自然人"), (1, 2, 1, 1, "法人"),
        (2, 0, 1, 1, "行政许可"), (2, 1, 1, 1, "0"), (2, 2, 1, 1, "0"), (2, 3, 1, 1, "0")]


def test_odt_layout_frame_and_text_box_tables_are_read(tmp_path):
    frame = ("<table:table><table:table-row><table:table-cell><text:p>某局2023年年度报告</text:p>"
             + _ODT_TABLE + "</table:table-cell></table:table-row></table:table>")
    box = ('<text:p>见下表<draw:frame><draw:text-box>' + _ODT_TABLE + '</draw:text-box></draw:frame></text:p>')
    p = tmp_path / "frame.doc"  # an .odt saved with the old suffix
    p.write_bytes(_odf(frame + box))
    assert sniff(str(p)) == "odt"
    doc = load(str(p))
    assert doc.text.splitlines()[0] == "某局2023年年度报告" and "见下表" in doc.text
    assert len(doc.tables) == 2 and all(_grid(doc, k)[2] == ["行政许可", "0", "0", "0"] for k in (0, 1))


def test_ods_sheet_with_filler_runs(tmp_path):
    rows = ("<table:table table:name=\"表三\"><table:table-row>" + _cell("某局2023年年度报告", ' table:number-columns-spanned="3"')
            + '<table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell table:number-columns-repeated="16381"/></table:table-row>'
            "<table:table-row>" + _cell("信息内容") + _cell("本年新收") + _cell("本年办结") + '<table:table-cell table:number-columns-repeated="16381"/></table:table-row>'
            "<table:table-row>" + _cell("行政许可") + _cell("5") + _cell("5") + "</table:table-row>"
            '<table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>')
    p = tmp_path / "s.ods"
    p.write_bytes(_odf(rows, "spreadsheet"))
    doc = load(str(p))
    assert doc.format == "ods" and doc.text.splitlines()[0] == "某局2023年年度报告"
    assert _grid(doc) == [["信息内容", "本年新收", "本年办结"], ["行政许可", "5", "5"]]


@pytest.mark.parametrize("name,data,reason", [
    ("bomb.odt", _zip({"content.xml": "<a>" + " " * (3 << 20) + "</a>"}), "zip bomb"),
    ("cut.odt", _odf(_ODT_TABLE)[:200], "corrupt .odt"),
    ("notxml.odt", _zip({"content.xml": "<office:document-content"}), "not readable XML"),
    ("wrong.odt", _odf(_ODT_TABLE, "spreadsheet"), "no office:text"),
    ("huge.ods", _odf('<table:table><table:table-row table:number-rows-repeated="100000">' + _cell("1", ' table:number-columns-repeated="100"')
                      + "</table:table-row></table:table>", "spreadsheet"), "slots a table may have"),
])
def test_hostile_odf_is_refused_naming_the_file(tmp_path, name, data, reason):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as e:
        load(str(p))
    assert str(p) in str(e.value) and reason in str(e.value), str(e.value)


def test_a_batch_with_hostile_ofd_and_odt_goes_on(tmp_path):
    (tmp_path / "bomb.ofd").write_bytes(_bomb_ofd())
    (tmp_path / "cut.odt").write_bytes(_odf(_ODT_TABLE)[:200])
    shutil.copy(_REAL, tmp_path / "good.txt")
    assert sorted(p.rsplit("/", 1)[1] for p in walk([str(tmp_path)]).paths) == ["bomb.ofd", "cut.odt", "good.txt"]
    results = {r.doc: r for r in extract_paths([str(tmp_path)], LayoutEngine())}
    assert results["good.txt"].status in ("verified", "review")
    for name in ("bomb.ofd", "cut.odt"):
        assert results[name].status == "failed" and name in (results[name].error or ""), results[name].error


def _probe():
    import importlib.util
    import sys

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("probe_unseen_files5", root / "eval" / "probe_unseen.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("probe_unseen_files5", mod)
    spec.loader.exec_module(mod)  # puts eval/ on sys.path: the families' package `probe` lives there
    from probe import files3, files5
    from probe._common import cell_text

    from extractor.evaluation._rtf_write import placed

    return SimpleNamespace(Ctx=mod.Ctx, SEED=mod.SEED, FAMILIES=mod.FAMILIES, _placed=placed,
                           _cell_value=cell_text, ods_export=files5.ods_export,
                           xlsx_export=files3.xlsx_export)


@pytest.mark.parametrize("family", ["rtf-word", "rtf-as-doc", "odt-tables"])
def test_probe_files_keep_every_cell_and_span(family, tmp_path):
    """The probe's RTF and ODT writers' tables come back cell for cell, spans included: the same
    cells the printed model placed (a reading that shifted columns consistently could still
    score, so the structure is checked here)."""
    probe = _probe()
    from extractor.evaluation.gold import load_set

    cases = [c for c in load_set(Path(__file__).resolve().parents[1] / "eval" / "real") if c.is_report][:4]
    for case in cases:
        ctx = probe.Ctx(case, family, probe.SEED)
        data, suffix = probe.FAMILIES[family](ctx)
        p = tmp_path / f"{case.id.replace('/', '_')}{suffix}"
        p.write_bytes(data)
        doc = load(str(p))
        assert len(doc.tables) == len(ctx.sections)
        for t, (_, table) in zip(doc.tables, ctx.sections):
            g, owner = probe._placed(table)
            want = sorted((r, c, cell.rowspan, cell.colspan, "".join(probe._cell_value(cell).split()))
                          for (r, c), (cell, r0, c0) in owner.items() if (r0, c0) == (r, c))
            got = sorted((x.row, x.col, x.rowspan, x.colspan, "".join(x.text.split())) for x in t.cells)
            assert got == want, (p.name, [w for w in want if w not in got][:3], [x for x in got if x not in want][:3])


def test_probe_ods_reads_as_the_same_workbook_saved_as_xlsx(tmp_path):
    """The same sheets (one layout, one seed) saved as .ods and as .xlsx load to the same tables."""
    probe = _probe()
    from extractor.evaluation.gold import load_set

    cases = [c for c in load_set(Path(__file__).resolve().parents[1] / "eval" / "real") if c.is_report][:6]
    for case in cases:
        docs = []
        for writer in (probe.ods_export, probe.xlsx_export):
            data, suffix = writer(probe.Ctx(case, "ods-export", probe.SEED))
            p = tmp_path / f"{case.id.replace('/', '_')}{suffix}"
            p.write_bytes(data)
            docs.append(load(str(p)))
        ods, xlsx = docs
        assert ods.format == "ods" and ods.text == xlsx.text
        assert [[(c.row, c.col, c.rowspan, c.colspan, c.text) for c in t.cells] for t in ods.tables] == \
               [[(c.row, c.col, c.rowspan, c.colspan, c.text) for c in t.cells] for t in xlsx.tables]


def test_ofd_pages_naming_one_large_part_again_and_again_are_refused(tmp_path, monkeypatch):
    from extractor.load import limits

    monkeypatch.setattr(limits, "MAX_DOCX_TOTAL", 50_000)
    page = _ruled_page() + _text(20, 100, "长" * 2000)
    data = _ofd([page])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        files = {n: z.read(n) for n in z.namelist()}
    files["Doc_0/Document.xml"] = files["Doc_0/Document.xml"].replace(
        b'<ofd:Page ID="0" BaseLoc="Pages/Page_0/Content.xml"/>', b'<ofd:Page ID="0" BaseLoc="Pages/Page_0/Content.xml"/>' * 20)
    p = tmp_path / "same.ofd"
    p.write_bytes(_zip(files))
    with pytest.raises(InputError, match="of XML to parse"):
        load(str(p))
