/*
  The submission form (submit/), as GOV.UK does forms: on "prepare", one error summary at the top lists
  every field still missing (or an e-mail address that is not one), each a link to its field, and
  takes the focus; each field shows its own message too (aria-invalid, aria-describedby) and the
  page's title starts with "Error:". A choice (radios) counts as one field. Then it offers the
  completed submission as a text file to download, a page to print (only the submission is printed)
  and, when the NCP's e-mail address is on the page, a mailto: link for the visitor's e-mail program,
  and shows what happens next. It sends nothing anywhere: no request, no storage (the file is made in
  the browser). Every word it shows comes from the page (data-ncp-* attributes and the labels), in
  the page's language. Without JavaScript the form stays a printable list of fields and the page
  gives the contacts.
*/
(function () {
  "use strict";

  var form = document.getElementById("ncp-submission");
  if (!form) {
    return;
  }
  var button = document.getElementById("ncp-compose");
  var result = document.getElementById("ncp-result");
  var link = document.getElementById("ncp-mailto");
  var text = document.getElementById("ncp-text");
  var download = document.getElementById("ncp-download");
  var printed = document.getElementById("ncp-print-text");
  var print = document.getElementById("ncp-print");
  var file = null;
  var fields = Array.prototype.slice.call(form.querySelectorAll("[data-ncp-field]"));
  var summary = document.getElementById("ncp-error-summary");
  var summaryList = summary.querySelector("ul");
  var title = document.title;

  function isChoice(field) {
    return field.hasAttribute("data-ncp-choice");
  }

  function labelOf(field) {
    var label = isChoice(field) ? field.querySelector("legend .ncp-label-text")
      : form.querySelector('label[for="' + field.id + '"] .ncp-label-text');
    return label ? label.textContent.trim() : field.name;
  }

  function chosen(field) {
    return field.querySelector("input:checked");
  }

  /* Where the focus goes for a field: the field, or a choice's first (or chosen) answer. */
  function target(field) {
    return isChoice(field) ? chosen(field) || field.querySelector("input") : field;
  }

  function problemOf(field) {
    if (isChoice(field)) {
      return field.querySelector("input[required]") && !chosen(field) ? "missing" : null;
    }
    if (field.type === "checkbox") {
      return null;
    }
    if (field.required && !field.value.trim()) {
      return "missing";
    }
    if (field.type === "email" && field.value.trim() && field.validity.typeMismatch) {
      return "invalid";
    }
    return null;
  }

  function describedBy(field, errorId, on) {
    var ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
      return id && id !== errorId;
    });
    if (on) {
      ids.push(errorId);
    }
    if (ids.length) {
      field.setAttribute("aria-describedby", ids.join(" "));
    } else {
      field.removeAttribute("aria-describedby");
    }
  }

  /* A field's own message; a choice's answers are each marked invalid (a group takes no aria-invalid). */
  function mark(field, problem) {
    var error = document.getElementById(field.id + "-error");
    var inputs = isChoice(field) ? Array.prototype.slice.call(field.querySelectorAll("input")) : [field];
    inputs.forEach(function (input) {
      if (problem) {
        input.setAttribute("aria-invalid", "true");
      } else {
        input.removeAttribute("aria-invalid");
      }
    });
    error.textContent = problem ? (problem === "missing" ? form.dataset.ncpMissing : form.dataset.ncpInvalid) : "";
    error.hidden = !problem;
    (isChoice(field) ? field : field.closest(".ncp-field")).classList.toggle("ncp-field--error", Boolean(problem));
    describedBy(field, error.id, Boolean(problem));
  }

  function valueOf(field) {
    if (isChoice(field)) {
      var answer = chosen(field);
      return answer ? form.querySelector('label[for="' + answer.id + '"]').textContent.trim() : "";
    }
    if (field.type === "checkbox") {
      return field.checked ? form.dataset.ncpYes : form.dataset.ncpNo;
    }
    return field.value.trim();
  }

  function compose() {
    return fields.map(function (field) {
      return labelOf(field) + ":\r\n" + (valueOf(field) || "-");
    }).join("\r\n\r\n");
  }

  /* The error summary: one link per field with a problem, in the form's order. */
  function summarise(problems) {
    summaryList.replaceChildren.apply(summaryList, problems.map(function (field) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + target(field).id;
      link.textContent = labelOf(field);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var label = isChoice(field) ? field.querySelector("legend") : form.querySelector('label[for="' + field.id + '"]');
        (label || field).scrollIntoView();
        target(field).focus({ preventScroll: true });
      });
      item.append(link);
      return item;
    }));
    summary.hidden = !problems.length;
    document.title = problems.length ? form.dataset.ncpErrorPrefix + title : title;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var problems = fields.filter(function (field) {
      var problem = problemOf(field);
      mark(field, problem);
      return Boolean(problem);
    });
    summarise(problems);
    if (problems.length) {
      result.hidden = true;
      summary.focus();
      return;
    }
    var body = compose();
    if (link) {
      link.href = "mailto:" + form.dataset.ncpTo + "?subject=" + encodeURIComponent(form.dataset.ncpSubject) +
        "&body=" + encodeURIComponent(body);
    }
    var whole = form.dataset.ncpSubject + "\r\n\r\n" + body + "\r\n";
    if (file) {
      URL.revokeObjectURL(file);
    }
    file = URL.createObjectURL(new Blob(["\ufeff" + whole], { type: "text/plain;charset=utf-8" }));
    download.href = file;
    text.value = body;
    printed.textContent = whole;
    result.hidden = false;
    result.focus();
  });

  // Only the submission is printed: the rest of the page is hidden while the browser prints (ncp.css).
  print.addEventListener("click", function () {
    document.documentElement.classList.add("ncp-printing-submission");
    window.print();
  });
  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("ncp-printing-submission");
  });

  fields.forEach(function (field) {
    field.addEventListener(isChoice(field) ? "change" : "input", function () {
      if (target(field).getAttribute("aria-invalid") === "true") {
        mark(field, problemOf(field));
      }
    });
  });

  button.type = "submit";
  button.hidden = false;
})();
