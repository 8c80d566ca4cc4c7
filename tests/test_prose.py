"""The docs' prose names only what a default bake has: endpoints, URL paths, `FLASK_*` settings,
`flask` commands, deploy-check ids and severities, test names and security header values.

One bake and one subprocess: the baked project's own interpreter path and test settings build the
app and write its facts as JSON; each test compares one kind of name with them and prints how many
it checked (`pytest -s`). Names of features the default answers leave out are skipped, as
cookiecutter.json's `_features` table assigns them.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import ROOT, TEMPLATE, bake

pytestmark = pytest.mark.xdist_group("prose")

DOCS = ROOT / "docs"
FEATURES = json.loads((ROOT / "cookiecutter.json").read_text(encoding="utf-8"))["_features"]

CODE_SPAN = re.compile(r"`([^`\n]+)`")
FENCED_BLOCK = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n(.*?)^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
ENDPOINT = re.compile(r"([a-z_]+)\.([a-z_]+)")
# A path of the app's own, alone or after a scheme and host; `<...>` parts are variables.
ROUTE_PATH = re.compile(
    r"(?:^|(?<=[\s`\"'(\[<=]))(?:https?://[\w.:\-\[\]]+)?"
    r"(/(?:auth|api/v1|account|admin|ai|healthz|readyz)\b(?:[\w.\-/]|<[^<>\s/]+>)*)"
)
SETTING = re.compile(r"\bFLASK_([A-Z0-9_]+)")
FLASK_WORD = re.compile(r"^[\"'$(]*(?:[\w.\-]*/)*flask$")  # flask, .venv/bin/flask, $(flask
CHECK_ID = re.compile(r"SFA-[A-Z][0-9]{3}")
FINDING = re.compile(r"Finding\(\s*\"(SFA-[A-Z][0-9]{3})\",\s*\"(\w+)\"")
SEVERITY_ROW = re.compile(r"^\|\s*`(SFA-[A-Z][0-9]{3})`\s*\|\s*(\w+)\s*\|", re.MULTILINE)
TEST_NAME = re.compile(r"(?<![\w.])(test_[a-z0-9_]+)(\.py)?(?:::(test_[a-z0-9_]+))?")
HEADER_LINE = re.compile(r"^\s*([A-Za-z-]+):\s*(.+?)\s*$")
CSP_DIRECTIVE = re.compile(r"^([a-z]+(?:-[a-z]+)*-src|base-uri|form-action|frame-ancestors)\s+('.*)$")
NONCE = re.compile(r"'nonce-[^']*'")
SECURITY_HEADERS = {
    "content-security-policy",
    "strict-transport-security",
    "referrer-policy",
    "permissions-policy",
    "x-frame-options",
    "x-content-type-options",
    "cross-origin-opener-policy",
    "cross-origin-resource-policy",
    "cross-origin-embedder-policy",
}

# Names the prose may use although the app does not have them, each with its reason.
NOT_CONFIG_KEYS = {
    "FLASK_APP": "read by Flask's command line to find the app, never a setting",
    "FLASK_SKIP_DOTENV": "read from the environment by Flask's CLI and config.init_app, before any setting",
}
NOT_ROUTES = {
    "/api/v1/echo": "the benchmarks' own route, added to their bake by bench/common.py",
    "/account/admin": "allow-and-deny-networks.md: an example prefix for the reader's own admin routes",
}
NOT_ENDPOINTS = {"pages.error_response": "the error handler function in pages.py, not a view"}
NOT_TESTS = {"test_x": "contributing.md: the test module a new control `x` brings"}

FACTS = r"""
import json, os, sys
import click
from flask.cli import FlaskGroup, ScriptInfo
import conftest  # the baked project's tests/conftest.py: its settings() and production_settings()

os.environ.pop("FLASK_SKIP_DOTENV", None)  # conftest sets it; from_prefixed_env would make it a key
app = conftest.create_app(conftest.settings())

