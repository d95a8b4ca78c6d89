/*
  The submission form (submit/): checks that every required field is filled, shows what is missing
  next to the field (aria-invalid, aria-describedby, focus on the first one), then offers the completed
  submission as a text file to download, a page to print (only the submission is printed) and, when
  the NCP's e-mail address is on the page, a mailto: link for the visitor's e-mail program. It sends
  nothing anywhere: no request, no storage (the file is made in the browser).
  Every word it shows comes from the page (data-ncp-* attributes), in the page's language.
  Without JavaScript the form stays a printable list of fields and the page gives the contacts.
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

  function labelOf(field) {
    var label = form.querySelector('label[for="' + field.id + '"] .ncp-label-text');
    return label ? label.textContent.trim() : field.name;
  }

  function problemOf(field) {
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

  function mark(field, problem) {
    var error = document.getElementById(field.id + "-error");
    if (problem) {
      field.setAttribute("aria-invalid", "true");
      error.textContent = problem === "missing" ? form.dataset.ncpMissing : form.dataset.ncpInvalid;
      error.hidden = false;
    } else {
      field.removeAttribute("aria-invalid");
      error.textContent = "";
      error.hidden = true;
    }
    describedBy(field, error.id, Boolean(problem));
  }

  function valueOf(field) {
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

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = null;
    fields.forEach(function (field) {
      var problem = problemOf(field);
      mark(field, problem);
      if (problem && !first) {
        first = field;
      }
    });
    if (first) {
      result.hidden = true;
      first.focus();
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
    field.addEventListener("input", function () {
      if (field.getAttribute("aria-invalid") === "true") {
        mark(field, problemOf(field));
      }
    });
  });

  button.type = "submit";
  button.hidden = false;
})();
