"""PDF loader: ruled tables with merged cells, a table crossing pages, footers, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.engines.layout import LayoutEngine
from extractor.errors import InputError
from extractor.flat import to_flat
from extractor.load import load
from extractor.load._grid import GridCell, GridTable, Line, PageBlocks, Word, blocks_from_words, is_furniture, join_pages
from extractor.load.pdf import load_pdf
from extractor.pipeline import extract_path

from _formats import cjk_font_or_skip, gold, make_formats, same_numbers


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory) -> Path:
    mf = make_formats()
    out = tmp_path_factory.mktemp("pdf")
    return mf.make_all("003", out, formats=("pdf",))["pdf"]


def test_pdf_tables_keep_cells_spans_and_offsets(seed_pdf):
    doc = load_pdf(str(seed_pdf))
    assert doc.format == "pdf" and doc.pages == 2 and len(doc.sha256) == 64
    assert len(doc.tables) == 3  # 表三 crosses the page break and is joined into one table
    t3 = doc.tables[1]
    assert {c.locator["page"] for c in t3.cells} == {1, 2}
    cells = {c.text: c for c in t3.cells}
    assert cells["申请人情况"].colspan == 7
    assert cells["三、本年度办理结果"].rowspan == 20  # （一）…（七）: 20 rows in the 2019 format
    assert cells["（三）不予公开"].rowspan == 8
    assert t3.n_rows == 26 and t3.n_cols == 10
    for t in doc.tables:
        for c in t.cells:
            assert doc.text[c.span[0] : c.span[1]] == c.text
            assert c.locator["page"] in (1, 2) and len(c.locator["bbox"]) == 4
    # the header rows Word repeats on the next page, and the page numbers, are gone
    assert doc.text.count("申请人情况") == 1
    assert "- 1 -" not in doc.text and "- 2 -" not in doc.text
    assert "一、本年新收政府信息公开申请数量\t20\t0\t0\t0\t0\t0\t20" in doc.text
    # a paragraph wrapped at the right margin is one line again; headings stay lines of their own
    lines = doc.text.splitlines()
    para = next(line for line in lines if line.startswith("2020年我局主动公开信息591条"))
    assert "在浙江在线上刊登17条" in para
    assert "(二)依申请公开" in lines


def test_pdf_numbers_match_the_gold_label(seed_pdf):
    doc = load(str(seed_pdf))
    reading = LayoutEngine().read(doc)
    assert reading.record is not None
    assert same_numbers(to_flat(reading.record), gold("003")["fields"]) == []


def test_encrypted_pdf_is_a_clear_failed_line(tmp_path):
    mf = make_formats()
    path = tmp_path / "locked.pdf"
    mf.write_pdf([("h", "某局2020年政府信息公开工作年度报告"), ("p", "正文")], path, encrypt="secret")
    with pytest.raises(InputError, match="password"):
        load_pdf(str(path))
    result = extract_path(str(path), LayoutEngine())
    assert result.status == "failed" and "password" in result.error and "locked.pdf" in result.error


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128"])
def test_pdf_encrypted_without_a_user_password_is_read(tmp_path, algorithm):
    """Many published PDFs are encrypted only against editing: they open without a password.

    Encrypted by pypdf, as Word and PDF tools do it: reportlab's own encryption leaves the CJK
    font's CIDSystemInfo strings unencrypted, which recent pdfminer releases then decode into
    garbage (the text comes out as "(cid:2838)…"); no real report is written that way.
    Where pdfminer cannot decode the text layer of such a file the page is read by OCR, which
    needs a CJK font to render it: skipped, saying what to install, when there is none."""
    import pypdf

    cjk_font_or_skip()

    plain = tmp_path / "plain.pdf"
    make_formats().write_pdf([("h", "某局2020年政府信息公开工作年度报告"), ("p", "正文内容")], plain)
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(plain))
    writer.encrypt(user_password="", owner_password="only-the-editor-knows", algorithm=algorithm)
    path = tmp_path / "owner-only.pdf"
    writer.write(path)
    assert b"/Encrypt" in path.read_bytes()
    text = load_pdf(str(path)).text
    assert text == load_pdf(str(plain)).text and text.startswith("某局2020年政府信息公开工作年度报告\n正文内容\n")


@pytest.mark.parametrize(
    "data, problem",
    [(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "corrupt"), (b"<html>not a pdf</html>", "not a PDF")],
)
def test_corrupt_pdf_is_a_clear_error(tmp_path, data, problem):
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError, match=problem) as e:
        load_pdf(str(path))
    assert e.value.path == str(path)


def test_truncated_pdf_is_a_clear_error(tmp_path, seed_pdf):
    path = tmp_path / "cut.pdf"
    path.write_bytes(seed_pdf.read_bytes()[:3000])
    with pytest.raises(InputError):
        load_pdf(str(path))


def test_page_limit(seed_pdf, monkeypatch):
    monkeypatch.setenv("XXGK_MAX_PAGES", "1")
    with pytest.raises(InputError, match="more than the limit of 1"):
        load_pdf(str(seed_pdf))


def test_unruled_table_rebuilt_from_alignment(tmp_path):
    """Numbers laid out in columns without any drawn lines still come back as cells."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = make_formats()._cid_font()
    path = tmp_path / "unruled.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, 10)
    rows = [("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"), ("行政许可", "27", "+6", "571"), ("行政处罚", "14", "28", "42")]
    y = 700
    for row in rows:
        for x, text in zip((60, 200, 320, 440), row):
            c.drawString(x, y, text)
        y -= 20
    c.drawCentredString(300, 40, "— 3 —")
    c.save()
    doc = load_pdf(str(path))
    assert len(doc.tables) == 1
    grid = [[cell.text if cell else None for cell in row] for row in doc.tables[0].grid()]
    assert grid == [list(r) for r in rows]
    assert "行政许可\t27\t+6\t571" in doc.text
    assert "3 —" not in doc.text


