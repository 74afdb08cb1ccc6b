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

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import catalogue
from ..cellstate import STATE_NAMES
from ..errors import ReviewConflictError, ReviewError, UnknownItemError
from ..store import Store
from . import _layout
from ._guard import FIELD, Guard, new_token
from ._sanitise import html_tables
from .across import stored_reports
from .queue import OUTCOMES, batches, check_values, counts, get_item, list_items, resolve, save_values

_STATIC = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}


def _env() -> Environment:
    env = Environment(loader=PackageLoader("extractor.review", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(label=_label, fmt=_fmt, OUTCOMES=OUTCOMES, table4=_layout.table4, summarise=summarise,
                       state_label=state_label, state_names=STATE_NAMES)
    return env


def state_label(state: str, outcome: str | None) -> str:
    """An item's state as the page says it."""
    if state == "open":
        return "待审核"
    if state == "superseded":
        return "已被重新提取取代（未审核）"
    return f"已结案：{OUTCOMES.get(outcome or '', outcome)}"


def summarise(reasons: list[str]) -> list[tuple[str, int]]:
    """`error:outcome_sum:requests.total`, `doubt:key:reason` … → [("outcome_sum", 2), ("doubt", 17)]."""
    seen: dict[str, int] = {}
    for r in reasons:
        kind, _, rest = r.partition(":")
        name = rest.split(":", 1)[0] if kind == "error" else kind
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


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return ""


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
    def queue(state: str = "open", rule: str = "", template: str = "", organ: str = "", batch: str = "") -> HTMLResponse:
        try:
            batch_id = int(batch) if batch.strip() else None
            items = list_items(store, state=state, rule=rule or None, template=template or None,
                               organ=organ or None, batch=batch_id)
            everything = list_items(store, state="all")
        except (ReviewError, ValueError) as exc:
            return page("error.html", 400, message=str(exc))
        return page("queue.html", items=items, counts=counts(items), all_counts=counts(everything),
                    batches=batches(store), f=dict(state=state, rule=rule, template=template, organ=organ, batch=batch))

    def item_page(item_id: int, *, status: int = 200, error: str | None = None,
                  raw: dict[str, str] | None = None, comment: str = "", message: str | None = None) -> HTMLResponse:
        try:
            d = get_item(store, item_id)
        except ReviewError as exc:
            return page("error.html", _status(exc), message=str(exc))
        bad: dict[str, list[str]] = {}
        for v in d.violations:
            for k in v.keys:
                bad.setdefault(k, []).append(v.rule)
        shown = dict(d.values)
        shown.update(raw or {})
        absent = {t for t in ("active", "requests", "review", "litigation_direct", "litigation_after_review")
                  if all(v is None for k, v in d.values.items() if k.split(".")[0] == t)}
        return page(
            "item.html", status, d=d, s=d.summary, values=shown, bad=bad, error=error, message=message,
            reviewer=who, comment=comment, absent=absent,
            t2=_layout.table2(d.template), t3=_layout.table3(d.template), t4=_layout.table4(),
            html_tables=html_tables(d.source_html),
            changed={k for k in d.values if d.values.get(k) != d.extracted.get(k)},
        )

    @app.get("/items/{raw_id}", response_class=HTMLResponse)
    def item(raw_id: str) -> HTMLResponse:
        try:
            return item_page(item_number(raw_id))
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
            _, violations = check_values(detail, values)
        except UnknownItemError as exc:
            return JSONResponse({"ok": False, "error": str(exc)}, status_code=404)
        except ReviewError as exc:
            return JSONResponse({"ok": False, "error": str(exc)}, status_code=422)
        except ValueError as exc:  # not JSON
            return JSONResponse({"ok": False, "error": f"bad request: {exc}"}, status_code=400)
        return JSONResponse({"ok": True, "violations": [v.model_dump(mode="json") for v in violations]})

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
        try:
            if action == "save":
                save_values(store, item_id, raw, reviewer=name or "reviewer")
            elif action in OUTCOMES:
                resolve(store, item_id, outcome=action, reviewer=name, comment=comment, values=raw)
            else:
                raise ReviewError(f"unknown action {action!r}")
        except ReviewError as exc:
            return item_page(item_id, status=_status(exc), error=str(exc), raw=raw, comment=comment)
        return RedirectResponse(f"/items/{item_id}", status_code=303)

    @app.get("/across", response_class=HTMLResponse)
    def across() -> HTMLResponse:
        from rules.across_reports import check_across, year_over_year

        reports = stored_reports(store)
        return page("across.html", findings=check_across(reports), rows=year_over_year(reports))

    return app
