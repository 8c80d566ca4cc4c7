"""MkDocs hook: render docs/control-matrix.yml into the control-matrix page.

The page holds a placeholder comment; this hook replaces it with tables built from the YAML,
so the matrix on the site is always the one the tests check (tests/test_control_matrix.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import yaml

MATRIX = Path(__file__).resolve().parent.parent / "control-matrix.yml"
PLACEHOLDER = "<!-- control-matrix -->"
PAGE = "reference/control-matrix.md"
PROJECT = "{{cookiecutter.project_slug}}"
PACKAGE = "src/{{cookiecutter.package_name}}"


def load(path: Path = MATRIX) -> dict:
    """Return the matrix as data."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def template_path(path: str) -> str:
    """Return a generated-project path as a path in the template repository."""
    return f"{PROJECT}/{path.replace('{pkg}', PACKAGE)}"


def link(repo_url: str, path: str, label: str) -> str:
    """A link to a file of the repository, or plain code when the site has no repository."""
    if not repo_url:
        return f"`{label}`"
    return f"[`{label}`]({repo_url.rstrip('/')}/blob/main/{quote(path)})"


def cell(text: str) -> str:
    """Escape what would break a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def render(matrix: dict, repo_url: str = "") -> str:
    """Return the Markdown of the matrix: one table of rows, one of checklist coverage."""
    rows = matrix["rows"]
    checklist = matrix["checklist"]
    not_applicable = matrix.get("not_applicable") or {}
    pending = [row for row in rows if row.get("pending")]

    out = [
        f"{len(rows)} rows cover {len(checklist) - len(not_applicable)} of the "
        f"{len(checklist)} checklist items; {len(not_applicable)} do not apply"
        + (f"; {len(pending)} rows wait for a feature to land." if pending else "."),
        "",
        "| # | Threat (references) | Control (settings) | Implemented in | Proven by |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        items = ", ".join(str(n) for n in row["checklist"])
        refs = ", ".join(cell(ref) for ref in row.get("refs") or [])
        control = cell(row["control"])
        if row.get("option"):
            control += f" (option `{row['option']}`)"
        if row.get("pending"):
            control += f"<br>**Pending:** {cell(row['pending'])}"
        settings = ", ".join(f"`{s}`" for s in row.get("settings") or [])
        files = "<br>".join(link(repo_url, template_path(f), f.replace("{pkg}/", "")) for f in row["files"])
        tests = [
            link(repo_url, template_path(t.split("::")[0]), t.replace("tests/", "", 1))
            for t in row.get("tests") or []
        ] + [
            link(repo_url, t.split("::")[0], "template: " + t.replace("tests/", "", 1))
            for t in row.get("template_tests") or []
        ]
        threat = cell(row["threat"]) + (f"<br><small>{refs}</small>" if refs else "")
        if settings:
            control += f"<br><small>{settings}</small>"
        out.append(f"| {items} | {threat} | {control} | {files} | {'<br>'.join(tests)} |")

    covered: dict[int, list[int]] = {}
    for index, row in enumerate(rows):
        for number in row["checklist"]:
            covered.setdefault(int(number), []).append(index)
    out += ["", "## Checklist coverage", "", "| # | Property | Status |", "|---|---|---|"]
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
        out.append(f"| {number} | {cell(title)} | {status} |")
    return "\n".join(out) + "\n"


def on_page_markdown(markdown, page, config, files):
    """Replace the placeholder of the control-matrix page with the rendered matrix."""
    if page.file.src_uri != PAGE:
        return markdown
    if PLACEHOLDER not in markdown:
        raise ValueError(f"{PAGE} lost its {PLACEHOLDER} placeholder")
    return markdown.replace(PLACEHOLDER, render(load(), config.get("repo_url") or ""))
