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

  // The results region is replaced as a whole; announce the new count from a live region
  // that stays in place.
  function afterSwap(event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "results") return;
    foldFilters();
    var count = document.querySelector("#results [data-result-count]");
    var status = document.getElementById("live-status");
    if (count && status) status.textContent = count.textContent.trim();
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

  document.addEventListener("DOMContentLoaded", function () {
    foldFilters();
    showTarget();
  });
  window.addEventListener("hashchange", showTarget);
  document.addEventListener("htmx:afterSwap", afterSwap);
})();
