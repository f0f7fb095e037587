// The review grid's keys (the help line above the rows lists them), and where the focus goes
// after a row's decision is swapped in by htmx. Without this file every row's buttons post
// the form, so nothing depends on it.
(function () {
  "use strict";

  var form = document.getElementById("grid-form");
  if (!form) return;
  var help = document.getElementById("grid-keys");
  if (help) help.hidden = false;

  function rows() {
    return Array.prototype.slice.call(form.querySelectorAll(".grid-row"));
  }

  function rowOf(element) {
    return element && element.closest ? element.closest(".grid-row") : null;
  }

  var current = null;

  function focusRow(row, scroll) {
    if (!row) return;
    if (current) current.classList.remove("is-current");
    current = row;
    row.classList.add("is-current");
    row.focus({ preventScroll: true });
    if (scroll !== false) row.scrollIntoView({ block: "start", behavior: "instant" });
  }

  function move(step) {
    var all = rows();
    var at = all.indexOf(rowOf(document.activeElement) || current);
    var next = all[at + step] || (at < 0 ? all[0] : null);
    if (next) focusRow(next);
  }

  // Keys typed into a field are the editor's words, never commands.
  function typing(element) {
    if (!element || !element.closest) return false;
    if (element.isContentEditable) return true;
    var field = element.closest("input, textarea, select");
    if (!field) return false;
    return !(field.type === "checkbox" || field.type === "radio" || field.type === "submit");
  }

  // Whether a row is still to be decided: read from data-status, which htmx sets at once
  // (it gives a swapped row its old classes until the swap settles).
  function pending(row) {
    return row.dataset.status === "pending";
  }

  // The row a decision's key acts on: the current row while it is pending, else the next
  // pending one (a key pressed as a decided row is swapped in, before the focus moves on).
  function pendingFrom(row) {
    if (row && row.isConnected && pending(row)) return row;
    var all = rows();
    var at = row && row.isConnected ? all.indexOf(row) : -1;
    var after = all.slice(at + 1).concat(all.slice(0, at + 1));
    return after.filter(pending)[0] || null;
  }

  function press(row, selector) {
    var button = row && row.querySelector(selector);
    if (button && !button.disabled) button.click();
    return Boolean(button);
  }

  function focusIn(row, selector) {
    var field = row && row.querySelector(selector);
    if (!field) return false;
    var wrap = field.closest("details");
    if (wrap && !wrap.open) wrap.open = true;
    field.focus();
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var target = event.target;
    var row = rowOf(target) || current;
    if (typing(target)) {
      if (event.key === "Escape" && rowOf(target)) {
        event.preventDefault();
        focusRow(rowOf(target), false);
      } else if (event.key === "Enter" && target.tagName === "INPUT" && rowOf(target)) {
        // Enter in a row's reason rejects it; in its search box it searches (htmx); in any
        // other field it does nothing here (without this file it checks the rows).
        event.preventDefault();
        if (target.classList.contains("grid-reason")) press(rowOf(target), ".grid-reject-button");
        if (target.closest(".picker-find")) press(rowOf(target), ".picker-find-button");
      }
      return;
    }
    if (event.key === "Enter" && target.type === "radio" && rowOf(target)) {
      event.preventDefault();
      press(rowOf(target), ".grid-merge-button");
      return;
    }
    var handled = true;
    if ("arxm".indexOf(event.key) >= 0) row = pendingFrom(row);
    switch (event.key) {
      case "j":
        move(1);
        break;
      case "k":
        move(-1);
        break;
      case "a":
        handled = press(row, ".grid-accept");
        break;
      case "A":
        handled = press(form, "#grid-accept-selected");
        break;
      case "x":
        var box = row && row.querySelector(".grid-select-box");
        if (box) box.checked = !box.checked;
        handled = Boolean(box);
        break;
      case "r":
        handled = focusIn(row, ".grid-reason");
        break;
      case "m":
        handled = focusIn(row, ".picker-choice input:checked") || focusIn(row, ".picker-choice input") || focusIn(row, ".picker-find input");
        break;
      case "e":
        var context = row && row.querySelector(".grid-context");
        if (context) context.open = !context.open;
        handled = Boolean(context);
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  });

  // A click or Tab into a row makes it the current one.
  form.addEventListener("focusin", function (event) {
    var row = rowOf(event.target);
    if (row && row !== current) {
      if (current) current.classList.remove("is-current");
      current = row;
      row.classList.add("is-current");
    }
  });

  // After htmx swapped a row: on to the next pending row once it is decided, else to the
  // first field the row says is wrong, or the row itself.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var row = event.detail && event.detail.elt;
    if (!row || !row.classList || !row.classList.contains("grid-row")) return;
    var there = rowOf(document.activeElement);
    if (there && there !== row) return; // the editor has moved on already
    current = row;
    if (!pending(row)) {
      focusRow(pendingFrom(row) || row);
      return;
    }
    var wrong = row.querySelector("[aria-invalid=true]");
    if (wrong) {
      focusIn(row, "[aria-invalid=true]");
    } else {
      focusRow(row, false);
    }
  });

  // Arriving at "#row-12" (after a decision without htmx): that row is the current one.
  if (location.hash.indexOf("#row-") === 0) {
    var arrived = document.getElementById(location.hash.slice(1));
    if (arrived) focusRow(arrived);
  }
})();
