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
