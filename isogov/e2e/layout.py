"""Measuring whether a page fits the screen, for the small-screen browser tests."""
import os
from pathlib import Path

# Offenders are elements reaching outside the viewport that no horizontally scrolling box (overflow-x
# auto or scroll) holds. Only the outermost offender of a chain is named, so one wide table is one line.
_OVERFLOW_JS = """(vw) => {
  const scrolls = (el) => { const s = getComputedStyle(el).overflowX; return s === "auto" || s === "scroll"; };
  const held = (el) => {
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      if (scrolls(a)) return true;
    }
    return false;
  };
  const wide = (el) => {
    const r = el.getBoundingClientRect();
    return (r.width > 0 || r.height > 0) && (r.right > vw + 1 || r.left < -1);
  };
  const classes = (el) => typeof el.className === "string" ? el.className.trim().split(/\\s+/).filter(Boolean) : [];
  const name = (el) => [el.tagName.toLowerCase() + (el.id ? "#" + el.id : ""), ...classes(el)].join(".");
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (!wide(el) || held(el)) continue;
    const p = el.parentElement;
    if (p && p !== document.body && wide(p) && !scrolls(p)) continue;
    const r = el.getBoundingClientRect();
    const text = (el.textContent || "").trim().slice(0, 40);
    out.push(`${name(el)} [${Math.round(r.left)}..${Math.round(r.right)}] ${text}`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, offenders: out};
}"""

# Clears what can be typed in the page's main form and sends it past the browser's own checks, so the
# server answers with its errors.
_SUBMIT_EMPTY_JS = """() => {
  const forms = [...document.querySelectorAll("main form[method=post]")];
  const form = forms.sort((a, b) => b.elements.length - a.elements.length)[0];
  if (!form) return false;
  for (const el of form.elements) {
    if (el.type === "hidden" || el.type === "submit" || el.type === "button" || el.type === "checkbox"
        || el.type === "radio" || el.type === "file" || el.tagName === "BUTTON") continue;
    if (el.tagName === "SELECT") { el.selectedIndex = 0; } else { el.value = ""; }
  }
  form.noValidate = true;
  const submit = form.querySelector("button[type=submit].primary, button[type=submit], button:not([type])");
  form.requestSubmit(submit || undefined);
  return true;
}"""


def overflow(page, width: int) -> dict:
    return page.evaluate(_OVERFLOW_JS, width)


def submit_empty(page) -> bool:
    with page.expect_navigation():
        found = page.evaluate(_SUBMIT_EMPTY_JS)
    return found


def shot(page, name: str) -> None:
    """With ISOGOV_SHOTS=<folder>, keep a full-page screenshot for a person to look at."""
    folder = os.environ.get("ISOGOV_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
