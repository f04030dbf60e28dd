/* isogov's page behaviour for small screens and forms. A file, not inline script: the Content-Security-Policy
   forbids inline script and on*= handlers. Every page works without it; it only folds, filters and focuses.
   - button.navtoggle          folds the main menu on a phone (the CSS folds it only on html.js);
   - [data-error-summary]      a form's error summary takes the focus, so an error below the fold is seen;
   - select[data-filter="…"]   gets a search box before it that narrows its options (accents ignored);
   - .tabs [aria-current]      the current tab is scrolled into sight when the tabs scroll sideways;
   - [data-count-checked]      a live count of the ticked boxes of a form, with a warning below a minimum
                               (the law's one third of the agencies inspected on site). */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  function each(root, selector, fn) {
    if (root.matches && root.matches(selector)) { fn(root); }
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  function filterable(select) {
    if (select.dataset.filterReady) { return; }
    select.dataset.filterReady = "1";
    var box = document.createElement("input");
    box.type = "search";
    box.className = "selectfilter";
    box.placeholder = select.getAttribute("data-filter");
    box.setAttribute("aria-label", select.getAttribute("data-filter"));
    if (select.id) { box.setAttribute("aria-controls", select.id); }
    box.addEventListener("input", function () {
      var words = fold(box.value).replace(/[^0-9a-z]+/g, " ").split(" ").filter(Boolean);
      var first = null;
      Array.prototype.forEach.call(select.options, function (option) {
        // Each typed word starts a word of the option: "phuong 4" finds Phường 4, not every code holding a 4.
        var text = " " + fold(option.text + " " + option.value).replace(/[^0-9a-z]+/g, " ");
        var shown = option.value === "" || words.every(function (w) { return text.indexOf(" " + w) !== -1; });
        option.hidden = !shown;
        if (shown && option.value !== "" && first === null) { first = option; }
      });
      var current = select.options[select.selectedIndex];
      if (first && (!current || current.hidden || current.value === "")) {
        first.selected = true;
        select.dispatchEvent(new Event("change", {bubbles: true}));
      }
    });
    select.parentNode.insertBefore(box, select);
  }

  function focusSummary(root) {
    var mark = "[data-error-summary]";
    var summary = root.matches && root.matches(mark) ? root : root.querySelector(mark);
    if (summary) { summary.focus(); }
  }

  function currentTab(nav) {
    var tab = nav.querySelector("[aria-current]");
    if (!tab || nav.scrollWidth <= nav.clientWidth) { return; }
    var offset = tab.getBoundingClientRect().left - nav.getBoundingClientRect().left;
    nav.scrollLeft += offset - (nav.clientWidth - tab.offsetWidth) / 2;
  }

  function enhance(root) {
    each(root, "select[data-filter]", filterable);
    each(root, ".tabs", currentTab);
    each(root, "[data-count-checked]", countChecked);
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest("button.navtoggle");
    if (toggle) {
      var menu = document.getElementById(toggle.getAttribute("aria-controls"));
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (menu) { menu.classList.toggle("open", open); }
      return;
    }
    // A link of the error summary puts the cursor in the field, not only the page at it.
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    if (link) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) { return; }
      var fields = "input, select, textarea";
      var field = target.matches(fields) ? target : target.querySelector(fields);
      event.preventDefault();
      (field || target).scrollIntoView({block: "center"});
      if (field) { field.focus({preventScroll: true}); }
    }
  });

  // <p data-count-checked="form id" data-minimum="n" data-text="… __N__ …" data-warning="… __N__ …">
  function countChecked(counter) {
    var form = document.getElementById(counter.getAttribute("data-count-checked"));
    if (!form) { return; }
    var n = form.querySelectorAll("input[type=checkbox]:checked").length;
    var below = n < parseInt(counter.getAttribute("data-minimum"), 10);
    counter.textContent = counter.getAttribute(below ? "data-warning" : "data-text").replace("__N__", n);
    counter.classList.toggle("bad", below);
    counter.classList.toggle("ok", !below);
  }

  document.addEventListener("change", function (event) {
    if (!event.target.matches || !event.target.matches("input[type=checkbox]")) { return; }
    each(document, "[data-count-checked]", function (counter) {
      if (event.target.form && event.target.form.id === counter.getAttribute("data-count-checked")) {
        countChecked(counter);
      }
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
    focusSummary(document);
  });
  // Content that htmx swaps in (a form answered with its errors, a refreshed table) gets the same treatment.
  document.addEventListener("htmx:load", function (event) {
    if (event.target === document.body) { return; }
    enhance(event.target);
    focusSummary(event.target);
  });
})();
