// Progressive enhancement of the step page: answers are sent without leaving the page, and the page follows
// the facilitator's steps (server-sent events, polling as a fallback). Without JavaScript the forms still work.
(function () {
  "use strict";

  function newClientId() {
    // crypto.randomUUID needs a secure context; a LAN page over http is not one.
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function live() { return document.getElementById("live"); }

  function bindForm() {
    var form = document.getElementById("answer");
    if (!form || form.getAttribute("data-bound")) return;   // one listener per form: one tap, one answer
    form.setAttribute("data-bound", "1");
    var button = form.querySelector("button");
    var status = document.getElementById("status");
    var textarea = form.querySelector("textarea");
    var idField = form.querySelector("input[name=client_id]");
    var sending = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (sending) return;          // a double tap sends once; the client id would dedupe it anyway
      sending = true;
      var label = button.textContent;
      button.disabled = true;
      button.textContent = button.getAttribute("data-sending");
      status.className = "status";
      status.textContent = "";
      fetch(form.action, {
        method: "POST",
        headers: { "Accept": "application/json" },
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (result) {
        if (result.ok && result.body.ok) {
          addMine(result.body.answer);
          textarea.value = "";
          idField.value = newClientId();   // the next answer is a new one
          status.className = "status ok";
          status.textContent = result.body.message;
        } else {
          status.className = "status bad";   // the text stays in the box, and the same id makes a retry safe
          status.textContent = result.body.message;
        }
      }).catch(function () {
        status.className = "status bad";
        status.textContent = "⚠ " + (document.documentElement.lang === "en" ? "No connection: try again." :
          "ไม่มีการเชื่อมต่อ กรุณาลองใหม่");
      }).then(function () {
        sending = false;
        button.disabled = false;
        button.textContent = label;
      });
    });
  }

  function addMine(answer) {
    var list = document.getElementById("mine");
    if (!list || list.querySelector('[data-id="' + answer.id + '"]')) return;   // a refresh may have listed it
    var empty = list.querySelector(".empty");
    if (empty) empty.remove();
    var item = document.createElement("li");
    item.textContent = answer.text;    // never innerHTML: answers are text
    item.setAttribute("data-id", answer.id);
    list.appendChild(item);
  }

  var latest = null;       // the last state the server announced
  var refreshing = false;  // one refresh at a time: moves that arrive meanwhile are caught up afterwards

  function refresh() {
    refreshing = true;
    var wanted = latest;
    fetch(location.pathname, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html").getElementById("live");
        var main = live();
        if (!next || !main) { location.reload(); return; }
        var draft = document.getElementById("text");
        var kept = draft ? draft.value : "";   // read now: typing went on while the page was fetched
        main.replaceWith(next);
        var box = document.getElementById("text");
        if (box && kept && !box.value) box.value = kept;   // an unsent draft is never thrown away
        bindForm();
        refreshing = false;
        if (latest !== wanted) onState(latest);   // the facilitator moved again while this page was fetched
      }, function () {
        refreshing = false;   // offline: the next announcement (sent again on reconnect) tries again
      });
  }

  function onState(state) {
    if (state) latest = state;
    var main = live();
    if (!refreshing && main && latest && latest !== main.getAttribute("data-state")) refresh();
  }

  function follow() {
    var main = live();
    if (!main) return;
    var code = main.getAttribute("data-code");
    if (window.EventSource) {
      var source = new EventSource("/s/" + code + "/events");
      source.addEventListener("state", function (event) { onState(JSON.parse(event.data).state); });
    } else {
      setInterval(function () {
        fetch("/s/" + code + "/state", { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (body) { onState(body.state); });
      }, 3000);
    }
  }

  bindForm();
  follow();
})();
