// The live game on a student's phone (templates/quiz/live/player.html): where the focus goes after
// a swap, and the one assertive announcement (time running out). What changed is told politely by
// #live-announce, which the server refreshes out of band with every swap.
(function () {
  "use strict";
  var focusWasInside = false;

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    focusWasInside = !!(target && target.id === "live-main" && target.contains(document.activeElement));
  });

  // The student's own action (an answer, « Question suivante ») moves the focus to the new
  // heading; a poll moves it only if the focus was inside what it replaced (it would fall to the
  // page's body otherwise), never when the student was elsewhere on the page.
  document.addEventListener("htmx:afterSwap", function (event) {
    var main = document.getElementById("live-main");
    if (!main || event.detail.target !== main && event.detail.target.id !== "live-main") {
      return;
    }
    var ownAction = event.detail.requestConfig && event.detail.requestConfig.verb === "post";
    if (!ownAction && !focusWasInside) {
      return;
    }
    var field = ownAction && main.querySelector("#feedback [role=alert]") && main.querySelector("#answer, .answer-form input[name=choice]");
    var heading = main.querySelector("#feedback h2[tabindex]") || main.querySelector("h1[tabindex]");
    var next = field || heading;
    if (next) {
      next.focus();
    }
  });

  // « Préparez-vous »: the screen already holds its question, and site.js opens it at the instant
  // the server said, with no request. The poller stays quiet until then: a class's polls during the
  // lead fell exactly where every phone's question screen is served and the first answers arrive
  // (docs/benchmarks.md, 2026-12-02). Its "every" keeps its own phase, so the class's polls come
  // back spread as they were, not all at the instant the question opens.
  var quietUntil = 0;
  function noteLead(root) {
    var main = root.id === "live-main" ? root : root.querySelector && root.querySelector("#live-main");
    if (!main) {
      return; // another region (the announcement, swapped out of band)
    }
    var lead = main.querySelector(".live-lead[data-lead-ms]");
    var ms = lead ? Math.min(parseInt(lead.getAttribute("data-lead-ms"), 10) || 0, 10000) : 0;
    quietUntil = performance.now() + Math.max(0, ms);
  }
  document.addEventListener("DOMContentLoaded", function () {
    noteLead(document);
  });
  document.addEventListener("htmx:load", function (event) {
    noteLead(event.target);
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var poller = event.detail.elt;
    if (poller && poller.classList && poller.classList.contains("live-poll") && performance.now() < quietUntil) {
      event.preventDefault();
    }
  });

  // « Plus que 10 secondes » once per question, in the assertive region.
  var warned = null;
  setInterval(function () {
    var countdown = document.querySelector("#live-main .countdown[data-seconds]");
    var region = document.getElementById("live-time");
    if (!countdown || !region) {
      return;
    }
    var left = parseInt(countdown.getAttribute("data-seconds"), 10);
    var progress = document.querySelector("#live-main .live-progress");
    var key = progress ? progress.textContent.split("·")[0] : "";
    if (left <= 10 && left > 0 && warned !== key) {
      warned = key;
      region.textContent = "Plus que 10 secondes.";
    } else if (left > 10 && region.textContent) {
      region.textContent = "";
    }
  }, 1000);
})();
