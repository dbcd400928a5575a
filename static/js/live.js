// "There are new stories on the homepage. Click here to see them."
// Listens to /live/stream (Server-Sent Events), falls back to polling /live/latest.json, and
// refreshes the page's stories in place when the reader clicks. Without JavaScript the page
// simply works as before.
(function () {
  "use strict";
  var notice = document.getElementById("live-notice");
  if (!notice || !window.fetch) return;
  var since = parseInt(notice.getAttribute("data-since"), 10) || 0;
  var section = notice.getAttribute("data-section") || "";
  var where = notice.getAttribute("data-scope") === "section" ? "in this section" : "on the homepage";
  var fresh = {};
  var POLL_MS = 30000;

  function query(extra) {
    return "?" + extra + (section ? "&section=" + encodeURIComponent(section) : "");
  }

  function render() {
    var count = Object.keys(fresh).length;
    if (!count) { notice.textContent = ""; return; }
    var button = notice.querySelector("button");
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "live-notice__button";
      button.addEventListener("click", refresh);
      notice.textContent = "";
      notice.appendChild(button);
    }
    button.textContent = "There are new stories " + where + ". Click here to see them. (" + count + ")";
  }

  function receive(event) {
    if (!event || event.id <= since) return;
    since = event.id;
    if (event.kind === "published") { fresh[event.page] = event.headline; render(); }
  }

  function mustRefresh() { fresh.refresh = "refresh"; render(); }

  function refresh() {
    fetch(window.location.href, { cache: "no-cache", credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html");
        var main = document.getElementById("main");
        var nextMain = next.getElementById("main");
        var nextNotice = next.getElementById("live-notice");
        if (!main || !nextMain || !nextNotice) { window.location.reload(); return; }
        nextNotice.parentNode.replaceChild(notice, nextNotice); // keep the listening notice
        main.replaceChildren.apply(main, Array.prototype.slice.call(nextMain.childNodes));
        since = Math.max(since, parseInt(nextNotice.getAttribute("data-since"), 10) || 0);
        fresh = {};
        render();
      })
      .catch(function () { window.location.reload(); });
  }

  function poll() {
    fetch("/live/latest.json" + query("since=" + since))
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.refresh) { mustRefresh(); since = data.latest; }
        data.events.forEach(receive);
      })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, POLL_MS); });
  }

  if (!window.EventSource) { window.setTimeout(poll, POLL_MS); return; }
  var failures = 0;
  var source = new EventSource("/live/stream" + query("last_id=" + since));
  source.onopen = function () { failures = 0; };
  source.onmessage = function (message) { receive(JSON.parse(message.data)); };
  source.addEventListener("refresh", mustRefresh);
  source.onerror = function () {
    failures += 1;
    if (failures >= 3) { source.close(); poll(); } // a proxy that cannot stream: poll instead
  };
})();
