// The story page: citations open the cited report beside the brief with the
// evidence sentence highlighted; the entity network shows the sentences behind
// each link. Report text is put on the page only with textContent, never as markup.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("brief-data").textContent);
  const documents = new Map(data.documents.map((d) => [d.id, d]));
  const characters = new Map(); // document id -> its text as code points (evidence offsets count code points)

  function codePoints(id) {
    if (!characters.has(id)) characters.set(id, Array.from((documents.get(id) || {}).text || ""));
    return characters.get(id);
  }

  function spanText(id, start, end) {
    return codePoints(id).slice(start, end).join("");
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- the source pane -------------------------------------------------------

  const pane = document.getElementById("source");
  const paneDoc = pane.querySelector(".source-doc");
  const paneText = pane.querySelector(".source-text");
  let activeButton = null;

  function showSource(id, start, end, button) {
    const doc = documents.get(id);
    if (!doc) return;
    pane.querySelector(".source-empty").hidden = true;
    paneDoc.hidden = false;
    pane.classList.add("open");
    pane.querySelector(".num").textContent = String(doc.number);
    pane.querySelector(".source-title").textContent = doc.title || doc.id;
    pane.querySelector(".source-meta").textContent = [doc.outlet, (doc.published || "").slice(0, 10), doc.id]
      .filter(Boolean)
      .join(" · ");
    const chars = codePoints(id);
    const hasSpan = Number.isInteger(start) && Number.isInteger(end) && start < end;
    paneText.replaceChildren();
    // One block per line, so paragraphs breathe; the newlines stay as text
    // nodes, so the pane's textContent is exactly the report's text.
    let mark = null;
    let lineStart = 0;
    while (lineStart <= chars.length) {
      let lineEnd = chars.indexOf("\n", lineStart);
      if (lineEnd < 0) lineEnd = chars.length;
      if (lineEnd > lineStart) {
        const line = element("p", "line");
        const from = hasSpan ? Math.min(Math.max(start, lineStart), lineEnd) : lineEnd;
        const to = hasSpan ? Math.min(Math.max(end, lineStart), lineEnd) : lineEnd;
        line.append(document.createTextNode(chars.slice(lineStart, from).join("")));
        if (to > from) {
          const part = element("mark", "evidence", chars.slice(from, to).join(""));
          mark = mark || part;
          line.append(part);
        }
        line.append(document.createTextNode(chars.slice(to, lineEnd).join("")));
        paneText.append(line);
      }
      if (lineEnd < chars.length) paneText.append(document.createTextNode("\n"));
      lineStart = lineEnd + 1;
    }
    paneText.scrollTop = mark ? Math.max(0, mark.offsetTop - paneText.clientHeight / 3) : 0;
    if (activeButton) activeButton.classList.remove("active");
    activeButton = button || null;
    if (activeButton) activeButton.classList.add("active");
  }

  pane.querySelector(".close").addEventListener("click", () => {
    pane.classList.remove("open");
    paneDoc.hidden = true;
    pane.querySelector(".source-empty").hidden = false;
    if (activeButton) activeButton.classList.remove("active");
    activeButton = null;
  });

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-doc]");
    if (!button) return;
    const start = button.dataset.start === undefined ? null : Number(button.dataset.start);
    const end = button.dataset.end === undefined ? null : Number(button.dataset.end);
    showSource(button.dataset.doc, start, end, button);
  });

  // --- the entity network ----------------------------------------------------

  const MAX_NODES = 80;
  const container = document.getElementById("cy");
  const detail = document.getElementById("network-detail");

  function kindOf(type) {
    const t = String(type || "").toUpperCase();
    if (t === "PERSON" || t === "PER") return "person";
    if (t === "ORG" || t === "ORGANIZATION" || t === "NORP") return "org";
    if (t === "GPE" || t === "LOC" || t === "FAC" || t === "PLACE" || t === "LOCATION") return "place";
    if (t === "VESSEL") return "vessel";
    return "other";
  }

  // The sentence around a span: a name alone says little, its sentence shows how a report used it.
  function sentenceAround(id, start, end) {
    for (const [from, to] of (data.sentences[id] || [])) {
      if (from <= start && end <= to) return [from, to];
    }
    return [start, end];
  }

  function evidenceList(spans) {
    const list = element("ul", "evidence-list");
    const seen = new Set();
    for (const span of spans || []) {
      if (!documents.has(span.document)) continue;
      const [from, to] = sentenceAround(span.document, span.start, span.end);
      const key = span.document + ":" + from + ":" + to;
      if (seen.has(key)) continue;
      seen.add(key);
      const button = element("button", "quote");
      button.type = "button";
      button.dataset.doc = span.document;
      button.dataset.start = String(from);
      button.dataset.end = String(to);
      button.append(element("span", "num", String(documents.get(span.document).number)), document.createTextNode(" "));
      if (from === span.start && to === span.end) {
        button.append(document.createTextNode(spanText(span.document, from, to)));
      } else {
        button.append(document.createTextNode(spanText(span.document, from, span.start)));
        button.append(element("mark", "hit", spanText(span.document, span.start, span.end)));
        button.append(document.createTextNode(spanText(span.document, span.end, to)));
      }
      const item = element("li");
      item.append(button);
      list.append(item);
    }
    if (!list.children.length) list.append(element("li", "none", "No evidence sentences."));
    return list;
  }

  function showDetail(title, subtitle, spans) {
    detail.replaceChildren(element("h3", "", title));
    if (subtitle) detail.append(element("p", "muted", subtitle));
    detail.append(evidenceList(spans));
  }

  function drawNetwork() {
    if (!container || !window.cytoscape || !data.entities.length) return;
    const byId = new Map(data.entities.map((e) => [String(e.id), e]));
    const weight = (e) => (e.documents || []).length * 1000 + (e.mentions || (e.evidence || []).length || 0);
    const kept = new Set(
      data.entities
        .slice()
        .sort((a, b) => weight(b) - weight(a))
        .slice(0, MAX_NODES)
        .map((e) => String(e.id))
    );
    const elements = [];
    for (const id of kept) {
      const e = byId.get(id);
      elements.push({
        group: "nodes",
        data: { id: id, label: String(e.name || id), reports: (e.documents || []).length || 1 },
        classes: kindOf(e.type),
      });
    }
    data.relations.forEach((r, index) => {
      const source = String(r.source);
      const target = String(r.target);
      if (!kept.has(source) || !kept.has(target) || source === target) return;
      elements.push({
        group: "edges",
        data: { id: "r" + index, source: source, target: target, label: String(r.label || ""), index: index },
        classes: r.kind === "stated" ? "stated" : "cooccurrence",
      });
    });
    const cy = window.cytoscape({
      container: container,
      elements: elements,
      minZoom: 0.3,
      maxZoom: 3,
      style: [
        {
          selector: "node",
          style: {
            label: "data(label)",
            "font-family": "Liberation Sans, Helvetica, Arial, sans-serif",
            "font-size": 13,
            color: "#1f2328",
            "text-valign": "bottom",
            "text-margin-y": 4,
            "text-wrap": "wrap",
            "text-max-width": 110,
            width: "mapData(reports, 1, 6, 16, 40)",
            height: "mapData(reports, 1, 6, 16, 40)",
            "background-color": "#8c959f",
            "border-width": 2,
            "border-color": "#ffffff",
          },
        },
        { selector: "node.person", style: { "background-color": "#b3541e" } },
        { selector: "node.org", style: { "background-color": "#2f5d8a" } },
        { selector: "node.place", style: { "background-color": "#3c7a4a" } },
        { selector: "node.vessel", style: { "background-color": "#6f4e8c" } },
        {
          selector: "edge",
          style: {
            width: 1.5,
            "line-color": "#c5cbd3",
            "curve-style": "bezier",
            "line-style": "dashed",
            "line-dash-pattern": [4, 4],
          },
        },
        { selector: "edge.stated", style: { width: 2.5, "line-color": "#57606a", "line-style": "solid" } },
        {
          selector: "edge:selected, edge.hover",
          style: {
            label: "data(label)",
            "font-size": 10,
            "text-background-color": "#ffffff",
            "text-background-opacity": 1,
            "text-background-padding": 2,
            "line-color": "#bf3989",
            width: 3.5,
          },
        },
        { selector: "node:selected", style: { "border-color": "#bf3989", "border-width": 3 } },
      ],
      layout: { name: "cose", animate: false, padding: 30, nodeRepulsion: () => 20000, idealEdgeLength: () => 70, nodeOverlap: 30, componentSpacing: 50, gravity: 1 },
    });
    cy.on("mouseover", "edge", (event) => event.target.addClass("hover"));
    cy.on("mouseout", "edge", (event) => event.target.removeClass("hover"));
    cy.on("tap", "edge", (event) => {
      const relation = data.relations[event.target.data("index")];
      const source = byId.get(String(relation.source));
      const target = byId.get(String(relation.target));
      const kind = relation.kind === "stated" ? "stated in the reports" : "named in the same sentence";
      showDetail(
        (source ? source.name : relation.source) + " — " + (relation.label || "linked to") + " — " + (target ? target.name : relation.target),
        kind,
        relation.evidence
      );
    });
    cy.on("tap", "node", (event) => {
      const entity = byId.get(event.target.id());
      const aliases = (entity.aliases || []).filter((a) => a !== entity.name);
      showDetail(
        String(entity.name),
        [entity.type, aliases.length ? "also: " + aliases.join(", ") : ""].filter(Boolean).join(" · "),
        entity.evidence
      );
    });
    window.newsweaveNetwork = cy; // for the browser tests and the console
  }

  drawNetwork();
})();
