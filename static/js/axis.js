// The time axis (templates/jinja2/includes/axis.html), enhanced; it works without this file:
// every mark is a link named by its <title>, every zoom a plain link, and the list below the
// axis numbers every event.
(function () {
  "use strict";

  var LINKS = ".axis-chart a";

  // On a phone the drawing is wider than the screen: open it on the stretch that holds the
  // most events (the server works it out: data-opens-at, a share of the drawing's width),
  // not on its first years, which may be empty.
  function openAxes() {
    document.querySelectorAll(".axis-scroll[data-opens-at]").forEach(function (frame) {
      var hidden = frame.scrollWidth - frame.clientWidth;
      if (hidden <= 0 || frame.scrollLeft > 0) return;
      var middle = parseFloat(frame.dataset.opensAt) * frame.scrollWidth;
      frame.scrollLeft = Math.min(Math.max(middle - frame.clientWidth / 2, 0), hidden);
    });
  }

  // A tooltip with the whole name of the mark (or year, or crowd) under the pointer or with
  // the keyboard's focus: a label on the axis may be cut, or be only the event's number.
  // The pointer may move onto it without it going (it lets the pointer through to the marks
  // under it, which show their own); Escape dismisses it. Screen readers have the same words
  // as the link's name, so it is hidden from them.
  var tip = null;
  var shownFor = null;
  var untitled = null;

  function nameOf(link) {
    var title = link.querySelector("title");
    return link.getAttribute("aria-label") || (title ? title.textContent : "");
  }

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "axis-tip";
      tip.id = "axis-tip";
      tip.setAttribute("role", "tooltip");
      tip.setAttribute("aria-hidden", "true");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  function show(link) {
    var name = nameOf(link);
    if (!name) return;
    var box = tooltip();
    box.textContent = name;
    box.hidden = false;
    shownFor = link;
    var mark = link.getBoundingClientRect();
    var width = box.offsetWidth;
    var height = box.offsetHeight;
    var left = Math.min(Math.max(mark.left, 8), document.documentElement.clientWidth - width - 8);
    var top = mark.top - height - 6;
    if (top < 4) top = mark.bottom + 6;
    box.style.left = Math.round(left + window.scrollX) + "px";
    box.style.top = Math.round(top + window.scrollY) + "px";
  }

  function hide() {
    if (tip) tip.hidden = true;
    shownFor = null;
  }

  function onTip(event) {
    if (!tip || tip.hidden) return false;
    var box = tip.getBoundingClientRect();
    return event.clientX >= box.left && event.clientX <= box.right &&
      event.clientY >= box.top && event.clientY <= box.bottom;
  }

  // The pointer left a link: the tooltip goes, unless the pointer is on it or the link has
  // the keyboard's focus.
  function left(event) {
    if (!shownFor || onTip(event)) return;
    retitle();
    if (shownFor !== document.activeElement) hide();
  }

  // The browser's own tooltip for an SVG <title> would come a second later, over ours: while
  // the pointer is on a link its name moves to aria-label, and back when it leaves.
  function untitle(link) {
    if (untitled && untitled.link === link) return;
    retitle();
    var title = link.querySelector(":scope > title");
    if (!title || link.hasAttribute("aria-label")) return;
    link.setAttribute("aria-label", title.textContent);
    title.remove();
    untitled = { link: link, title: title };
  }

  function retitle() {
    if (!untitled) return;
    untitled.link.removeAttribute("aria-label");
    untitled.link.insertBefore(untitled.title, untitled.link.firstChild);
    untitled = null;
  }

  function linkOf(target) {
    return target && target.closest ? target.closest(LINKS) : null;
  }

  document.addEventListener("pointerover", function (event) {
    var link = linkOf(event.target);
    if (!link) return;
    untitle(link);
    show(link);
  });
  document.addEventListener("pointerout", function (event) {
    var link = linkOf(event.target);
    if (link && !link.contains(event.relatedTarget) && !linkOf(event.relatedTarget)) left(event);
  });
  document.addEventListener("pointermove", function (event) {
    if (untitled && !linkOf(event.target)) left(event);
  });
  document.addEventListener("focusin", function (event) {
    var link = linkOf(event.target);
    if (link) show(link);
    else if (shownFor) hide();
  });
  document.addEventListener("focusout", function (event) {
    if (event.target === shownFor && !untitled) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && tip && !tip.hidden) hide();
  });
  window.addEventListener("resize", function () { if (shownFor) show(shownFor); });

  // A zoom inside the drawing is an hx-get link (htmx does not boost SVG links). A click with
  // a modifier opens it in a new tab or window, as a boosted link's would, not in place.
  document.addEventListener("click", function (event) {
    if (!(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)) return;
    var target = event.target;
    if (target && target.closest && target.closest("svg a[hx-get]")) event.stopPropagation();
  }, true);

  // After a zoom or a change of lanes the axis is new: the reader goes on from its heading
  // (or the lanes they chose), not from the top of the page.
  //
  // And a zoom replaces the results region, which htmx cleans up element by element (two
  // events each, and a search for each id of the new region among the old): for a drawing
  // of 1,000 events and the lists under it some 10,000 elements, more time than the new axis
  // takes to draw. So the old region (or its axis alone, when a control outside it has the
  // focus) is emptied first, once no other handler has called the swap off: this one hears
  // the event last, on the window. Its elements hold nothing htmx must undo but their own
  // listeners, which go with them, and htmx issues no request for an element no longer in
  // the page (a search still waiting out its delay).
  var from = null;

  window.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (!detail || !detail.shouldSwap || !detail.target || detail.target.id !== "results") return;
    var config = detail.requestConfig;
    var source = config && config.elt && config.elt.closest ? config.elt : null;
    from = !source || !source.closest(".axis") ? null : source.closest(".axis-lanes") ? "lanes" : "axis";
    var old = detail.target.querySelector(".axis");
    if (!old) return;
    // A control with the focus and an id (the search box as the reader types) stays for htmx
    // to find: it gives the focus to its namesake in the new region.
    var active = document.activeElement;
    var focused = active && active.id && detail.target.contains(active) && !old.contains(active);
    // htmx next copies the page for its history unless hx-history="false" is in it (the axis
    // carries it): what it would copy now is the emptied region.
    detail.target.setAttribute("hx-history", "false");
    (focused ? old : detail.target).replaceChildren();
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "results") return;
    hide();
    untitled = null;
    var chosen = from === "lanes" && document.querySelector(".axis-lanes [aria-current]");
    var heading = chosen || (from && document.getElementById("axis-title"));
    from = null;
    // In the next frame, with the layout it needs anyway: measured here, the new page's
    // layout would be done once now and again after the other handlers change it.
    requestAnimationFrame(function () {
      openAxes();
      if (heading && heading.isConnected) heading.focus();
    });
  });
  document.addEventListener("htmx:historyRestore", openAxes);
  document.addEventListener("DOMContentLoaded", openAxes);
})();
