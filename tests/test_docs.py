"""The docs site: complete, buildable with --strict, and in step with the real files."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

pytestmark = pytest.mark.xdist_group("docs")

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
    checked, broken = internal_links(tmp_path / "site")
    assert checked > 1000, f"only {checked} internal links found: the scan itself is broken"
    assert not broken, f"{len(broken)} of {checked} internal links do not resolve:\n" + "\n".join(broken[:40])


class Links(HTMLParser):
    """Collect the ``href`` and ``src`` values and the element ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.urls.append(value)
            elif name in {"id", "name"} and value:
                self.ids.add(value)


def internal_links(site: Path) -> tuple[int, list[str]]:
    """Check every link between pages of a built site: its file exists and so does its anchor.

    Returns how many links were checked and one line per broken one. Links to other hosts are
    not followed (the site must build and read offline).
    """
    pages: dict[str, Links] = {}
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        pages[page.relative_to(site).as_posix()] = parser
    checked, broken = 0, []
    for name, parser in sorted(pages.items()):
        base = f"https://site.invalid/{name}"
        for url in parser.urls:
            target = urlsplit(urljoin(base, url))
            if target.netloc != "site.invalid":
                continue
            checked += 1
            path = unquote(target.path.lstrip("/"))
            if path == "" or path.endswith("/"):
                path += "index.html"
            if not (site / path).is_file():
                broken.append(f"{name}: {url} (no file {path})")
            elif target.fragment and path.endswith(".html"):
                ids = pages[path].ids if path in pages else set()
                if unquote(target.fragment) not in ids:
                    broken.append(f"{name}: {url} (no anchor #{target.fragment} in {path})")
    return checked, broken


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


# ---------------------------------------------------------------------------------------------
# Against a baked project: the docs describe what a user really gets.

REFERENCE = DOCS / "reference"
TEMPLATE_DIR = "{{cookiecutter.project_slug}}"
CHECK_ID = re.compile(r"SFA-[A-Z][0-9]{3}")
CONVERTER = re.compile(r"<(?:[a-z_]+(?:\([^)>]*\))?:)?([A-Za-z_][A-Za-z0-9_]*)>")

# Printed by the baked project's own interpreter: its CLI commands and its routes.
INTROSPECT = """
import json, secrets, click
from {package} import create_app

app = create_app({{"TESTING": True, "PROFILE": "testing", "SECRET_KEY": secrets.token_urlsafe(64),
                  "SQLALCHEMY_DATABASE_URI": "sqlite://", "PASSWORD_HASH_FAST": True}})

def walk(group, path):
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from walk(command, path + [name])
        elif (command.callback.__module__ or "").split(".")[0] == "{package}":
            yield " ".join(path + [name])  # the project's own; Flask-Migrate's `flask db` is its docs' job

routes = sorted({{
    (rule.rule, " ".join(sorted(rule.methods - {{"HEAD", "OPTIONS"}})), rule.endpoint)
    for rule in app.url_map.iter_rules()
}})
print(json.dumps({{"commands": list(walk(app.cli, [])), "routes": routes}}))
"""


@pytest.fixture(scope="module")
def baked(tmp_path_factory):
    """A project baked with the default answers: (project folder, package folder)."""
    from conftest import bake

    project = bake(tmp_path_factory.mktemp("docs-bake"))
    package = next(p for p in (project / "src").iterdir() if (p / "__init__.py").is_file())
    return project, package


@pytest.fixture(scope="module")
def introspected(baked):
    project, package = baked
    result = subprocess.run(
        [sys.executable, "-c", INTROSPECT.format(package=package.name)],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project / "src")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"could not load the baked app:\n{result.stderr}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def reference_spans(page):
    """Code spans in the headings and first table cells of a reference page."""
    return code_spans_in_headings_and_table_rows((REFERENCE / page).read_text(encoding="utf-8"))


def declared_settings(source):
    """The keys of the top-level `DEFAULTS` dict of a Python file, read with ast."""
    import ast

    keys = set()
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        value = getattr(node, "value", None)
        if any(isinstance(t, ast.Name) and t.id == "DEFAULTS" for t in targets) and isinstance(
            value, ast.Dict
        ):
            keys |= {k.value for k in value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    return keys


def missing(expected, documented, page):
    gaps = sorted(set(expected) - set(documented))
    return f"missing from docs/reference/{page} (a heading or first table cell in backticks): {gaps}"


def test_snippet_markers_exist_in_a_baked_project(baked):
    project, package = baked
    problems = []
    for page, path, section in snippet_includes():
        if not path.startswith(TEMPLATE_DIR + "/"):
            continue  # hooks/ and cookiecutter.json are the template's own files, not generated ones
        relative = path[len(TEMPLATE_DIR) + 1 :].replace("{{cookiecutter.package_name}}", package.name)
        source = project / relative
        if not source.is_file():
            problems.append(f"{page}: {relative} is not in a baked project")
            continue
        text = source.read_text(encoding="utf-8")
        if section and not all(f"--8<-- [{e}:{section}]" in text for e in ("start", "end")):
            problems.append(f"{page}: the baked {relative} lost the `{section}` section markers")
    assert not problems, "\n".join(problems)


def test_every_setting_is_in_the_settings_reference(baked):
    _project, package = baked
    settings = set()
    for source in package.rglob("*.py"):
        settings |= declared_settings(source)
    assert "SECRET_KEY" in settings and "RATELIMIT_DEFAULT" in settings, "the ast scan is broken"
    documented = reference_spans("settings.md")
    assert settings <= documented, missing(settings, documented, "settings.md")


def test_every_check_id_is_in_the_checks_reference(baked):
    _project, package = baked
    ids = {
        m for source in package.rglob("*.py") for m in CHECK_ID.findall(source.read_text(encoding="utf-8"))
    }
    assert ids, "no check ids found: the scan is broken"
    documented = reference_spans("checks.md")
    assert ids <= documented, missing(ids, documented, "checks.md")


def test_every_cli_command_is_in_the_cli_reference(introspected):
    commands = introspected["commands"]
    assert commands, "the baked app has no commands: the introspection is broken"
    spans = reference_spans("cli.md")
    documented = {c for c in commands if any(s == f"flask {c}" or s.startswith(f"flask {c} ") for s in spans)}
    assert set(commands) == documented, missing(commands, documented, "cli.md")


def test_every_route_is_in_the_routes_reference(introspected):
    page = REFERENCE / "routes.md"
    assert page.is_file(), "docs/reference/routes.md is missing"
    # A path may stand in any cell of a table row; variable parts match whatever they are called.
    rules = {CONVERTER.sub("<>", rule) for rule, _methods, _endpoint in introspected["routes"]}
    rows = [line for line in prose(page.read_text(encoding="utf-8")).splitlines() if line.startswith("|")]
    spans = [span for row in rows for span in CODE_SPAN.findall(row)]
    tokens = {CONVERTER.sub("<>", t.split("?")[0]) for span in spans for t in span.split()}
    assert rules <= tokens, missing(rules, tokens, "routes.md")


def test_no_placeholder_url_anywhere():
    """No `example` placeholder that a reader can click or paste: the template's URL is a setting
    (`TEMPLATE_REPO_URL` for the site) and commands name a clone of the template instead."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    placeholders = re.compile(r"https?://(?:www\.)?github\.com/example/|gh:example/")
    found = [
        path
        for path in tracked.splitlines()
        if not path.startswith("tests/")  # the hooks' tests feed cruft-style answers on purpose
        and (ROOT / path).is_file()
        and placeholders.search((ROOT / path).read_text(encoding="utf-8", errors="ignore"))
    ]
    assert found == []
