"""The text detector is not run over a scanned 表三's number block (`_recognise.parts_around`,
`detect(skip=…)`): its ~175 cells are each read from their own crop, and the page's reading of a
cell was only ever their second read. What the detector sees is the page round the block (the
title and headers above it, the labels beside it, the text below it), each part with a margin of
context, and its text map laid on a blank one of the whole page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _mask(full: tuple[int, int], ink: list[tuple[int, int, int, int]]):
    """A quarter-size ink mask of a `full` (h, w) detector input with ink in the given boxes."""
    np = pytest.importorskip("numpy")
    h, w = full
    mask = np.zeros((h // 4, w // 4), np.uint8)
    for x0, y0, x1, y1 in ink:
        mask[y0 // 4:y1 // 4, x0 // 4:x1 // 4] = 1
    return mask


def test_the_parts_round_a_block_leave_it_out_and_cover_the_rest_of_the_window():
    from extractor.load._recognise import WINDOW_PAD, parts_around

    full = (1408, 992)
    window = (0, 0, 992, 1408)
    block = (455.0, 198.0, 909.0, 1316.0)
    # ink: a title, headers, labels left of the block, its own rules, a line of text below it
    mask = _mask(full, [(60, 40, 900, 190), (60, 200, 450, 1310), (455, 198, 912, 1318), (60, 1330, 600, 1360)])
    parts = parts_around(window, [block], mask, full)
    cores = [core for core, _ in parts]
    assert len(parts) == 3  # above, below and left of it; right of it is margin and the block's rule
    for (x0, y0, x1, y1), (c0, d0, c1, d1) in parts:
        assert not (x0 < 909 and x1 > 455 and y0 < 1316 and y1 > 198)  # no core inside the block
        assert all(v % 32 == 0 or v in (992, 1408) for v in (c0, d0, c1, d1))  # on the network's grid
        assert c0 <= max(0, x0 - WINDOW_PAD) and d0 <= max(0, y0 - WINDOW_PAD)  # context round the core
        assert c1 >= min(992, x1 + WINDOW_PAD) and d1 >= min(1408, y1 + WINDOW_PAD)
    # every pixel of the window outside the block and its right margin is in one core
    covered = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in cores)
    right = (992 - 909) * (1316 - 198)
    assert covered == 992 * 1408 - (909 - 455) * (1316 - 198) - right
    work = sum((c1 - c0) * (d1 - d0) for _, (c0, d0, c1, d1) in parts)
    assert work < 0.8 * 992 * 1408  # (0.64 on huaian's phone 表三 page, nothing below its table)
    # ink right of the block (a note beside the table): that part is detected too
    noted = parts_around(window, [block], _mask(full, [(930, 600, 980, 640)]), full)
    assert any(core[0] == 909 for core, _ in noted)
    # a block outside the window, or too small to cut round: the window whole
    assert parts_around((0, 0, 400, 400), [block], mask, full) == [((0, 0, 400, 400), (0, 0, 400, 400))]


def _page():
    """A page with a title, a label column and a block of number cells, as BGR pixels."""
    np = pytest.importorskip("numpy")
    pytest.importorskip("rapidocr_onnxruntime")
    from _formats import cjk_font_or_skip
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(cjk_font_or_skip(), 24)
    page = Image.new("RGB", (900, 1200), "white")
    d = ImageDraw.Draw(page)
    d.text((150, 120), "三、收到和处理政府信息公开申请情况", fill="black", font=font)
    for r in range(6):
        y = 200 + 60 * r
        d.line((100, y, 800, y), fill="black", width=2)
    for x in (100, 400, 500, 600, 700, 800):
        d.line((x, 200, x, 500), fill="black", width=2)
    for r, label in enumerate(("予以公开", "部分公开", "不予公开", "无法提供", "不予处理")):
        y = 215 + 60 * r
        d.text((120, y), label, fill="black", font=font)
        for k, x in enumerate((400, 500, 600, 700)):
            d.text((x + 35, y), str(3 * r + k + 1), fill="black", font=font)
    d.text((150, 560), "四、政府信息公开行政复议情况", fill="black", font=font)
    return np.asarray(page)[:, :, ::-1].copy()


def test_the_detector_finds_the_lines_round_a_block_and_none_inside_it():
    np = pytest.importorskip("numpy")
    from extractor.load._recognise import _engine, detect

    img = _page()
    whole = detect(_engine(), img)
    skipped = detect(_engine(), img, [(400.0, 200.0, 800.0, 500.0)])
    assert whole is not None and skipped is not None

    def centre(b):
        return float(b[:, 0].mean()), float(b[:, 1].mean())

    inside = [b for b in whole if 400 < centre(b)[0] < 800 and 200 < centre(b)[1] < 500]
    outside = [b for b in whole if b is not None and not any(b is i for i in inside)]
    assert len(inside) >= 15  # the numbers, found when the detector looks there
    assert not any(400 < centre(b)[0] < 800 and 200 < centre(b)[1] < 500 for b in skipped)
    assert len(skipped) == len(outside) >= 7  # the title, five labels, the heading below
    # each line found round the block is the whole page's, within the few pixels the network's
    # pooling over its input moves a box by
    for a in outside:
        assert min(np.abs(a - b).max() for b in skipped) <= 5


def test_a_faint_block_cell_is_cut_at_its_own_paper_for_its_line_read():
    np = pytest.importorskip("numpy")
    from extractor.load._numbers import _ink, _line_crop

    area = np.full((40, 80), 220, np.uint8)
    area[10:30, 30:45] = 150  # a faint zero: no pixel under 128
    assert _ink(area) is None
    crop = _line_crop(area)
    assert crop is not None and crop.shape[0] > 20 and crop.shape[1] > 15
    assert _line_crop(np.full((40, 80), 220, np.uint8)) is None  # a blank cell stays blank


def test_a_scanned_table3_is_read_the_same_with_the_detector_kept_off_its_numbers(tmp_path, monkeypatch):
    """An office scan of huaian's 表三: the same cells, pinned the same way, for a third less
    detector input."""
    pytest.importorskip("rapidocr_onnxruntime")
    from test_ocr_pinned import _number_cells, _scan_table3

    from extractor.load import _recognise

    gold = json.loads((ROOT / "eval/real/reports/16_huaian_2024_pdftext.gold.json").read_text(encoding="utf-8"))
    seen: list[int] = []
    engine = _recognise._engine()
    infer = engine.text_det.infer

    def counted(x):
        seen.append(x.shape[2] * x.shape[3])
        return infer(x)

    monkeypatch.setattr(engine.text_det, "infer", counted)
    reads = {}
    for skip in (False, True):
        monkeypatch.setattr(_recognise, "DET_SKIP_BLOCK", skip)
        seen.clear()
        _, table = _scan_table3(gold["fields"], gold["meta"]["template"], tmp_path)
        reads[skip] = ({k: (c.text, c.agreed) for k, c in _number_cells(table).items()}, sum(seen))
    assert len(reads[True][0]) == 25 * 7 and reads[True][0] == reads[False][0]
    assert reads[True][1] < 0.75 * reads[False][1]
