// Keep the address short and shareable: leave out the fields left empty.
document.getElementById("explore-form").addEventListener("htmx:configRequest", (event) => {
  const params = event.detail.parameters;
  for (const [name, value] of Array.from(params.entries ? params.entries() : Object.entries(params))) {
    if (value === "" || (name === "sort" && value === "relevance")) params.delete ? params.delete(name) : delete params[name];
  }
});
