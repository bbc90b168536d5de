"""Reproducible installs: requirements.lock pins every dependency with its hashes, and scripts/test
refuses, with advice, a pyproject.toml that names a dependency the lock lacks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = [sys.executable, str(ROOT / "scripts" / "check_lock.py")]


def test_the_lock_pins_every_dependency_with_hashes():
    result = subprocess.run(CHECK, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = [line for line in lock.splitlines() if "==" in line and not line.startswith(" ")]
    assert pins and all(line.rstrip().endswith("\\") for line in pins)  # each followed by its --hash lines
    assert lock.count("--hash=sha256:") >= len(pins)


def test_a_dependency_missing_from_the_lock_is_refused_with_advice(tmp_path):
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    changed = tmp_path / "pyproject.toml"
    changed.write_text(pyproject.replace("dependencies = [", 'dependencies = [\n    "not-in-the-lock>=1.0",', 1), encoding="utf-8")
    result = subprocess.run([*CHECK, str(changed)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "not-in-the-lock>=1.0" in result.stderr and "./scripts/lock" in result.stderr


def test_the_readme_commands_install_from_the_lock():
    for script in ("test", "demo", "install-service"):
        text = (ROOT / "scripts" / script).read_text(encoding="utf-8")
        assert re.search(r'--require-hashes -r "?(\$SRC/)?requirements\.lock', text) and "--no-deps --no-build-isolation" in text, script