def test_furniture_and_cross_page_join_rules():
    assert is_furniture("- 4 -", 800, 810, 842)
    assert is_furniture("— 3 —", 10, 20, 842)
    assert is_furniture("第2页 共9页", 400, 410, 842)
    assert is_furniture("7", 820, 830, 842)
    assert not is_furniture("7", 400, 410, 842)  # a bare number mid-page is content
    assert not is_furniture("20", 400, 410, 842)

    def table(page: int, rows: list[list[str]]) -> GridTable:
        cells = [
            GridCell(r, k, 1, 1, t, (10.0 + 50 * k, 10.0 + 10 * r, 60.0 + 50 * k, 20.0 + 10 * r), page)
            for r, row in enumerate(rows) for k, t in enumerate(row)
        ]
        return GridTable(cells, [10.0, 60.0, 110.0], (10, 10, 110, 100), page, page)

    head = ["项目", "数量"]
    p1 = PageBlocks(1, 842, [Line(["前言"], 0, 5, 1), table(1, [head, ["甲", "1"]])])
    p2 = PageBlocks(2, 842, [table(2, [head, ["乙", "2"]]), Line(["结语"], 200, 210, 2)])
    blocks = join_pages([p1, p2])
    assert [type(b).__name__ for b in blocks] == ["Line", "GridTable", "Line"]
    joined = blocks[1]
    assert [joined.row_texts(r) for r in range(joined.n_rows)] == [head, ["甲", "1"], ["乙", "2"]]


def test_lines_with_far_apart_parts_keep_them_apart():
    words = [Word("行政复议", 10, 100, 50, 110), Word("0", 200, 100, 206, 110), Word("说明文字", 10, 130, 50, 140)]
    blocks = blocks_from_words(words, 1)
    assert [b.parts for b in blocks] == [["行政复议", "0"], ["说明文字"]]