def tree(group, ctx):
    out = {}
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        sub = click.Context(command, parent=ctx, info_name=name)
        out[name] = tree(command, sub) if isinstance(command, click.Group) else None
    return out

cli = FlaskGroup(create_app=lambda: app)  # Flask's own commands, plugins' and the app's
commands = tree(cli, click.Context(cli, info_name="flask", obj=ScriptInfo(create_app=lambda: app)))

os.environ["FLASK_SKIP_DOTENV"] = "1"  # never the bake's .env
production = conftest.create_app(conftest.production_settings())
response = production.test_client().get("/", base_url="https://localhost")
rules = [r for r in app.url_map.iter_rules() if r.endpoint != "static"]
facts = {
    "blueprints": sorted(app.blueprints),
    "rules": sorted({r.rule for r in rules}),
    "endpoints": sorted({r.endpoint for r in rules}),
    "config": sorted(app.config),
    "commands": commands,
    "headers": {k.lower(): v for k, v in response.headers.items()},
}
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(facts, out)
"""


# ---------------------------------------------------------------------------------------------
# The default bake and what it has.


@pytest.fixture(scope="module")
def baked(tmp_path_factory):
    """(project, package, facts) of a project baked with the default answers."""
    project = bake(tmp_path_factory.mktemp("prose-bake"))
    package = next(p for p in (project / "src").iterdir() if (p / "__init__.py").is_file())
    out = tmp_path_factory.mktemp("prose-facts")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    env["PYTHONPATH"] = os.pathsep.join([str(project / "src"), str(project / "tests")])
    result = subprocess.run(
        [sys.executable, "-c", FACTS, str(out / "facts.json")],
        cwd=out,  # no .env here: the settings are the code's own
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"could not read the baked app:\n{result.stderr}"
    return project, package, json.loads((out / "facts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def off(baked):
    """(`FLASK_*` settings, test module names) of the features this bake's answers leave out."""
    project, _package, _facts = baked
    answers = json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))
    settings, modules = set(), set()
    for name, feature in FEATURES.items():
        option, _, value = name.partition("=")
        if answers[option] != (value or True):
            settings |= {f"FLASK_{s}" for s in feature.get("settings", [])}
            tests = (p for p in feature.get("paths", []) if re.fullmatch(r"tests/test_\w+\.py", p))
            modules |= {Path(p).stem for p in tests}
    return settings, modules


def defined_tests(folder):
    """{module stem: its test function names} for the test files of a folder, read with ast."""
    found = {}
    for source in folder.glob("test_*.py"):
        nodes = ast.walk(ast.parse(source.read_text(encoding="utf-8")))
        found[source.stem] = {
            n.name
            for n in nodes
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name.startswith("test_")
        }
    return found


def findings(package):
    """{check id: severities} of every ``Finding(...)`` call in the baked package."""
    severities = defaultdict(list)
    for source in package.rglob("*.py"):
        for check, severity in FINDING.findall(source.read_text(encoding="utf-8")):
            severities[check].append(severity)
    return severities


# ---------------------------------------------------------------------------------------------
# What the prose mentions, as {(page, name)}; and the verdict.


def pages():
    """(path under docs/, text) of every page, docs/assets left out."""
    for path in sorted(DOCS.rglob("*.md")):
        if DOCS / "assets" not in path.parents:
            yield path.relative_to(DOCS).as_posix(), path.read_text(encoding="utf-8")


def code(text):
    """The code of a page: each inline code span and each line of its fenced blocks."""
    lines = [line for m in FENCED_BLOCK.finditer(text) for line in m.group(2).splitlines()]
    return CODE_SPAN.findall(FENCED_BLOCK.sub("", text)) + lines


def mentions(pattern, group=1):
    """{(page, match)} of a pattern anywhere in the pages' text."""
    return {(page, m.group(group)) for page, text in pages() for m in pattern.finditer(text)}


