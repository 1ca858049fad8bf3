// The shop's search box: offer completions of what is typed ("kri" → "keripik") from
// the hub's own suggestions address. Without JavaScript the box works as a plain form.
(function () {
  "use strict";
  var list = document.getElementById("search-suggestions");
  var input = list && document.querySelector("input[list='search-suggestions']");
  if (!input) { return; }
  var timer = null;
  var asked = "";
  var ask = function () {
    var text = input.value.trim();
    if (text.length < 2 || text === asked) { return; }
    asked = text;
    fetch(list.dataset.url + "?q=" + encodeURIComponent(text), {
      headers: { Accept: "application/json" }, credentials: "same-origin"
    })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) {
        if (input.value.trim() !== text) { return; }
        list.replaceChildren.apply(list, data.suggestions.map(function (s) {
          var option = document.createElement("option");
          option.value = s;
          return option;
        }));
      })
      .catch(function () { /* suggestions are a convenience; typing still works */ });
  };
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 150);
  });
})();
