"""`xxgk serve`: the review queue as server-rendered pages (FastAPI + Jinja2, no build step).

Every page is rendered with autoescaping, the source HTML is rebuilt from its cells' text
(`_sanitise`), and a strict Content-Security-Policy allows only our own script file: a report's
text can never run script in the reviewer's browser. `_guard` answers only the server's own host
names and refuses any post without the server's CSRF token or from another origin. A decision on
an item someone else closed meanwhile is a 409, bad input a 400 (422 for the live check), an
unknown item a 404.
"""

from __future__ import annotations

import getpass
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import catalogue
from ..cellstate import BLANK_MARKS, STATE_NAMES
from ..errors import ReviewConflictError, ReviewError, UnknownItemError
from ..result import ReviewReason
from ..store import Store
from . import _layout
from ._guard import FIELD, Guard, new_token
from ._marks import marks
from ._sanitise import html_tables
from .across import finding_rows, item_ids, stored_reports
from .names import doubt_name, reason_name, rule_name
from .queue import (
    OUTCOMES, batches, check_values, counts, get_item, list_items, neighbours, progress, reopen, resolve, save_values,
)

_STATIC = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}


def _env() -> Environment:
    env = Environment(loader=PackageLoader("extractor.review", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(label=_label, fmt=_fmt, OUTCOMES=OUTCOMES, summarise=summarise, state_label=state_label,
                       state_names=STATE_NAMES, rule_name=rule_name, doubt_name=doubt_name, reason_name=reason_name)
    return env


def state_label(state: str, outcome: str | None) -> str:
    """An item's state as the page says it."""
    if state == "open":
        return "待审核（已重新打开）" if outcome == "reopened" else "待审核"
    if state == "superseded":
        return "已被重新提取取代（未审核）"
    return f"已结案：{OUTCOMES.get(outcome or '', outcome)}"


def summarise(reasons: list[str]) -> list[tuple[str, int]]:
    """`error:outcome_sum:requests.total`, `doubt:key:reason` … → [("outcome_sum", 2), ("doubt", 17)]."""
    seen: dict[str, int] = {}
    for text in reasons:
        r = ReviewReason.parse(text)
        name = r.subject.split(":", 1)[0] if r.kind == "error" else r.kind
        seen[name] = seen.get(name, 0) + 1
    return list(seen.items())


#: doubts about the report itself rather than a cell (the engine could not settle them)
_REPORT_LABELS = {"organ": "发布机关", "year": "报告年度", "template": "格式版本"}


def _label(key: str) -> str:
    if key in _REPORT_LABELS:
        return _REPORT_LABELS[key]
    f = catalogue.field(key)
    return f"表{f.section} {f.row} / {f.column}"


def _fmt(value: Any) -> str:
    return "" if value is None else str(value)


#: the queue filters an item page carries along (next/previous, back to the queue, after resolving)
_FILTERS = ("rule", "template", "organ", "batch")


def queue_filters(params: Any) -> tuple[dict[str, Any], str]:
    """The queue's filters from a query string: (keyword arguments of `list_items`, the query
    string to carry them on). A batch that is not a number is a `ValueError`."""
    raw = {k: str(params.get(k, "") or "").strip() for k in _FILTERS}
    kept = {k: v for k, v in raw.items() if v}
    args: dict[str, Any] = {k: kept.get(k) for k in ("rule", "template", "organ")}
    args["batch"] = int(kept["batch"]) if "batch" in kept else None
    return args, urlencode(kept)


def _item_url(item_id: int, qs: str, **extra: Any) -> str:
    query = "&".join(q for q in (qs, urlencode(extra)) if q)
    return f"/items/{item_id}" + (f"?{query}" if query else "")


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return ""


def _blanks(d: Any) -> set[str]:
    """Cells printed blank (or —, /, 无) whose value is still that blank's 0: shown empty, marked 空白."""
    return {k for k, st in d.states.items() if st == "blank" and d.values.get(k) == 0
            and d.printed.get(k, "x").strip() in BLANK_MARKS}


def item_number(raw: str) -> int:
    """`/items/{raw}` → an item id: ASCII digits only, else `UnknownItemError` (a 404)."""
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 19):
        raise UnknownItemError(raw)
    return int(raw)


def _status(exc: ReviewError) -> int:
    """The HTTP status of a refused reviewer action: unknown item, closed meanwhile, or bad input."""
    return 404 if isinstance(exc, UnknownItemError) else 409 if isinstance(exc, ReviewConflictError) else 400


def create_app(store: Store, *, reviewer: str | None = None, allowed_hosts: list[str] | tuple[str, ...] = ()) -> FastAPI:
    """The review web app over a store; it answers the loopback names and `allowed_hosts`."""
    app = FastAPI(title="xxgk review", docs_url=None, redoc_url=None, openapi_url=None)
    token = new_token()  # this server's: a page of another server (or an old one) cannot post here
    app.add_middleware(Guard, token=token, hosts=allowed_hosts)
    env = _env()
    env.globals.update(csrf_token=token, csrf_field=FIELD)
    who = reviewer if reviewer is not None else default_reviewer()

    def page(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**ctx), status_code=status)

    @app.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in _STATIC:
            return Response("not found", status_code=404)
        body = resources.files("extractor.review").joinpath("static", name).read_bytes()
        return Response(body, media_type=_STATIC[name])

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/", response_class=HTMLResponse)
    def queue(state: str = "open", rule: str = "", template: str = "", organ: str = "", batch: str = "",
              done: str = "") -> HTMLResponse:
        try:
            batch_id = int(batch) if batch.strip() else None
            items = list_items(store, state=state, rule=rule or None, template=template or None,
                               organ=organ or None, batch=batch_id)
            everything = list_items(store, state="all")
        except (ReviewError, ValueError) as exc:
            return page("error.html", 400, message=str(exc))
        _, qs = queue_filters(dict(rule=rule, template=template, organ=organ, batch=batch))
        return page("queue.html", items=items, counts=counts(items), all_counts=counts(everything),
                    batches=batches(store), progress=progress(store), qs=qs,
                    done=int(done) if done.isascii() and done.isdigit() and len(done) < 19 else None,
                    f=dict(state=state, rule=rule, template=template, organ=organ, batch=batch))

    def item_page(item_id: int, *, status: int = 200, error: str | None = None, raw: dict[str, str] | None = None,
                  comment: str = "", message: str | None = None, params: Any = None) -> HTMLResponse:
        try:
            d = get_item(store, item_id)
            filters, qs = queue_filters(params or {})
            prev_id, next_id = neighbours(store, item_id, **filters)
        except ReviewError as exc:
            return page("error.html", _status(exc), message=str(exc))
        except ValueError as exc:
            return page("error.html", 400, message=str(exc))
        shown = dict(d.values)
        shown.update(raw or {})
        changed = {k for k in d.values if d.values.get(k) != d.extracted.get(k)}
        absent = {t for t in ("active", "requests", "review", "litigation_direct", "litigation_after_review")
                  if all(v is None for k, v in d.values.items() if k.split(".")[0] == t)}
        done = (params or {}).get("done", "")
        return page(
            "item.html", status, d=d, s=d.summary, values=shown, error=error, message=message,
            reviewer=who, comment=comment, absent=absent, tables=_layout.tables(catalogue.as_template(d.template), d.values),
            marks=marks(d.template, d.violations, d.values, d.printed, changed), blanks=_blanks(d),
            html_tables=html_tables(d.source_html), changed=changed, qs=qs,
            prev_url=_item_url(prev_id, qs) if prev_id else None, next_url=_item_url(next_id, qs) if next_id else None,
            done=int(done) if str(done).isascii() and str(done).isdigit() and len(str(done)) < 19 else None,
        )

    @app.get("/items/{raw_id}", response_class=HTMLResponse)
    def item(raw_id: str, request: Request) -> HTMLResponse:
        try:
            return item_page(item_number(raw_id), params=request.query_params)
        except UnknownItemError as exc:
            return page("error.html", 404, message=str(exc))

    @app.post("/items/{raw_id}/check")
    async def live_check(raw_id: str, request: Request) -> JSONResponse:
        """Re-run the rules on the reviewer's current inputs; nothing is stored."""
        try:
            detail = get_item(store, item_number(raw_id))
            body = await request.json()
            values = body.get("values", {}) if isinstance(body, dict) else None
            if not isinstance(values, dict):
                raise ReviewError("values must be an object of cell key → value")
            new, violations = check_values(detail, values)
        except UnknownItemError as exc:
            return JSONResponse({"ok": False, "error": str(exc)}, status_code=404)
        except ReviewError as exc:
            return JSONResponse({"ok": False, "error": str(exc)}, status_code=422)
        except ValueError as exc:  # not JSON
            return JSONResponse({"ok": False, "error": f"bad request: {exc}"}, status_code=400)
        changed = [k for k, v in new.items() if v != detail.extracted.get(k)]
        return JSONResponse({"ok": True, "violations": [
            {**v.model_dump(mode="json"), "name": rule_name(v.rule)} for v in violations],
            "marks": marks(detail.template, violations, new, detail.printed, changed)})

    @app.post("/items/{raw_id}", response_class=HTMLResponse)
    async def submit(raw_id: str, request: Request) -> Response:
        try:
            item_id = item_number(raw_id)
        except UnknownItemError as exc:
            return page("error.html", 404, message=str(exc))
        form = await request.form()
        raw = {k[5:]: str(v) for k, v in form.items() if k.startswith("cell:")}
        action = str(form.get("action", "save"))
        name = str(form.get("reviewer", "")).strip() or who
        comment = str(form.get("comment", ""))
        params = request.query_params
        try:
            filters, qs = queue_filters(params)
        except ValueError as exc:
            return page("error.html", 400, message=str(exc))
        try:
            if action == "save":
                save_values(store, item_id, raw, reviewer=name or "reviewer")
            elif action == "reopen":
                reopen(store, item_id, reviewer=name, comment=comment)
            elif action in OUTCOMES:
                resolve(store, item_id, outcome=action, reviewer=name, comment=comment, values=raw)
                # on to the next open item of the same queue (the queue itself when none is left)
                _, next_id = neighbours(store, item_id, **filters)
                if next_id is not None:
                    return RedirectResponse(_item_url(next_id, qs, done=item_id), status_code=303)
                return RedirectResponse("/?" + "&".join(q for q in (qs, f"done={item_id}") if q), status_code=303)
            else:
                raise ReviewError(f"unknown action {action!r}")
        except ReviewError as exc:
            return item_page(item_id, status=_status(exc), error=str(exc), raw=raw, comment=comment, params=params)
        return RedirectResponse(_item_url(item_id, qs), status_code=303)

    @app.get("/across", response_class=HTMLResponse)
    def across() -> HTMLResponse:
        from rules.across_reports import check_across, year_over_year

        reports = stored_reports(store)
        items = item_ids(store)
        findings = [(f, finding_rows(f, reports, items)) for f in check_across(reports)]
        return page("across.html", findings=findings, rows=year_over_year(reports), items=items)

    return app
