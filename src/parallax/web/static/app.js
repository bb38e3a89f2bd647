// Parallax progressive enhancement: every page works without this file. It only saves a
// reload when highlight layers are toggled. No third-party code; nothing from page content
// is ever inserted as HTML.
"use strict";
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form.layers");
  var text = document.getElementById("article-text");
  if (!form || !text) { return; }
  form.addEventListener("change", function (event) {
    var box = event.target;
    if (!box || box.name !== "layers") { return; }
    text.classList.toggle("show-" + box.value, box.checked);
    var params = new URLSearchParams(window.location.search);
    params.delete("layers");
    form.querySelectorAll("input[name=layers]:checked").forEach(function (b) {
      params.append("layers", b.value);
    });
    window.history.replaceState(null, "", "?" + params.toString() + window.location.hash);
  });
});
