/* The preview's live reload (mkdocs serve only; ncp_site/site/preview.py). MkDocs injects the same poll
   as an inline script, which the pages' Content-Security-Policy refuses; this file is same-origin.
   It asks the server for the site's version and reloads the page when a newer one was built,
   including a failed build, whose errors the server then shows on the page. */
(function () {
  "use strict";
  var script = document.currentScript;
  var epoch = parseFloat(script.dataset.epoch);
  var requestId = script.dataset.requestId;
  var request, timeout;

  function poll() {
    request = new XMLHttpRequest();
    request.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    request.open("GET", "/livereload/" + epoch + "/" + requestId);
    request.send();
  }

  function stop() {
    if (request) {
      request.abort();
    }
    if (timeout) {
      clearTimeout(timeout);
    }
    request = timeout = undefined;
  }

  function start() {
    stop();
    poll();
  }

  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") {
      start();
    }
  });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      start();
    } else {
      stop();
    }
  });
  window.addEventListener("beforeunload", stop);
})();
