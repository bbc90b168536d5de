"""The README's "Install as a service", run as written into a temporary root: the user, the program, the
configuration with its permissions, and a unit that systemd-analyze accepts with nothing to say."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SYSTEM_UNITS = Path("/usr/lib/systemd/system")

pytestmark = pytest.mark.slow  # builds a virtual environment and installs every dependency into it (about a minute)


def _root_with_accounts(root: Path) -> None:
    """A root that has this machine's account files, as a fresh Debian has its own."""
    (root / "etc").mkdir(parents=True)
    for name in ("passwd", "group", "shadow", "gshadow", "login.defs"):
        if Path("/etc", name).exists():
            shutil.copy2(Path("/etc", name), root / "etc" / name)


@pytest.mark.skipif(os.geteuid() != 0, reason="installing a service needs root (the test command runs as root in CI)")
def test_install_as_a_service_into_a_temporary_root(tmp_path):
    root = tmp_path / "root"
    _root_with_accounts(root)
    env = {**os.environ, "ROOT": str(root), "PYTHON": sys.executable}
    installed = subprocess.run([str(REPO / "scripts" / "install-service")], env=env, capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stderr

    user = next(line for line in (root / "etc/passwd").read_text().splitlines() if line.startswith("disputed:"))
    assert user.split(":")[5] == "/var/lib/disputed" and user.split(":")[6] == "/usr/sbin/nologin"
    gid = int(user.split(":")[3])

    config = root / "etc/disputed/disputed.toml"
    assert stat.S_IMODE(config.stat().st_mode) == 0o640 and config.stat().st_gid == gid
    assert 'url = "sqlite:////var/lib/disputed/disputed.db"' in config.read_text()
    assert stat.S_IMODE((root / "etc/disputed/secrets.env").stat().st_mode) == 0o600
    assert stat.S_IMODE((root / "etc/disputed").stat().st_mode) == 0o750

    disputed = root / "opt/disputed/.venv/bin/disputed"
    help_text = subprocess.run([str(disputed), "--help"], capture_output=True, text=True, timeout=60)
    assert help_text.returncode == 0 and "check-config" in help_text.stdout

    again = subprocess.run([str(REPO / "scripts" / "install-service")], env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr  # a second run changes nothing it should keep
    assert config.read_text().count("[database]") == 1

    if shutil.which("systemd-analyze") is None or not SYSTEM_UNITS.is_dir():
        pytest.skip("systemd-analyze is not installed")
    shutil.copytree(SYSTEM_UNITS, root / "usr/lib/systemd/system", symlinks=True, dirs_exist_ok=True)  # the targets the unit names
    verified = subprocess.run(["systemd-analyze", "verify", f"--root={root}", "/etc/systemd/system/disputed.service"],
                              capture_output=True, text=True, timeout=60)
    said = [line for line in (verified.stdout + verified.stderr).splitlines() if "disputed" in line]
    assert verified.returncode == 0 and not said, verified.stdout + verified.stderr
