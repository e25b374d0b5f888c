// The quiz change form of the admin: each question shows only the fields of its kind, and moves
// up or down (its « ordre » field is renumbered 1, 2, 3…). Without JavaScript every field shows and
// the order is typed by hand.
"use strict";
(function () {
  // The kind chosen, or, on a read-only form (a colleague's quiz), the kind displayed.
  function kindOf(row) {
    var select = row.querySelector("select[name$='-kind']");
    if (select) { return select.value; }
    var shown = row.querySelector(".fieldBox.field-kind .readonly");
    if (!shown) { return ""; }
    return shown.textContent.indexOf("cours") !== -1 ? "concept" : "numeric";
  }

  function showKind(row) {
    var kind = kindOf(row);
    if (!kind) { return; }
    row.querySelectorAll("fieldset.kind-numeric, fieldset.kind-concept").forEach(function (fieldset) {
      var wanted = fieldset.classList.contains("kind-" + kind);
      fieldset.hidden = !wanted;
    });
  }

  function rows() {
    return Array.prototype.filter.call(
      document.querySelectorAll(".quiz-questions .inline-related"),
      function (row) { return !row.classList.contains("empty-form") && row.id; }
    );
  }

  function saved(row) {
    var id = row.querySelector("input[name$='-id']");
    return Boolean(id && id.value);
  }

  // Saved questions only: a blank extra form left untouched must stay unchanged (Django skips it);
  // a new question without an order goes last (the admin numbers it on save).
  function renumber() {
    rows().filter(saved).forEach(function (row, index) {
      var order = row.querySelector("input[name$='-order']");
      if (order && !order.readOnly) { order.value = String(index + 1); }
    });
  }

  function move(row, step) {
    var all = rows();
    var index = all.indexOf(row);
    var other = all[index + step];
    if (!other) { return; }
    if (step < 0) { other.before(row); } else { other.after(row); }
    renumber();
    row.querySelector("button[data-move='" + step + "']").focus();
  }

  function addMoveButtons(row) {
    if (!saved(row) || row.querySelector("button[data-move]") || !row.querySelector("input[name$='-order']")) { return; }
    var bar = document.createElement("p");
    bar.className = "question-move";
    [[-1, "Monter la question"], [1, "Descendre la question"]].forEach(function (pair) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.dataset.move = String(pair[0]);
      button.textContent = pair[1];
      button.addEventListener("click", function () { move(row, pair[0]); });
      bar.appendChild(button);
    });
    var heading = row.querySelector("h3");
    if (heading) { heading.after(bar); } else { row.prepend(bar); }
  }

  // The bank's questions are grouped by lesson: typing filters both the lessons and the stems.
  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function addBankSearch(row) {
    var select = row.querySelector("select[name$='-concept_question']");
    if (!select || select.disabled || row.querySelector(".bank-search")) { return; }
    var wrapper = document.createElement("p");
    wrapper.className = "bank-search";
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id + "-search";
    label.htmlFor = input.id;
    label.textContent = "Chercher dans la banque (leçon ou énoncé) ";
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    select.before(wrapper);
    input.addEventListener("input", function () {
      var wanted = normalise(input.value.trim());
      select.querySelectorAll("optgroup").forEach(function (group) {
        var groupMatches = normalise(group.label).indexOf(wanted) !== -1;
        var shown = 0;
        group.querySelectorAll("option").forEach(function (option) {
          var match = groupMatches || normalise(option.textContent).indexOf(wanted) !== -1;
          option.hidden = !match;
          if (match) { shown += 1; }
        });
        group.hidden = shown === 0;
      });
    });
  }

  function prepare(row) {
    showKind(row);
    addMoveButtons(row);
    addBankSearch(row);
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[name$='-kind']")) {
      showKind(event.target.closest(".inline-related"));
    }
  });
  document.addEventListener("formset:added", function (event) {
    if (event.target.closest && event.target.closest(".quiz-questions")) {
      prepare(event.target);
    }
  });
  document.addEventListener("DOMContentLoaded", function () { rows().forEach(prepare); });
})();
