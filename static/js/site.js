// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  var narrow = window.matchMedia("(max-width: 60rem)");

  // A citation link ends in "#p-…:~:text=…". Browsers with text fragments strip the
  // directive and highlight the words themselves; others keep it in the hash, where it
  // matches no id. Either way, find the paragraph, open what hides it, and mark it.
  function showTarget() {
    var hash = window.location.hash;
    if (!hash || hash.length < 2) return;
    var raw = hash.slice(1);
    var directive = raw.indexOf(":~:");
    var id = directive === -1 ? raw : raw.slice(0, directive);
    var target;
    try {
      target = document.getElementById(decodeURIComponent(id));
    } catch (error) {
      return;
    }
    if (!target) return;
    document.querySelectorAll(".is-target").forEach(function (element) {
      element.classList.remove("is-target");
    });
    target.classList.add("is-target");
    var hidden = false;
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) {
        node.open = true;
        hidden = true;
      }
    }
    if (directive !== -1 || hidden) target.scrollIntoView({ block: "center" });
  }

  // On narrow screens the filters start folded away so the results are in sight; a swap
  // of the results region keeps the panel as the reader left it.
  var panelOpen = null;

  function foldFilters() {
    var panel = document.getElementById("filters-panel");
    if (!panel) return;
    panel.open = panelOpen === null ? !narrow.matches : panelOpen;
  }

  narrow.addEventListener("change", function () {
    panelOpen = !narrow.matches;
    foldFilters();
  });

  document.addEventListener("toggle", function (event) {
    if (event.target.id === "filters-panel") panelOpen = event.target.open;
  }, true);

  // The results region (filters included) is replaced as a whole. What the reader was using
  // is put back where it was: the control keeps its place on the screen, the "show all" lists
  // stay open, and the new count is announced from a live region that stays in place.
  var lastControl = null;
  var before = null;

  document.addEventListener("change", function (event) {
    if (event.target.id && event.target.closest("#filter-form")) lastControl = event.target.id;
  }, true);

  function inResults(event) {
    var target = event.detail && event.detail.target;
    return target && target.id === "results";
  }

  function beforeSwap(event) {
    if (!inResults(event)) return;
    var config = event.detail.requestConfig;
    var source = (config && config.elt) || event.detail.elt;
    var active = document.activeElement;
    var id = active && active.id && active.closest("#results") ? active.id : null;
    if (!id && source && source.id === "filter-form") id = lastControl;
    var control = id && document.getElementById(id);
    if (!control && source && source.dataset && source.dataset.unfolds) control = source;
    before = {
      id: control ? id : null,
      // "Show all options" swaps in the whole list: the reader goes on from its first new one.
      unfolds: source && source.dataset ? source.dataset.unfolds : null,
      top: control ? control.getBoundingClientRect().top : 0,
      paging: !!(source && source.closest && source.closest(".pagination")),
      open: Array.prototype.map.call(
        document.querySelectorAll("#results details.more-options[open]"),
        function (details) { return details.id; }
      ),
    };
  }

  function afterSwap(event) {
    if (!inResults(event)) return;
    foldFilters();
    var kept = before;
    before = null;
    if (kept) {
      kept.open.forEach(function (id) {
        var details = id && document.getElementById(id);
        if (details) details.open = true;
      });
      var unfolded = kept.unfolds && document.querySelector("#more-" + kept.unfolds + " input");
      if (unfolded) {
        unfolded.focus({ preventScroll: true });
        window.scrollBy(0, unfolded.getBoundingClientRect().top - kept.top);
      } else if (kept.paging) {
        // A new page: the reader goes on from its heading, not from the top of the filters.
        var heading = document.getElementById("results-title");
        if (heading) heading.focus();
      } else if (kept.id) {
        var control = document.getElementById(kept.id);
        if (control) window.scrollBy(0, control.getBoundingClientRect().top - kept.top);
      }
    }
    var count = document.querySelector("#results [data-result-count]");
    var status = document.getElementById("live-status");
    if (count && status) status.textContent = count.textContent.trim();
  }

  // A year <select> changes with every arrow key. Keyboard changes are applied when the
  // reader leaves the control or presses Enter, not at each step; a pick with the pointer
  // is applied at once.
  var pointerPick = false;
  var pendingSelect = null;

  document.addEventListener("pointerdown", function (event) {
    pointerPick = event.target.tagName === "SELECT" || event.target.tagName === "OPTION";
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.target.tagName !== "SELECT") return;
    pointerPick = false;
    if (event.key === "Enter" && pendingSelect === event.target) {
      event.preventDefault();
      applySelect();
    }
  }, true);

  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.tagName !== "SELECT" || !select.closest("#filter-form") || pointerPick) return;
    // Stopped here, before the form hears it; applied by applySelect().
    event.stopPropagation();
    pendingSelect = select;
  }, true);

  document.addEventListener("focusout", function (event) {
    if (event.target === pendingSelect) applySelect();
  }, true);

  function applySelect() {
    var select = pendingSelect;
    pendingSelect = null;
    if (select && select.form && select.isConnected) select.form.requestSubmit();
  }

  // Search as you type: a response to words the reader has since changed would put the old
  // words back in the box under the cursor. Drop it; the newer words send their own request.
  function searchedFor(event) {
    var params = event.detail && event.detail.requestConfig && event.detail.requestConfig.parameters;
    if (!params) return null;
    var q = typeof params.get === "function" ? params.get("q") : params.q;
    return q === undefined ? null : q;
  }

  function keepTyping(event) {
    var box = document.getElementById("filter-q");
    var sent = searchedFor(event);
    if (!box || sent === null || document.activeElement !== box) return;
    if (box.value !== sent) event.detail.shouldSwap = false;
  }

  document.addEventListener("htmx:beforeSwap", keepTyping);

  // On a phone the map is wider than the screen: open it on its middle, where the Pacific
  // states are, with China and Australia to their west.
  function centreMap() {
    document.querySelectorAll(".map-scroll").forEach(function (scroller) {
      scroller.scrollLeft = (scroller.scrollWidth - scroller.clientWidth) / 2;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    foldFilters();
    showTarget();
    centreMap();
  });
  window.addEventListener("hashchange", showTarget);
  document.addEventListener("htmx:beforeSwap", beforeSwap);
  document.addEventListener("htmx:afterSwap", afterSwap);
})();
