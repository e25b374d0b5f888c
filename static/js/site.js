// Keeps each field's aria-invalid in step with its error message after an htmx swap
// (the server sends the messages out of band; the inputs are left alone so typing is never lost).
document.addEventListener("htmx:afterSettle", function () {
  document.querySelectorAll("input[aria-describedby]").forEach(function (input) {
    var errorId = input.getAttribute("aria-describedby").split(" ")[0];
    var error = document.getElementById(errorId);
    if (!error || errorId.indexOf("error-") !== 0) {
      return;
    }
    var invalid = error.textContent.trim() !== "";
    if (invalid) {
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
    var field = input.closest(".field");
    if (field) {
      field.classList.toggle("field-invalid", invalid);
    }
  });
});

// Live sessions: count the seconds down locally between polls (the server's clock decides).
function tickCountdowns() {
  document.querySelectorAll(".countdown[data-seconds]").forEach(function (element) {
    var left = parseInt(element.getAttribute("data-seconds"), 10);
    if (isNaN(left)) {
      return;
    }
    left = Math.max(0, left - 1);
    element.setAttribute("data-seconds", String(left));
    element.textContent = left + "\u202fs";
  });
}
setInterval(tickCountdowns, 1000);

// « Préparez-vous » (live games): the screen came with its question before the question opens
// (quiz/live/screens.py). Count down, then show it at the instant the server said (data-lead-ms,
// from when the screen arrived): the wall and every phone open it together, with no request.
var leads = [];
function startLeads(root) {
  root.querySelectorAll("[data-lead-ms]").forEach(function (lead) {
    var ms = parseInt(lead.getAttribute("data-lead-ms"), 10);
    if (isNaN(ms) || lead.hasAttribute("data-lead-started")) {
      return;
    }
    lead.setAttribute("data-lead-started", "");
    leads.push({ element: lead, end: performance.now() + Math.max(0, ms) });
  });
  tickLeads();
}
function tickLeads() {
  var now = performance.now();
  leads = leads.filter(function (lead) {
    if (!document.body.contains(lead.element)) {
      return false;
    }
    var left = lead.end - now;
    if (left > 0) {
      var number = lead.element.querySelector(".lead-number");
      var seconds = String(Math.ceil(left / 1000));
      if (number && number.textContent !== seconds) {
        number.textContent = seconds;
      }
      return true;
    }
    openAfterLead(lead.element);
    return false;
  });
}
function openAfterLead(lead) {
  var turn = lead.nextElementSibling;
  if (!turn || !turn.hasAttribute("data-after-lead")) {
    return;
  }
  var focused = lead.contains(document.activeElement);
  lead.hidden = true;
  turn.hidden = false;
  var text = lead.getAttribute("data-open-announce") || "";
  var region = document.getElementById(lead.getAttribute("data-announce-region") || "");
  if (region) {
    region.textContent = text;
  }
  document.dispatchEvent(new CustomEvent("live:opened", { detail: { announce: text } }));
  var heading = focused && turn.querySelector("h1[tabindex]");
  if (heading) {
    heading.focus();
  }
}
setInterval(tickLeads, 100);
document.addEventListener("htmx:load", function (event) {
  startLeads(event.target);
});
document.addEventListener("DOMContentLoaded", function () {
  startLeads(document);
});

// Failed htmx requests: a French message in the page's status region (templates/base.html), which
// no swap replaces. Nothing is swapped on an error (htmx-config's responseHandling), so what the
// student typed stays in the form. A request that polls (hx-trigger="every …") tries again by
// itself: it says so while it fails, and the message goes at its next success.
var requestStatus = {
  failing: "", // "poll" while a polling request fails, "action" after a failed action
  show: function (element, message) {
    var region = document.getElementById("request-status");
    if (!region) {
      return;
    }
    this.failing = isPolling(element) ? "poll" : "action";
    if (region.textContent !== message) {
      region.textContent = message;
    }
  },
  // A poll's success clears only a poll's message (the poll's element is often a new one, swapped
  // in by the last answer); an action's success clears any message.
  clear: function (element) {
    var region = document.getElementById("request-status");
    if (!region || this.failing === "" || (this.failing === "action" && isPolling(element))) {
      return;
    }
    region.textContent = "";
    this.failing = "";
  }
};

function isPolling(element) {
  return Boolean(element && element.getAttribute && /\bevery\s/.test(element.getAttribute("hx-trigger") || ""));
}

var LOST_WHILE_POLLING = "Connexion perdue\u2026 nouvel essai en cours.";
var LOST = "Connexion perdue\u00a0: votre saisie est conservée. Vérifiez la connexion, puis réessayez.";

function failureMessage(status) {
  if (status === 429 || status === 503) {
    return "Le serveur est très occupé\u00a0: votre saisie est conservée, réessayez dans quelques secondes.";
  }
  if (status === 403) {
    return "Cette action n’a pas été acceptée (erreur 403)\u00a0: rechargez la page, votre saisie sera à refaire.";
  }
  if (status === 404) {
    return "Cette page n’existe plus (erreur 404)\u00a0: rechargez la page.";
  }
  if (status >= 500) {
    return "Le serveur a rencontré un problème (erreur " + status + ")\u00a0: votre saisie est conservée, réessayez.";
  }
  return "La demande n’a pas abouti (erreur " + status + ")\u00a0: votre saisie est conservée, réessayez.";
}

document.addEventListener("htmx:responseError", function (event) {
  var element = event.detail.elt;
  var status = event.detail.xhr ? event.detail.xhr.status : 0;
  requestStatus.show(element, isPolling(element) ? LOST_WHILE_POLLING : failureMessage(status));
});
["htmx:sendError", "htmx:timeout"].forEach(function (name) {
  document.addEventListener(name, function (event) {
    requestStatus.show(event.detail.elt, isPolling(event.detail.elt) ? LOST_WHILE_POLLING : LOST);
  });
});
document.addEventListener("htmx:afterRequest", function (event) {
  if (event.detail.successful) {
    requestStatus.clear(event.detail.elt);
  }
});

// Calculators: the result is told in one sentence (« CPM : 20,00 € ») in the form's own live
// region, not the whole working. A number is judged (« Nombre ambigu ») only once the student
// pauses or leaves the field: while they type, the request names the field being typed and the
// server keeps that field's reading errors for later (calculators/views.py).
var TYPING_PAUSE_MS = 1000;
var typingTimer = null;

document.addEventListener("htmx:configRequest", function (event) {
  var trigger = event.detail.triggeringEvent;
  var form = event.detail.elt;
  if (!form.hasAttribute || !form.hasAttribute("data-typing-field") || !trigger) {
    return;
  }
  if (trigger.type === "input" && trigger.target && trigger.target.name) {
    event.detail.headers["X-Typing-Field"] = trigger.target.name;
  }
});

document.addEventListener("input", function (event) {
  var form = event.target.form;
  if (!form || !form.hasAttribute("data-typing-field") || !window.htmx) {
    return;
  }
  clearTimeout(typingTimer);
  typingTimer = setTimeout(function () {
    htmx.trigger(form, "typing-paused");
  }, TYPING_PAUSE_MS);
});

document.addEventListener("htmx:afterSettle", function () {
  var region = document.getElementById("calculation-announcement");
  if (!region) {
    return;
  }
  var output = document.getElementById("kpi-result");
  // « CPM (coût pour mille impressions) » is said « CPM »: the page's heading gives the full name.
  var name = region.getAttribute("data-kpi-name").replace(/\s*\(.*\)\s*$/, "");
  var sentence = output ? name + "\u00a0: " + output.textContent.trim() : "";
  if (region.textContent !== sentence) {
    region.textContent = sentence;
  }
});

// The installable app: the worker caches the static files and shows a page when offline (config/pwa.py).
if ("serviceWorker" in navigator && window.isSecureContext) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").catch(function () {});
  });
}
