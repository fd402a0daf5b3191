// The Stance page: paste an article or quotes, see each statement with its speaker and labels.
// Plain JavaScript, no libraries, nothing from outside this server.
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const form = $("form"), input = $("input"), status = $("status"), results = $("results");
  const download = $("download"), explain = $("explain"), analyze = $("analyze");
  const STANCE_ORDER = ["pro-engagement", "pro-pressure", "skeptical"];
  const STANCE_COLOR = { "pro-engagement": "var(--engage)", "pro-pressure": "var(--pressure)", "skeptical": "var(--skeptic)" };
  let last = null; // { mode, rows } for the CSV

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const pct = (p) => (p === null || p === undefined) ? "-" : Math.round(p * 100) + "%";
  const mode = () => document.querySelector("input[name=mode]:checked").value;

  function setStatus(text, isError) {
    status.textContent = text;
    status.classList.toggle("error", !!isError);
  }

  function updateMode() {
    const article = mode() === "article";
    $("input-label").textContent = article ? "Article text" : "Quotes, one per line";
    input.placeholder = article
      ? "Paste a news article: its quotes and reported statements are found, attributed and classified."
      : "Paste quotes, one per line.";
  }

  async function loadModel() {
    try {
      const response = await fetch("healthz");
      const health = await response.json();
      $("model").textContent = `Model: ${health.tier} tier, generation ${health.generation}` + (health.status === "ready" ? "" : ` (${health.status})`);
    } catch (e) {
      $("model").textContent = "The server does not answer.";
    }
  }

  async function post(path, body) {
    const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(data && data.detail ? `${data.title}: ${data.detail}` : `The server answered ${response.status}.`);
    }
    return data;
  }

  function labelChip(head, label) {
    if (label === null || label === undefined) return el("span", { class: "chip uncertain", text: "-" });
    const cls = label === "uncertain" ? "chip uncertain" : `chip ${head}-${label}`;
    return el("span", { class: cls, text: label });
  }

  function confidenceBar(head, confidence) {
    return el("span", { class: "bar" },
      el("meter", { min: "0", max: "1", value: String(confidence ?? 0), "aria-label": `${head} confidence ${pct(confidence)}` }),
      el("span", { text: pct(confidence) }));
  }

  function why(item) {
    const heads = ["stance", "sentiment"].filter((h) => item[h + "_explanation"]);
    if (heads.length === 0) return null;
    const details = el("details", { class: "why" }, el("summary", { text: "Why these labels" }));
    for (const head of heads) {
      const x = item[head + "_explanation"];
      const list = el("ul");
      for (const f of x.features) {
        const margin = f.contribution - f.runner_up_contribution;
        list.append(el("li", { class: margin >= 0 ? "for" : "against" },
          el("q", { text: f.feature }), ` ${margin >= 0 ? "toward" : "against"} ${x.label} (${margin >= 0 ? "+" : ""}${margin.toFixed(2)} vs ${x.runner_up})`));
      }
      if (x.embedding_contribution) list.append(el("li", { text: `sentence meaning as a whole: ${x.embedding_contribution.toFixed(2)}` }));
      details.append(el("p", { class: "who", text: `${head}: ${x.label}, runner-up ${x.runner_up}` }), list);
    }
    return details;
  }

  function statementCard(item, index) {
    const stance = item.stance || "uncertain";
    const who = item.speaker !== undefined
      ? el("p", { class: "who" }, el("span", { class: "n", text: `#${index + 1}` }), item.speaker,
          item.role ? el("span", { class: "role", text: `, ${item.role}` }) : null,
          el("span", { class: "kind", text: item.kind }))
      : el("p", { class: "who" }, el("span", { class: "n", text: `#${index + 1}` }));
    const card = el("li", { class: `statement stance-${stance}`, id: `statement-${index}`, tabindex: "-1", "data-index": String(index) },
      who, el("p", { class: "quote", text: item.text }));
    if (item.error) {
      card.append(el("p", { class: "error-text", text: `Not classified: ${item.error}` }));
      return card;
    }
    card.append(el("div", { class: "labels" },
      labelChip("stance", item.stance), confidenceBar("stance", item.stance_confidence),
      labelChip("sentiment", item.sentiment), confidenceBar("sentiment", item.sentiment_confidence)));
    const reasons = why(item);
    if (reasons) card.append(reasons);
    return card;
  }

  function renderStatements(items) {
    const list = $("statements");
    list.replaceChildren(...items.map(statementCard));
    $("statements-title").textContent = `Statements (${items.length})`;
    if (items.length === 0) list.append(el("li", { text: "No statements were found." }));
  }

  function renderSpeakers(speakers) {
    const body = $("speakers").querySelector("tbody");
    body.replaceChildren(...speakers.map((s) => {
      const total = Object.values(s.stances).reduce((a, b) => a + b, 0) || 1;
      const bar = el("div", { class: "shares", role: "img", "aria-label": Object.entries(s.stances).map(([k, v]) => `${k} ${v}`).join(", ") });
      const keys = Object.keys(s.stances).sort((a, b) => STANCE_ORDER.indexOf(a) - STANCE_ORDER.indexOf(b));
      for (const key of keys) {
        const part = el("span", { title: `${key}: ${s.stances[key]}` });
        part.style.width = (100 * s.stances[key] / total) + "%";
        part.style.background = STANCE_COLOR[key] || "var(--uncertain)";
        bar.append(part);
      }
      const text = keys.map((k) => `${k} ${Math.round(100 * s.stances[k] / total)}%`).join(", ");
      return el("tr", {}, el("th", { scope: "row", text: s.speaker }), el("td", { text: s.role || "-" }),
        el("td", { class: "num", text: String(s.statements) }), el("td", {}, bar, el("span", { class: "share-text", text })));
    }));
  }

  function renderArticle(article, statements) {
    const container = $("article");
    const pieces = [];
    statements.forEach((s, i) => (s.pieces || [[s.start, s.end]]).forEach(([start, end]) => pieces.push({ start, end, i })));
    pieces.sort((a, b) => a.start - b.start);
    const nodes = [];
    let at = 0;
    for (const p of pieces) {
      if (p.start < at) continue; // overlapping pieces: the first wins
      if (p.start > at) nodes.push(document.createTextNode(article.slice(at, p.start)));
      const s = statements[p.i];
      const mark = el("mark", { class: `stance-${s.stance || "uncertain"}`, "data-index": String(p.i), tabindex: "0",
        title: `#${p.i + 1} ${s.speaker}: ${s.stance || s.error} ${pct(s.stance_confidence)}, ${s.sentiment || ""}` }, article.slice(p.start, p.end));
      nodes.push(mark);
      if (!pieces.some((q) => q.i === p.i && q.start > p.start)) nodes.push(el("sup", { text: `${p.i + 1}` }));
      at = p.end;
    }
    if (at < article.length) nodes.push(document.createTextNode(article.slice(at)));
    container.replaceChildren(...nodes);
  }

  function focusStatement(index) {
    document.querySelectorAll(".active").forEach((n) => n.classList.remove("active"));
    const card = $(`statement-${index}`);
    if (!card) return;
    card.classList.add("active");
    document.querySelectorAll(`mark[data-index="${index}"]`).forEach((m) => m.classList.add("active"));
    card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    card.focus({ preventScroll: true });
  }

  $("article").addEventListener("click", (e) => {
    const mark = e.target.closest("mark");
    if (mark) focusStatement(mark.dataset.index);
  });
  $("article").addEventListener("keydown", (e) => {
    const mark = e.target.closest && e.target.closest("mark");
    if (mark && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); focusStatement(mark.dataset.index); }
  });

  function csvField(value) {
    const text = value === null || value === undefined ? "" : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }

  function toCsv(rows, withSpeakers) {
    const columns = (withSpeakers ? ["speaker", "role", "kind", "start", "end"] : []).concat(
      ["text", "stance", "stance_confidence", "sentiment", "sentiment_confidence", "error"]);
    return [columns.join(",")].concat(rows.map((r) => columns.map((c) => csvField(r[c])).join(","))).join("\r\n") + "\r\n";
  }

  download.addEventListener("click", () => {
    if (!last) return;
    const blob = new Blob([toCsv(last.rows, last.mode === "article")], { type: "text/csv;charset=utf-8" });
    const link = el("a", { href: URL.createObjectURL(blob), download: last.mode === "article" ? "stance-statements.csv" : "stance-quotes.csv" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = input.value;
    if (!text.trim()) { setStatus("Paste an article or some quotes first.", true); input.focus(); return; }
    analyze.disabled = true;
    setStatus("Analyzing…");
    const started = performance.now();
    try {
      const columns = document.querySelector(".columns");
      if (mode() === "article") {
        const data = await post("v1/extract", { article: text, explain: explain.checked, top: 5 });
        $("article-panel").hidden = false;
        $("speakers-panel").hidden = false;
        columns.classList.remove("quotes-only");
        renderArticle(text, data.statements);
        renderSpeakers(data.speakers);
        renderStatements(data.statements);
        last = { mode: "article", rows: data.statements };
        setStatus(`${data.statements.length} statements by ${data.speakers.length} speakers, in ${Math.round(performance.now() - started)} ms.`);
      } else {
        const texts = text.split(/\r?\n/).map((t) => t.trim()).filter((t) => t.length > 0);
        const data = await post("v1/classify", { texts, explain: explain.checked, top: 5 });
        $("article-panel").hidden = true;
        $("speakers-panel").hidden = true;
        columns.classList.add("quotes-only");
        renderStatements(data.results);
        last = { mode: "quotes", rows: data.results };
        setStatus(`${data.results.length} quotes classified in ${Math.round(performance.now() - started)} ms.`);
      }
      results.hidden = false;
      download.disabled = false;
    } catch (error) {
      setStatus(error.message, true);
    } finally {
      analyze.disabled = false;
    }
  });

  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
  });
  $("clear").addEventListener("click", () => {
    input.value = "";
    results.hidden = true;
    download.disabled = true;
    last = null;
    setStatus("");
    input.focus();
  });
  document.querySelectorAll("input[name=mode]").forEach((r) => r.addEventListener("change", updateMode));
  updateMode();
  loadModel();
})();