def judge(kind, found, wrong, allowed):
    """Print how many names were checked; fail on the wrong ones not allowed or pending."""
    names = {name for _page, name in found}
    print(f"\n{kind}: {len(names)} names checked in {len({page for page, _ in found})} pages")
    assert names, f"no {kind} found in the docs: the scan itself is broken"
    unexcused = sorted((p, n) for p, n in wrong if n not in allowed)
    listing = "\n".join(f"  docs/{page}: {name}" for page, name in unexcused)
    assert not unexcused, f"{kind} that the default bake does not have ({len(names)} checked):\n{listing}"


# ---------------------------------------------------------------------------------------------
# One test per kind of name.


def test_endpoint_names(baked):
    """`blueprint.view` code spans whose blueprint the app has."""
    _project, _package, facts = baked
    found = {
        (page, span)
        for page, text in pages()
        for span in CODE_SPAN.findall(text)
        if (m := ENDPOINT.fullmatch(span)) and m.group(1) in facts["blueprints"] and m.group(2) != "py"
    }
    wrong = {(p, n) for p, n in found if n not in facts["endpoints"]}
    judge("endpoint names", found, wrong, NOT_ENDPOINTS)


def segments_match(path, rule, prefix=False):
    """Whether a documented path is a rule (or, with ``prefix``, leads to one), `<...>` matching any part."""
    documented = (path.rstrip("/") if prefix else path).split("/")
    parts = rule.split("/")
    if len(documented) > len(parts) or (not prefix and len(documented) != len(parts)):
        return False
    return all(d == r or ("<" in r and d) for d, r in zip(documented, parts, strict=False))


def test_url_paths(baked):
    _project, _package, facts = baked
    found = {(page, path.rstrip(".,:;")) for page, path in mentions(ROUTE_PATH)}
    wrong = {
        (page, path)
        for page, path in found
        if not any(segments_match(path, r) or segments_match(path, r, prefix=True) for r in facts["rules"])
    }
    judge("URL paths", found, wrong, NOT_ROUTES)


def test_flask_settings(baked, off):
    _project, _package, facts = baked
    # FLASK_A__B sets key B of the dict A (Flask's from_prefixed_env).
    found = {(page, f"FLASK_{name.split('__')[0]}") for page, name in mentions(SETTING)}
    found = {(page, name) for page, name in found if name not in off[0]}
    wrong = {(page, name) for page, name in found if name.removeprefix("FLASK_") not in facts["config"]}
    judge("FLASK_ settings", found, wrong, NOT_CONFIG_KEYS)


def flask_command_lines(chunk):
    """The words after each `flask` that starts a command line in a piece of code."""
    words = chunk.replace("`", " ").split()
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if FLASK_WORD.match(word) and before not in {"from", "import", "install"} and after != "import":
            rest = []
            for token in words[i + 1 :]:
                if token.startswith("#") or token in {"|", "||", "&&", ";", ")"}:
                    break
                rest.append(token.rstrip(");"))
            yield rest


def command(words, tree):
    """(`flask <command path>`, problem or None) for the words after `flask`."""
    node, path = tree, ["flask"]
    for word in words:
        if node is None or word.startswith("-"):
            break  # a command reached, or options from here on
        if word not in node:
            if isinstance(node, dict) and (len(path) == 1 or re.fullmatch(r"[a-z][a-z0-9-]*", word)):
                return " ".join([*path, word]), "no such command"
            break  # a group followed by an argument (`flask mfa EMAIL`): its help, not an error
        node, path = node[word], [*path, word]
    return " ".join(path), None


def test_cli_commands(baked):
    """`flask ...` in code spans and code blocks: each command and subcommand exists."""
    _project, _package, facts = baked
    found, wrong = set(), set()
    for page, text in pages():
        for words in (w for chunk in code(text) for w in flask_command_lines(chunk)):
            name, problem = command(words, facts["commands"])
            if name != "flask":  # `flask --app`: Flask's own options
                found.add((page, name))
            if problem:
                wrong.add((page, name))
    judge("flask commands", found, wrong, {})


