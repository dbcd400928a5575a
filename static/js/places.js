// Location Settings: suggest places as the reader types. Without this script the form still
// works: the server resolves what was typed and lists the places it may have meant.
(function () {
  "use strict";
  var list = document.getElementById("place-suggestions");
  if (!list || !window.fetch) return;
  var timer = null;
  var lastQuery = "";
  function suggest(query) {
    if (query.length < 2 || query === lastQuery) return;
    lastQuery = query;
    fetch("/places/suggest/?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { places: [] }; })
      .then(function (data) {
        list.textContent = "";
        data.places.forEach(function (place) {
          var option = document.createElement("option");
          option.value = place.label;
          list.appendChild(option);
        });
      })
      .catch(function () {});
  }
  document.querySelectorAll("input[data-place-search]").forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      timer = setTimeout(function () { suggest(query); }, 150);
    });
  });
})();
