(function () {
  "use strict";
  var slug = document.body.dataset.slug;
  var canvas = document.getElementById("canvas"), stage = document.getElementById("stage");
  var errors = document.getElementById("errors"), details = document.getElementById("details");
  var controls = ["theme", "direction", "view", "evaluate"].map(function (id) {
    return document.getElementById(id);
  });
  var version = -1, drawn = "", step = 0, steps = 1, scale = 1, x = 0, y = 0, fitted = false;
  var folded = null, opened = [];  // a large map: the depth it opens at, the stubs clicked
  window.argmapPage = { loads: 0, version: function () { return version; } };

  function text(tag, content, cls) {
    var node = document.createElement(tag);
    node.textContent = content;
    if (cls) node.className = cls;
    return node;
  }
  function place() { canvas.style.transform = "translate(" + x + "px," + y + "px) scale(" + scale + ")"; }
  function fit() {
    var svg = canvas.querySelector("svg");
    if (!svg) return;
    var box = svg.viewBox.baseVal, room = stage.getBoundingClientRect();
    canvas.style.width = box.width + "px";
    scale = Math.min(room.width / box.width, room.height / box.height, 2) * 0.95;
    x = (room.width - box.width * scale) / 2; y = 8;
    place();
  }
  function query() {
    var p = new URLSearchParams();
    p.set("theme", controls[0].value); p.set("direction", controls[1].value);
    if (controls[2].value) p.set("view", controls[2].value);
    if (controls[3].checked) p.set("evaluate", "1");
    if (step) p.set("step", String(step));
    if (folded) { p.set("depth", String(folded)); if (opened.length) p.set("open", opened.join(",")); }
    return p.toString();
  }
  function showErrors(state) {
    errors.replaceChildren();
    if (state.ok) { errors.hidden = true; return; }
    errors.appendChild(text("h2", state.draft
      ? "This save has problems in its content; it is drawn below as a draft, those claims marked in red."
      : "This save has problems; the last good picture stays below."));
    state.issues.forEach(function (issue) {
      var where = issue.file + (issue.line ? ":" + issue.line + ":" + issue.col : "");
      var lines = where + ": " + issue.severity + "[" + issue.code + "]: " + issue.message;
      if (issue.source_line) lines += "\n  " + issue.line + " | " + issue.source_line;
      if (issue.hint) lines += "\n  = help: " + issue.hint;
      errors.appendChild(text("pre", lines));
    });
    errors.hidden = false;
  }
  function showNotes(notes) {
    var box = document.getElementById("notes"), list = document.getElementById("notes-list");
    list.replaceChildren();
    notes.forEach(function (note) {
      list.appendChild(text("li", "line " + note.line + ": [" + note.code + "] " + note.message +
        (note.hint ? " — " + note.hint : "")));
    });
    document.getElementById("notes-count").textContent =
      notes.length + " lint note" + (notes.length === 1 ? "" : "s");
    box.hidden = notes.length === 0;
  }
  function bindClaims() {
    canvas.querySelectorAll("g.claim").forEach(function (group) {
      group.setAttribute("tabindex", "0");
      group.setAttribute("role", "button");
      group.addEventListener("click", function (event) { event.stopPropagation(); showClaim(group.id); });
      group.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); showClaim(group.id); }
      });
    });
  }
  function showClaim(id) {
    fetch("/map/" + slug + "/claim/" + encodeURIComponent(id)).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (claim) {
      if (!claim) return;
      details.replaceChildren();
      if (claim.label) details.appendChild(text("h2", claim.label));
      details.appendChild(text("p", claim.text));
      if (claim.implicit) details.appendChild(text("p", "An unstated premise, supplied by the analyst.", "note"));
      if (claim.mark) details.appendChild(text("p", "Marked " + claim.mark + "."));
      if (claim.quote) details.appendChild(text("blockquote", "\u201c" + claim.quote + "\u201d"));
      if (claim.basis) details.appendChild(text("p", "Basis: " + claim.basis.kind +
        (claim.basis.citation ? " \u2014 " + claim.basis.citation : "")));
      if (claim.note) details.appendChild(text("p", "Note: " + claim.note));
      if (claim.passage) {
        var p = document.createElement("p");
        p.appendChild(document.createTextNode("\u2026" + claim.passage.before));
        p.appendChild(text("mark", claim.passage.quoted));
        p.appendChild(document.createTextNode(claim.passage.after + "\u2026"));
        details.appendChild(text("h3", "In the source text"));
        details.appendChild(p);
      }
      var close = text("button", "Close");
      close.addEventListener("click", function () { details.hidden = true; stage.focus(); });
      details.appendChild(close);
      details.hidden = false;
      close.focus();
    });
  }
  function bindStubs() {
    canvas.querySelectorAll("g.stub").forEach(function (group) {
      var owner = group.id.replace(/-more$/, "");
      group.setAttribute("tabindex", "0");
      group.setAttribute("role", "button");
      group.style.cursor = "pointer";
      function unfold(event) {
        event.stopPropagation();
        if (!folded || opened.indexOf(owner) >= 0) return;
        opened.push(owner);
        draw();
      }
      group.addEventListener("click", unfold);
      group.addEventListener("keydown", function (event) { if (event.key === "Enter") unfold(event); });
    });
  }
  function draw() {
    var wanted = version + "?" + query();
    if (wanted === drawn) return Promise.resolve();
    return fetch("/map/" + slug + "/svg?" + query()).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (svg) {
      if (svg === null) return;
      drawn = wanted;
      canvas.innerHTML = svg;
      window.argmapPage.loads += 1;
      bindClaims();
      bindStubs();
      if (!fitted) { fitted = true; fit(); }
    });
  }
  function refresh() {
    return fetch("/map/" + slug + "/state").then(function (r) { return r.json(); }).then(function (state) {
      document.getElementById("title").textContent = state.title;
      document.documentElement.lang = state.language;
      showErrors(state);
      showNotes(state.notes);
      steps = state.steps;
      var views = controls[2], current = views.value;
      views.replaceChildren(text("option", state.whole_map));
      views.firstChild.value = "";
      state.views.forEach(function (name) { views.appendChild(text("option", name)); });
      views.value = state.views.indexOf(current) >= 0 ? current : "";
      if (state.folded !== folded) { folded = state.folded; opened = []; }
      version = state.version;
      return draw();
    });
  }
  controls.forEach(function (control) {
    control.addEventListener("change", function () {
      document.body.classList.toggle("dark", controls[0].value === "dark");
      if (control === controls[2]) opened = [];  // another view starts folded again
      draw();
    });
  });
  document.getElementById("previous").addEventListener("click", function () {
    step = step <= 1 ? 0 : step - 1; label(); draw();
  });
  document.getElementById("next").addEventListener("click", function () {
    step = step === 0 ? 1 : Math.min(steps, step + 1); label(); draw();
  });
  function label() { document.getElementById("step").textContent = step ? step + " / " + steps : "all"; }
  function zoom(factor, cx, cy) {
    var room = stage.getBoundingClientRect();
    cx = cx === undefined ? room.width / 2 : cx; cy = cy === undefined ? room.height / 2 : cy;
    x = cx - (cx - x) * factor; y = cy - (cy - y) * factor; scale *= factor; place();
  }
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.25); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(0.8); });
  document.getElementById("fit").addEventListener("click", fit);
  stage.addEventListener("wheel", function (event) {
    event.preventDefault();
    var room = stage.getBoundingClientRect();
    zoom(event.deltaY < 0 ? 1.1 : 0.9, event.clientX - room.left, event.clientY - room.top);
  }, { passive: false });
  var drag = null;
  stage.addEventListener("pointerdown", function (event) {
    if (event.target.closest("#errors, #details")) return;
    drag = { x: event.clientX - x, y: event.clientY - y }; stage.classList.add("dragging");
  });
  window.addEventListener("pointermove", function (event) {
    if (drag) { x = event.clientX - drag.x; y = event.clientY - drag.y; place(); }
  });
  window.addEventListener("pointerup", function () { drag = null; stage.classList.remove("dragging"); });
  document.addEventListener("keydown", function (event) {
    if (event.target.matches("select, input")) return;
    var moves = { ArrowLeft: [40, 0], ArrowRight: [-40, 0], ArrowUp: [0, 40], ArrowDown: [0, -40] };
    if (event.key === "+" || event.key === "=") zoom(1.25);
    else if (event.key === "-") zoom(0.8);
    else if (event.key === "0") fit();
    else if (event.key === "Escape") details.hidden = true;
    else if (moves[event.key] && !event.target.matches("g.claim")) {
      x += moves[event.key][0]; y += moves[event.key][1]; place();
    } else return;
    event.preventDefault();
  });
  new EventSource("/events").onmessage = function (event) {
    var data = JSON.parse(event.data);
    if (data.slug === slug && data.version !== version) refresh();
  };
  refresh();
})();
