// Progressive enhancement of the phone pages: answers are sent without leaving the page, and the page follows
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

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function offlineText() {
    return "⚠ " + (document.documentElement.lang === "en" ? "No connection: try again." :
      "ไม่มีการเชื่อมต่อ กรุณาลองใหม่");
  }

  function setStatus(node, ok, text) {
    if (!node) return;
    node.className = "status" + (ok === null ? "" : ok ? " ok" : " bad");
    node.textContent = text;   // never innerHTML: messages and answers are text
  }

  // Post a form as the page's script does: JSON back, one request at a time, the button says "sending".
  function sendForm(form, status, done) {
    var button = form.querySelector("button[type=submit]");
    var sending = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (sending) return;          // a double tap sends once; the client id would dedupe it anyway
      if (form.hasAttribute("data-time-up")) return;   // the step's countdown ran out: the server would refuse
      sending = true;
      var label = button.textContent;
      button.disabled = true;
      button.textContent = button.getAttribute("data-sending");
      setStatus(status, null, "");
      fetch(form.action, {
        method: "POST",
        headers: { "Accept": "application/json" },
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (result) {
        if (result.ok && result.body.ok) {
          done(result.body);
        } else {
          var token = form.querySelector("input[name=csrf]");
          if (token && result.body.csrf) token.value = result.body.csrf;   // out of date: the retry carries a fresh one
          if (result.body.reason === "time_up") timeIsUp();   // the server's clock ran out before this one
          setStatus(status, false, result.body.message);   // what was typed stays, and a retry is safe
        }
      }).catch(function () {
        setStatus(status, false, offlineText());
      }).then(function () {
        sending = false;
        button.disabled = form.hasAttribute("data-time-up");
        button.textContent = label;
      });
    });
  }

  function bindForm() {
    var form = document.getElementById("answer");
    if (!form || form.getAttribute("data-bound")) return;   // one listener per form: one tap, one answer
    form.setAttribute("data-bound", "1");
    var status = document.getElementById("status");
    var kind = form.getAttribute("data-kind") || "notes";
    sendForm(form, status, function (body) {
      if (kind === "notes") {
        addMine(body.answer);
        form.querySelector("textarea").value = "";
        form.querySelector("input[name=client_id]").value = newClientId();   // the next answer is a new one
        saveDraft();
        setStatus(status, true, body.message);
        refresh({ message: body.message });   // the new answer gets its Edit and Withdraw
      } else {
        refresh({ fresh: true, message: body.message });   // the server's page shows what now counts
      }
    });
    bindChoices(form);
    bindResources(form);
    bindPoints(form);
    bindVotes(form);
    bindSpeakingFor(form);
  }

  function bindTaskForm() {
    var form = document.getElementById("add-task");
    if (!form || form.getAttribute("data-bound")) return;
    form.setAttribute("data-bound", "1");
    sendForm(form, document.getElementById("task-status"), function (body) {
      form.querySelector("input[name=name]").value = "";
      refresh({ message: body.message, messageFor: "task-status" });   // the new task gets its card
    });
  }

  // "My answers": each Edit and Withdraw form is sent by the script too; the page then shows what now counts.
  function bindChanges() {
    each(document.querySelectorAll("form.change"), function (form) {
      if (form.getAttribute("data-bound")) return;
      form.setAttribute("data-bound", "1");
      sendForm(form, document.getElementById("mine-status"), function (body) {
        refresh({ message: body.message, messageFor: "mine-status", sent: form.id });
      });
    });
  }

  // Radios and checkboxes drawn as big buttons: the chosen ones get a class (for browsers without :has()).
  function markChoices(root) {
    each(root.querySelectorAll("label.choice input"), function (input) {
      input.parentNode.classList.toggle("checked", input.checked);
    });
  }

  function bindChoices(root) {
    root.addEventListener("change", function (event) {
      if (event.target.matches && event.target.matches("label.choice input")) markChoices(root);
    });
    markChoices(root);
  }

  // Resources are offered with "support", the due date and contact with "lead": hidden (and not sent) for
  // other levels.
  function showResources(form) {
    each(form.querySelectorAll("fieldset.resources[data-level]"), function (box) {
      var picked = form.querySelector('input[type=radio][name="' + box.getAttribute("data-level") + '"]:checked');
      var on = !!picked && picked.value === box.getAttribute("data-when");
      box.hidden = !on;
      each(box.querySelectorAll("input"), function (input) { input.disabled = !on; });
    });
  }

  function bindResources(form) {
    if (!form.querySelector("fieldset.resources")) return;
    form.addEventListener("change", function () { showResources(form); });
    showResources(form);
  }

  // Points: "n points left" as the phone types; the server checks the budget anyway.
  function bindPoints(form) {
    var box = document.getElementById("points");
    var left = document.getElementById("points-left");
    if (!box || !left) return;
    var budget = parseInt(box.getAttribute("data-budget"), 10) || 0;
    var template = left.getAttribute("data-template");
    function update() {
      var spent = 0;
      each(box.querySelectorAll("input[type=number]"), function (input) {
        var n = parseInt(input.value, 10);
        if (n > 0) spent += n;
      });
      left.textContent = template.replace("{n}", String(budget - spent));
      left.classList.toggle("bad", spent > budget);
    }
    form.addEventListener("input", update);
    update();
  }

  // Dot voting: each item's select becomes − dots + buttons, and "n dots left" follows the taps. The selects
  // stay the form's fields (hidden), so what is sent is what the page without its script would send.
  function bindVotes(form) {
    var box = document.getElementById("votes");
    var left = document.getElementById("dots-left");
    if (!box || !left) return;
    var dots = parseInt(box.getAttribute("data-dots"), 10) || 0;
    var most = parseInt(box.getAttribute("data-most"), 10) || 1;
    var template = left.getAttribute("data-template");
    var selects = box.querySelectorAll("select");
    function placed() {
      var sum = 0;
      each(selects, function (select) { sum += parseInt(select.value, 10) || 0; });
      return sum;
    }
    function update() {
      var spent = placed();
      each(selects, function (select) {
        var n = parseInt(select.value, 10) || 0;
        var control = select.nextSibling;
        control.querySelector(".dots-shown").textContent = n ? new Array(n + 1).join("\u25CF") : "";
        control.querySelector(".dot-minus").disabled = n <= 0;
        control.querySelector(".dot-plus").disabled = n >= most || spent >= dots;
        select.parentNode.classList.toggle("voted", n > 0);
      });
      left.textContent = template.replace("{n}", String(dots - spent));
      left.classList.toggle("bad", spent > dots);
    }
    function button(cls, text, label, step, select) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = cls;
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.addEventListener("click", function () {
        var n = (parseInt(select.value, 10) || 0) + step;
        if (n < 0 || n > most || step > 0 && placed() >= dots) return;
        select.value = String(n);
        select.dispatchEvent(new Event("change", { bubbles: true }));   // the draft keeps it
      });
      return b;
    }
    each(selects, function (select) {
      var control = document.createElement("div");
      control.className = "dot-control";
      var shown = document.createElement("span");
      shown.className = "dots-shown";
      control.appendChild(button("dot-minus", "\u2212", box.getAttribute("data-remove"), -1, select));
      control.appendChild(shown);
      control.appendChild(button("dot-plus", "+", box.getAttribute("data-add"), 1, select));
      select.parentNode.insertBefore(control, select.nextSibling);
    });
    box.classList.add("enhanced");
    form.addEventListener("change", update);
    update();
  }

  // A person with several hats: choosing whom they answer for shows that organisation's claims so far.
  function bindSpeakingFor(form) {
    var select = form.querySelector("select[name=organisation]");
    var store = document.getElementById("claims-by-org");
    if (!select || !store) return;
    var claims;
    try { claims = JSON.parse(store.getAttribute("data-claims")) || {}; } catch (e) { return; }
    select.addEventListener("change", function () {
      var fields = claims[select.value] || {};
      each(form.querySelectorAll("input[name]"), function (input) {
        var name = input.name;
        if (!/^(level|resource|note)\./.test(name)) return;
        var values = fields[name] || [];
        if (input.type === "radio") {
          input.checked = values.length ? values.indexOf(input.value) >= 0 : input.value === "";
        }
        else if (input.type === "checkbox") input.checked = values.indexOf(input.value) >= 0;
        else input.value = values.length ? values[values.length - 1] : "";
      });
      var shown = form.querySelector("input[name=claims_for]");
      if (shown) shown.value = select.value;   // the form now shows this organisation's claims
      markChoices(form);
      showResources(form);
    });
  }

  // The join page: "another organisation" needs its name typed; the box shows only when chosen.
  function bindJoin() {
    var form = document.getElementById("join");
    var select = form && form.querySelector("select[name=organisation]");
    var other = document.getElementById("other-org");
    if (form) bindChoices(form);
    if (!select || !other) return;
    function update() {
      var on = select.value === "__other__";
      other.hidden = !on;
      if (on) document.getElementById("organisation_other").focus();
    }
    other.hidden = select.value !== "__other__";
    select.addEventListener("change", update);
    bindKnownSector(select);
  }

  // The join page: an organisation whose sector the partnership knows is not asked it; the page says it instead.
  function bindKnownSector(select) {
    var ask = document.getElementById("sector-ask");
    var known = document.getElementById("sector-known");
    if (!ask || !known) return;
    function update() {
      var option = select.options[select.selectedIndex];
      var key = option ? option.getAttribute("data-sector") : null;
      ask.hidden = !!key;
      document.getElementById("sector").disabled = !!key;   // not sent: the server takes the partnership's
      known.hidden = !key;
      known.textContent = key ? known.getAttribute("data-template").replace("{sector}",
        option.getAttribute("data-sector-label")) : "";   // never innerHTML: names are text
    }
    update();
    select.addEventListener("change", update);
  }

  function addMine(answer) {
    var list = document.getElementById("mine");
    if (!list || list.querySelector('[data-id="' + answer.id + '"]')) return;   // a refresh may have listed it
    var empty = list.querySelector(".empty");
    if (empty) empty.remove();
    var item = document.createElement("li");
    var text = document.createElement("span");
    text.className = "answer-text";
    text.textContent = answer.text;    // never innerHTML: answers are text
    item.appendChild(text);
    item.setAttribute("data-id", answer.id);
    list.appendChild(item);   // the refresh that follows gives it its Edit and Withdraw
  }

  // Fields the server's page always decides: which step, the id of the next answer, and every hidden field
  // (the form's token among them) but the one this script sets itself (whose organisation's claims the form shows).
  function fresh(el) {
    return el.name === "step" || el.name === "client_id" || el.type === "hidden" && el.name !== "claims_for";
  }

  // What the phone has typed or chosen but not sent, per form, to carry over a refresh of the same step.
  function snapshot(main) {
    var kept = {};
    each(main.querySelectorAll("form[id]"), function (form) {
      var step = form.querySelector("input[name=step]");
      var fields = {};
      each(form.elements, function (el) {
        if (!el.name || fresh(el) || el.type === "submit" || el.disabled && el.type !== "checkbox") return;
        var entry = fields[el.name] || (fields[el.name] = { values: [], picked: [] });
        if (el.type === "radio" || el.type === "checkbox") {
          entry.values.push(el.value);
          if (el.checked) entry.picked.push(el.value);
        } else {
          entry.picked.push(el.value);
        }
      });
      kept[form.id] = { step: step ? step.value : null, fields: fields };
    });
    return kept;
  }

  function restore(main, kept) {
    each(main.querySelectorAll("form[id]"), function (form) {
      var old = kept[form.id];
      var step = form.querySelector("input[name=step]");
      if (!old || old.step !== (step ? step.value : null)) return;
      each(form.elements, function (el) {
        var entry = old.fields[el.name];
        if (!entry || fresh(el) || el.type === "submit") return;
        if (el.type === "radio" || el.type === "checkbox") {
          if (entry.values.indexOf(el.value) >= 0) el.checked = entry.picked.indexOf(el.value) >= 0;
        } else if (entry.picked.length) {
          el.value = entry.picked[0];
        }
      });
    });
  }

  // The step's countdown. The server says how many whole seconds are left (a phone's own clock may be wrong);
  // the page counts down from the moment it heard them, and every announcement sets them again.
  var countdown = null;    // { step, remaining, paused, stops, heard }

  function now() { return window.performance && performance.now ? performance.now() : Date.now(); }

  function setCountdown(timer) {
    countdown = timer ? { step: String(timer.step), remaining: Number(timer.remaining) || 0,
                          paused: !!timer.paused, stops: !!timer.stops, heard: now() } : null;
    showCountdown();
  }

  // The countdown the page was drawn with (a fresh page is as new as any announcement).
  function readCountdown() {
    var box = document.getElementById("timer");
    if (!box) return;
    var remaining = box.getAttribute("data-remaining");
    setCountdown(remaining === "" ? null : {
      step: box.getAttribute("data-step"), remaining: remaining,
      paused: box.getAttribute("data-paused") === "true", stops: box.getAttribute("data-stops") === "true"
    });
  }

  function secondsLeft() {
    var left = countdown.remaining - (countdown.paused ? 0 : (now() - countdown.heard) / 1000);
    return Math.max(0, Math.ceil(left - 1e-6));
  }

  function timeIsUp() {
    if (countdown) { countdown.remaining = 0; countdown.paused = false; countdown.stops = true; }
    showCountdown();
  }

  function showCountdown() {
    var box = document.getElementById("timer");
    if (!box) return;
    var form = document.getElementById("answer");
    var on = !!countdown && countdown.step === box.getAttribute("data-step");
    box.hidden = !on;
    var left = on ? secondsLeft() : 1;
    var closed = on && left === 0 && countdown.stops;
    if (on) {
      var minutes = Math.floor(left / 60), seconds = left % 60;
      box.querySelector(".clock").textContent = (minutes < 10 ? "0" : "") + minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      box.querySelector(".note").textContent = left === 0 ? box.getAttribute(countdown.stops ? "data-closed" : "data-over") :
        countdown.paused ? box.getAttribute("data-paused-text") : left <= 60 ? box.getAttribute("data-last") : "";
      box.classList.toggle("warn", left > 0 && left <= 60);
      box.classList.toggle("over", left === 0);
    }
    if (form) {
      var button = form.querySelector("button[type=submit]");
      if (closed !== form.hasAttribute("data-time-up")) {
        if (closed) form.setAttribute("data-time-up", "1"); else form.removeAttribute("data-time-up");
        if (button) button.disabled = closed;   // what was typed stays in the box
        if (!closed) setStatus(document.getElementById("status"), null, "");   // open again: "time is up" is past
      }
    }
  }

  var latest = null;       // the last state the server announced
  var refreshing = false;  // one refresh at a time: moves that arrive meanwhile are caught up afterwards
  var queued = null;       // a refresh asked for while one was under way (after a send)

  // This page as the phone asked for it: "my answers" all listed (?all=1) or only the latest, and with every
  // answer whose Edit form is open (?open=…), so that what is being typed there stays on the page.
  function pageUrl() {
    var query = [];
    if (new URLSearchParams(location.search).get("all") === "1") query.push("all=1");
    var open = [];
    each(document.querySelectorAll("#mine li[data-id] details.edit[open]"), function (box) {
      open.push(box.closest("li").getAttribute("data-id"));
    });
    if (open.length) query.push("open=" + encodeURIComponent(open.join(",")));
    return location.pathname + (query.length ? "?" + query.join("&") : "");
  }

  // Fetch the page again (in the same view) and put its main section in place. ``after.fresh``: just sent, so
  // show the server's values rather than the phone's; ``after.message``: a status to show once the new section
  // is in.
  function refresh(after) {
    if (refreshing) { queued = after || {}; return; }
    refreshing = true;
    var wanted = latest;
    fetch(pageUrl(), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html").getElementById("live");
        var main = live();
        if (!next || !main) { location.reload(); return; }
        var draft = document.getElementById("text");
        var kept = draft ? draft.value : "";   // read now: typing went on while the page was fetched
        var fields = snapshot(main);
        if (after && after.fresh) delete fields.answer;   // just sent: the answer form shows what was stored
        if (after && after.sent) delete fields[after.sent];   // an edit just saved: its form shows what was stored
        main.replaceWith(next);
        restore(next, fields);
        var box = document.getElementById("text");
        if (box && kept && !box.value && !(after && after.fresh)) box.value = kept;   // a draft is never lost
        bindForm();
        bindTaskForm();
        bindChanges();
        readCountdown();
        saveDraft();
        if (after && after.message) setStatus(document.getElementById(after.messageFor || "status"), true,
                                              after.message);
        refreshing = false;
        if (queued) { var again = queued; queued = null; refresh(again); return; }
        if (latest !== wanted) onState(latest);   // the facilitator moved again while this page was fetched
      }, function () {
        refreshing = false;   // offline: the next announcement (sent again on reconnect) tries again
        queued = null;
      });
  }

  // What the server announces: the state the page shows, and the open step's countdown.
  function onAnnounced(body) {
    if ("timer" in body) setCountdown(body.timer);
    onState(body.state);
  }

  function onState(state) {
    if (state) latest = state;
    var main = live();
    if (!refreshing && main && latest && latest !== main.getAttribute("data-state")) refresh();
  }

  // The live connection never gives up: after any failure (the network dropped, the laptop restarted, the
  // session is not served yet: an error, a 404, a 503) it is opened again after 0.5 s, doubling to 4 s, with
  // jitter so that a room of phones does not come back in one burst. A notice says so meanwhile; once back,
  // the server's first message is the current state, and the page catches up if the facilitator moved on.
  var RETRY_FIRST = 500, RETRY_MAX = 4000;
  var retryDelay = RETRY_FIRST;

  function notice(show) {
    var box = document.getElementById("connection");
    var main = live();
    if (!box && show && main) {
      box = document.createElement("p");
      box.id = "connection";
      box.className = "notice";
      box.setAttribute("role", "status");
      box.textContent = main.getAttribute("data-reconnecting");   // text, never HTML
      main.parentNode.insertBefore(box, main);
    }
    if (box) box.hidden = !show;
  }

  function connected() {
    retryDelay = RETRY_FIRST;
    notice(false);
  }

  function retryLater(connect) {
    notice(true);
    var delay = retryDelay * (0.75 + Math.random() * 0.5);
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX);
    setTimeout(connect, Math.min(delay, RETRY_MAX));
  }

  function listen(code) {
    var source = new EventSource("/s/" + code + "/events");
    source.addEventListener("open", connected);
    source.addEventListener("state", function (event) { connected(); onAnnounced(JSON.parse(event.data)); });
    source.addEventListener("error", function () {
      source.close();   // the browser's own retry stops at a 404 or a 503; ours goes on
      retryLater(function () { listen(code); });
    });
  }

  function poll(code) {
    fetch("/s/" + code + "/state", { credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok && body.state !== "closed") throw new Error(String(response.status));
          connected();
          onAnnounced(body);
          setTimeout(function () { poll(code); }, 3000);
        });
      })
      .catch(function () { retryLater(function () { poll(code); }); });
  }

  function follow() {
    var main = live();
    if (!main) return;
    var code = main.getAttribute("data-code");
    if (window.EventSource) listen(code); else poll(code);
  }

  // What is typed and not sent is also kept in the tab's session storage (per session; the step is inside),
  // so that a reload, or a page that comes back after the laptop restarted, shows it again.
  function draftKey() {
    var main = live();
    return main ? "draft:" + main.getAttribute("data-code") : null;
  }

  function saveDraft() {
    var key = draftKey();
    if (!key) return;
    try { window.sessionStorage.setItem(key, JSON.stringify(snapshot(live()))); } catch (e) { /* storage off */ }
  }

  function restoreDraft() {
    var key = draftKey();
    if (!key) return;
    var kept = null;
    try { kept = JSON.parse(window.sessionStorage.getItem(key) || "null"); } catch (e) { return; }
    if (kept) restore(live(), kept);
  }

  document.addEventListener("input", saveDraft);
  document.addEventListener("change", saveDraft);

  restoreDraft();
  bindForm();
  bindTaskForm();
  bindChanges();
  bindJoin();
  readCountdown();
  setInterval(function () { if (countdown) showCountdown(); }, 250);
  follow();
})();
