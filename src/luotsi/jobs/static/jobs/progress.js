// The job page follows its job: every 1.5 s it reads the job's status as JSON and updates
// the progress bar and the counter; the state and the message are in a polite live region,
// announced only when they change. When the job ends, the page loads again to show the
// result's download link, or the error and the retry button.
(function () {
  "use strict";
  var root = document.querySelector("[data-job-status-url]");
  if (!root) { return; }
  var url = root.getAttribute("data-job-status-url");
  var bar = root.querySelector("progress");
  var counter = root.querySelector("[data-job-counter]");
  var live = root.querySelector("[data-job-live]");
  var template = root.getAttribute("data-job-counter-template") || "%(done)s / %(total)s";
  var refresh = root.querySelector("[data-job-refresh]");
  if (refresh) { refresh.hidden = true; }

  function show(status) {
    if (status.total) {
      bar.max = status.total;
      bar.value = status.done;
      counter.textContent = template
        .replace("%(done)s", status.done)
        .replace("%(total)s", status.total)
        .replace("%(percent)s", status.percent);
    } else {
      bar.removeAttribute("value");
    }
    var said = status.state_label + (status.message ? ": " + status.message : "");
    if (live.textContent !== said) { live.textContent = said; }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (status) {
        if (status.finished) { window.location.reload(); return; }
        show(status);
        window.setTimeout(poll, 1500);
      })
      .catch(function () {
        if (refresh) { refresh.hidden = false; }
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 1500);
})();
