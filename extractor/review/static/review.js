// The report page: click a cell → highlight where it was read; edit a cell → the rules re-run.
// Report text is only ever set with textContent / text nodes, never as markup.
(function () {
  "use strict";
  const source = document.getElementById("source");
  const form = document.getElementById("edit");
  const where = document.getElementById("where");
  if (!source || !form) return;
  const chars = Array.from(source.textContent); // provenance offsets count code points

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

  form.addEventListener("focusin", (ev) => {
    const td = ev.target.closest("td.cell");
    if (td) showSource(td);
  });
  form.addEventListener("click", (ev) => {
    const td = ev.target.closest("td.cell");
    if (td) showSource(td);
  });

  // Hovering a violation outlines its cells.
  const list = document.getElementById("violations");
  function focusKeys(keys, on) {
    keys.forEach((k) => {
      const td = form.querySelector('td.cell[data-key="' + CSS.escape(k) + '"]');
      if (td) td.classList.toggle("focus", on);
    });
  }
  list.addEventListener("mouseover", (ev) => {
    const li = ev.target.closest("li.violation");
    if (li) focusKeys(li.dataset.keys.split(" "), true);
  });
  list.addEventListener("mouseout", (ev) => {
    const li = ev.target.closest("li.violation");
    if (li) focusKeys(li.dataset.keys.split(" "), false);
  });

  // Live re-check of the rules on every edit (nothing is stored until the form is submitted).
  const liveError = document.getElementById("live-error");
  // every post carries this server's token (the form has it as a hidden field)
  const csrfToken = document.querySelector('meta[name="csrf-token"]').content;
  const vcount = document.getElementById("vcount");
  let timer = null;
  function values() {
    const out = {};
    form.querySelectorAll('input[name^="cell:"]').forEach((i) => { out[i.name.slice(5)] = i.value; });
    return out;
  }
  function render(violations) {
    const items = violations.map((v) => {
      const li = document.createElement("li");
      li.className = "violation " + v.severity;
      li.dataset.keys = v.keys.join(" ");
      const code = document.createElement("code");
      code.textContent = v.rule;
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
    const bad = new Set(violations.flatMap((v) => v.keys));
    form.querySelectorAll("td.cell").forEach((td) => td.classList.toggle("bad", bad.has(td.dataset.key)));
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
    render(data.violations);
  }
  form.addEventListener("input", (ev) => {
    if (!ev.target.name || !ev.target.name.startsWith("cell:")) return;
    ev.target.closest("td.cell").classList.add("changed");
    clearTimeout(timer);
    timer = setTimeout(recheck, 250);
  });
})();
