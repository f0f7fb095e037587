// "Cite this" in the admin's reader of a source: after words are selected inside one
// paragraph, links below it carry them (with their source and paragraph) to the add-event
// form or to the cite form at the top of the page. Without this file that form takes pasted
// words, so nothing depends on it.
(function () {
  "use strict";

  var list = document.querySelector(".cite-passages[data-source]");
  if (!list) return;
  var control = null;

  // The paragraph whose text holds `node`, or null: the control's own links do not count.
  function paragraphOf(node) {
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    var text = element ? element.closest("[data-passage] > p") : null;
    return text && list.contains(text) ? text : null;
  }

  function hide() {
    if (control) control.remove();
    control = null;
  }

  function link(text, href) {
    var anchor = document.createElement("a");
    anchor.href = href;
    anchor.textContent = text;
    anchor.className = "button";
    return anchor;
  }

  function offer() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed) return hide();
    var paragraph = paragraphOf(selection.anchorNode);
    if (!paragraph || paragraph !== paragraphOf(selection.focusNode)) return hide();
    var words = selection.toString().replace(/\s+/g, " ").trim();
    if (!words) return hide();
    var passage = paragraph.parentElement;
    var query = new URLSearchParams({
      source: list.dataset.source,
      passage: passage.dataset.passage,
      quote: words,
    }).toString();
    hide();
    control = document.createElement("p");
    control.className = "cite-control";
    control.setAttribute("role", "group");
    control.setAttribute("aria-label", "Cite the selected words");
    var label = document.createElement("strong");
    label.textContent = "Cite this: ";
    control.append(label);
    if (list.dataset.canAdd === "true") {
      control.append(link("in a new event", list.dataset.addUrl + "?" + query), " ");
    }
    control.append(link("in an existing event…", list.dataset.citeUrl + "?" + query + "#cite-form"));
    paragraph.after(control);
  }

  // On mouseup and keyup rather than selectionchange: pressing a link of the control
  // collapses the selection, which must not take the link away before it is followed.
  function changed(event) {
    if (control && control.contains(event.target)) return;
    offer();
  }
  list.addEventListener("mouseup", changed);
  list.addEventListener("keyup", changed);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
})();
