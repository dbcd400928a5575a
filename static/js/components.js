// Load the reader's location-aware components (weather, traffic, listings, local news).
// The page is the same for every reader, so each component comes from its own public URL with
// the place in it: /components/<name>/?location=<slug>. Members' choices come from their
// profile (a private URL, asked only when the sign-in hint says so); other readers' from the
// herald_places cookie, whose payload reads "weather:cape-town|traffic:durban".
(function () {
  "use strict";
  var box = document.getElementById("components");
  if (!box || !window.fetch) return;
  var fallback = box.getAttribute("data-default-location") || "";

  function cookie(name) {
    var prefix = name + "=";
    var found = document.cookie.split("; ").filter(function (c) { return c.indexOf(prefix) === 0; })[0];
    return found ? decodeURIComponent(found.slice(prefix.length)).replace(/^"|"$/g, "") : "";
  }

  function cookieChoices() {
    // Signed by the server as payload:timestamp:signature; the server checks it, the script
    // only needs to know which public fragment to ask for.
    var parts = cookie("herald_places").split(":");
    var choices = {};
    parts.slice(0, -2).join(":").split("|").forEach(function (item) {
      var at = item.indexOf(":");
      if (at > 0) choices[item.slice(0, at)] = item.slice(at + 1);
    });
    return choices;
  }

  function show(choices) {
    box.querySelectorAll("[data-slot]").forEach(function (slot) {
      var name = slot.getAttribute("data-slot");
      var wanted = choices[name] || fallback;
      var current = slot.firstElementChild && slot.firstElementChild.getAttribute("data-location");
      if (!wanted || wanted === current) return;
      fetch("/components/" + name + "/?location=" + encodeURIComponent(wanted), { headers: { Accept: "text/html" } })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { if (html) slot.innerHTML = html; })
        .catch(function () {});
    });
  }

  if (document.cookie.split("; ").indexOf("herald_signed_in=1") !== -1) {
    fetch("/settings/locations/choices/", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { locations: cookieChoices() }; })
      .then(function (data) { show(data.locations || {}); })
      .catch(function () { show(cookieChoices()); });
  } else {
    show(cookieChoices());
  }
})();
