"""The scan family (eval/scans.py): its generator is deterministic and its levels differ as
described; a phone-level table reads back through the page clean-up (extractor/load/_cleanup.py)."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from _formats import cjk_font_or_skip, gold, make_formats

ROOT = Path(__file__).resolve().parents[1]


@cache
def scans() -> ModuleType:
    make_formats()  # eval/scans.py imports it by name
    spec = importlib.util.spec_from_file_location("scans", ROOT / "eval" / "scans.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["scans"] = mod
    spec.loader.exec_module(mod)
    return mod


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_generator_is_deterministic_with_three_levels(tmp_path):
    pytest.importorskip("cv2")
    cjk_font_or_skip()
    sc = scans()
    a = sc.generate(tmp_path / "a", only=("003_",))
    sc.generate(tmp_path / "b", only=("003_",))
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")  # same seed, same bytes (PDFs too)
    families = sorted({p.name.split("__")[1].split(".")[0] for p in a})
    assert families == ["scan-clean", "scan-office", "scan-phone"]
    from PIL import Image

    widths = {lv: Image.open(next((tmp_path / "a").glob(f"*__scan-{lv}.[pj]*g"))).width for lv in sc.LEVELS}
    assert widths["clean"] > widths["office"] > widths["phone"]  # 200, 150, 100–120 dpi
    # the gold of each scan is the report's label, readable by the eval's own loader
    from extractor.evaluation import load_set

    cases = load_set(tmp_path / "a", set_name="scans")
    assert len(cases) == 6 and {c.input_format for c in cases} == {"image", "scanpdf"}
    assert all(c.fields == cases[0].fields for c in cases)
    sc.generate(tmp_path / "c", only=("003_",), levels=("phone",), seed=1)
    phone = {k: v for k, v in _digests(tmp_path / "a").items() if "scan-phone." in k and not k.endswith(".json")}
    assert phone and all(_digests(tmp_path / "c")[k] != v for k, v in phone.items())  # another seed, other damage


def test_cleanup_steps_keep_the_page_and_flatten_a_shadow(monkeypatch):
    monkeypatch.delenv("XXGK_SCAN_CLEANUP", raising=False)
    np = pytest.importorskip("numpy")
    pytest.importorskip("cv2")
    from extractor.load import _cleanup

    page = np.full((400, 300), 255, np.uint8)
    page[100:110, 20:280] = 0  # a rule
    shade = np.linspace(1.0, 0.5, 300, dtype=np.float32)[None, :]  # darker to the right
    shaded = (page * shade).astype(np.uint8)
    flat = _cleanup.flatten(shaded)
    assert flat.shape == page.shape and flat.dtype == np.uint8
    assert flat[300, 10] > 240 and flat[300, 290] > 240  # paper white on both sides
    assert flat[105, 150] < 60 and flat[105, 270] < 60  # the rule stays black
    noisy = np.clip(page + np.random.default_rng(0).normal(0, 12, page.shape), 0, 255).astype(np.uint8)
    clean = _cleanup.denoise(noisy)
    assert clean[200:300, 50:250].std() < noisy[200:300, 50:250].std() / 3  # paper smooth again
    assert clean[103:107, 30:270].mean() < 40  # the rule still black
    assert _cleanup.steps() == _cleanup.STEPS
    monkeypatch.setenv("XXGK_SCAN_CLEANUP", "none")
    assert _cleanup.cleanup(shaded) is shaded  # no step: the page as it was
    monkeypatch.setenv("XXGK_SCAN_CLEANUP", "flatten,nope")
    with pytest.raises(ValueError, match="unknown"):
        _cleanup.steps()


def test_phone_level_table_reads_back(tmp_path, monkeypatch):
    """表四 of seed 003 photographed (100–120 dpi, turned, shadowed, noisy, JPEG 40) through the
    default clean-up: the grid is found, most numbers read exactly, and a number misread is never
    passed on as a confident reading both reads agree on (the reader would verify it)."""
    monkeypatch.delenv("XXGK_SCAN_CLEANUP", raising=False)
    pytest.importorskip("rapidocr_onnxruntime")
    cjk_font_or_skip()
    from extractor.catalogue import APPEAL_CELLS, APPEAL_GROUPS
    from extractor.document import LOW_CONFIDENCE
    from extractor.load.ocr import load_image

    mf = make_formats()
    fields = gold("003")["fields"]
    img = scans().scan_of([("table", mf.table4(fields))], "phone", name="test-table4")
    path = tmp_path / "phone.jpg"
    img.save(path, quality=95)
    doc = load_image(str(path))
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert (t.n_rows, t.n_cols) == (4, 15)
    last = sorted((c for c in t.cells if c.row == 3), key=lambda c: c.col)
    want = [mf._num(fields, f"{g}.{c}") for g in APPEAL_GROUPS for c in APPEAL_CELLS]
    right = [c.text == w for c, w in zip(last, want)]
    assert sum(right) >= 12, [c.text for c in last]
    for c, ok in zip(last, right):
        assert ok or not (c.agreed and (c.confidence or 0) >= LOW_CONFIDENCE), (c.text, c.confidence, c.agreed)


def test_denoising_the_inked_part_of_a_page_gives_the_whole_pages_values_there():
    """Twelfth round of the scan work: a noisy page is denoised in the box round its ink (found against the paper's
    brightness, so a dark corner is no ink) with the 13 px non-local means reads round it: the
    values in the box are the whole page's, to the bit; the blank paper outside is blurred."""
    np = pytest.importorskip("numpy")
    cv2 = pytest.importorskip("cv2")
    from extractor.load import _cleanup

    rng = np.random.default_rng(7)
    page = np.full((400, 300), 210.0)
    yy, xx = np.mgrid[0:400, 0:300]
    page -= 90 * np.exp(-(xx ** 2 + yy ** 2) / (2 * 90.0 ** 2))  # a dark corner: paper, not ink
    page[150:250, 80:220:20] = 30  # rules and strokes in the middle
    page[150:250:20, 80:220] = 30
    gray = np.clip(page + rng.normal(0, 12, page.shape), 0, 255).astype(np.uint8)
    assert _cleanup.noise_level(gray) >= _cleanup.NOISY
    box = _cleanup.inked_box(gray)
    assert box is not None
    x0, y0, x1, y1 = box
    assert x0 <= 80 and y0 <= 150 and x1 >= 220 and y1 >= 250 and x0 > 40 and y0 > 100
    whole = cv2.fastNlMeansDenoising(gray, None, h=12, templateWindowSize=7, searchWindowSize=21)
    out = _cleanup.denoise(gray)
    assert np.array_equal(out[y0:y1, x0:x1], whole[y0:y1, x0:x1])
    assert out[:40, 200:].std() < gray[:40, 200:].std() / 2  # blank paper smoothed too
