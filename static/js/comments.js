// Comments: count badges on story lists, and under an article its thread (public, cached, the
// same for everyone) and the comment form (private, only for signed-in members). Without this
// script, articles link to the plain comments page.
(function () {
  "use strict";
  if (!window.fetch) return;
  var signedIn = document.cookie.split("; ").indexOf("herald_signed_in=1") !== -1;

  var items = document.querySelectorAll(".story-item[data-page-id]");
  if (items.length) {
    var ids = [];
    items.forEach(function (item) {
      var id = item.getAttribute("data-page-id");
      if (ids.indexOf(id) === -1 && ids.length < 100) ids.push(id);
    });
    fetch("/comments/counts/?ids=" + ids.join(","), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { counts: {} }; })
      .then(function (data) {
        items.forEach(function (item) {
          var count = data.counts[item.getAttribute("data-page-id")];
          var link = item.querySelector("a");
          if (!count || !link) return;
          var badge = document.createElement("a");
          badge.className = "comment-count";
          badge.href = link.getAttribute("href") + "#comments";
          badge.textContent = count + (count === 1 ? " comment" : " comments");
          (item.querySelector(".meta") || item).appendChild(badge);
        });
      })
      .catch(function () {});
  }

  var box = document.querySelector("#comments[data-page-id]");
  if (!box) return;
  var pageId = box.getAttribute("data-page-id");
  var threadSlot = box.querySelector("[data-comments-thread]");
  var formSlot = box.querySelector("[data-comments-form]");

  function loadThread(query) {
    // "no-cache": revalidate, so a member sees their new comment at once after posting.
    fetch("/comments/thread/" + pageId + "/" + (query || ""), { cache: "no-cache" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { if (html) threadSlot.innerHTML = html; })
      .catch(function () {});
  }

  function csrfToken() {
    var input = formSlot.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  if (signedIn) {
    fetch("/comments/form/" + pageId + "/", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { formSlot.innerHTML = html; })
      .catch(function () {});
  } else {
    var back = "?next=" + encodeURIComponent(location.pathname + location.search + "#comments");
    formSlot.innerHTML = '<p><a href="/accounts/login/' + back + '">Sign in</a> or <a href="/accounts/signup/' +
      back + '">join</a> to comment.</p>';
  }
  loadThread("");

  threadSlot.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link) return;
    if (link.hasAttribute("data-thread-order") || link.hasAttribute("data-thread-page")) {
      event.preventDefault();
      loadThread(link.getAttribute("href"));
      box.scrollIntoView();
    } else if (link.hasAttribute("data-reply") && formSlot.querySelector("textarea")) {
      event.preventDefault();
      formSlot.querySelector("input[name=parent]").value = link.getAttribute("data-reply");
      var note = formSlot.querySelector("[data-replying]");
      note.querySelector("[data-replying-name]").textContent = link.getAttribute("data-reply-name");
      note.hidden = false;
      formSlot.querySelector("textarea").focus();
    } else if (link.hasAttribute("data-respect") && csrfToken()) {
      event.preventDefault();
      fetch(link.getAttribute("href"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" }
      })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) return;
          link.querySelector(".comment__respect-count").textContent = data.count;
          link.classList.toggle("respected", data.respected);
        })
        .catch(function () {});
    }
  });

  formSlot.addEventListener("click", function (event) {
    if (!event.target.hasAttribute("data-reply-cancel")) return;
    formSlot.querySelector("input[name=parent]").value = "";
    formSlot.querySelector("[data-replying]").hidden = true;
  });
})();
