"""The docs site: complete, buildable with --strict, and in step with the real files."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
OPTIONS_PAGE = DOCS / "reference" / "options.md"

CODE_SPAN = re.compile(r"`([^`\n]+)`")
FENCED_BLOCK = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^[ \t]*(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)

# Snippet notation as pymdownx.snippets reads it: an inline include, `--8<-- "path"`
# alone on its line, or a block of paths between two `--8<--` lines. A leading `;`
# escapes the notation (shown, not included), so neither pattern accepts one.
INLINE_INCLUDE = re.compile(r"""^[ \t]*-+8<-+[ \t]+(["'])(?P<target>.+?)\1[ \t]*$""")
BLOCK_MARKER = re.compile(r"^[ \t]*-+8<-+[ \t]*$")
# A target is a path, then optionally line ranges (`:3:9,12:`) or a section (`:name`).
SNIPPET_TARGET = re.compile(
    r"^(?P<path>.*?)"
    r"(?:(?::-?\d*){1,2}(?:,-?\d*(?::-?\d*)?)*"
    r"|:(?P<section>[A-Za-z][-_0-9A-Za-z]*))?$"
)


def load_options():
    """Return the public options of cookiecutter.json (keys not starting with `_`)."""
    context = json.loads((ROOT / "cookiecutter.json").read_text(encoding="utf-8"))
    return {key: value for key, value in context.items() if not key.startswith("_")}


def prose(markdown):
    """Return a Markdown text without its fenced code blocks."""
    return FENCED_BLOCK.sub("", markdown)


def code_spans_in_headings_and_table_rows(markdown):
    """Return the code spans in headings and in the first cell of table rows."""
    spans = set()
    for line in prose(markdown).splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            spans.update(CODE_SPAN.findall(stripped))
        elif stripped.startswith("|"):
            first_cell = stripped.strip("|").split("|", 1)[0]
            spans.update(CODE_SPAN.findall(first_cell))
    return spans


def snippet_targets(text):
    """Yield the target of every snippet include in a Markdown text."""
    in_block = False
    for line in text.splitlines():
        if BLOCK_MARKER.match(line):
            in_block = not in_block
        elif in_block:
            if line.strip() and not line.strip().startswith(";"):
                yield line.strip()
        elif match := INLINE_INCLUDE.match(line):
            yield match["target"].strip()


def snippet_includes():
    """Yield (page, path, section or None) for every snippet include in the docs."""
    for page in sorted(DOCS.rglob("*.md")):
        for target in snippet_targets(page.read_text(encoding="utf-8")):
            match = SNIPPET_TARGET.match(target)
            yield page.relative_to(ROOT), match["path"], match["section"]


def test_every_option_documented():
    options = load_options()
    page = OPTIONS_PAGE.read_text(encoding="utf-8")

    undocumented = set(options) - code_spans_in_headings_and_table_rows(page)
    assert not undocumented, (
        f"options missing from {OPTIONS_PAGE.relative_to(ROOT)} "
        f"(add a heading or table row naming it in backticks): {sorted(undocumented)}"
    )

    page_spans = set(CODE_SPAN.findall(prose(page)))
    missing_values = {
        f"{key}={value}"
        for key, values in options.items()
        if isinstance(values, list)
        for value in values
        if str(value) not in page_spans
    }
    assert not missing_values, (
        f"choice values missing from {OPTIONS_PAGE.relative_to(ROOT)} "
        f"(write each value in backticks): {sorted(missing_values)}"
    )


def test_mkdocs_build_strict(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--site-dir",
            str(tmp_path / "site"),
        ],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},  # keep failures readable
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"


def test_snippet_markers_exist():
    includes = list(snippet_includes())
    assert includes, "no snippet includes found in docs/: the scan itself is broken"

    problems = []
    for page, path, section in includes:
        source = ROOT / path
        if not source.is_file():
            problems.append(f"{page}: included file {path} does not exist")
            continue
        if section is None:
            continue
        text = source.read_text(encoding="utf-8")
        for marker in (f"--8<-- [start:{section}]", f"--8<-- [end:{section}]"):
            if marker not in text:
                problems.append(f"{page}: {path} has no `{marker}` marker")
    report = "\n".join(problems)
    assert not problems, f"snippets out of step with their sources:\n{report}"