def test_unruled_wrapped_labels_stay_with_their_numbers(tmp_path):
    """An unruled table whose labels wrap in a narrow column prints a label's lines above, below
    and between its row's numbers: they come back as one row, not as loose lines that cut the
    table in pieces; a note below the table stays out of it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = make_formats()._cid_font()
    path = tmp_path / "wrapped.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, 8)
    y = 700.0

    def row(label_lines: list[str], numbers: list[str], parent: str = "") -> None:
        nonlocal y
        n = len(label_lines)
        for k, t in enumerate(label_lines):
            c.drawString(120, y - 10 * k, t)
        mid = y - 10 * (n - 1) / 2
        if parent:
            c.drawString(60, mid, parent)
        for x, t in zip((300, 350, 400), numbers):
            c.drawString(x, mid, t)
        y -= 10 * (n - 1) + 16

    row(["1.属于国家秘密"], ["0", "1", "1"])
    row(["2.其他法律行政法规禁止", "公开"], ["2", "0", "2"])
    row(["1.申请人无正当理由逾期", "不补正、行政机关不再", "处理其申请"], ["3", "4", "7"], parent="（六）其他")
    row(["3.其他"], ["5", "0", "5"])
    c.drawString(60, y - 30, "注：本表统计时间为全年。")
    c.save()
    doc = load_pdf(str(path))
    assert len(doc.tables) == 1
    grid = [[cell.text for cell in row if cell] for row in doc.tables[0].grid()]
    assert grid == [["1.属于国家秘密", "0", "1", "1"], ["2.其他法律行政法规禁止公开", "2", "0", "2"],
                    ["（六）其他", "1.申请人无正当理由逾期不补正、行政机关不再处理其申请", "3", "4", "7"],
                    ["3.其他", "5", "0", "5"]]
    assert "注：本表统计时间为全年。" in doc.text.splitlines()


def test_unruled_narrow_columns_cells_closer_than_a_gap_are_cut_at_column_edges(tmp_path):
    """In narrow label columns a parent label's line and its child's stand closer than a segment
    gap; they are cut where other lines show a column begins, so neither label takes the other's text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = make_formats()._cid_font()
    path = tmp_path / "narrow.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, 8)
    rows = [("", "1.本机关不掌握", "5"), ("（四）无", "2.没有现成信息", "0"), ("", "3.补正后仍不明确", "1")]
    y = 700
    for parent, child, n in rows:
        c.drawString(60, y, parent)
        c.drawString(97, y, child)  # （四）无 ends 5 pt before it: less than a segment gap
        for x in (300, 350, 400):
            c.drawString(x, y, n)
        y -= 16
    c.save()
    doc = load_pdf(str(path))
    grid = [[cell.text for cell in row if cell] for row in doc.tables[0].grid()]
    assert grid[1][:2] == ["（四）无", "2.没有现成信息"]
    assert [r[-3:] for r in grid] == [["5", "5", "5"], ["0", "0", "0"], ["1", "1", "1"]]


def test_page_shown_turned_reads_its_ruled_table_as_shown(tmp_path):
    """A landscape table printed sideways on a portrait page (/Rotate 90): its rules keep their
    orientation as shown, so the table's rows are found."""
    import io

    from pypdf import PdfReader, PdfWriter, Transformation
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    font = make_formats()._cid_font()
    buf = io.BytesIO()
    data = [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "1", "2"], ["行政规范性文件", "30", "4"]]
    SimpleDocTemplate(buf, pagesize=landscape(A4)).build(
        [Table(data, style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONT", (0, 0), (-1, -1), font, 9)]))])
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    for page in writer.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        page.add_transformation(Transformation().rotate(90).translate(h, 0))
        page.mediabox.upper_right = (h, w)
        page.rotation = 90
    path = tmp_path / "turned.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    doc = load_pdf(str(path))
    assert len(doc.tables) == 1
    assert [[cell.text for cell in row] for row in doc.tables[0].grid()] == data
