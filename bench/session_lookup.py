"""What a signed-in request's session lookup costs through the ORM, and as a Core select.

A browser request loads its server-side session and its user in one select
(``security/login.py``), as two ORM objects: ``current_user`` is the ORM ``User`` the views read
and change. A "light principal" would read the same columns as a Core row and leave the ORM object
to the views that write. This prints what that would save per request, in CPU time, on a file
SQLite database (the baked default), so the decision on the performance page can be rerun:

    python bench/session_lookup.py [--calls 2000] [--repeat 5]

One bake of the defaults and one process: the app, its tables, a user and a session, then the
same select both ways, interleaved.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from conftest import bake
from live import PACKAGE

CHILD = textwrap.dedent(
    """
    import json, secrets, sys, time
    from sqlalchemy import bindparam, select
    from {package} import create_app
    from {package}.db import db
    from {package}.security import login
    from {package}.security.login import LoginSession
    from {package}.users import User, create_user

    database, calls, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    app = create_app({{
        "PROFILE": "testing", "TESTING": True, "SECRET_KEY": secrets.token_urlsafe(64),
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + database, "PASSWORD_HASH_FAST": True,
    }})
    with app.test_request_context(base_url="https://localhost"):
        db.create_all()
        user = create_user("bench@example.com", "benchmark passphrase for the lookup")
        login.start_session(user, remember=False)
        id_hash = db.session.scalar(select(LoginSession.id_hash).where(LoginSession.user_id == user.id))
        orm = login._session_lookup(app)  # the statement load_user runs
        sessions, users = LoginSession.__table__, User.__table__
        core = (
            select(*sessions.c, *users.c)
            .join(users, users.c.id == sessions.c.user_id)
            .where(sessions.c.id_hash == bindparam("id_hash"))
        )
        results = {{"orm": [], "core": []}}
        for _ in range(repeat):
            for name, statement in (("orm", orm), ("core", core)):
                db.session.remove()  # a request's session is new: no object is in its identity map
                started = time.thread_time_ns()
                for _ in range(calls):
                    row = db.session.execute(statement, {{"id_hash": id_hash}}).first()
                    assert row is not None
                    db.session.expunge_all()  # the next call builds its objects again, as a request does
                results[name].append((time.thread_time_ns() - started) / calls / 1000)
        print(json.dumps(results))
    """
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=2000, help="lookups per timed batch")
    parser.add_argument("--repeat", type=int, default=5, help="timed batches of each (median)")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="session-lookup-"))
    project = bake(workdir)
    code = CHILD.format(package=PACKAGE)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")} | {"FLASK_SKIP_DOTENV": "1"}
    command = [sys.executable, "-c", code, str(workdir / "lookup.db"), str(args.calls), str(args.repeat)]
    result = subprocess.run(
        command, cwd=project / "src", env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(result.stderr[-3000:])
    results = json.loads(result.stdout.strip().splitlines()[-1])
    orm, core = statistics.median(results["orm"]), statistics.median(results["core"])
    print(f"session + user lookup, CPU µs per call (median of {args.repeat} batches of {args.calls}):")
    print(f"  ORM objects (LoginSession, User), as load_user runs it  {orm:7.1f}")
    print(f"  Core row of the same columns                            {core:7.1f}")
    print(f"  a light principal would save                            {orm - core:7.1f}  ({orm / core:.1f}x)")


if __name__ == "__main__":
    main()
