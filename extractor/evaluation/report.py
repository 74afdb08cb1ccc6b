"""The readable report of a run (Markdown, or HTML with wrong cells highlighted) and of a comparison.

Both formats render the same sections (title, rows), built once by `sections()`.
"""

from __future__ import annotations

import html
from typing import Any

from .. import catalogue
from .metrics import wrong_cells

Section = tuple[str, list[str], list[list[Any]]]  # (title, header, rows)

#: Wrong cells listed per set in the readable report (the run file holds all of them).
MAX_WRONG_ROWS = 300


def pct(x: float | None) -> str:
    return "–" if x is None else f"{x * 100:.2f} %"


def _ratio(part: int, whole: int, rate: float | None) -> str:
    return f"{pct(rate)} ({part}/{whole})"


def _count_share(count: int | None, whole: int, rate: float | None) -> str:
    return "–" if count is None else f"{count} ({pct(rate)} of {whole})"


def headline(s: dict[str, Any]) -> list[list[Any]]:
    """The figures of one set, as (figure, value) rows ("–": unknown, e.g. in an old run file)."""
    r, u = s["routing"], s["usage"]
    n = s["documents"]
    status = ", ".join(f"{k} {v}" for k, v in sorted(s["status"].items()))
    wrong_verified = f"{r['wrong_verified']}" + (f" ({', '.join(r['wrong_verified_docs'])})" if r["wrong_verified"] else "")
    undecided = _count_share(s.get("undecided"), s["cells"], s.get("undecided_rate"))
    if s.get("undecided") is not None:
        undecided += f", {s['undecided_with_gold']} with the gold among the candidates"
    rows = [
        ["reports", n],
        ["field accuracy (all cells, decided right)", _ratio(s["right"], s["cells"], s["accuracy"])],
        ["field accuracy (non-zero gold cells)", _ratio(s["nonzero_right"], s["nonzero_cells"], s["nonzero_accuracy"])],
        ["undecided cells", undecided],
        ["cells the print leaves undecidable (gold `ambiguous`)", _cnt(s, "ambiguous_cells")],
        ["wrong cells (decided wrong, not found, undecided without the gold)",
         _count_share(s.get("wrong_cells"), s["cells"], s.get("wrong_rate"))],
        ["document exact match (every cell decided right)", _ratio(s["exact"], n, s["exact_rate"])],
        ["documents with no wrong cell (right or undecided with the gold)",
         "–" if s.get("no_wrong") is None else _ratio(s["no_wrong"], n, s["no_wrong_rate"])],
        ["format-version accuracy", pct(s["template_accuracy"])],
        ["organ accuracy", pct(s["organ_accuracy"])],
        ["year accuracy", pct(s["year_accuracy"])],
        ["status", status],
        ["reports that failed (no record)", _failed(s)],
        ["review recall: printed tables break an identity → flagged",
         _ratio(r["source_violation_flagged"], r["source_violation_docs"], r["recall"])],
        ["read wrongly → flagged", _ratio(r["wrong_flagged"], r["wrong_docs"], r["wrong_flag_rate"])],
        ["**read wrongly but verified** (must be 0)", wrong_verified],
        ["read right & consistent → flagged needlessly",
         _ratio(r["needless_flags"], r["right_consistent_docs"], r["needless_flag_rate"])],
    ]
    nr = s.get("non_reports")
    if nr and nr["documents"]:
        got_through = f"; not rejected: {', '.join(nr['not_rejected_docs'][:10])}" if nr["not_rejected_docs"] else ""
        rows.append(["not-a-report rejected (failed)",
                     _ratio(nr["rejected"], nr["documents"], nr["rejected_rate"])
                     + f" (review {nr['review']}, verified {nr['verified']}{got_through})"])
    rows += [
        ["model calls / report", u["calls_per_doc"]],
        ["prompt tokens / report", u["prompt_tokens_per_doc"]],
        ["completion tokens / report", u["completion_tokens_per_doc"]],
        ["seconds / report (max)", f"{u['seconds_per_doc']:.3f} ({u['seconds_max']:.3f})"],
    ]
    if u.get("documents_with_calls"):
        rows += [
            ["reports that needed the model: questions asked",
             f"{u['documents_with_calls']} reports, {u.get('questions', 0)} questions"],
            ["… median tokens (prompt + completion) and seconds per report",
             f"{u['tokens_median_with_calls']} tokens, {u['seconds_median_with_calls']:.1f} s"],
            ["cells the model settled (checked by the identities): right",
             f"{u['model_cells_right']}/{u['model_cells']}"],
        ]
    return rows


