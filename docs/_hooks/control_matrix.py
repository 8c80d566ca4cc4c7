"""MkDocs hook: render docs/control-matrix.yml into the control-matrix page.

The page holds a placeholder comment; this hook replaces it with tables built from the YAML,
so the matrix on the site is always the one the tests check (tests/test_control_matrix.py).
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

import yaml

MATRIX = Path(__file__).resolve().parent.parent / "control-matrix.yml"
PLACEHOLDER = "<!-- control-matrix -->"
PAGE = "reference/control-matrix.md"
PROJECT = "{{cookiecutter.project_slug}}"
PACKAGE = "src/{{cookiecutter.package_name}}"
# Where a test name may wrap: `file.py::test_a_long_name` is too long for one line of its column.
TEST_BREAKS = ("::", "/", "_")


def load(path: Path = MATRIX) -> dict:
    """Return the matrix as data."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def template_path(path: str) -> str:
    """Return a generated-project path as a path in the template repository."""
    return f"{PROJECT}/{path.replace('{pkg}', PACKAGE)}"


def code(label: str, breaks: tuple[str, ...] = ()) -> str:
    """Inline code that may wrap after each of `breaks` (test names run to 80 characters)."""
    text = html.escape(label)
    for mark in breaks:
        text = text.replace(mark, mark + "<wbr>")
    return f"<code>{text}</code>"


def link(repo_url: str, path: str, label: str, breaks: tuple[str, ...] = ()) -> str:
    """A link to a file of the repository, or plain code when the site has no repository."""
    if not repo_url:
        return code(label, breaks)
    return f"[{code(label, breaks)}]({repo_url.rstrip('/')}/blob/main/{quote(path)})"


def cell(text: str) -> str:
    """Escape what would break a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def areas(rows: list[dict]) -> dict[str, list[dict]]:
    """The rows grouped by their `area`, areas in the order they first appear."""
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["area"], []).append(row)
    return grouped


def anchor(number: int) -> str:
    return f"item-{number}"


def table(rows: list[dict], repo_url: str) -> list[str]:
    """One area's table: a row per control, its checklist items as anchors the coverage links to."""
    out = [
        '<div class="control-matrix" markdown>',
        "",
        "| # | Threat and control | Implemented in | Proven by |",
        "|---|---|---|---|",
    ]
    for row in rows:
        items = ", ".join(f'<span id="{anchor(n)}">{n}</span>' for n in row["checklist"])
        refs = ", ".join(cell(ref) for ref in row.get("refs") or [])
        threat = f"**{cell(row['threat'])}**" + (f"<br><small>{refs}</small>" if refs else "")
        control = cell(row["control"])
        if row.get("option"):
            control += f" (option `{row['option']}`)"
        if row.get("pending"):
            control += f"<br>**Pending:** {cell(row['pending'])}"
        settings = ", ".join(f"`{s}`" for s in row.get("settings") or [])
        if settings:
            control += f"<br><small>{settings}</small>"
        files = "<br>".join(link(repo_url, template_path(f), f.replace("{pkg}/", "")) for f in row["files"])
        tests = [
            link(repo_url, template_path(t.split("::")[0]), t.replace("tests/", "", 1), TEST_BREAKS)
            for t in row.get("tests") or []
        ] + [
            link(repo_url, t.split("::")[0], "template: " + t.replace("tests/", "", 1), TEST_BREAKS)
            for t in row.get("template_tests") or []
        ]
        out.append(f"| {items} | {threat}<br>{control} | {files} | {'<br>'.join(tests)} |")
    return [*out, "", "</div>"]


def render(matrix: dict, repo_url: str = "") -> str:
    """Return the Markdown of the matrix: a section and table per area, then checklist coverage."""
    rows = matrix["rows"]
    checklist = matrix["checklist"]
    not_applicable = matrix.get("not_applicable") or {}
    pending = [row for row in rows if row.get("pending")]
    grouped = areas(rows)

    out = [
        f"{len(rows)} rows cover {len(checklist) - len(not_applicable)} of the "
        f"{len(checklist)} checklist items; {len(not_applicable)} do not apply"
        + (f"; {len(pending)} rows wait for a feature to land." if pending else ".")
        + f" The rows are grouped in {len(grouped)} areas; the [checklist coverage](#checklist-coverage)"
        " at the end links each item to its row.",
    ]
    for area, area_rows in grouped.items():
        out += ["", f"## {area}", "", *table(area_rows, repo_url)]

    covered: dict[int, list[int]] = {}
    for index, row in enumerate(rows):
        for number in row["checklist"]:
            covered.setdefault(int(number), []).append(index)
    out += [
        "",
        "## Checklist coverage",
        "",
        '<div class="control-matrix" markdown>',
        "",
        "| # | Property | Status |",
        "|---|---|---|",
    ]
    for number, title in sorted(checklist.items(), key=lambda item: int(item[0])):
        number = int(number)
        if number in not_applicable or str(number) in not_applicable:
            reason = not_applicable.get(number, not_applicable.get(str(number)))
            status = f"not applicable: {cell(reason)}"
        elif any(rows[i].get("pending") for i in covered.get(number, [])):
            status = "pending"
        elif number in covered:
            status = "covered"
        else:
            status = "**missing**"
        item = f"[{number}](#{anchor(number)})" if number in covered else str(number)
        out.append(f"| {item} | {cell(title)} | {status} |")
    out += ["", "</div>"]
    return "\n".join(out) + "\n"


def on_page_markdown(markdown, page, config, files):
    """Replace the placeholder of the control-matrix page with the rendered matrix."""
    if page.file.src_uri != PAGE:
        return markdown
    if PLACEHOLDER not in markdown:
        raise ValueError(f"{PAGE} lost its {PLACEHOLDER} placeholder")
    return markdown.replace(PLACEHOLDER, render(load(), config.get("repo_url") or ""))
