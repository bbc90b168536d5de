"""config/disputed.example.toml explains every key the schema has, and is itself a valid configuration."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from disputed.config.settings import Settings, load_settings

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "disputed.example.toml"
# A table header or a key, written out or commented out (an optional key shown as an example).
_TABLE = re.compile(r"^#?\s*\[\[?\s*([A-Za-z_][\w.]*)\s*\]\]?")
_KEY = re.compile(r'^#?\s*"?([A-Za-z_]\w*)"?\s*=')


def _explained() -> set[str]:
    """Every "section.key" the example writes, set or commented."""
    found, section = set(), None
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if table := _TABLE.match(line):
            parts = table.group(1).split(".")
            section = parts[0]
            if len(parts) > 1:  # [policy.delivery_days] explains policy.delivery_days
                found.add(f"{parts[0]}.{parts[1]}")
        elif (key := _KEY.match(line)) and section:
            found.add(f"{section}.{key.group(1)}")
    return found


def _schema_keys() -> set[str]:
    keys = set()
    for section, field in Settings.model_fields.items():
        model = field.annotation
        model = getattr(model, "__args__", (model,))[0]  # list[MailboxSettings] -> MailboxSettings
        if isinstance(model, type) and issubclass(model, BaseModel):
            for name, sub in model.model_fields.items():
                keys.add(f"{section}.{sub.alias or name}")
    return keys


def test_the_example_explains_every_key_of_the_schema():
    missing = sorted(_schema_keys() - _explained())
    assert not missing, f"config/disputed.example.toml does not mention: {', '.join(missing)}"


def test_the_example_is_a_valid_configuration():
    settings = load_settings(EXAMPLE, environ={})
    assert settings.mailbox and settings.mailbox[0].name == "amazon-us"
