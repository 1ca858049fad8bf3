/* The counter's progressive enhancements; the pages work without this file.
 * - "Scan QR code": where the browser has BarcodeDetector and a camera, read the buyer's
 *   QR code into the pickup-code field and submit the form.
 * - A form button is disabled once pressed (the server also ignores a second click). */
(function () {
  "use strict";
  document.querySelectorAll("form button[data-once]").forEach(function (button) {
    button.form.addEventListener("submit", function () { button.disabled = true; });
  });
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  var form = document.querySelector("form.find");
  if (!form) { return; }
  var button = form.querySelector("[data-scan]");
  var video = form.querySelector("[data-scan-video]");
  var status = form.querySelector("[data-scan-status]");
  var input = form.querySelector("input[name=code]");
  var detector;
  try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      status.hidden = false;
      status.textContent = button.getAttribute("data-scanning") || "";
      return video.play().then(function () {
        var scan = function () {
          detector.detect(video).then(function (codes) {
            if (codes.length) {
              stream.getTracks().forEach(function (track) { track.stop(); });
              input.value = codes[0].rawValue.replace(/[^A-Za-z0-9]/g, "").slice(-6);
              form.submit();
            } else { window.requestAnimationFrame(scan); }
          }).catch(function () { window.requestAnimationFrame(scan); });
        };
        scan();
      });
    }).catch(function () {
      status.hidden = false;
      status.textContent = button.getAttribute("data-no-camera") || "";
    });
  });
})();
