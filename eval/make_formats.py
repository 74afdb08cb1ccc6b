"""Write one labelled report as HTML, PDF, Word and a scanned PNG, to test and demo the loaders.

    python eval/make_formats.py --seed 003 --out /tmp/formats

The tables are laid out as the official format prints them (merged header cells, the 3-column
label block of 表三, 表四's two header rows) with the numbers of the seed's gold label; the prose
comes from the seed's text. Every file holds the same report, so `xxgk extract` must give the
same numbers for all of them. Needs reportlab, python-docx, Pillow and a CJK TrueType font for the
PNG (Debian `fonts-wqy-zenhei` or `fonts-noto-cjk`).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor import catalogue  # noqa: E402

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


Rows = list[list[Cell]]  # HTML-style: a spanned slot is not repeated


# ---------------------------------------------------------------- the report as blocks


def _num(fields: dict[str, Any], key: str) -> str:
    v = fields.get(key)
    if v is None:
        return ""
    if key.endswith(".change") and isinstance(v, (int, float)) and v > 0:
        return f"+{v}"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def table2(fields: dict[str, Any], template: str) -> Rows:
    n = lambda k: Cell(_num(fields, k))  # noqa: E731
    head = lambda item: [Cell(f"第二十条第（{item}）项", colspan=4)]  # noqa: E731
    if template == "2019":
        return [
            head("一"),
            [Cell("信息内容"), Cell("本年新制作数量"), Cell("本年新公开数量"), Cell("对外公开总数量")],
            [Cell("规章")] + [n(f"active.regulations.{c}") for c in ("made", "published", "total")],
            [Cell("规范性文件")] + [n(f"active.normative.{c}") for c in ("made", "published", "total")],
            head("五"),
            [Cell("信息内容"), Cell("上一年项目数量"), Cell("本年增/减"), Cell("处理决定数量")],
            [Cell("行政许可")] + [n(f"active.licensing.{c}") for c in ("prior", "change", "decisions")],
            [Cell("其他对外管理服务事项")] + [n(f"active.other_services.{c}") for c in ("prior", "change", "decisions")],
            head("六"),
            [Cell("信息内容"), Cell("上一年项目数量"), Cell("本年增/减"), Cell("处理决定数量")],
            [Cell("行政处罚")] + [n(f"active.punishment.{c}") for c in ("prior", "change", "decisions")],
            [Cell("行政强制")] + [n(f"active.coercion.{c}") for c in ("prior", "change", "decisions")],
            head("八"),
            [Cell("信息内容"), Cell("上一年项目数量"), Cell("本年增/减", colspan=2)],
            [Cell("行政事业性收费"), n("active.fees.prior"), Cell(_num(fields, "active.fees.change"), colspan=2)],
            head("九"),
            [Cell("信息内容"), Cell("采购项目数量"), Cell("采购总金额（万元）", colspan=2)],
            [Cell("政府集中采购"), n("active.procurement.items"), Cell(_num(fields, "active.procurement.amount"), colspan=2)],
        ]
    wide = lambda k: Cell(_num(fields, k), colspan=3)  # noqa: E731
    return [
        head("一"),
        [Cell("信息内容"), Cell("本年制发件数"), Cell("本年废止件数"), Cell("现行有效件数")],
        [Cell("规章")] + [n(f"active.regulations.{c}") for c in ("issued", "repealed", "in_force")],
        [Cell("行政规范性文件")] + [n(f"active.normative.{c}") for c in ("issued", "repealed", "in_force")],
        head("五"),
        [Cell("信息内容"), Cell("本年处理决定数量", colspan=3)],
        [Cell("行政许可"), wide("active.licensing.decisions")],
        head("六"),
        [Cell("信息内容"), Cell("本年处理决定数量", colspan=3)],
        [Cell("行政处罚"), wide("active.punishment.decisions")],
        [Cell("行政强制"), wide("active.coercion.decisions")],
        head("八"),
        [Cell("信息内容"), Cell("本年收费金额（单位：万元）", colspan=3)],
        [Cell("行政事业性收费"), wide("active.fees.amount")],
    ]


_GROUPS = {"三": "三、本年度办理结果", "（三）": "（三）不予公开", "（四）": "（四）无法提供", "（五）": "（五）不予处理", "（六）": "（六）其他处理"}


def table3(fields: dict[str, Any], template: str) -> Rows:
    rows: Rows = [
        [Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3), Cell("申请人情况", colspan=7)],
        [Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)],
        [Cell(t) for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
    ]
    order = "一二三四五六七八九"

    def printed_order(name: str) -> tuple[int, int, str]:
        lab = catalogue.field(f"requests.{name}.natural").row
        m = re.match(r"三（(.)）(.*)", lab)
        return (2, order.index(m.group(1)), m.group(2)) if m else (order.index(lab[0]) if lab[0] in order else 9, 0, "")

    # the catalogue lists the 2021 rows （六）1–3 last; print them where the format has them
    names = sorted(catalogue.request_rows(template), key=printed_order)  # type: ignore[arg-type]
    labels = [catalogue.field(f"requests.{r}.natural").row for r in names]
    in_outcomes = [lab.startswith("三") for lab in labels]
    n_outcomes = sum(in_outcomes)
    group_sizes: dict[str, int] = {}
    for lab in labels:
        m = re.match(r"三(（[一二三四五六七]）)\d", lab)
        if m:
            group_sizes[m.group(1)] = group_sizes.get(m.group(1), 0) + 1
    first_outcome = True
    seen_groups: set[str] = set()
    for name, lab in zip(names, labels):
        nums = [Cell(_num(fields, f"requests.{name}.{c}")) for c in catalogue.APPLICANT_COLUMNS]
        if not lab.startswith("三"):
            rows.append([Cell(lab, colspan=3)] + nums)
            continue
        row: list[Cell] = []
        if first_outcome:
            row.append(Cell(_GROUPS["三"], rowspan=n_outcomes))
            first_outcome = False
        m = re.match(r"三(（[一二三四五六七]）)(\d.*)?(.*)$", lab)
        group, sub = m.group(1), m.group(2)
        if sub:
            if group not in seen_groups:
                seen_groups.add(group)
                row.append(Cell(_GROUPS[group], rowspan=group_sizes[group]))
            row.append(Cell(sub))
        else:
            row.append(Cell(lab[1:], colspan=2))
        rows.append(row + nums)
    return rows


def table4(fields: dict[str, Any]) -> Rows:
    results = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    return [
        [Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10)],
        [Cell(t, rowspan=2) for t in results] + [Cell("未经复议直接起诉", colspan=5), Cell("复议后起诉", colspan=5)],
        [Cell(t) for t in results * 2],
        [Cell(_num(fields, f"{g}.{c}")) for g in catalogue.APPEAL_GROUPS for c in catalogue.APPEAL_CELLS],
    ]


def report_blocks(gold: dict[str, Any], prose: str = "") -> list[tuple[str, Any]]:
    """The report as ("h"|"p"|"table", content) blocks, in printed order."""
    meta, fields = gold["meta"], gold["fields"]
    t = meta["template"]
    paras = [p.strip() for p in prose.splitlines() if p.strip() and "|" not in p][:6]
    blocks: list[tuple[str, Any]] = [("h", f"{meta['organ']}{meta['year']}年政府信息公开工作年度报告")]
    blocks += [("p", p[:400]) for p in paras]
    blocks += [("h", "二、主动公开政府信息情况"), ("table", table2(fields, t))]
    blocks += [("h", "三、收到和处理政府信息公开申请情况"), ("table", table3(fields, t))]
    blocks += [("h", "四、政府信息公开行政复议、行政诉讼情况"), ("table", table4(fields))]
    blocks += [("h", "五、存在的主要问题及改进情况"), ("p", "本年度政府信息公开工作总体平稳，将继续改进。"), ("h", "六、其他需要报告的事项"), ("p", "无。")]
    return blocks


def grid(rows: Rows) -> tuple[list[list[str | None]], list[tuple[int, int, int, int]]]:
    """HTML-style rows → a full matrix (text at a span's top-left, None under it) and the spans."""
    n_cols = sum(c.colspan for c in rows[0])
    matrix: list[list[str | None]] = [[""] * n_cols for _ in rows]
    taken = [[False] * n_cols for _ in rows]
    spans = []
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            while taken[r][col]:
                col += 1
            for rr in range(r, r + cell.rowspan):
                for cc in range(col, col + cell.colspan):
                    taken[rr][cc] = True
                    matrix[rr][cc] = None
            matrix[r][col] = cell.text
            if cell.rowspan > 1 or cell.colspan > 1:
                spans.append((r, col, r + cell.rowspan - 1, col + cell.colspan - 1))
            col += cell.colspan
    return matrix, spans


# ---------------------------------------------------------------- writers


def write_html(blocks: list[tuple[str, Any]], path: Path) -> None:
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>", html.escape(blocks[0][1]), "</title></head><body>"]
    out.append("<div class='nav'>首页 &gt; 政府信息公开 &gt; 年度报告</div><div class='article'>")
    for kind, content in blocks:
        if kind == "h":
            out.append(f"<h3>{html.escape(content)}</h3>")
        elif kind == "p":
            out.append(f"<p>{html.escape(content)}</p>")
        else:
            out.append("<table border='1'>")
            for row in content:
                tds = "".join(
                    f"<td{f' rowspan={c.rowspan}' if c.rowspan > 1 else ''}{f' colspan={c.colspan}' if c.colspan > 1 else ''}>{html.escape(c.text)}</td>"
                    for c in row
                )
                out.append(f"<tr>{tds}</tr>")
            out.append("</table>")
    out.append("</div><div class='footer'>主办单位：示例 版权所有</div></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


def write_docx(blocks: list[tuple[str, Any]], path: Path) -> None:
    import docx

    d = docx.Document()
    for kind, content in blocks:
        if kind == "h":
            d.add_heading(content, level=2)
        elif kind == "p":
            d.add_paragraph(content)
        else:
            matrix, spans = grid(content)
            t = d.add_table(rows=len(matrix), cols=len(matrix[0]))
            t.style = "Table Grid"
            for r, row in enumerate(matrix):
                for c, text in enumerate(row):
                    if text:
                        t.cell(r, c).text = text
            for r0, c0, r1, c1 in spans:
                t.cell(r0, c0).merge(t.cell(r1, c1))
    d.save(str(path))


def _cid_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def write_pdf(blocks: list[tuple[str, Any]], path: Path, encrypt: str | None = None) -> None:
    """A text-layer PDF: ruled tables with merged cells, `- n -` page footers, 表三 crossing a page
    with its header rows repeated (as Word prints it)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _cid_font()
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK", firstLineIndent=21)
    head = ParagraphStyle("head", fontName=font, fontSize=12, leading=20, spaceBefore=6)
    cell = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10, wordWrap="CJK")
    width = A4[0] - 36 * mm
    story: list[Any] = []
    for kind, content in blocks:
        if kind == "h":
            story.append(Paragraph(html.escape(content), head))
        elif kind == "p":
            story.append(Paragraph(html.escape(content), body))
        else:
            matrix, spans = grid(content)
            n = len(matrix[0])
            if n == 10:  # 表三: a wide label block, then 7 number columns
                widths = [width * 0.12, width * 0.13, width * 0.2] + [width * 0.55 / 7] * 7
                repeat = 3
            else:
                widths = [width / n] * n
                repeat = 0
            data = [[Paragraph(html.escape(t), cell) if t else "" for t in row] for row in matrix]
            style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONT", (0, 0), (-1, -1), font, 8)]
            style += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in spans]
            story.append(Table(data, colWidths=widths, style=TableStyle(style), repeatRows=repeat))
            story.append(Spacer(1, 6))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {doc.page} -")

    kwargs: dict[str, Any] = {}
    if encrypt is not None:  # "" = encrypted with an owner password only: anyone may open it
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(encrypt, ownerPassword=encrypt + "-owner")
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=20 * mm, **kwargs)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def write_scanpdf(blocks: list[tuple[str, Any]], path: Path, dpi: int = 150) -> None:
    """A scanned PDF: the text PDF's pages as grey pictures only (no text layer), as a copier makes."""
    import tempfile

    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "text.pdf"
        write_pdf(blocks, src)
        pdf = pdfium.PdfDocument(str(src))
        images = [pdf[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(pdf))]
        pdf.close()
    images[0].save(str(path), save_all=True, append_images=images[1:], resolution=dpi)


def find_font() -> str:
    for p in FONT_CANDIDATES:
        if Path(p).exists():
            return p
    raise FileNotFoundError("no CJK TrueType font: apt-get install fonts-wqy-zenhei (or fonts-noto-cjk)")


def write_png(blocks: list[tuple[str, Any]], path: Path, width: int = 1400, tables_only: bool = False) -> None:
    """A 'scan': the report drawn with Pillow (ruled tables, black on white), as one tall image."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = find_font()
    f_text = ImageFont.truetype(font_path, 22)
    f_cell = ImageFont.truetype(font_path, 20)
    margin = 50
    inner = width - 2 * margin
    ops: list[tuple[str, Any]] = []  # measured first, drawn on an image of the right height
    y = margin
    for kind, content in blocks:
        if kind in ("h", "p"):
            if tables_only and kind == "p":
                continue
            for line in _wrap(content, f_text, inner):
                ops.append(("text", (margin, y, line, f_text)))
                y += 40
            y += 8
            continue
        matrix, spans = grid(content)
        n = len(matrix[0])
        if n == 10:
            fr = [0.12, 0.13, 0.2] + [0.55 / 7] * 7
        else:
            fr = [1 / n] * n
        xs = [margin]
        for f in fr:
            xs.append(xs[-1] + round(f * inner))
        span_of = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in spans}
        # row heights: enough lines for each single-row cell's wrapped text
        heights = []
        for r, row in enumerate(matrix):
            h = 40
            for c, text in enumerate(row):
                if text and span_of.get((r, c), (r, c))[0] == r:
                    c1 = span_of.get((r, c), (r, c))[1]
                    lines = _wrap(text, f_cell, xs[c1 + 1] - xs[c] - 12)
                    h = max(h, 28 * len(lines) + 12)
            heights.append(h)
        ys = [y]
        for h in heights:
            ys.append(ys[-1] + h)
        for r, row in enumerate(matrix):
            for c, text in enumerate(row):
                if text is None:
                    continue
                r1, c1 = span_of.get((r, c), (r, c))
                box = (xs[c], ys[r], xs[c1 + 1], ys[r1 + 1])
                ops.append(("cell", (box, text, f_cell)))
        y = ys[-1] + 30
    img = Image.new("L", (width, y + margin), 255)
    draw = ImageDraw.Draw(img)
    for kind, args in ops:
        if kind == "text":
            x, yy, line, font = args
            draw.text((x, yy), line, fill=0, font=font)
        else:
            box, text, font = args
            draw.rectangle(box, outline=0, width=2)
            lines = _wrap(text, font, box[2] - box[0] - 12)
            total = 28 * len(lines)
            ty = (box[1] + box[3]) / 2 - total / 2
            for line in lines:
                tw = draw.textlength(line, font=font)
                draw.text(((box[0] + box[2]) / 2 - tw / 2, ty), line, fill=0, font=font)
                ty += 28
    img.save(str(path))


def _wrap(text: str, font: Any, width: float) -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if cur and font.getlength(cur + ch) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    return lines + [cur] if cur else lines or [""]


# ---------------------------------------------------------------- command line


def seed_files(seed: str) -> tuple[Path, dict[str, Any]]:
    for gold_path in sorted((ROOT / "eval" / "real").rglob(f"{seed}*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        return gold_path.with_name(gold["doc"]), gold
    raise SystemExit(f"no gold file for seed {seed!r} under eval/real")


def make_all(seed: str, out: Path, formats: tuple[str, ...] = ("html", "pdf", "docx", "png")) -> dict[str, Path]:
    report, gold = seed_files(seed)
    from extractor.segment import find_tables

    text = report.read_text(encoding="utf-8")
    seg = find_tables(text)
    prose = text[: min([s[0] for s in seg.tables().values()] or [len(text)])]
    blocks = report_blocks(gold, prose)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{seed}_report"
    written = {}
    writers = {"html": write_html, "pdf": write_pdf, "docx": write_docx, "png": write_png, "scanpdf": write_scanpdf}
    for fmt in formats:
        p = out / (f"{stem}_scan.pdf" if fmt == "scanpdf" else f"{stem}.{fmt}")
        writers[fmt](blocks, p)
        written[fmt] = p
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", default="003", help="seed/report name prefix in eval/real (default 003)")
    ap.add_argument("--out", default="formats", help="folder to write into")
    ap.add_argument("--formats", default="html,pdf,docx,png", help="any of html,pdf,docx,png,scanpdf")
    args = ap.parse_args()
    for fmt, p in make_all(args.seed, Path(args.out), tuple(args.formats.split(","))).items():
        print(f"{fmt}\t{p}")


if __name__ == "__main__":
    main()
