// Galleries as slideshows: one picture at a time with its caption, credit and "3 of 12";
// the Previous and Next buttons, the arrow keys and a swipe move; Grid view shows thumbnails and
// the one picked opens in the slideshow. The address follows the picture shown (each picture has
// its own page), so a reload, a bookmark or a share opens on it. A video slide (data-video) plays
// a copy of its <video> in the stage, stopped when the reader moves on. The page's list stays in the
// markup: without JavaScript it is what the reader gets, and its data-* attributes feed this.
(function () {
  "use strict";
  var SWIPE_PX = 40;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function button(className, text) {
    var node = element("button", "slideshow__button " + className, text);
    node.type = "button";
    return node;
  }

  // Arrows move the picture unless the reader is typing (the search box) or in the grid.
  function typing(target) {
    if (!target || target.isContentEditable) return Boolean(target);
    var tag = target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || tag === "VIDEO") return true; // arrows seek
    if (tag !== "INPUT") return false;
    return ["button", "checkbox", "radio", "submit", "reset"].indexOf(target.type) === -1;
  }

  function slideshow(root) {
    var slides = Array.prototype.slice.call(root.querySelectorAll("[data-slide]"));
    if (slides.length < 2) return;
    var total = slides.length;
    var current = 0;
    var playing = null;

    var bar = element("div", "slideshow__bar");
    var previous = button("slideshow__previous", "Previous");
    var count = element("p", "slideshow__count");
    count.setAttribute("aria-live", "polite");
    var next = button("slideshow__next", "Next");
    var toggle = button("slideshow__toggle", "Grid view");
    toggle.setAttribute("aria-pressed", "false");
    previous.setAttribute("aria-label", "Previous picture");
    next.setAttribute("aria-label", "Next picture");
    bar.append(previous, count, next, toggle);

    var stage = element("figure", "slideshow__stage");
    var image = element("img", "slideshow__image");
    image.draggable = false;
    var caption = element("figcaption", "slideshow__caption");
    var text = element("span", "slideshow__text");
    var credit = element("span", "credit");
    var link = element("a", "slideshow__link", "Link to this picture");
    caption.append(text, " ", credit, " ", link);
    stage.append(image, caption);

    var grid = element("ul", "slideshow__grid");
    grid.hidden = true;
    var thumbs = slides.map(function (slide, index) {
      var item = element("li");
      var thumb = element("a", "slideshow__thumb");
      thumb.href = slide.getAttribute("data-link");
      var picture = element("img");
      picture.src = slide.getAttribute("data-thumb");
      picture.alt = "";
      picture.loading = "lazy";
      var name = "Picture " + (index + 1) + " of " + total + ": " + slide.getAttribute("data-caption");
      thumb.append(picture, element("span", "visually-hidden", name));
      thumb.addEventListener("click", function (event) {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault(); // a plain click stays in the slideshow; others open the page
        showGrid(false);
        show(index, true);
        toggle.focus();
      });
      item.append(thumb);
      grid.append(item);
      return thumb;
    });

    function show(index, moved) {
      current = Math.max(0, Math.min(total - 1, index));
      var slide = slides[current];
      if (playing) {
        playing.pause();
        playing.remove();
        playing = null;
      }
      var clip = slide.hasAttribute("data-video") && slide.querySelector("video");
      if (clip) {
        playing = clip.cloneNode(true);
        playing.classList.add("slideshow__video");
        stage.insertBefore(playing, caption);
      }
      image.hidden = Boolean(clip);
      image.src = slide.getAttribute("data-image");
      image.width = Number(slide.getAttribute("data-width"));
      image.height = Number(slide.getAttribute("data-height"));
      image.alt = slide.getAttribute("data-caption");
      text.textContent = slide.getAttribute("data-caption");
      var by = slide.getAttribute("data-credit");
      credit.textContent = by ? "(" + by + ")" : "";
      link.href = slide.getAttribute("data-link");
      count.textContent = current + 1 + " of " + total;
      previous.setAttribute("aria-disabled", String(current === 0));
      next.setAttribute("aria-disabled", String(current === total - 1));
      thumbs.forEach(function (thumb, i) {
        if (i === current) thumb.setAttribute("aria-current", "true");
        else thumb.removeAttribute("aria-current");
      });
      if (moved) {
        try {
          window.history.replaceState(window.history.state, "", link.href);
        } catch (error) { /* another site's address: the page stays where it is */ }
      }
      if (slides[current + 1]) new Image().src = slides[current + 1].getAttribute("data-image");
    }

    function move(step) {
      var index = current + step;
      if (index >= 0 && index < total) show(index, true);
    }

    function showGrid(on) {
      grid.hidden = !on;
      stage.hidden = on;
      previous.hidden = on;
      next.hidden = on;
      toggle.setAttribute("aria-pressed", String(on));
    }

    function start() {
      var asked = Number(root.getAttribute("data-start"));
      var hash = /^#picture-(\d+)$/.exec(window.location.hash);
      if (!asked && hash) asked = Number(hash[1]);
      return asked >= 1 && asked <= total ? asked - 1 : 0;
    }

    previous.addEventListener("click", function () { move(-1); });
    next.addEventListener("click", function () { move(1); });
    toggle.addEventListener("click", function () { showGrid(grid.hidden); });

    document.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (!grid.hidden || typing(event.target)) return;
      event.preventDefault();
      move(event.key === "ArrowRight" ? 1 : -1);
    });

    var swipe = null;
    stage.addEventListener("pointerdown", function (event) {
      if (event.target.closest("video")) return; // the player's own controls: seeking, not a swipe
      swipe = { id: event.pointerId, x: event.clientX, y: event.clientY };
    });
    stage.addEventListener("pointercancel", function () { swipe = null; });
    stage.addEventListener("pointerup", function (event) {
      if (!swipe || swipe.id !== event.pointerId) return;
      var dx = event.clientX - swipe.x;
      var dy = event.clientY - swipe.y;
      swipe = null;
      if (Math.abs(dx) >= SWIPE_PX && Math.abs(dx) > 2 * Math.abs(dy)) move(dx < 0 ? 1 : -1);
    });

    window.addEventListener("hashchange", function () { show(start(), false); });

    slides[0].parentNode.hidden = true;
    var pageLinks = root.querySelector(".picture-nav");
    if (pageLinks) pageLinks.hidden = true;
    root.classList.add("slideshow--on");
    root.prepend(bar, stage, grid);
    show(start(), false);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-slideshow]"), slideshow);
})();
