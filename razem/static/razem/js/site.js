// RAZEM portal – progressive enhancements. Everything works without this file.
import { initGalleries } from "./gallery.js";

document.documentElement.classList.add("js");

function initPrintButtons() {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
}

function initCookieNotice() {
  const notice = document.querySelector("[data-cookie-notice]");
  if (!notice) return;
  let dismissed = false;
  try {
    dismissed = window.localStorage.getItem("razem-cookie-notice") === "seen";
  } catch {
    dismissed = false;
  }
  if (dismissed) {
    notice.setAttribute("data-dismissed", "");
    return;
  }
  // The notice's height is kept free at the bottom when the focus scrolls (site.css).
  new ResizeObserver(() => {
    document.documentElement.style.setProperty(
      "--cookie-notice-height",
      `${notice.offsetHeight}px`,
    );
  }).observe(notice);
  const button = notice.querySelector("[data-cookie-notice-dismiss]");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    try {
      window.localStorage.setItem("razem-cookie-notice", "seen");
    } catch {
      /* storage unavailable: the notice simply hides for this page */
    }
    notice.setAttribute("data-dismissed", "");
  });
}

function initNavigation() {
  const toggle = document.querySelector(".main-nav__toggle");
  const list = document.getElementById("main-nav-list");
  if (!toggle || !list) return;
  const narrow = window.matchMedia("(max-width: 48rem)");
  const apply = () => {
    toggle.hidden = !narrow.matches;
    if (!narrow.matches) {
      list.removeAttribute("data-collapsed");
    } else if (toggle.getAttribute("aria-expanded") !== "true") {
      list.setAttribute("data-collapsed", "true");
    }
  };
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    list.setAttribute("data-collapsed", String(open));
  });
  narrow.addEventListener("change", apply);
  apply();
}

// A form refused as expired ("the form has expired" page renews the token cookie)
// goes through when sent again from the Back button: the token is read from the
// cookie at the moment of sending, not from the page as it was first loaded.
const CSRF_COOKIES = ["__Secure-csrftoken", "csrftoken"];

function currentCsrfToken() {
  const cookies = Object.fromEntries(
    document.cookie
      .split(";")
      .map((part) => part.trim().split("="))
      .filter((pair) => pair.length === 2),
  );
  const name = CSRF_COOKIES.find((candidate) => cookies[candidate]);
  return name ? decodeURIComponent(cookies[name]) : "";
}

function initCsrfRefresh() {
  document.addEventListener(
    "submit",
    (event) => {
      const input = event.target.querySelector('input[name="csrfmiddlewaretoken"]');
      const token = currentCsrfToken();
      if (input && token) input.value = token;
    },
    true,
  );
}

function focusFormErrors() {
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();
}

initPrintButtons();
initCookieNotice();
initNavigation();
initGalleries();
initCsrfRefresh();
focusFormErrors();
