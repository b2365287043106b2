// The plan page's Print button appears only where JavaScript runs; without it, the
// browser's own Print command prints the same clean page (the print stylesheet).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
