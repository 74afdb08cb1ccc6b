// The report page: click a cell → highlight where it was read; edit a cell → the rules re-run;
// the keyboard works the whole page (j/k or n/p next/previous item, e first open problem,
// 1–9 take a doubt's candidate, Enter next cell, Ctrl+Enter resolve).
// Report text is only ever set with textContent / text nodes, never as markup.
(function () {
  "use strict";
  const source = document.getElementById("source");
  const form = document.getElementById("edit");
  const where = document.getElementById("where");
  if (!source || !form) return;
  const chars = Array.from(source.textContent); // provenance offsets count code points
  const cells = Array.from(form.querySelectorAll("td.cell input"));
  const cellOf = (key) => form.querySelector('td.cell[data-key="' + CSS.escape(key) + '"]');

  function highlight(start, end) {
    const mark = document.createElement("mark");
    mark.id = "source-mark";
    mark.textContent = chars.slice(start, end).join("");
    source.replaceChildren(
      document.createTextNode(chars.slice(0, start).join("")),
      mark,
      document.createTextNode(chars.slice(end).join(""))
    );
    // scroll the source pane only (the page stays where the reviewer is)
    source.scrollTop = Math.max(0, mark.offsetTop - source.clientHeight / 2);
  }

  function showSource(td) {
    document.querySelectorAll("td.cell.current").forEach((c) => c.classList.remove("current"));
    td.classList.add("current");
    const s = td.dataset.start, e = td.dataset.end;
    if (s === undefined || e === undefined) {
      source.replaceChildren(document.createTextNode(chars.join("")));
      where.textContent = td.title + "：没有记录读取位置";
      return;
    }
    highlight(Number(s), Number(e));
    where.textContent = td.title + "：原文第 " + s + "–" + e + " 字";
  }

  let lastCell = null;
  form.addEventListener("focusin", (ev) => {
    const td = ev.target.closest("td.cell");
    if (td) { showSource(td); lastCell = td; }
  });
  form.addEventListener("click", (ev) => {
    const td = ev.target.closest("td.cell");
    if (td) showSource(td);
  });

  // A violation (hovered or focused) outlines its cells; Enter on it goes to its culprit cell.
  const list = document.getElementById("violations");
  function focusKeys(li, on) {
    li.dataset.keys.split(" ").forEach((k) => { const td = cellOf(k); if (td) td.classList.toggle("focus", on); });
  }
  for (const [start, stop] of [["mouseover", "mouseout"], ["focusin", "focusout"]]) {
    list.addEventListener(start, (ev) => { const li = ev.target.closest("li.violation"); if (li) focusKeys(li, true); });
    list.addEventListener(stop, (ev) => { const li = ev.target.closest("li.violation"); if (li) focusKeys(li, false); });
  }

  // Live re-check of the rules on every edit (nothing is stored until the form is submitted).
  const liveError = document.getElementById("live-error");
  // every post carries this server's token (the form has it as a hidden field)
  const csrfToken = document.querySelector('meta[name="csrf-token"]').content;
  const vcount = document.getElementById("vcount");
  let timer = null;
  function values() {
    const out = {};
    cells.forEach((i) => { out[i.name.slice(5)] = i.value; });
    return out;
  }
  function render(violations, marks) {
    const items = violations.map((v) => {
      const li = document.createElement("li");
      li.className = "violation " + v.severity;
      li.tabIndex = 0;
      li.dataset.keys = v.keys.join(" ");
      const code = document.createElement("code");
      code.className = "rule";
      code.dataset.rule = code.title = v.rule;
      code.textContent = v.name;
      li.append(code, document.createTextNode(" " + v.message));
      return li;
    });
    if (!items.length) {
      const li = document.createElement("li");
      li.className = "ok";
      li.textContent = "全部勾稽关系成立。";
      items.push(li);
    }
    list.replaceChildren(...items);
    vcount.textContent = violations.length + " 个问题";
    form.querySelectorAll("td.cell").forEach((td) => {
      const m = marks[td.dataset.key];
      td.classList.remove("bad", "culprit", "part");
      td.querySelectorAll(".note").forEach((n) => n.remove());
      if (!m) return;
      td.classList.add("bad", m.role);
      if (m.notes.length) {
        const note = document.createElement("span");
        note.className = "note";
        note.textContent = m.notes.join("；");
        td.append(note);
      }
    });
  }
  async function recheck() {
    const resp = await fetch("/items/" + form.dataset.item + "/check", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken },
      body: JSON.stringify({ values: values() }),
    });
    const data = await resp.json();
    if (!data.ok) {
      liveError.textContent = "这个值不会被保存：" + data.error;
      liveError.hidden = false;
      return;
    }
    liveError.hidden = true;
    render(data.violations, data.marks);
  }
  function edited(input) {
    const td = input.closest("td.cell");
    td.classList.add("changed");
    td.classList.remove("blank");
    input.size = Math.max(4, input.value.length + 1); // the whole value stays visible
    clearTimeout(timer);
    timer = setTimeout(recheck, 250);
  }
  form.addEventListener("input", (ev) => {
    if (ev.target.name && ev.target.name.startsWith("cell:")) edited(ev.target);
  });

  // Doubts: a candidate is a button; 1–9 takes the current doubt's candidate of that number.
  const doubts = Array.from(document.querySelectorAll("#doubts li.doubt"));
  const isOpen = (li) => { const td = cellOf(li.dataset.key); return td && !td.querySelector("input").value.trim(); };
  function take(li, n) {
    const b = li && li.querySelectorAll("button.cand")[n - 1];
    if (!b || b.disabled) return;
    const input = cellOf(b.dataset.key).querySelector("input");
    input.value = b.dataset.value;
    edited(input);
    li.classList.add("taken");
    nextProblem(li);
  }
  document.addEventListener("click", (ev) => {
    const b = ev.target.closest("button.cand");
    if (b) { const li = b.closest("li.doubt"); take(li, Array.from(li.querySelectorAll("button.cand")).indexOf(b) + 1); }
  });
  function currentDoubt(target) {
    const li = target.closest && target.closest("li.doubt");
    if (li) return li;
    const mine = lastCell && doubts.find((d) => d.dataset.key === lastCell.dataset.key);
    return mine || doubts.find(isOpen);
  }
  function defaultButton() {
    const changed = form.querySelector("td.cell.changed");
    return form.querySelector('button[name="action"][value="' + (changed ? "extraction_corrected" : "report_wrong") + '"]');
  }
  function nextProblem(after) {
    const open = doubts.filter(isOpen);
    const next = open.find((d) => after && (after.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING)) || open[0]
      || list.querySelector("li.violation.error") || list.querySelector("li.violation") || defaultButton();
    if (next) { next.focus(); const td = next.dataset.key && cellOf(next.dataset.key); if (td) showSource(td); }
  }

  function moveCell(input, step) {
    const i = cells.indexOf(input) + step;
    if (i >= 0 && i < cells.length) { cells[i].focus(); cells[i].select(); }
  }
  function go(id) { const a = document.getElementById(id); if (a) window.location.href = a.href; }

  document.addEventListener("keydown", (ev) => {
    const t = ev.target;
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
      const b = defaultButton();
      if (b) { ev.preventDefault(); form.requestSubmit(b); }
      return;
    }
    if (ev.key === "Enter" && t.tagName === "INPUT" && t.form === form) {
      ev.preventDefault(); // Enter never submits: in a cell it moves on
      if (cells.includes(t)) moveCell(t, ev.shiftKey ? -1 : 1);
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || t.matches("input, textarea, select")) return;
    if (ev.key === "Enter" && t.matches("li.violation")) {
      const keys = t.dataset.keys.split(" ");
      const td = form.querySelector("td.cell.culprit:is(" + keys.map((k) => '[data-key="' + CSS.escape(k) + '"]').join(",") + ")")
        || cellOf(keys[0]);
      if (td) { ev.preventDefault(); td.querySelector("input").focus(); }
    } else if (ev.key === "Enter" && t.matches("li.doubt")) {
      ev.preventDefault(); cellOf(t.dataset.key).querySelector("input").focus();
    } else if (ev.key === "j" || ev.key === "n") { go("next-item"); }
    else if (ev.key === "k" || ev.key === "p") { go("prev-item"); }
    else if (ev.key === "e") { ev.preventDefault(); nextProblem(null); }
    else if (/^[1-9]$/.test(ev.key)) { const li = currentDoubt(t); if (li) { ev.preventDefault(); take(li, Number(ev.key)); } }
  });
})();
