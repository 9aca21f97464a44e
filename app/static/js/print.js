// Progressive enhancement: the print button only works with JavaScript; Ctrl+P always does.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
