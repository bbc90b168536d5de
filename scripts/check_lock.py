"""Is every dependency pyproject.toml names pinned, with its hashes, in requirements.lock?

    python scripts/check_lock.py [PYPROJECT [LOCK]]

scripts/test runs this before installing from the lock: installing only from the lock, a missing
dependency would otherwise surface as an ImportError far from its cause. Exits 1 with advice.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==\S+(?: ;[^\\\n]*)? \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", re.M)


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def unpinned(pyproject: Path, lock: Path) -> list[str]:
    """The requirements of the project, its test extra and its build system that the lock lacks."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    wanted = [
        *project["project"]["dependencies"],
        *project["project"].get("optional-dependencies", {}).get("test", []),
        *project["build-system"]["requires"],
    ]
    locked = {normal(m[1]) for m in PIN.finditer(lock.read_text(encoding="utf-8"))}
    return [req for req in wanted if normal(NAME.match(req)[0]) not in locked]


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[1]
    pyproject = Path(argv[0]) if argv else root / "pyproject.toml"
    lock = Path(argv[1]) if len(argv) > 1 else root / "requirements.lock"
    if not lock.exists():
        print(f"{lock} is missing: run ./scripts/lock and commit it.", file=sys.stderr)
        return 1
    missing = unpinned(pyproject, lock)
    if missing:
        print(f"pyproject.toml needs {', '.join(missing)}, which requirements.lock does not pin with hashes.", file=sys.stderr)
        print("Run ./scripts/lock to pin it, and commit requirements.lock.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