def test_check_ids(baked):
    _project, package, _facts = baked
    produced = findings(package)
    found = mentions(CHECK_ID, group=0)
    wrong = {(page, check) for page, check in found if check not in produced}
    judge("deploy-check ids", found, wrong, {})


def test_each_check_id_is_raised_in_one_place(baked):
    """A finding's id is its stable name: two checks must not share one (SFA-R007 once did)."""
    _project, package, _facts = baked
    shared = {check: len(raised) for check, raised in findings(package).items() if len(raised) > 1}
    assert not shared, f"check ids raised by more than one Finding: {shared}"


def test_check_severities(baked):
    """docs/reference/checks.md's severity column matches the severity in the code."""
    _project, package, _facts = baked
    produced = findings(package)
    documented = defaultdict(set)
    for check, severity in SEVERITY_ROW.findall((DOCS / "reference/checks.md").read_text(encoding="utf-8")):
        documented[check].add(severity)
    rows = {("reference/checks.md", f"{c} {'/'.join(sorted(s))}"): c for c, s in documented.items()}
    wrong = {row for row, c in rows.items() if c in produced and set(produced[c]) != documented[c]}
    judge("check severities", set(rows), wrong, {})


def test_test_names(baked, off):
    """`test_module.py`, `test_function` and `test_module.py::test_function` in the baked project's
    tests or the template's."""
    project, _package, _facts = baked
    defs = defined_tests(project / "tests") | defined_tests(ROOT / "tests")
    skipped = off[1] | {n for m in off[1] for n in defined_tests(TEMPLATE / "tests").get(m, set())}
    known = set(defs).union(*defs.values())
    found, wrong = set(), set()
    for page, text in pages():
        for m in TEST_NAME.finditer(text):
            module, is_file, function = m.groups()
            names = [n for n in (module, function) if n and n not in skipped]
            found |= {(page, n) for n in names}
            if module in names and module not in (defs if is_file else known):
                wrong.add((page, module))
            if function in names and function not in defs.get(module, set()):
                wrong.add((page, function))
    judge("test names", found, wrong, NOT_TESTS)


def csp(value):
    """{directive: sorted sources} of a policy, every nonce the same."""
    directives = (d.split() for d in NONCE.sub("'nonce'", value).split(";") if d.strip())
    return {d[0].lower(): sorted(d[1:]) for d in directives}


def test_security_headers(baked):
    """`Header: value` lines in code, CSP directives in code spans (`default-src 'none'`) and the
    first code span of the value cell of header table rows, against GET / in production."""
    _project, _package, facts = baked
    sent = facts["headers"]
    policy = csp(sent.get("content-security-policy", ""))
    found, wrong = set(), set()

    def compare(page, mention, ok):
        found.add((page, mention))
        if not ok:
            wrong.add((page, mention))

    for page, text in pages():
        for chunk in code(text):
            if (m := HEADER_LINE.match(chunk)) and m.group(1).lower() in SECURITY_HEADERS:
                header, value = m.group(1).lower(), m.group(2)
                if header == "content-security-policy":
                    ok = all(policy.get(d) == s for d, s in csp(value).items())
                else:
                    ok = " ".join(value.split()).lower() == " ".join(sent.get(header, "").split()).lower()
                compare(page, chunk.strip(), ok)
            elif m := CSP_DIRECTIVE.match(chunk):
                compare(page, chunk, set(m.group(2).split()) <= set(policy.get(m.group(1), [])))
        for row in (line for line in text.splitlines() if line.startswith("|")):
            cells = [cell.strip() for cell in row.strip("|").split("|")]
            name = cells[0].strip("`")
            values = CODE_SPAN.findall(cells[1]) if len(cells) > 1 else []
            if name.lower() in SECURITY_HEADERS - {"content-security-policy"} and values:
                compare(page, f"{name}: {values[0]}", values[0].lower() in sent.get(name.lower(), "").lower())
    judge("security header values", found, wrong, {})
