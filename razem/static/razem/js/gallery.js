// Accessible lightbox for [data-gallery] lists, built on the native <dialog>:
// the browser traps focus and closes on Escape; arrows move between photos and the
// position is announced through a live region. Focus returns to the opening link.
const LANG = document.documentElement.lang === "en" ? "en" : "pl";
const TEXT = {
  pl: { close: "Zamknij", prev: "Poprzednie zdjęcie", next: "Następne zdjęcie", of: "z", label: "Powiększone zdjęcie" },
  en: { close: "Close", prev: "Previous photo", next: "Next photo", of: "of", label: "Enlarged photo" },
}[LANG];

function buildDialog() {
  const dialog = document.createElement("dialog");
  dialog.className = "lightbox";
  dialog.setAttribute("aria-label", TEXT.label);
  dialog.innerHTML = `
    <div class="lightbox__controls">
      <button type="button" data-prev>${TEXT.prev}</button>
      <span class="lightbox__status" aria-live="polite" data-status></span>
      <button type="button" data-next>${TEXT.next}</button>
      <button type="button" data-close>${TEXT.close}</button>
    </div>
    <figure class="lightbox__figure"><img alt="" data-image><figcaption data-caption></figcaption></figure>`;
  document.body.append(dialog);
  return dialog;
}

export function initGalleries() {
  const galleries = document.querySelectorAll("[data-gallery]");
  if (!galleries.length || typeof HTMLDialogElement === "undefined") return;
  const dialog = buildDialog();
  const img = dialog.querySelector("[data-image]");
  const caption = dialog.querySelector("[data-caption]");
  const status = dialog.querySelector("[data-status]");
  let items = [];
  let index = 0;
  let opener = null;

  const show = (i) => {
    index = (i + items.length) % items.length;
    const link = items[index];
    img.src = link.href;
    img.alt = link.dataset.alt || "";
    caption.textContent = link.dataset.caption || "";
    status.textContent = `${index + 1} ${TEXT.of} ${items.length}`;
  };

  dialog.querySelector("[data-prev]").addEventListener("click", () => show(index - 1));
  dialog.querySelector("[data-next]").addEventListener("click", () => show(index + 1));
  dialog.querySelector("[data-close]").addEventListener("click", () => dialog.close());
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "ArrowLeft") { event.preventDefault(); show(index - 1); }
    if (event.key === "ArrowRight") { event.preventDefault(); show(index + 1); }
  });
  dialog.addEventListener("close", () => { if (opener) opener.focus(); });

  for (const gallery of galleries) {
    const links = [...gallery.querySelectorAll("[data-gallery-item]")];
    links.forEach((link, i) => {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        items = links;
        opener = link;
        show(i);
        dialog.showModal();
        dialog.querySelector("[data-close]").focus();
      });
    });
  }
}
