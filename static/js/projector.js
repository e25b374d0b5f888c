// The projector (templates/quiz/live/projector.html): its big countdown, the teacher's keys and
// the polite announcements. No inline script (CSP): everything hangs on data attributes.
(function () {
  "use strict";

  // The countdown: the server says how many milliseconds are left when it rendered the screen;
  // the next poll brings the correction when the server's clock says so.
  var clocks = [];

  function startClocks(root) {
    root.querySelectorAll("[data-ms-left]").forEach(function (clock) {
      var left = parseInt(clock.getAttribute("data-ms-left"), 10);
      var total = parseInt(clock.getAttribute("data-seconds-total"), 10);
      if (isNaN(left) || isNaN(total) || total <= 0) {
        return;
      }
      if (clock.hasAttribute("data-clock-started")) {
        return;
      }
      clock.setAttribute("data-clock-started", "");
      clocks.push({ element: clock, end: performance.now() + left, total: total * 1000 });
    });
    tick();
  }

  function tick() {
    var now = performance.now();
    clocks = clocks.filter(function (clock) {
      return document.body.contains(clock.element);
    });
    clocks.forEach(function (clock) {
      var left = Math.max(0, clock.end - now);
      var seconds = Math.ceil(left / 1000);
      var number = clock.element.querySelector(".wall-clock-number");
      if (number && number.textContent !== String(seconds)) {
        number.textContent = String(seconds);
      }
      var fill = clock.element.querySelector(".wall-clock-fill");
      if (fill) {
        fill.style.transform = "scaleX(" + Math.min(1, left / clock.total).toFixed(3) + ")";
      }
      clock.element.classList.toggle("is-low", seconds <= 5);
    });
  }
  setInterval(tick, 250);

  // The announcements: only when the screen's state changes (a question starts or closes, the
  // podium), never for a join or an answer; the focus stays where it is.
  var announced = null;

  function announce() {
    var main = document.getElementById("live-main");
    var region = document.getElementById("wall-announce");
    if (!main || !region) {
      return;
    }
    var text = main.getAttribute("data-announce") || "";
    if (announced === null) {
      announced = text; // the page itself says it on load
      return;
    }
    if (text !== announced) {
      announced = text;
      region.textContent = text;
    }
  }

  document.addEventListener("htmx:load", function (event) {
    startClocks(event.target);
  });
  document.addEventListener("htmx:afterSettle", announce);
  // A question that opens after « Préparez-vous » (site.js) has said so: not again at the next swap.
  document.addEventListener("live:opened", function (event) {
    announced = event.detail.announce;
  });
  document.addEventListener("DOMContentLoaded", function () {
    startClocks(document);
    announce();
  });

  // The teacher's keys: space or → presses the screen's primary action (shown beside it);
  // Escape closes the « Terminer la session » question.
  function busy(button) {
    var form = button.closest("form");
    return button.disabled || (form && form.classList.contains("htmx-request"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) {
      return;
    }
    if (event.key === "Escape") {
      document.querySelectorAll("details.end-confirm[open]").forEach(function (details) {
        details.open = false;
      });
      return;
    }
    if (event.key !== " " && event.key !== "ArrowRight") {
      return;
    }
    // → works everywhere but in a text field; space keeps its own meaning on a link or a button.
    var target = event.target;
    var typing = "input, select, textarea, [contenteditable]";
    var control = event.key === " " ? "a, button, summary, " + typing : typing;
    if (target.closest && target.closest(control)) {
      return;
    }
    if (document.querySelector("details.end-confirm[open]")) {
      return; // a question is asked: the keys do not answer it
    }
    var primary = document.querySelector("[data-shortcut='next']");
    if (!primary) {
      return;
    }
    event.preventDefault();
    if (!busy(primary) && !event.repeat) {
      primary.click();
    }
  });

  // « Annuler » closes the question (shown only when this script runs: without it, the summary
  // closes it).
  document.addEventListener("click", function (event) {
    var dismiss = event.target.closest && event.target.closest("[data-dismiss]");
    if (!dismiss) {
      return;
    }
    var details = dismiss.closest("details");
    if (details) {
      details.open = false;
      details.querySelector("summary").focus();
    }
  });

  function showDismiss(root) {
    root.querySelectorAll("[data-dismiss][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }
  document.addEventListener("htmx:load", function (event) {
    showDismiss(event.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    showDismiss(document);
  });
})();
