// RAZEM – the municipality autocomplete of the membership application.
// An ARIA 1.2 combobox (list autocomplete) over /przystap/gminy/?q=. Without this
// module the search still works: its button posts the whole application form and
// the page comes back with every field kept and a radio list of gminy.
// Retyping the gmina box clears the gmina chosen before, here and on the server.

const MIN_CHARS = 2;
const DELAY_MS = 200;

function debounce(fn, wait) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}

function ensureHiddenInput(mainForm) {
  let hidden = mainForm.querySelector('input[type="hidden"][name="municipality"]');
  const choice = mainForm.querySelector("[data-gmina-choice]");
  if (!hidden) {
    // The no-JS radio list is on the page: replace it by the hidden choice.
    for (const radio of choice.querySelectorAll(".field")) radio.remove();
    hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = "municipality";
    hidden.id = "id_municipality";
    choice.prepend(hidden);
  }
  return hidden;
}

function clearChoice(mainForm, status) {
  const hidden = mainForm.querySelector('input[type="hidden"][name="municipality"]');
  if (hidden) hidden.value = "";
  for (const radio of mainForm.querySelectorAll('input[type="radio"][name="municipality"]')) {
    radio.checked = false;
  }
  const chosen = mainForm.querySelector(".gmina-choice__chosen");
  if (chosen) chosen.remove();
  status.replaceChildren();
}

function initCombobox(searchForm) {
  const input = searchForm.querySelector('input[name="q"]');
  const searched = searchForm.querySelector("[data-gmina-searched]");
  const mainForm = searchForm.closest("form");
  const status = document.getElementById("gmina-status");
  if (!input || !searched || !mainForm || !status) return;

  const listbox = document.createElement("ul");
  listbox.id = "gmina-listbox";
  listbox.className = "gmina-listbox";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", input.labels[0]?.textContent.trim() || "");
  listbox.hidden = true;
  input.closest(".gmina-search__row").after(listbox);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);

  let results = [];
  let active = -1;
  let lastQuery = "";

  const close = () => {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const highlight = (index) => {
    const options = listbox.querySelectorAll('[role="option"]');
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const choose = (index) => {
    const item = results[index];
    if (!item) return;
    input.value = item.name;
    searched.value = item.name;
    ensureHiddenInput(mainForm).value = item.teryt;
    const chosen = mainForm.querySelector(".gmina-choice__chosen");
    if (chosen) chosen.remove();
    const note = document.createElement("p");
    note.className = `eligibility ${item.eligible ? "eligibility--ok" : "eligibility--over"}`;
    note.textContent = `${item.label}. ${item.message}`;
    status.replaceChildren(note);
    close();
  };

  const render = () => {
    listbox.replaceChildren();
    results.forEach((item, i) => {
      const option = document.createElement("li");
      option.id = `gmina-option-${i}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.className = item.eligible ? "" : "gmina-listbox__over";
      option.textContent = item.label;
      option.addEventListener("mousedown", (event) => event.preventDefault());
      option.addEventListener("click", () => choose(i));
      listbox.append(option);
    });
    const open = results.length > 0;
    listbox.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    active = -1;
  };

  const search = debounce(async () => {
    const query = input.value.trim();
    if (query.length < MIN_CHARS) {
      results = [];
      close();
      return;
    }
    if (query === lastQuery && !listbox.hidden) return;
    lastQuery = query;
    try {
      const response = await fetch(`${searchForm.dataset.endpoint}?q=${encodeURIComponent(query)}`, {
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const data = await response.json();
      if (input.value.trim() !== query) return;
      results = data.results;
      render();
    } catch {
      /* network trouble: the plain search button still works */
    }
  }, DELAY_MS);

  input.addEventListener("input", () => {
    lastQuery = "";
    // A different gmina typed: the one chosen before no longer holds.
    if (input.value.trim() !== searched.value.trim()) clearChoice(mainForm, status);
    search();
  });
  input.addEventListener("keydown", (event) => {
    const count = results.length;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (listbox.hidden && count) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      if (count) highlight((active + 1) % count);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (count) highlight(active <= 0 ? count - 1 : active - 1);
    } else if (event.key === "Enter" && !listbox.hidden && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      if (!listbox.hidden) {
        event.preventDefault();
        close();
      }
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}

for (const form of document.querySelectorAll("[data-gmina-search]")) initCombobox(form);
