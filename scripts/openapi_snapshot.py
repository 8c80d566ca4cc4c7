"""Write docs/reference/openapi.json: the OpenAPI document a default bake serves.

The generated app builds its document from the models that validate its requests
(``ai/openapi.py``) and serves it at ``GET /api/v1/openapi.json``. The docs site renders the
HTTP API page from a committed copy (docs/_hooks/http_api.py), so the site builds without baking
anything. Run this after changing the API, its models or their default limits:

    .venv/bin/python scripts/openapi_snapshot.py

tests/test_http_api_doc.py bakes the defaults again and fails when the copy differs from what
the app serves.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "docs" / "reference" / "openapi.json"

# Run inside the baked project (cwd), with its own test settings: the document is what the app's
# test client is served, exactly as the project's own tests fetch it.
FETCH = """
import json, sys
sys.path[:0] = ["src", "tests"]
from conftest import make_app
response = make_app().test_client().get("/api/v1/openapi.json", base_url="https://localhost")
assert response.status_code == 200, response.status
print(json.dumps(response.get_json()))
"""


def served(project: Path) -> dict[str, Any]:
    """The document the app of a baked ``project`` serves (fetched in a fresh interpreter)."""
    result = subprocess.run(
        [sys.executable, "-P", "-c", FETCH],  # -P: the project's modules, not this directory's
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"fetching /api/v1/openapi.json from {project} failed:\n{result.stderr}")
    document: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return document


def dumps(document: dict[str, Any]) -> str:
    """The document as the snapshot stores it: sorted keys, indented, one final newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def bake_defaults(output: Path) -> Path:
    """Bake the template with its default answers (as the template's tests do)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import bake

    return bake(output)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="openapi-snapshot-") as tmp:
        document = served(bake_defaults(Path(tmp)))
    text = dumps(document)
    changed = not SNAPSHOT.exists() or SNAPSHOT.read_text(encoding="utf-8") != text
    SNAPSHOT.write_text(text, encoding="utf-8")
    print(f"{'wrote' if changed else 'unchanged:'} {SNAPSHOT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
