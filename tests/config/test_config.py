"""Configuration: the issue's example works as written; bad input names the key and line."""

from __future__ import annotations

import textwrap

import pytest

from disputed.config import ConfigError, load_settings
from disputed.config.settings import check_secrets

ISSUE_EXAMPLE = textwrap.dedent(
    """\
    [database]
    url = "sqlite:///var/disputed.db"

    [[mailbox]]
    name = "amazon-us"
    host = "127.0.0.1"
    port = 10143
    security = "none"          # "ssl" | "starttls" | "none"
    username = "test"
    password_env = "DISPUTED_IMAP_PASSWORD"
    folder = "INBOX"

    [smtp]
    host = "127.0.0.1"
    port = 10025
    security = "none"
    from = "Innoshop Support <support@innoshop.test>"

    [security]
    trusted_authserv_ids = ["mx.seller-mail.test"]
    """
)


def _write(tmp_path, text: str):
    path = tmp_path / "disputed.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_issue_example_loads_as_written(tmp_path, monkeypatch):
    monkeypatch.setenv("DISPUTED_IMAP_PASSWORD", "s3cret")
    settings = load_settings(_write(tmp_path, ISSUE_EXAMPLE), environ={})
    [mailbox] = settings.mailbox
    assert (mailbox.name, mailbox.port, mailbox.security, mailbox.secret()) == ("amazon-us", 10143, "none", "s3cret")
    assert settings.smtp.from_ == "Innoshop Support <support@innoshop.test>"
    assert settings.security.trusted_authserv_ids == ["mx.seller-mail.test"]


def test_the_shipped_example_config_loads(tmp_path, monkeypatch):
    from pathlib import Path

    monkeypatch.setenv("DISPUTED_IMAP_PASSWORD", "x")
    monkeypatch.setenv("DISPUTED_SMTP_PASSWORD", "y")
    example = Path(__file__).resolve().parents[2] / "config" / "disputed.example.toml"
    settings = load_settings(example, environ={"DISPUTED_IMAP_PASSWORD": "x", "DISPUTED_SMTP_PASSWORD": "y"})
    check_secrets(settings)


def test_a_wrong_value_names_the_key_and_its_line(tmp_path):
    path = _write(tmp_path, ISSUE_EXAMPLE.replace('port = 10025', 'port = "twenty-five"'))
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    message = str(caught.value)
    assert "smtp.port" in message and "line 15" in message and "twenty-five" in message


def test_an_unknown_key_is_refused_with_a_hint(tmp_path):
    path = _write(tmp_path, ISSUE_EXAMPLE.replace('folder = "INBOX"', 'foldr = "INBOX"'))
    with pytest.raises(ConfigError, match=r"mailbox\[0\]\.foldr.*line 11.*unknown key"):
        load_settings(path, environ={})


def test_a_missing_password_variable_fails_at_start(tmp_path, monkeypatch):
    monkeypatch.delenv("DISPUTED_IMAP_PASSWORD", raising=False)
    settings = load_settings(_write(tmp_path, ISSUE_EXAMPLE), environ={})
    with pytest.raises(ConfigError, match=r"mailbox\[0\] \(amazon-us\)\.password_env.*DISPUTED_IMAP_PASSWORD"):
        check_secrets(settings)


def test_environment_overrides_a_section_key(tmp_path):
    settings = load_settings(_write(tmp_path, ISSUE_EXAMPLE), environ={"DISPUTED_SMTP__PORT": "2525", "DISPUTED_DATABASE__URL": "sqlite:////tmp/x.db"})
    assert settings.smtp.port == 2525 and settings.database.url == "sqlite:////tmp/x.db"


def test_policy_names_are_checked_against_the_vocabulary(tmp_path):
    path = _write(tmp_path, ISSUE_EXAMPLE + '\n[policy]\nauto_approve = ["tracking_inqiury"]\n')
    with pytest.raises(ConfigError, match="tracking_inqiury"):
        load_settings(path, environ={})


