"""A PDF whose text is another program's OCR (invisible text over page pictures, as scanner
software saves it) is trusted only as far as a scan: a number no identity checks (表二) is a doubt
with its reading as the candidate, never `verified` on one unchecked read; 表三/表四 cells,
which identities check, keep their values."""

from __future__ import annotations

from pathlib import Path

from _zip_files import expected, report_files

from extractor.engines import get_engine
from extractor.flat import to_flat
from extractor.load.pdf import load_pdf
from extractor.pipeline import extract_path


def _invisible(src: bytes, path: Path) -> Path:
    """The same PDF with every text object drawn in render mode 3 (invisible)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(src)
    for page in pdf:
        for k in range(raw.FPDFPage_CountObjects(page)):
            obj = raw.FPDFPage_GetObject(page, k)
            if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_TEXT:
                assert raw.FPDFTextObj_SetTextRenderMode(obj, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
        assert raw.FPDFPage_GenerateContent(page)
    pdf.save(str(path))
    pdf.close()
    return path


def test_printed_pdf_is_not_taken_for_recognised_text(tmp_path):
    path = tmp_path / "printed.pdf"
    path.write_bytes(report_files()[".pdf"])
    assert load_pdf(str(path)).recognised is False
    result = extract_path(str(path), get_engine("layout"))
    assert not any(d.reason == "unconfirmed_scan" for d in result.doubts.values())


def test_invisible_ocr_layer_is_read_but_its_unchecked_cells_are_doubts(tmp_path):
    path = _invisible(report_files()[".pdf"], tmp_path / "scanner.pdf")
    doc = load_pdf(str(path))
    assert doc.recognised is True
    result = extract_path(str(path), get_engine("layout"))
    gold = expected()
    fields = to_flat(result.record)
    assert result.status == "review"
    printed = [k for k, v in gold.items() if k.startswith("active.") and v not in (None, 0)]
    assert printed  # the seed prints numbers in 表二
    for key in printed:
        assert fields[key] is None, key  # unsure is null in the fields ...
        doubt = result.doubts[key]
        assert doubt.reason == "unconfirmed_scan" and float(doubt.candidates[0]) == float(gold[key])  # ... with its reading
    checked = [k for k in gold if k.startswith("requests.") and gold[k] not in (None, 0)]
    assert checked and all(float(fields[k]) == float(gold[k]) for k in checked)
