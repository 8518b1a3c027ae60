// The fixed parts of report.html: style, the network view's markup and its script (plain
// JavaScript and canvas, no libraries, so the file works offline).

enum ReportAssets {
    static let css = #"""
    /* Chinese text falls back to whichever CJK font the system has (macOS, Windows, Linux). */
    body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
      "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Droid Sans Fallback", sans-serif; margin: 0; color: #222; }
    .glance { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 0 16px; }
    .glance h3 { margin: 4px 0; font-size: 15px; }
    .glance ol { margin: 0 0 8px; padding-left: 22px; }
    header, section { padding: 0 16px; }
    h1 small { font-size: 14px; color: #777; font-weight: normal; }
    nav a { margin-right: 12px; }
    .counts, .note { color: #555; }
    #network-view { display: flex; gap: 12px; height: 70vh; min-height: 420px; }
    #canvas-wrap { flex: 1; position: relative; border: 1px solid #ccc; background: #fcfcfc; }
    #graph-canvas { width: 100%; height: 100%; display: block; cursor: grab; }
    #side { width: 340px; overflow: auto; border: 1px solid #ccc; padding: 8px; }
    #controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
    #controls label { white-space: nowrap; }
    .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 3px; }
    #results a, #side a { cursor: pointer; color: #1a5fb4; }
    #results { max-height: 120px; overflow: auto; }
    mark { background: #ffe066; }
    .ev { margin: 6px 0; padding: 4px 6px; background: #f4f4f4; border-left: 3px solid #999; }
    .doc { color: #777; font-size: 12px; }
    table { border-collapse: collapse; margin: 8px 0 24px; }
    th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
    th { background: #f0f0f0; position: sticky; top: 0; }
    #status { color: #555; font-size: 12px; }
    #errors { color: #b00; }

    """#

    static let networkSection = #"""
    <section id="network"><h2>Network</h2>
    <div id="controls">
    <input type="search" id="search" placeholder="Search nodes…" autocomplete="off">
    <span id="type-filters"></span>
    <button type="button" id="fit">Fit</button>
    <label><input type="checkbox" id="show-all"> all nodes</label>
    <span id="status">Loading…</span>
    </div>
    <div id="results"></div>
    <div id="network-view">
    <div id="canvas-wrap"><canvas id="graph-canvas"></canvas></div>
    <div id="side"><p class="note">The view starts from the most connected people, places, organisations, slogans and terms; click a node to see its evidence and bring in its neighbours, or tick "all nodes". Scroll to zoom, drag to pan.</p></div>
    </div>
    <div id="errors"></div>
    </section>

    """#

    static let script = #"""
    "use strict";
    (function () {
      window.addEventListener("error", function (ev) {
        var box = document.getElementById("errors");
        if (box) box.textContent += "Error: " + ev.message + "\n";
        document.body.setAttribute("data-errors", String((+document.body.getAttribute("data-errors") || 0) + 1));
      });
      var data = JSON.parse(document.getElementById("graph-data").textContent);
      var nodes = data.nodes, edges = data.edges, N = nodes.length;
      var palette = { Person: "#e8590c", Place: "#2b8a3e", Organization: "#1971c2", Title: "#ae3ec9", Slogan: "#c92a2a",
        Term: "#e67700", Document: "#495057", Measurement: "#0c8599", Thing: "#868e96" };
      var extra = ["#5f3dc4", "#d6336c", "#5c940d", "#1098ad", "#f08c00"];
      var types = [], typeCount = {};
      nodes.forEach(function (n) { if (!(n.t in typeCount)) { typeCount[n.t] = 0; types.push(n.t); } typeCount[n.t]++; });
      types.sort();
      types.forEach(function (t, i) { if (!palette[t]) palette[t] = extra[i % extra.length]; });
      var shown = {}; types.forEach(function (t) { shown[t] = true; });
      var byId = {}; nodes.forEach(function (n, i) { byId[n.i] = i; });
      var adj = nodes.map(function () { return []; });
      edges.forEach(function (e, k) { adj[e.s].push(k); if (e.t !== e.s) adj[e.t].push(k); });

      // The view starts from the most connected named entities of each type (a share of FOCUS
      // each, so terms, which co-occur with each other, do not crowd out people and places);
      // selecting a node brings in its neighbours.
      var FOCUS = 60, named = { Person: 1, Place: 1, Organization: 1, Slogan: 1, Term: 1, Title: 1 };
      var focus = new Uint8Array(N), showAll = location.hash === "#all";
      (function () {
        var degree = new Float64Array(N), byType = {}, picked = 0;
        edges.forEach(function (e) { if (e.s !== e.t) { degree[e.s]++; degree[e.t]++; } });
        for (var i = 0; i < N; i++) if (named[nodes[i].t]) (byType[nodes[i].t] = byType[nodes[i].t] || []).push(i);
        var kinds = Object.keys(byType).sort();
        kinds.forEach(function (t) {
          byType[t].sort(function (a, b) { return degree[b] - degree[a] || (nodes[b].c || 0) - (nodes[a].c || 0) || a - b; });
        });
        // round-robin over the types, most connected first, until FOCUS nodes are picked
        for (var r = 0; picked < FOCUS; r++) {
          var any = false;
          kinds.forEach(function (t) { if (picked < FOCUS && r < byType[t].length) { focus[byType[t][r]] = 1; picked++; any = true; } });
          if (!any) break;
        }
        if (!picked) showAll = true;   // nothing named: show what there is
      })();

      var x = new Float64Array(N), y = new Float64Array(N), vx = new Float64Array(N), vy = new Float64Array(N);
      var act = [];   // the nodes laid out: those in view
      function activate() { act.length = 0; for (var i = 0; i < N; i++) if (showAll || focus[i]) act.push(i); }
      activate();
      var radius = new Float64Array(N);
      for (var i = 0; i < N; i++) {
        var a = i * 2.399963, r = 12 * Math.sqrt(i + 1);
        x[i] = r * Math.cos(a); y[i] = r * Math.sin(a);
        radius[i] = 3 + Math.min(9, 2 * Math.log(1 + (nodes[i].c || 1)));
      }
      var K = 30, ticks = 0, maxTicks = N > 5000 ? 150 : 300, alpha = 1, theta2 = 0.81, fullTicks = maxTicks;
      // Repulsion between all nodes, approximated with a Barnes–Hut quadtree: O(n log n) a tick
      // however dense the graph gets.
      var qm = [], qx = [], qy = [], qox = [], qoy = [], qs = [], qleaf = [], qc = [];
      function cell(ox, oy, size) {
        var c = qm.length;
        qm.push(0); qx.push(0); qy.push(0); qox.push(ox); qoy.push(oy); qs.push(size); qleaf.push(-1); qc.push(-1, -1, -1, -1);
        return c;
      }
      function child(c, i) {
        var h = qs[c] / 2, q = (x[i] >= qox[c] + h ? 1 : 0) + (y[i] >= qoy[c] + h ? 2 : 0), k = qc[4 * c + q];
        if (k < 0) { k = cell(qox[c] + (q & 1) * h, qoy[c] + (q >> 1) * h, h); qc[4 * c + q] = k; }
        return k;
      }
      function insert(i) {
        var c = 0;
        for (var depth = 0; ; depth++) {
          var m = qm[c];
          qx[c] = (qx[c] * m + x[i]) / (m + 1); qy[c] = (qy[c] * m + y[i]) / (m + 1); qm[c] = m + 1;
          if (m === 0) { qleaf[c] = i; return; }
          if (depth > 24) { qleaf[c] = -1; return; }   // (nearly) coincident nodes stay together
          var j = qleaf[c];
          if (j >= 0) {
            qleaf[c] = -1;
            var cj = child(c, j);
            qm[cj] = 1; qx[cj] = x[j]; qy[cj] = y[j]; qleaf[cj] = j;
          }
          c = child(c, i);
        }
      }
      function buildTree() {
        var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, a, i;
        for (a = 0; a < act.length; a++) {
          i = act[a];
          if (x[i] < minX) minX = x[i]; if (x[i] > maxX) maxX = x[i]; if (y[i] < minY) minY = y[i]; if (y[i] > maxY) maxY = y[i];
        }
        qm.length = qx.length = qy.length = qox.length = qoy.length = qs.length = qleaf.length = qc.length = 0;
        cell(minX - 1, minY - 1, Math.max(maxX - minX, maxY - minY) + 2);
        for (a = 0; a < act.length; a++) insert(act[a]);
      }
      var stack = [];
      function repel(i) {
        var fx = 0, fy = 0;
        stack.length = 0; stack.push(0);
        while (stack.length) {
          var c = stack.pop();
          if (qm[c] === 0 || qleaf[c] === i) continue;
          var dx = x[i] - qx[c], dy = y[i] - qy[c], d2 = dx * dx + dy * dy + 0.01;
          if (qleaf[c] >= 0 || qs[c] * qs[c] < theta2 * d2 || qc[4 * c] + qc[4 * c + 1] + qc[4 * c + 2] + qc[4 * c + 3] === -4) {
            var f = K * K * qm[c] / d2; fx += dx * f; fy += dy * f;
          } else {
            for (var q = 0; q < 4; q++) if (qc[4 * c + q] >= 0) stack.push(qc[4 * c + q]);
          }
        }
        vx[i] += fx * 0.05 * alpha; vy[i] += fy * 0.05 * alpha;
      }
      function tick() {
        var i, a;
        if (act.length > 1) { buildTree(); for (a = 0; a < act.length; a++) repel(act[a]); }
        for (var k = 0; k < edges.length; k++) {
          var e = edges[k], s = e.s, t = e.t; if (s === t || !inView(s) || !inView(t)) continue;
          var ex = x[t] - x[s], ey = y[t] - y[s], d = Math.sqrt(ex * ex + ey * ey) + 0.01;
          var g = (d - K) / d * 0.02 * alpha;
          vx[s] += ex * g; vy[s] += ey * g; vx[t] -= ex * g; vy[t] -= ey * g;
        }
        for (a = 0; a < act.length; a++) {
          i = act[a];
          vx[i] -= x[i] * 0.01 * alpha; vy[i] -= y[i] * 0.01 * alpha;
          vx[i] *= 0.6; vy[i] *= 0.6;
          var sp = Math.sqrt(vx[i] * vx[i] + vy[i] * vy[i]);
          if (sp > 20) { vx[i] *= 20 / sp; vy[i] *= 20 / sp; }
          x[i] += vx[i]; y[i] += vy[i];
        }
        alpha = Math.max(0.05, alpha * 0.985);
        ticks++;
      }

      var edgeColour = "rgba(120,120,120," + Math.max(0.03, Math.min(0.3, 3000 / (edges.length + 1))).toFixed(3) + ")";
      var canvas = document.getElementById("graph-canvas"), ctx = canvas.getContext("2d");
      var view = { s: 1, tx: 0, ty: 0 }, selected = -1, matches = {}, W = 0, H = 0, fitted = false;
      function resize() {
        var r = canvas.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
        W = Math.max(1, r.width); H = Math.max(1, r.height);
        canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      }
      function inView(i) { return showAll || focus[i] === 1; }
      function visible(i) { return shown[nodes[i].t] && inView(i); }
      // Restarts the layout for the nodes now in view (new ones start beside a neighbour).
      function relayout() {
        activate();
        ticks = 0; maxTicks = fullTicks; alpha = 0.6; fitted = false;
        if (!running) { running = true; requestAnimationFrame(frame); }
      }
      function fit() {
        var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity, any = false;
        for (var i = 0; i < N; i++) if (visible(i)) {
          any = true; minX = Math.min(minX, x[i]); maxX = Math.max(maxX, x[i]); minY = Math.min(minY, y[i]); maxY = Math.max(maxY, y[i]);
        }
        if (!any) { minX = minY = -1; maxX = maxY = 1; }
        var s = Math.min(W / (maxX - minX + 60), H / (maxY - minY + 60));
        view.s = Math.max(0.0005, Math.min(s, 4));
        view.tx = W / 2 - view.s * (minX + maxX) / 2; view.ty = H / 2 - view.s * (minY + maxY) / 2;
      }
      function draw() {
        ctx.clearRect(0, 0, W, H);
        ctx.save(); ctx.translate(view.tx, view.ty); ctx.scale(view.s, view.s);
        ctx.lineWidth = 1 / view.s; ctx.strokeStyle = edgeColour; ctx.beginPath();
        for (var k = 0; k < edges.length; k++) {
          var e = edges[k]; if (!visible(e.s) || !visible(e.t)) continue;
          ctx.moveTo(x[e.s], y[e.s]); ctx.lineTo(x[e.t], y[e.t]);
        }
        ctx.stroke();
        if (selected >= 0) {
          ctx.strokeStyle = "rgba(230,80,0,0.8)"; ctx.lineWidth = 2 / view.s; ctx.beginPath();
          adj[selected].forEach(function (k) { var e = edges[k]; if (visible(e.s) && visible(e.t)) { ctx.moveTo(x[e.s], y[e.s]); ctx.lineTo(x[e.t], y[e.t]); } });
          ctx.stroke();
        }
        // nodes: one path per type, so a large graph costs a few fills, not one per node
        var drawn = 0, labels = view.s > 0.8 || act.length <= 150, i, minR = 2 / view.s;
        types.forEach(function (t) {
          if (!shown[t]) return;
          ctx.fillStyle = palette[t]; ctx.beginPath();
          for (var k = 0; k < N; k++) {
            if (nodes[k].t !== t || !inView(k)) continue;
            drawn++;
            var r = Math.max(radius[k], minR);   // at least 2 pixels when zoomed far out
            ctx.moveTo(x[k] + r, y[k]); ctx.arc(x[k], y[k], r, 0, 6.2832);
          }
          ctx.fill();
        });
        var marked = Object.keys(matches).map(Number);
        if (selected >= 0) marked.push(selected);
        ctx.lineWidth = 3 / view.s;
        marked.forEach(function (k) {
          if (!visible(k)) return;
          ctx.strokeStyle = k === selected ? "#000" : "#f59f00";
          ctx.beginPath(); ctx.arc(x[k], y[k], radius[k], 0, 6.2832); ctx.stroke();
        });
        ctx.font = (12 / view.s) + "px " + getComputedStyle(document.body).fontFamily; ctx.textBaseline = "middle"; ctx.fillStyle = "#222";
        if (labels) {
          // only labels inside the view
          var x0 = -view.tx / view.s, y0 = -view.ty / view.s, x1 = x0 + W / view.s, y1 = y0 + H / view.s;
          for (i = 0; i < N; i++) {
            if (visible(i) && x[i] >= x0 && x[i] <= x1 && y[i] >= y0 && y[i] <= y1) ctx.fillText(nodes[i].n, x[i] + radius[i] + 2, y[i]);
          }
        } else {
          marked.forEach(function (k) { if (visible(k)) ctx.fillText(nodes[k].n, x[k] + radius[k] + 2, y[k]); });
        }
        ctx.restore();
        document.getElementById("status").textContent = drawn + " of " + N + " nodes shown" + (ticks < maxTicks ? " (laying out…)" : "");
        document.body.setAttribute("data-rendered", String(drawn));
      }
      var lastDraw = 0, running = true;
      function frame() {
        var t0 = performance.now(), laying = ticks < maxTicks;
        while (ticks < maxTicks && performance.now() - t0 < 12) tick();
        // while laying out a large graph, redraw a few times a second rather than every frame
        if (ticks >= maxTicks || act.length < 2000 || t0 - lastDraw > 250) {
          if (!fitted || laying) fit();
          fitted = true;
          draw();
          lastDraw = performance.now();
        }
        if (ticks < maxTicks) requestAnimationFrame(frame); else running = false;
      }

      // Interaction: zoom, pan, click.
      function toWorld(px, py) { return [(px - view.tx) / view.s, (py - view.ty) / view.s]; }
      function nodeAt(px, py) {
        var w = toWorld(px, py), best = -1, bd = Infinity;
        for (var i = 0; i < N; i++) {
          if (!visible(i)) continue;
          var dx = x[i] - w[0], dy = y[i] - w[1], d = dx * dx + dy * dy, lim = radius[i] + 4 / view.s;
          if (d < lim * lim && d < bd) { bd = d; best = i; }
        }
        return best;
      }
      canvas.addEventListener("wheel", function (ev) {
        ev.preventDefault();
        var r = canvas.getBoundingClientRect(), px = ev.clientX - r.left, py = ev.clientY - r.top;
        var f = Math.exp(-ev.deltaY * 0.0015), s = Math.max(0.01, Math.min(50, view.s * f));
        view.tx = px - (px - view.tx) * s / view.s; view.ty = py - (py - view.ty) * s / view.s; view.s = s;
        maxTicks = ticks; draw();
      }, { passive: false });
      var drag = null;
      canvas.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, tx: view.tx, ty: view.ty, moved: false }; });
      window.addEventListener("mousemove", function (ev) {
        if (!drag) return;
        var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
        view.tx = drag.tx + dx; view.ty = drag.ty + dy; maxTicks = ticks; draw();
      });
      window.addEventListener("mouseup", function (ev) {
        if (drag && !drag.moved) {
          var r = canvas.getBoundingClientRect(), i = nodeAt(ev.clientX - r.left, ev.clientY - r.top);
          if (i >= 0 || ev.target === canvas) select(i);
        }
        drag = null;
      });
      document.getElementById("fit").addEventListener("click", function () { fit(); draw(); });
      var allBox = document.getElementById("show-all");
      allBox.checked = showAll;
      allBox.addEventListener("change", function () { showAll = allBox.checked; relayout(); });

      // The side panel: a node's properties, neighbours and evidence sentences.
      function el(tag, text, cls) { var e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; }
      function highlight(text, terms) {
        var frag = document.createDocumentFragment(), spans = [];
        terms.forEach(function (t) {
          if (!t) return;
          for (var p = text.indexOf(t); p >= 0; p = text.indexOf(t, p + t.length)) spans.push([p, p + t.length]);
        });
        spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
        var at = 0;
        spans.forEach(function (sp) {
          if (sp[0] < at) return;
          frag.appendChild(document.createTextNode(text.slice(at, sp[0])));
          frag.appendChild(el("mark", text.slice(sp[0], sp[1])));
          at = sp[1];
        });
        frag.appendChild(document.createTextNode(text.slice(at)));
        return frag;
      }
      function terms(i) {
        var n = nodes[i], l = [n.n];
        if (n.p && n.p.aliases) l = l.concat(n.p.aliases);
        if (n.p && n.p.text) l.push(n.p.text);
        return l;
      }
      function link(i) {
        var a = el("a", nodes[i].n + " (" + nodes[i].t + ")");
        a.addEventListener("click", function () { select(i, true); });
        return a;
      }
      function select(i, center) {
        selected = i;
        var side = document.getElementById("side");
        side.textContent = "";
        if (i < 0) { side.appendChild(el("p", "Click a node to see its evidence.", "note")); draw(); return; }
        var n = nodes[i], added = false;
        if (!showAll) {
          if (!focus[i]) { focus[i] = 1; added = true; }
          adj[i].slice(0, 200).forEach(function (k) {
            var o = edges[k].s === i ? edges[k].t : edges[k].s;
            if (!focus[o]) { focus[o] = 1; added = true; x[o] = x[i] + K * Math.cos(o); y[o] = y[i] + K * Math.sin(o); }
          });
        }
        if (added) relayout();
        if (center) { view.tx = W / 2 - view.s * x[i]; view.ty = H / 2 - view.s * y[i]; }
        side.appendChild(el("h3", n.n));
        side.appendChild(el("div", n.t + " · " + n.i + " · " + n.c + " mention" + (n.c === 1 ? "" : "s"), "doc"));
        if (n.d && n.d.length) side.appendChild(el("div", "Documents: " + n.d.join(", "), "doc"));
        if (n.p) Object.keys(n.p).forEach(function (k) {
          var v = n.p[k]; side.appendChild(el("div", k + ": " + (Array.isArray(v) ? v.join(", ") : String(v)), "doc"));
        });
        var list = adj[i].slice().sort(function (a, b) { return (edges[a].y < edges[b].y ? -1 : edges[a].y > edges[b].y ? 1 : a - b); });
        side.appendChild(el("h4", list.length + " connection" + (list.length === 1 ? "" : "s")));
        list.slice(0, 200).forEach(function (k) {
          var e = edges[k], other = e.s === i ? e.t : e.s, row = el("div");
          row.appendChild(el("span", (e.s === i ? "→ " : "← ") + e.y + (e.p && e.p.org ? " (" + e.p.org + ")" : "") + " ", "doc"));
          row.appendChild(link(other));
          if (e.c > 1) row.appendChild(el("span", " ×" + e.c, "doc"));
          side.appendChild(row);
          (e.e || []).forEach(function (ev) {
            var box = el("div", null, "ev");
            box.appendChild(el("div", ev[0] + " [" + ev[2] + "–" + ev[3] + "]", "doc"));
            box.appendChild(highlight(ev[1], terms(i).concat(terms(other))));
            side.appendChild(box);
          });
        });
        draw();
      }

      // Search and type filters.
      var search = document.getElementById("search"), results = document.getElementById("results");
      search.addEventListener("input", function () {
        var q = search.value.trim().toLowerCase(), found = [];
        matches = {};
        results.textContent = "";
        if (q) for (var i = 0; i < N && found.length < 1000; i++) {
          if (nodes[i].n.toLowerCase().indexOf(q) >= 0 || nodes[i].i.toLowerCase().indexOf(q) >= 0) { matches[i] = true; found.push(i); }
        }
        found.slice(0, 30).forEach(function (i) { results.appendChild(link(i)); results.appendChild(document.createTextNode(" ")); });
        if (q) results.appendChild(el("span", found.length + " found", "doc"));
        draw();
      });
      search.addEventListener("keydown", function (ev) {
        if (ev.key !== "Enter") return;
        var first = Object.keys(matches).map(Number).sort(function (a, b) { return a - b; })[0];
        if (first !== undefined) select(first, true);
      });
      var filters = document.getElementById("type-filters");
      types.forEach(function (t) {
        var lab = el("label"), box = el("input");
        box.type = "checkbox"; box.checked = true;
        box.addEventListener("change", function () { shown[t] = box.checked; if (selected >= 0 && !shown[t] && nodes[selected].t === t) select(-1); draw(); });
        var sw = el("span", null, "swatch"); sw.style.background = palette[t];
        lab.appendChild(box); lab.appendChild(sw); lab.appendChild(document.createTextNode(t + " (" + typeCount[t] + ")"));
        filters.appendChild(lab);
      });

      // Table links open the node in the network view; table filters hide rows.
      document.querySelectorAll("a[data-node]").forEach(function (a) {
        a.addEventListener("click", function () { var i = byId[a.getAttribute("data-node")]; if (i !== undefined) select(i, true); });
      });
      document.querySelectorAll("input.table-filter").forEach(function (input) {
        input.addEventListener("input", function () {
          var q = input.value.trim().toLowerCase(), table = document.getElementById(input.getAttribute("data-table"));
          table.querySelectorAll("tbody tr").forEach(function (tr) { tr.style.display = !q || tr.textContent.toLowerCase().indexOf(q) >= 0 ? "" : "none"; });
        });
      });

      resize();
      window.addEventListener("resize", function () { resize(); draw(); });
      fit(); draw();
      // report.html#node=<id> opens with that node selected.
      if (location.hash.indexOf("#node=") === 0) {
        var start = byId[decodeURIComponent(location.hash.slice(6))];
        if (start !== undefined) select(start);
      }
      requestAnimationFrame(frame);
    })();

    """#
}
