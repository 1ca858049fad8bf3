// The payment page: ask every few seconds whether the payment settled and go on when it
// has; copy a virtual account number. Without JavaScript the page refreshes itself.
(function () {
  "use strict";
  var box = document.getElementById("payment-status");
  if (box && box.dataset.state === "pending") {
    var poll = function () {
      fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (data && data.state !== "pending") { window.location.assign(data.next); return; }
          window.setTimeout(poll, 3000);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    };
    window.setTimeout(poll, 3000);
  }
  document.querySelectorAll("button.copy").forEach(function (button) {
    var target = document.querySelector(button.dataset.copy);
    if (!target || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        button.textContent = button.dataset.done || button.textContent;
      });
    });
  });
})();
