"""The docs site is readable at 1280 x 800 in a real Chromium: legible diagrams, a navigable matrix.

Measured, not assumed, on the site `mkdocs build --strict` makes (the fixtures of
tests/test_docs_browser.py: loopback server, Debian's /usr/bin/chromium through Playwright).

- Every Mermaid diagram of every page: its smallest text, as drawn (computed font size times the
  scale the SVG is drawn at), is at least 12 px; it is at most 1.5 screens tall (1,200 px); and it
  fits the content column without scrolling sideways. Before the fixes, the middleware sequence
  diagram was drawn 688 x 253 px with 3 px text, the flowcharts 688 x 50 with 6 px text, and the
  home page's flowchart was 1,698 px tall.
- Every table of the control matrix is at most 3 screens (2,400 px) tall, and its page has one
  section per area. Before, one table of 48 rows was 14,300 px tall.

The sizes of the three largest diagrams are printed (`pytest -s`) and written to
build/docs-browser/diagram-sizes.json for review.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from test_docs_browser import SHOTS, browser, site, site_folder  # noqa: F401  (fixtures, used by name)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
VIEWPORT = {"width": 1280, "height": 800}
MIN_TEXT_PX = 12
MAX_DIAGRAM_HEIGHT = 1.5 * VIEWPORT["height"]
MAX_TABLE_HEIGHT = 3 * VIEWPORT["height"]

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.xdist_group("docs_readable")]


def url_path(page: Path) -> str:
    """The site path of a Markdown page (use_directory_urls)."""
    relative = page.relative_to(DOCS).with_suffix("")
    if relative.name == "index":
        relative = relative.parent
    return "" if str(relative) == "." else f"{relative.as_posix()}/"


DIAGRAM_PAGES = {
    url_path(page): page.read_text(encoding="utf-8").count("```mermaid")
    for page in sorted(DOCS.rglob("*.md"))
    if "```mermaid" in page.read_text(encoding="utf-8")
}

# Material puts each diagram's SVG in a closed shadow root; opened here so that it can be measured.
OPEN_SHADOW_ROOTS = """
(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: "open"}); };
})();
"""

# For each diagram: its drawn box, its column's width, and its smallest text as drawn. A text's
# drawn size is its computed font size times the scale of the SVG element that holds it (the
# <text> itself, or the <foreignObject> of an HTML label).
MEASURE_DIAGRAMS = """
() => [...document.querySelectorAll("div.mermaid")].map(host => {
  const svg = host.shadowRoot && host.shadowRoot.querySelector("svg");
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  let smallest = Infinity, text = "";
  const walker = document.createTreeWalker(host.shadowRoot, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || !element || element.closest("style")) continue;
    const holder = element instanceof SVGGraphicsElement ? element : element.closest("foreignObject");
    const matrix = holder && holder.getScreenCTM();
    const drawn = element.getBoundingClientRect();
    if (!matrix || (drawn.width === 0 && drawn.height === 0)) continue;
    const px = parseFloat(getComputedStyle(element).fontSize) * Math.hypot(matrix.a, matrix.b);
    if (px < smallest) { smallest = px; text = node.textContent.trim().slice(0, 40); }
  }
  return {width: box.width, height: box.height, column: host.clientWidth,
          scrolls: host.scrollWidth > host.clientWidth + 1, smallest, text};
})
"""

MEASURE_TABLES = """
() => [...document.querySelectorAll("article table")].map(table => {
  let heading = table.closest(".control-matrix") || table.closest(".md-typeset__scrollwrap") || table;
  while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
  return {heading: heading ? heading.textContent.replace("¶", "").trim() : null,
          height: table.getBoundingClientRect().height, rows: table.rows.length - 1};
})
"""


@pytest.fixture(scope="module")
def context(browser):  # noqa: F811
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(OPEN_SHADOW_ROOTS)
    yield context
    context.close()


def open_page(context, url: str, diagrams: int = 0):
    page = context.new_page()
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, url
    if diagrams:
        page.wait_for_function(
            f"(() => {{ const d = [...document.querySelectorAll('.mermaid')];"
            f" return d.length >= {diagrams} && d.every(e => e.tagName === 'DIV'"
            f" && e.shadowRoot && e.shadowRoot.querySelector('svg')); }})()",
            timeout=15000,
        )
    return page


def test_every_diagram_is_legible_at_1280_px(site: str, context) -> None:  # noqa: F811
    measured: list[dict] = []
    for path, count in DIAGRAM_PAGES.items():
        page = open_page(context, site + path, count)
        try:
            diagrams = page.evaluate(MEASURE_DIAGRAMS)
        finally:
            page.close()
        assert len(diagrams) == count and all(diagrams), f"/{path}: a diagram did not render"
        measured += [{"page": f"/{path}", "diagram": n + 1, **d} for n, d in enumerate(diagrams)]

    largest = sorted(measured, key=lambda d: d["width"] * d["height"], reverse=True)[:3]
    print("\nThe three largest diagrams at 1280 x 800:")
    for d in largest:
        print(f"  {d['page']} #{d['diagram']}: {d['width']:.0f} x {d['height']:.0f} px, "
              f"smallest text {d['smallest']:.1f} px ({d['text']!r})")  # fmt: skip
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "diagram-sizes.json").write_text(json.dumps(measured, indent=2) + "\n", encoding="utf-8")

    problems = [
        f"{d['page']} diagram {d['diagram']}: "
        + "; ".join(
            problem
            for problem in (
                d["smallest"] < MIN_TEXT_PX
                and f"text drawn at {d['smallest']:.1f} px ({d['text']!r}), under {MIN_TEXT_PX} px",
                d["height"] > MAX_DIAGRAM_HEIGHT
                and f"{d['height']:.0f} px tall, over {MAX_DIAGRAM_HEIGHT:.0f} px (1.5 screens)",
                d["scrolls"] and f"{d['width']:.0f} px wide, wider than its {d['column']} px column",
            )
            if problem
        )
        for d in measured
        if d["smallest"] < MIN_TEXT_PX or d["height"] > MAX_DIAGRAM_HEIGHT or d["scrolls"]
    ]
    assert not problems, "diagrams not legible at 1280 x 800:\n" + "\n".join(problems)


def test_the_control_matrix_is_one_short_table_per_area(site: str, context) -> None:  # noqa: F811
    rows = yaml.safe_load((DOCS / "control-matrix.yml").read_text(encoding="utf-8"))["rows"]
    page = open_page(context, site + "reference/control-matrix/")
    try:
        tables = page.evaluate(MEASURE_TABLES)
        toc = page.locator(".md-sidebar--secondary .md-nav__link").all_inner_texts()
    finally:
        page.close()
    tall = [f"{t['heading']}: {t['height']:.0f} px for {t['rows']} rows" for t in tables
            if t["height"] > MAX_TABLE_HEIGHT]  # fmt: skip
    assert not tall, f"tables over 3 screens ({MAX_TABLE_HEIGHT:.0f} px) at 1280 x 800:\n" + "\n".join(tall)
    # One section per area, each in the page's table of contents, then the checklist coverage.
    areas = list(dict.fromkeys(row.get("area") for row in rows))
    assert None not in areas, "every row of docs/control-matrix.yml needs an area"
    assert [t["heading"] for t in tables] == [*areas, "Checklist coverage"]
    assert [entry.strip() for entry in toc] == [*areas, "Checklist coverage"]
