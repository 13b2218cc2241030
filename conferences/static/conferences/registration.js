// Registration form: add participant rows without a page reload and keep the
// price current. Without this module the "add another participant" button submits
// the form and the server adds the row.

// The same sums as conferences.views.live_price: the rows that still find a free
// place are owed now (member centres); the others wait (or, for a non-member
// centre, await the office's confirmation) and are owed only once confirmed.
function livePrice(price, kept) {
  const fee = Number.parseFloat(price.dataset.fee || "0");
  const free = price.dataset.free === "" ? kept : Number.parseInt(price.dataset.free, 10);
  const member = price.dataset.member === "1";
  const placed = Math.min(kept, Math.max(free, 0));
  const owedRows = member ? placed : 0;
  return { fee, owedRows, laterRows: kept - owedRows };
}

// Amounts written as the server writes them (300,00 in Polish).
const money = new Intl.NumberFormat(document.documentElement.lang || "pl", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  useGrouping: false,
});

function renumber(form, rows, totalInput) {
  const kept = [...rows.querySelectorAll("[data-participant]")].filter((row) => {
    const remove = row.querySelector('input[name$="-DELETE"]');
    return !(remove && remove.checked);
  }).length;
  const price = form.querySelector("[data-price]");
  if (!price) return;
  const { fee, owedRows, laterRows } = livePrice(price, kept);
  price.querySelector("[data-price-rows]").textContent = String(kept);
  price.querySelector("[data-price-owed]").textContent = money.format(fee * owedRows);
  const later = price.querySelector("[data-price-later]");
  later.hidden = laterRows === 0;
  later.querySelector("[data-price-later-rows]").textContent = String(laterRows);
  later.querySelector("[data-price-later-total]").textContent = money.format(fee * laterRows);
  totalInput.dataset.kept = String(kept);
}

function initRegistrationForm(form) {
  const rows = form.querySelector("[data-participant-rows]");
  const template = document.getElementById("participant-template");
  const addButton = form.querySelector("[data-add-participant]");
  const totalInput = form.querySelector('input[name$="-TOTAL_FORMS"]');
  const maxInput = form.querySelector('input[name$="-MAX_NUM_FORMS"]');
  if (!rows || !template || !totalInput) return;

  // At the cap (30 rows) the server renders no "add" button; the price still follows.
  addButton?.addEventListener("click", (event) => {
    const total = Number.parseInt(totalInput.value, 10);
    const max = maxInput ? Number.parseInt(maxInput.value, 10) : 1000;
    if (total >= max) return; // let the server explain the limit
    event.preventDefault();
    const html = template.innerHTML
      .replaceAll("__prefix__", String(total))
      .replaceAll("__number__", String(total + 1));
    rows.insertAdjacentHTML("beforeend", html);
    totalInput.value = String(total + 1);
    const added = rows.lastElementChild;
    const first = added.querySelector("input:not([type=hidden])");
    if (first) first.focus();
    renumber(form, rows, totalInput);
  });
  form.addEventListener("change", (event) => {
    if (event.target.matches('input[name$="-DELETE"]')) renumber(form, rows, totalInput);
  });
}

for (const form of document.querySelectorAll("[data-registration-form]")) {
  initRegistrationForm(form);
}
