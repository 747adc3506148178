// Accepting a suggestion with one click: the tag is added to the step's form as
// `accepted=field:code` (saved with the step, recorded as coming from a suggestion), and chosen
// in the field's list when the step shows it.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-accept]");
  if (!button) return;
  const form = document.getElementById("initiative-form");
  if (!form) return;
  const value = button.dataset.accept;
  const [field, code] = value.split(":");
  let input = form.querySelector(`input[name="accepted"][value="${CSS.escape(value)}"]`);
  const accepting = !input;
  if (accepting) {
    input = document.createElement("input");
    input.type = "hidden";
    input.name = "accepted";
    input.value = value;
    form.appendChild(input);
  } else {
    input.remove();
  }
  const option = form.querySelector(`select[name="${CSS.escape(field)}"] option[value="${CSS.escape(code)}"]`);
  if (option) option.selected = accepting;
  button.setAttribute("aria-pressed", String(accepting));
  button.classList.toggle("btn-primary", accepting);
  button.classList.toggle("btn-outline-primary", !accepting);
  if (!button.dataset.acceptLabel) button.dataset.acceptLabel = button.textContent;
  button.textContent = accepting ? button.dataset.acceptedLabel : button.dataset.acceptLabel;
});

// The panel is replaced as the user types: keep the buttons of tags already accepted pressed.
document.addEventListener("htmx:afterSwap", (event) => {
  const form = document.getElementById("initiative-form");
  if (!form) return;
  for (const input of form.querySelectorAll('input[name="accepted"]')) {
    const button = event.target.querySelector(`[data-accept="${CSS.escape(input.value)}"]`);
    if (!button) continue;
    button.dataset.acceptLabel = button.textContent;
    button.setAttribute("aria-pressed", "true");
    button.classList.replace("btn-outline-primary", "btn-primary");
    button.textContent = button.dataset.acceptedLabel;
  }
});
