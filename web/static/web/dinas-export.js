// Export page: ask the status endpoint every 2 seconds and reload once the file is
// ready or failed (without JS the page's meta refresh does the same).
(function () {
  "use strict";
  var box = document.getElementById("export-state");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  function check() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (state && (state.ready || state.failed)) { window.location.reload(); return; }
        window.setTimeout(check, 2000);
      })
      .catch(function () { window.setTimeout(check, 4000); });
  }
  window.setTimeout(check, 1000);
})();