def _cnt(v: dict[str, Any], key: str) -> str:
    return "–" if v.get(key) is None else str(v[key])


def group_rows(groups: dict[str, dict[str, Any]]) -> list[list[Any]]:
    """One row per family (or input format): reports, exact, no-wrong, undecided, wrong, accuracy."""
    rows = []
    for k, v in groups.items():
        rejected = f"{v['rejected']}/{v['non_reports']}" if v.get("non_reports") else ""
        if not v["documents"]:  # only texts that are not reports: no cell figures
            rows.append([k, 0, "–", "–", "–", "–", "–", "–", "–", rejected])
            continue
        undecided = "–" if v.get("undecided") is None else f"{v['undecided']} ({v['undecided_with_gold']} w/ gold)"
        rows.append([k, v["documents"], f"{v['exact']}/{v['documents']}",
                     "–" if v.get("no_wrong") is None else f"{v['no_wrong']}/{v['documents']}",
                     undecided, _cnt(v, "wrong_cells"), pct(v["accuracy"]), pct(v["nonzero_accuracy"]),
                     "–" if v.get("organ_right") is None else f"{v['organ_right']}/{v['documents']}", rejected])
    return rows


GROUP_HEADER = ["reports", "exact", "no wrong", "undecided", "wrong cells", "field accuracy", "non-zero accuracy",
                "organ right", "not-a-report rejected"]
CELL_HEADER = ["report", "key", "cell (表 / row / column)", "gold", "found", "how"]


def _failed(s: dict[str, Any]) -> str:
    names = s.get("failed_docs")
    if names is None:
        return "–"  # a run file written before failed reports were named
    return f"{len(names)}" + (f": {', '.join(names[:10])}" + ("…" if len(names) > 10 else "") if names else "")


def cell_label(key: str) -> str:
    """The Chinese name of a cell as the format prints it: 表三 / 一、本年新收… / 自然人."""
    try:
        f = catalogue.field(key)
    except KeyError:
        return ""
    return f"表{f.section} / {f.row} / {f.column}"


def _how(c: dict[str, Any]) -> str:
    state = c.get("state", "wrong")
    if state.startswith("undecided"):
        return f"{state} {c.get('candidates')}"
    return state


def sections(run: dict[str, Any], *, max_wrong: int = MAX_WRONG_ROWS) -> list[Section]:
    out: list[Section] = []
    for set_name, s in run["summary"].items():
        docs = [d for d in run["docs"] if d["set"] == set_name]
        out.append((f"Set `{set_name}`", ["figure", "value"], headline(s)))
        for by, label in (("by_family", "family"), ("by_input_format", "input format")):
            out.append((f"`{set_name}` by {label}", [label, *GROUP_HEADER], group_rows(s[by])))
        if set_name == "real" or len(docs) <= 30:
            out.append((f"`{set_name}` per report", ["report", "family", "status", "right", "non-zero right",
                                                     "undecided", "wrong", "exact", "rule errors", "seconds"],
                        [[d["id"], d["family"], d["status"], f"{d['right']}/{d['cells']}",
                          f"{d['nonzero_right']}/{d['nonzero_cells']}", _cnt(d, "undecided"), _cnt(d, "wrong_cells"),
                          "yes" if d["exact"] else "**no**", len(d["rule_errors"]), d["seconds"]] for d in docs]))
        fields = sorted(((k, v) for k, v in s["by_field"].items() if v["wrong"] or v.get("undecided")),
                        key=lambda kv: (-kv[1]["wrong"], -kv[1].get("undecided", 0), kv[0]))
        out.append((f"`{set_name}` fields not read right", ["key", "wrong", "undecided", "of reports", "accuracy"],
                    [[k, v["wrong"], v.get("undecided", "–"), v["documents"], pct(v["accuracy"])] for k, v in fields[:40]]))
        cells = wrong_cells(docs)
        rows = [[c["id"], c["key"], cell_label(c["key"]), c["gold"], c["found"], _how(c)] for c in cells[:max_wrong]]
        title = f"`{set_name}` cells not read right ({len(cells)})"
        if len(cells) > max_wrong:
            title += f", first {max_wrong}; all are in the run file"
        out.append((title, CELL_HEADER, rows))
    return out


