"""MkDocs hook: render the options page's summary and rules from the feature manifest.

cookiecutter.json is the one description of the options: their values and prompts, and in
``_features`` what each feature adds, needs and excludes and where its page is. The pre-gen hook
validates against the same entries and the post-gen hook prunes by them, so the tables on the
site are the rules the hooks apply (tests/test_manifest.py renders them too).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PAGE = "reference/options.md"
SUMMARY = "<!-- options-summary -->"
RULES = "<!-- options-rules -->"


def load(path: Path = ROOT / "cookiecutter.json") -> dict[str, Any]:
    """Return cookiecutter.json as data."""
    return json.loads(path.read_text(encoding="utf-8"))


def spelled(value: Any) -> str:
    """An answer as the command line spells it."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def condition(text: str) -> str:
    """A manifest condition as the hooks' messages spell it: "use_login" -> "use_login=true"."""
    option, _, value = text.partition("=")
    return f"`{option}={value or 'true'}`"


def title(page: str) -> str:
    """The first heading of a docs page."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), page)


def docs_link(entry: dict[str, Any]) -> str:
    """A link from this page to the feature's page, or nothing."""
    page = entry.get("docs")
    return f"[{title(page)}](../{page})" if page else ""


def option_rows(context: dict[str, Any]) -> list[str]:
    """One summary row per option, its effect and page taken from the features it switches."""
    features = context["_features"]
    prompts = context.get("__prompts__", {})
    rows = []
    for option, default in context.items():
        if option.startswith("_"):
            continue
        if isinstance(default, list):
            values = ", ".join(f"`{v}`" for v in default)
            switched = {v: features.get(f"{option}={v}") for v in default}
            effect = "; ".join(f"`{v}`: {e['effect']}" for v, e in switched.items() if e)
            links = ", ".join(docs_link(e) for e in switched.values() if e and e.get("docs"))
        elif isinstance(default, bool):
            values = ", ".join(f"`{v}`" for v in (spelled(default), spelled(not default)))
            entry = features.get(option)
            effect = entry["effect"] if entry else ""
            links = docs_link(entry) if entry else ""
        else:
            values = "text" if "{{" in str(default) else f"text, `{default}`"
            effect, links = "", ""
        effect = effect or str(prompts.get(option, "")).rstrip("?")
        needs = [
            condition(need)
            for key, entry in features.items()
            if key == option or key.startswith(f"{option}=")
            for need in entry.get("requires", {})
        ]
        rows.append(f"| `{option}` | {values} | {effect} | {', '.join(needs)} | {links} |")
    return rows


def render_summary(context: dict[str, Any]) -> str:
    """The summary table: option, values (default first), effect, requirements, page."""
    head = ["| Option | Values (default first) | Effect | Requires | Explained in |", "|---|---|---|---|---|"]
    return "\n".join(head + option_rows(context)) + "\n"


def render_rules(context: dict[str, Any]) -> str:
    """The table of refused combinations, from every feature's "requires" and "excludes"."""
    out = ["| Refused | Why |", "|---|---|"]
    for feature, entry in context["_features"].items():
        for need, why in entry.get("requires", {}).items():
            negated = need.partition("=")[0] + "=false" if "=" not in need else f"{need} (any other value)"
            out.append(f"| {condition(feature)} with `{negated}` | {why} |")
        for excluded, why in entry.get("excludes", {}).items():
            out.append(f"| {condition(feature)} with {condition(excluded)} | {why} |")
    return "\n".join(out) + "\n"


def on_page_markdown(markdown, page, config, files):
    """Replace the options page's placeholders with the tables."""
    if page.file.src_uri != PAGE:
        return markdown
    for placeholder in (SUMMARY, RULES):
        if placeholder not in markdown:
            raise ValueError(f"{PAGE} lost its {placeholder} placeholder")
    context = load()
    return markdown.replace(SUMMARY, render_summary(context)).replace(RULES, render_rules(context))