def test_invalid_toml_says_where(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML.*line"):
        load_settings(_write(tmp_path, "[smtp\nport = 1\n"), environ={})


def test_secrets_do_not_appear_in_errors(tmp_path):
    text = ISSUE_EXAMPLE.replace('password_env = "DISPUTED_IMAP_PASSWORD"', 'password = "hunter2-very-secret"').replace("port = 10143", "port = 0")
    with pytest.raises(ConfigError) as caught:
        load_settings(_write(tmp_path, text), environ={})
    assert "hunter2" not in str(caught.value)


def test_plaintext_credentials_and_unverified_tls_are_warned_about_at_start(tmp_path, monkeypatch, caplog):
    from disputed.daemon.runner import Daemon
    from disputed.store.db import make_engine

    monkeypatch.setenv("DISPUTED_IMAP_PASSWORD", "s3cret")
    text = ISSUE_EXAMPLE.replace('url = "sqlite:///var/disputed.db"', f'url = "sqlite:///{tmp_path / "d.db"}"')
    text = text.replace('security = "none"\nfrom', 'security = "starttls"\nverify_tls = false\nusername = "shop"\npassword = "p"\nfrom')
    settings = load_settings(_write(tmp_path, text), environ={})
    engine = make_engine(settings.database.url)
    try:
        with caplog.at_level("WARNING", logger="disputed.daemon.runner"):
            Daemon(settings, engine)
    finally:
        engine.dispose()
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("mailbox[0] (amazon-us)" in w and "unencrypted" in w for w in warnings), warnings
    assert any(w.startswith("insecure connection: smtp: verify_tls = false") for w in warnings), warnings
    assert not any("s3cret" in w or "password = " in w for w in warnings)


def test_a_safe_configuration_starts_without_transport_warnings(monkeypatch):
    from disputed.config.settings import Settings, insecure_transports

    settings = Settings.model_validate({"mailbox": [{"name": "m", "username": "u", "password": "p"}], "smtp": {"username": "u", "password": "p"}})
    assert insecure_transports(settings) == []


def test_the_readme_states_the_border_mtas_duty():
    """disputed trusts Authentication-Results by authserv-id, so the border MTA must strip forged ones."""
    from pathlib import Path

    readme = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8").split())
    assert "must therefore delete every incoming `Authentication-Results` header that carries its own authserv-id" in readme
    assert "RFC 8601, section 5" in readme


@pytest.mark.parametrize(
    "text, named",
    [
        ("[attachments]\nmax_files = 3\nmax_file_bytes = 9000000\nmax_total_bytes = 2000000\n", "attachments.max_file_bytes (line 3): 9000000 is more than attachments.max_total_bytes"),
        ("[attachments]\nmax_files = -1\n", "attachments.max_files (line 2)"),
        ("[attachments]\nimage_max_pixels = 5\n", "attachments.image_max_pixels (line 2)"),
        ("[attachments]\nthumbnail_side = 900\nimage_max_side = 600\n", "attachments.thumbnail_side (line 2): 900 is more than attachments.image_max_side"),
    ],
)
def test_bad_attachment_bounds_fail_at_start_naming_the_key(tmp_path, text, named):
    with pytest.raises(ConfigError) as found:
        load_settings(_write(tmp_path, text), environ={})
    assert named in str(found.value)


def test_the_semantic_layer_is_on_unless_turned_off(tmp_path):
    assert load_settings(_write(tmp_path, ISSUE_EXAMPLE), environ={}).parsing.semantic is True
    settings = load_settings(_write(tmp_path, ISSUE_EXAMPLE + "\n[parsing]\nsemantic = false\n"), environ={})
    assert settings.parsing.semantic is False
    assert load_settings(_write(tmp_path, ISSUE_EXAMPLE), environ={"DISPUTED_PARSING__SEMANTIC": "false"}).parsing.semantic is False


def test_a_bad_semantic_value_names_its_key(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_settings(_write(tmp_path, ISSUE_EXAMPLE + '\n[parsing]\nsemantic = "sometimes"\n'), environ={})
    assert "parsing.semantic" in str(caught.value) and "line 23" in str(caught.value)
