"""`make`'s setup: put this checkout's src/ on the virtualenv's path (psychoed.pth, what an
editable install writes), unless the virtualenv is another checkout's.

A .venv shared by two checkouts (a symbolic link, a copied folder) would run the other
one's code in this one's tests and builds, with no sign of it: refused, with the fix.
"""

from __future__ import annotations

import sys
import sysconfig
from pathlib import Path

PTH_NAME = "psychoed.pth"


def main(argv: list[str] | None = None) -> int:
    [src] = argv if argv is not None else sys.argv[1:]
    pth = Path(sysconfig.get_path("purelib")) / PTH_NAME
    if problem := other_checkout(pth, Path(src)):
        print(problem, file=sys.stderr)
        return 1
    pth.write_text(f"{src}\n", encoding="utf-8")
    return 0


def other_checkout(pth: Path, src: Path) -> str | None:
    """Why `src` may not take the path file `pth`: another checkout's src/, still there,
    is on it. (One that moved or was deleted is replaced.)"""
    try:
        named = Path(pth.read_text(encoding="utf-8").strip())
    except FileNotFoundError:
        return None
    if named == src or not named.is_dir():
        return None
    return (
        f"{sys.prefix} is the virtualenv of the checkout at {named.parent} ({pth.name} puts "
        f"{named} on its path), so this checkout's tests and builds would run that one's code: "
        "give this checkout its own (remove its .venv, then run make again)"
    )


if __name__ == "__main__":
    sys.exit(main())