def _about(run: dict[str, Any]) -> list[str]:
    cv = run.get("code_version") or {}
    return [
        f"engine `{run.get('engine')}`, model `{run.get('model') or '–'}`, prompt `{run.get('prompt_version') or '–'}`",
        f"code {cv.get('package') or '?'} ({cv.get('git') or 'no git'}), run {run.get('date')}",
    ]


def to_markdown(run: dict[str, Any]) -> str:
    lines = [f"# xxgk eval: {run.get('engine')}" + (f" / {run['model']}" if run.get("model") else ""), ""]
    lines += [f"- {x}" for x in _about(run)] + [""]
    for title, header, rows in sections(run):
        lines += [f"## {title}", ""] + md_table(header, rows) + [""]
    return "\n".join(lines)


def to_html(run: dict[str, Any]) -> str:
    """A standalone page; wrong cells and wrong-but-verified figures are highlighted."""
    parts = [
        "<!doctype html><html lang='zh'><head><meta charset='utf-8'>",
        f"<title>xxgk eval {html.escape(str(run.get('engine')))}</title><style>",
        "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}",
        "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}th{background:#eee}",
        ".bad{background:#fdd}.gold{color:#060}",
        "</style></head><body>",
        f"<h1>xxgk eval: {html.escape(str(run.get('engine')))}</h1><ul>",
    ]
    parts += [f"<li>{html.escape(x.replace('`', ''))}</li>" for x in _about(run)]
    parts.append("</ul>")
    for title, header, rows in sections(run):
        parts.append(f"<h2>{html.escape(title.replace('`', ''))}</h2><table><tr>")
        parts += [f"<th>{html.escape(h)}</th>" for h in header]
        parts.append("</tr>")
        wrong_table = header == CELL_HEADER
        for row in rows:
            parts.append("<tr>")
            for i, cell in enumerate(row):
                text = str(cell)
                undecided = wrong_table and str(row[5]).startswith("undecided ")
                bad = ((wrong_table and i == 4 and not undecided) or text == "**no**"  # a wrong cell, a report not exact
                       or (i == 1 and str(row[0]).startswith("**") and text != "0"))  # wrong but verified
                cls = " class='bad'" if bad else (" class='gold'" if wrong_table and i == 3 else "")
                parts.append(f"<td{cls}>{html.escape(text.replace('**', ''))}</td>")
            parts.append("</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def compare_markdown(diff: dict[str, Any], *, max_cells: int = 400) -> str:
    a, b = diff["a"], diff["b"]
    lines = ["# xxgk eval compare", "",
             f"- A: {a['engine']} / {a.get('model') or '–'}, {a.get('date')} ({(a.get('code_version') or {}).get('git')})",
             f"- B: {b['engine']} / {b.get('model') or '–'}, {b.get('date')} ({(b.get('code_version') or {}).get('git')})", ""]
    rows = [[f["set"], f["figure"], _fmt(f["a"], f["figure"]), _fmt(f["b"], f["figure"]), _delta(f)] for f in diff["figures"]]
    lines += ["## Figures", ""] + md_table(["set", "figure", "A", "B", "B − A"], rows) + [""]
    if diff["documents"]:
        lines += ["## Reports whose outcome changed", ""] + md_table(
            ["set", "report", "A", "B"], [[d["set"], d["id"], d["a"], d["b"]] for d in diff["documents"]]) + [""]
    cells = diff["cells"]
    lines += [f"## Cells that differ ({len(cells)})", ""]
    lines += md_table(["set", "report", "key", "gold", "A", "B"], [
        [c["set"], c["id"], c["key"], c["gold"], _mark(c["a"], c.get("a_state", "right" if c["a_ok"] else "wrong")),
         _mark(c["b"], c.get("b_state", "right" if c["b_ok"] else "wrong"))]
        for c in cells[:max_cells]])
    if len(cells) > max_cells:
        lines.append(f"\n… and {len(cells) - max_cells} more")
    for side in ("a", "b"):
        if diff[f"only_in_{side}"]:
            lines += ["", f"Only in {side.upper()}: {', '.join(diff[f'only_in_{side}'])}"]
    return "\n".join(lines) + "\n"


def _mark(value: Any, state: str) -> str:
    """A cell's reading in a comparison: plain when right, `?` when undecided with the gold among
    its candidates, ✗ when wrong."""
    if state == "right":
        return f"{value}"
    if state == "undecided":
        return f"{value} ?"
    return f"**{value}** ✗"


def _fmt(x: Any, figure: str) -> str:
    if x is None:
        return "–"
    if isinstance(x, float) and any(w in figure for w in ("accuracy", "match", "recall", "review", "share")) and "/" not in figure:
        return pct(x)
    return str(x)


def _delta(f: dict[str, Any]) -> str:
    a, b = f["a"], f["b"]
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return ""
    d = b - a
    if d == 0:
        return "="
    if isinstance(a, float) and _fmt(a, f["figure"]).endswith("%"):
        return f"{d * 100:+.2f} pt"
    return f"{d:+g}"


def md_table(header: list[str], rows: list[list[Any]]) -> list[str]:
    if not rows:
        return ["(none)"]
    esc = lambda v: str(v).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + [
        "| " + " | ".join(esc(v) for v in row) + " |" for row in rows]



def figures_table(runs: list[dict[str, Any]]) -> str:
    """One Markdown row per run and set: the headline figures, for a README ("–": unknown)."""
    return "\n".join(md_table(*figures(runs))) + "\n"


def figures(runs: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """(column names, one row per run and set): the headline figures of `figures_table`, for
    any rendering (Markdown, a terminal table, JSON)."""
    header = ["engine", "model", "set", "reports", "field acc.", "non-zero acc.", "undecided (w/ gold)", "wrong cells",
              "exact docs", "no-wrong docs", "review recall", "wrong but verified", "needless review",
              "not-a-report rejected", "calls / report", "tokens / report", "median tokens (with a call)",
              "cells settled by the model (right)", "s / report"]
    rows = []
    for run in runs:
        for set_name, s in run["summary"].items():
            r, u = s["routing"], s["usage"]
            nr = s.get("non_reports") or {}
            rows.append([
                run.get("engine"), run.get("model") or "–", set_name, s["documents"], pct(s["accuracy"]),
                pct(s["nonzero_accuracy"]),
                "–" if s.get("undecided") is None else f"{s['undecided']} ({s['undecided_with_gold']})",
                "–" if s.get("wrong_cells") is None else f"{s['wrong_cells']} ({pct(s['wrong_rate'])})",
                f"{s['exact']}/{s['documents']}",
                "–" if s.get("no_wrong") is None else f"{s['no_wrong']}/{s['documents']}",
                f"{r['source_violation_flagged']}/{r['source_violation_docs']}",
                f"{r['wrong_verified']}/{r['wrong_docs']}", f"{r['needless_flags']}/{r['right_consistent_docs']}",
                f"{nr['rejected']}/{nr['documents']}" if nr.get("documents") else "–",
                u["calls_per_doc"], round(u["prompt_tokens_per_doc"] + u["completion_tokens_per_doc"]),
                u.get("tokens_median_with_calls", "–") if u.get("documents_with_calls") else "–",
                f"{u['model_cells']} ({u['model_cells_right']})" if "model_cells" in u else "–",
                f"{u['seconds_per_doc']:.3f}",
            ])
    return header, rows
