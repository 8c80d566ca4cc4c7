"""Integers from a request are bounded where they enter: in the URL converter and in the parser a
view names, never deep in the view.

A number that Python reads happily (``10**30``) overflows Python's ``timedelta``, SQLite's 64-bit
INTEGER and PostgreSQL's 32-bit ``integer`` further in, and became a 500. Here every ``<int:...>``
path segment above ``MAX_ID`` simply matches no route (a 404), and ``bounded_int`` turns a query
or form field outside its range into "absent" (``request.args.get(name, default, type=...)``
treats its ``ValueError`` so), which each view answers with its own 4xx or default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter, Map

#: The largest id, page or count a request may name: PostgreSQL's ``integer``, the smallest of the
#: databases' integer types.
MAX_ID = 2**31 - 1


class BoundedIntegerConverter(IntegerConverter):
    """Werkzeug's ``int`` converter with ``max=MAX_ID`` unless a rule says otherwise."""

    def __init__(
        self,
        map: Map,  # Werkzeug passes these by keyword: its names are kept
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = MAX_ID,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def bounded_int(low: int = 0, high: int = MAX_ID) -> Callable[[Any], int]:
    """A parser for ``request.args.get(..., type=)``: the integer, or ``ValueError`` outside
    ``low..high`` (and for anything that is not a plain decimal integer)."""

    def parse(text: Any) -> int:
        value = int(str(text).strip())  # ValueError for NaN, "1e3", "", too many digits
        if not low <= value <= high:
            raise ValueError(f"{value} is outside {low}..{high}")
        return value

    return parse


def init_app(app: Flask) -> None:
    """Bound ``<int:...>`` in every route: called before any blueprint adds one."""
    app.url_map.converters["int"] = BoundedIntegerConverter
