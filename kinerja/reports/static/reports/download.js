// "Menyiapkan dokumen…": fetch the document, then hand it to the browser as a download.
// Without JavaScript (or when fetch fails) the plain link on the page still downloads it.
(function () {
  "use strict";
  function start() {
    var box = document.querySelector(".prepare[data-download-url]");
    if (!box || !window.fetch || !window.URL || !URL.createObjectURL) { return; }
    var progress = box.querySelector(".prepare__progress");
    var text = box.querySelector(".prepare__text");
    var error = box.querySelector(".prepare__error");
    progress.hidden = false;
    fetch(box.getAttribute("data-download-url"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          return response.text().then(function (html) {
            var doc = new DOMParser().parseFromString(html, "text/html");
            var message = doc.querySelector(".form-errors");
            throw new Error(message ? message.textContent.trim() : String(response.status));
          });
        }
        return response.blob();
      })
      .then(function (blob) {
        var url = URL.createObjectURL(blob);
        var link = document.createElement("a");
        link.href = url;
        link.download = box.getAttribute("data-filename") || "dokumen";
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
        box.classList.add("is-done");
        text.textContent = text.getAttribute("data-ready");
      })
      .catch(function (err) {
        progress.hidden = true;
        error.hidden = false;
        error.textContent = text.getAttribute("data-failed") + " " + err.message;
      });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
