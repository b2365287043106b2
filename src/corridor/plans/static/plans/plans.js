// The plan page's Print button appears only where JavaScript runs; without it, the
// browser's own Print command prints the same clean page (the print stylesheet).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});

// A form with data-confirm asks first (sending an approved plan back to draft takes it off
// the public pages). Without JavaScript the form simply submits.
document.querySelectorAll("form[data-confirm]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
});
