// Swap the header's "Sign in" links for the member's menu. Pages are cached for everyone, so the
// personal part comes from its own private URL, and only when the sign-in hint cookie says so.
(function () {
  "use strict";
  var HINT = "herald_signed_in";
  if (document.cookie.split("; ").indexOf(HINT + "=1") === -1) return;
  var slot = document.getElementById("user-menu");
  if (!slot || !window.fetch) return;
  fetch("/accounts/menu/", { credentials: "same-origin", headers: { Accept: "text/html" } })
    .then(function (response) { return response.ok ? response.text() : ""; })
    .then(function (html) {
      if (html.indexOf('data-signed-in="true"') !== -1) {
        slot.innerHTML = html;
      } else {
        document.cookie = HINT + "=; Max-Age=0; Path=/; SameSite=Lax";
      }
    })
    .catch(function () {});
})();
