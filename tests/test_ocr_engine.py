"""The OCR engine's steps as the loader runs them, cheaper in time and memory, give the engine's
own results to the bit: the recogniser run one image at a time, the detector's input normalised
in place in float32."""

from __future__ import annotations

import pytest


def _page():
    """A small ruled page with a label and numbers, as BGR pixels."""
    np = pytest.importorskip("numpy")
    pytest.importorskip("rapidocr_onnxruntime")
    from _formats import cjk_font_or_skip
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(cjk_font_or_skip(), 24)
    page = Image.new("RGB", (640, 260), "white")
    d = ImageDraw.Draw(page)
    d.rectangle((20, 20, 620, 240), outline="black", width=2)
    d.line((300, 20, 300, 240), fill="black", width=2)
    d.line((20, 130, 620, 130), fill="black", width=2)
    d.text((40, 60), "本年新收政府信息公开申请数量", fill="black", font=font)
    d.text((420, 60), "1203", fill="black", font=font)
    d.text((40, 170), "行政处罚", fill="black", font=font)
    d.text((440, 170), "7", fill="black", font=font)
    return np.asarray(page)[:, :, ::-1].copy()


def test_the_detector_finds_the_engines_boxes_with_its_input_normalised_in_float32(monkeypatch):
    np = pytest.importorskip("numpy")
    from extractor.load import _recognise
    from extractor.load._recognise import _engine, detect

    monkeypatch.setattr(_recognise, "DET_WINDOW", False)  # the whole page, as the engine detects it
    img = _page()
    engine = _engine()
    mine = detect(engine, img)
    theirs, _ = engine.auto_text_det(img)
    assert mine is not None and len(mine) == len(theirs) >= 2
    assert all(np.array_equal(a, b) for a, b in zip(mine, theirs))


def test_the_recogniser_run_one_image_at_a_time_reads_a_batch_to_the_bit():
    np = pytest.importorskip("numpy")
    from extractor.load._recognise import OneByOne, _engine

    engine = _engine()
    rec = engine.text_rec
    assert isinstance(rec.session, OneByOne)
    img = _page()
    crops = [img[50:100, 30:300], img[50:100, 400:520], img[160:210, 30:200], img[160:210, 420:480]]
    ratio = max(c.shape[1] / c.shape[0] for c in crops)
    batch = np.concatenate([rec.resize_norm_img(c, ratio)[np.newaxis] for c in crops]).astype(np.float32)
    one_by_one = rec.session(batch)[0]
    whole = rec.session.session(batch)[0]  # the engine's own session, the batch at once
    assert one_by_one.shape == whole.shape and np.array_equal(one_by_one, whole)


def test_the_engines_worker_threads_sleep_when_idle_and_other_sessions_are_left_alone():
    """Spinning threads burn a core a busy machine needs (the engine's sessions are built with
    `allow_spinning` 0); the option is set for the engine's sessions only, not for onnxruntime
    sessions built later by anyone else."""
    pytest.importorskip("rapidocr_onnxruntime")
    from rapidocr_onnxruntime.utils import infer_engine

    from extractor.load._recognise import _engine

    engine = _engine()
    for session in (engine.text_det.infer.session, engine.text_rec.session.session.session):
        assert session.get_session_options().get_session_config_entry("session.intra_op.allow_spinning") == "0"
    opts = infer_engine.OrtInferSession._init_sess_opts({})
    with pytest.raises(Exception):
        opts.get_session_config_entry("session.intra_op.allow_spinning")  # not set: onnxruntime's default


def test_the_lines_read_keeping_the_labels_outputs_read_as_without_keeping_them():
    """`recognise_lines` keeping a possible label's output reads each line as it does without
    keeping them (each at its own width since the twelfth round), to the bit."""
    np = pytest.importorskip("numpy")
    from extractor.load._labels import candidates
    from extractor.load._recognise import _engine, recognise_lines

    engine = _engine()
    img = _page()
    crops = [img[50:100, 30:300], img[50:100, 400:520], img[160:210, 30:200], img[160:210, 420:480],
             img[50:100, 30:200], img[160:210, 30:260], img[50:100, 60:300], img[160:210, 40:200]]
    kept: dict = {}
    mine = recognise_lines(engine, crops, kept)
    theirs = recognise_lines(engine, crops)
    assert [t for t, _ in mine] == [t for t, _ in theirs] and np.allclose([s for _, s in mine], [s for _, s in theirs], rtol=0, atol=0)
    assert set(kept) == {i for i, (t, _) in enumerate(mine) if candidates(t)}
