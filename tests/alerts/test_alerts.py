"""Telling the team (disputed.alerts) against real servers: a local HTTP receiver that checks each service's
documented payload and signing (tests/servers/webhooks.py), aiosmtpd for the mail digest, Dovecot for the
pipeline, PostgreSQL for two instances at once."""

from __future__ import annotations

import email
import email.policy
import email.utils
import threading
import time
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select
from typer.testing import CliRunner

from disputed.alerts import Notifier
from disputed.alerts.channels import WECOM_BYTES
from disputed.alerts.events import find_events
from disputed.cli import app as cli_app
from disputed.config.settings import ConfigError, Settings, load_settings
from disputed.daemon.runner import Daemon
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Alert, AlertChannel, Case, CaseStatus, Draft, DraftStatus, utcnow
from disputed.store.queue import approve
from disputed.web.app import create_app
from disputed.vocabulary import Audience
from tests.servers.webhooks import WebhookReceiver
from tests.support import DEMO_MAIL, settings_for, wait_until

PUBLIC = "https://disputed.shop.test"


@pytest.fixture
def receiver():
    server = WebhookReceiver(secrets={"webhook": "hook-secret", "dingtalk": "SECdingtalk", "feishu": "feishu-secret"}).start()
    try:
        yield server
    finally:
        server.stop()


def _settings(tmp_path, channels: list[dict], *, database_url: str | None = None, instance: str = "test-1", smtp=None, imap=None, **notify) -> Settings:
    return settings_for(tmp_path, smtp=smtp, imap=imap, database_url=database_url, instance=instance,
                        extra={"notify": {"channel": channels, **notify}, "web": {"enabled": False, "public_url": PUBLIC}})


def _channel(receiver: WebhookReceiver, kind: str, **extra) -> dict:
    urls = {
        "webhook": f"{receiver.base}/hook", "slack": f"{receiver.base}/slack/T000/B000/XXXX", "teams": f"{receiver.base}/teams/abc",
        "wecom": f"{receiver.base}/wecom?key=robot-key", "dingtalk": f"{receiver.base}/dingtalk?access_token=tok",
        "feishu": f"{receiver.base}/feishu/hook-id",
    }
    secrets = {"webhook": "hook-secret", "dingtalk": "SECdingtalk", "feishu": "feishu-secret"}
    channel = {"name": f"team-{kind}", "type": kind, "url": urls[kind]}
    if kind in secrets:
        channel["secret"] = secrets[kind]
    return {**channel, **extra}


def add_case(engine, n: int, *, kind: str = "atoz_claim", due_hours: float = 48, status: CaseStatus = CaseStatus.OPEN,
             draft: DraftStatus | None = DraftStatus.PENDING, platform: str = "amazon") -> tuple[int, int | None]:
    with session_scope(engine) as session:
        case = Case(key=f"{platform}:{n:03d}-1111111-2222222", platform=platform, order_id=f"{n:03d}-1111111-2222222", mailbox="shop",
                    kind=kind, issue="not_received", status=status, subject=f"about order {n}", due_at=utcnow() + timedelta(hours=due_hours))
        session.add(case)
        session.flush()
        draft_id = None
        if draft is not None:
            row = Draft(case_id=case.id, handler="not_received", template="not_received", to_addr=f"b{n}@marketplace.amazon.com",
                        subject=f"Re: order {n}", body="Dear buyer", message_id=f"<alert-test-{n}@shop.test>", status=draft,
                        due_at=case.due_at, audience=Audience.BUYER, smtp_response="550 5.1.1 mailbox unavailable" if draft == DraftStatus.FAILED else None)
            session.add(row)
            session.flush()
            draft_id = row.id
        return case.id, draft_id


# -- each channel's format and signing ---------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["webhook", "slack", "teams", "wecom", "dingtalk", "feishu"])
def test_each_webhook_is_accepted_by_its_service_with_the_case_and_its_link(tmp_path, receiver, kind):
    settings = _settings(tmp_path, [_channel(receiver, kind)])
    engine = make_engine(settings.database.url)
    case_id, _ = add_case(engine, 1, due_hours=50)
    report = Notifier(settings, engine, instance="i1").run_pass()
    assert report.told == {f"team-{kind}": 1}, report  # the pending draft (its deadline is beyond 24 h)
    [got] = receiver.received
    assert got.accepted, got.why
    text = got.body.decode("utf-8")
    assert "001-1111111-2222222" in text and "A-to-z claim" in text and "Amazon" in text
    assert f"{PUBLIC}/cases/{case_id}" in text
    assert "URGENT" in text  # an A-to-z claim due within [notify] urgent_hours


def test_a_wrong_signing_secret_is_refused_by_the_service_and_shown_failing(tmp_path, receiver):
    channels = [_channel(receiver, "dingtalk", secret="SECwrong"), _channel(receiver, "feishu", secret="wrong"),
                _channel(receiver, "webhook", secret="wrong")]
    settings = _settings(tmp_path, channels)
    engine = make_engine(settings.database.url)
    add_case(engine, 1)
    report = Notifier(settings, engine, instance="i1").run_pass()
    assert report.told == {}
    assert "310000" in report.failed["team-dingtalk"] and "19021" in report.failed["team-feishu"] and "401" in report.failed["team-webhook"]
    assert len(receiver.received) == 3 and not receiver.accepted()


def test_chinese_messages_and_the_generic_json(tmp_path, receiver):
    settings = _settings(tmp_path, [_channel(receiver, "webhook", language="zh")])
    engine = make_engine(settings.database.url)
    case_id, draft_id = add_case(engine, 7, kind="chargeback", due_hours=10)
    Notifier(settings, engine, instance="i1").run_pass()
    [got] = receiver.accepted()
    payload = got.json()
    assert payload["language"] == "zh" and payload["title"].startswith("disputed：")
    assert "信用卡拒付" in payload["text"] and "亚马逊" in payload["text"] and "草稿待审批" in payload["text"] and "24 小时内到期" in payload["text"]
    by_type = {alert["type"]: alert for alert in payload["alerts"]}
    assert by_type["draft_pending"]["draft_id"] == draft_id and by_type["draft_pending"]["order_id"] == "007-1111111-2222222"
    assert by_type["deadline"]["hours"] == 24 and by_type["deadline"]["url"] == f"{PUBLIC}/cases/{case_id}"
    assert all(alert["urgent"] for alert in payload["alerts"]) and payload["urgent"] == 1  # one line: one case


def test_a_long_batch_fits_the_wecom_limit_and_counts_the_rest(tmp_path, receiver):
    settings = _settings(tmp_path, [_channel(receiver, "wecom")], max_items=200)
    engine = make_engine(settings.database.url)
    for n in range(120):
        add_case(engine, n, due_hours=30)
    Notifier(settings, engine, instance="i1").run_pass()
    [got] = receiver.accepted()
    content = got.json()["markdown"]["content"]
    assert len(content.encode("utf-8")) <= WECOM_BYTES and "more: see the queue" in content


# -- the mail digest -------------------------------------------------------------------------------------------------
def test_the_mail_digest_goes_to_the_team_through_smtp(tmp_path, smtp_server):
    channel = {"name": "team-mail", "type": "email", "to": ["ops@innoshop.test", "lena@innoshop.test"]}
    settings = _settings(tmp_path, [channel], smtp=smtp_server, digest_minutes=10)
    engine = make_engine(settings.database.url)
    add_case(engine, 1, kind="buyer_message", due_hours=30)
    add_case(engine, 2, kind="return_request", draft=DraftStatus.FAILED, due_hours=200)
    notifier = Notifier(settings, engine, instance="i1")
    assert notifier.run_pass().waiting == {"team-mail": "collecting for the digest"}  # nothing urgent: it waits
    assert smtp_server.messages == []
    report = notifier.run_pass(now=utcnow() + timedelta(minutes=11))
    assert report.told == {"team-mail": 2}
    [received] = smtp_server.messages
    assert sorted(received.rcpt_tos) == ["lena@innoshop.test", "ops@innoshop.test"]
    mail = email.message_from_bytes(received.raw, policy=email.policy.default)
    assert mail["Subject"] == "disputed: 2 to see" and mail["Auto-Submitted"] == "auto-generated" and mail["X-Disputed-Loop"] == "i1"
    body = mail.get_content()
    assert "a draft waits for approval" in body and "sending failed: 550 5.1.1 mailbox unavailable" in body
    assert f"{PUBLIC}/cases/" in body


# -- batching, the hourly limit, nothing twice ------------------------------------------------------------------------
def test_events_wait_for_the_digest_and_go_in_one_message(tmp_path, receiver):
    settings = _settings(tmp_path, [_channel(receiver, "slack")], digest_minutes=5)
    engine = make_engine(settings.database.url)
    notifier = Notifier(settings, engine, instance="i1")
    add_case(engine, 1, kind="buyer_message", due_hours=100)
    notifier.run_pass()
    add_case(engine, 2, kind="return_request", due_hours=100)
    notifier.run_pass(now=utcnow() + timedelta(minutes=2))
    assert receiver.received == []
    notifier.run_pass(now=utcnow() + timedelta(minutes=6))
    [got] = receiver.accepted()
    assert "001-1111111-2222222" in got.body.decode() and "002-1111111-2222222" in got.body.decode()
    notifier.run_pass(now=utcnow() + timedelta(minutes=20))
    assert len(receiver.received) == 1  # told once


def test_what_a_person_dealt_with_while_it_waited_is_not_told(tmp_path, receiver):
    settings = _settings(tmp_path, [_channel(receiver, "slack")], digest_minutes=5)
    engine = make_engine(settings.database.url)
    notifier = Notifier(settings, engine, instance="i1")
    _, draft_id = add_case(engine, 1, kind="buyer_message", due_hours=100)
    notifier.run_pass()
    with session_scope(engine) as session:
        approve(session, draft_id, by="lena")
    report = notifier.run_pass(now=utcnow() + timedelta(minutes=6))
    assert receiver.received == [] and report.told == {}
    with session_scope(engine) as session:
        [channel] = session.exec(select(AlertChannel)).all()
        assert channel.told_up_to == session.exec(select(Alert.id)).one()  # settled: never told later either


def test_an_urgent_only_channel_hears_only_what_is_urgent(tmp_path, receiver):
    settings = _settings(tmp_path, [_channel(receiver, "wecom", urgent_only=True), _channel(receiver, "teams")], digest_minutes=1)
    engine = make_engine(settings.database.url)
    notifier = Notifier(settings, engine, instance="i1")
    add_case(engine, 1, kind="buyer_message", due_hours=100)
    notifier.run_pass(now=utcnow() + timedelta(minutes=2))
    assert [r.service for r in receiver.accepted()] == ["teams"]
    add_case(engine, 2, kind="atoz_claim", due_hours=60)
    notifier.run_pass(now=utcnow() + timedelta(minutes=2))
    wecom = receiver.accepted("wecom")
    assert len(wecom) == 1 and "002-1111111-2222222" in wecom[0].body.decode() and "001-1111111-2222222" not in wecom[0].body.decode()


def test_an_urgent_event_takes_the_waiting_ones_with_it(tmp_path, receiver):
    settings = _settings(tmp_path, [_channel(receiver, "slack")], digest_minutes=60)
    engine = make_engine(settings.database.url)
    notifier = Notifier(settings, engine, instance="i1")
    add_case(engine, 1, kind="buyer_message", due_hours=100)
    notifier.run_pass()
    assert receiver.received == []
    add_case(engine, 2, kind="atoz_claim", due_hours=60)
    notifier.run_pass()
    [got] = receiver.accepted()
    text = got.json()["text"]
    assert text.index("002-1111111-2222222") < text.index("001-1111111-2222222")  # the urgent line first


def test_at_most_max_per_hour_messages_then_the_rest_together(tmp_path, receiver):
    settings = _settings(tmp_path, [_channel(receiver, "teams", max_per_hour=2)])
    engine = make_engine(settings.database.url)
    notifier = Notifier(settings, engine, instance="i1")
    for n in range(4):
        add_case(engine, n, kind="atoz_claim", due_hours=50)
        report = notifier.run_pass()
    assert len(receiver.accepted()) == 2 and "the limit" in report.waiting["team-teams"]
    notifier.run_pass(now=utcnow() + timedelta(minutes=61))
    third = receiver.accepted()[-1].body.decode()
    assert len(receiver.accepted()) == 3 and "002-1111111-2222222" in third and "003-1111111-2222222" in third


def test_nothing_is_told_twice_across_daemon_passes(tmp_path, receiver):
    settings = _settings(tmp_path, [_channel(receiver, "feishu")])
    engine = make_engine(settings.database.url)
    add_case(engine, 1, due_hours=20)
    for _ in range(3):
        Daemon(settings, engine).run_once()
    assert len(receiver.received) == 1
    with session_scope(engine) as session:
        keys = sorted(a.key for a in session.exec(select(Alert)).all())
        [channel] = session.exec(select(AlertChannel)).all()
    assert keys == ["case:1:due:24", "draft:1:pending"] and channel.told_up_to == 2
    # What was recorded is not even read again (deadlines are: their threshold is worked out on each pass).
    assert [e.key for e in find_events(settings, engine, now=utcnow(), running_since=utcnow())] == ["case:1:due:24"]


def test_two_instances_on_postgresql_tell_each_event_once(tmp_path, receiver, pg_url):
    """Both instances pass over and over while claims arrive: each event is recorded once and told once."""
    settings = [_settings(tmp_path, [_channel(receiver, "webhook")], database_url=pg_url, instance=f"i{n}", max_per_hour=100) for n in (1, 2)]
    engines = [make_engine(s.database.url) for s in settings]
    notifiers = [Notifier(s, e, instance=s.daemon.instance_id) for s, e in zip(settings, engines)]
    stop = threading.Event()

    def passes(notifier: Notifier) -> None:
        while not stop.is_set():
            notifier.run_pass()

    threads = [threading.Thread(target=passes, args=(notifier,)) for notifier in notifiers]
    for thread in threads:
        thread.start()
    try:
        for n in range(6):
            add_case(engines[0], n, due_hours=20)
            time.sleep(0.1)
        told = lambda: [alert["key"] for got in receiver.accepted() for alert in got.json()["alerts"]]  # noqa: E731
        assert wait_until(lambda: len(told()) >= 12, 30)
        time.sleep(1)  # time for a second telling, were there one
    finally:
        stop.set()
        for thread in threads:
            thread.join(60)
    assert sorted(told()) == sorted(set(told())) and len(told()) == 12  # six drafts pending, six cases due within 24 h
    for engine in engines:
        engine.dispose()


# -- failures: retried with back-off, shown in /healthz --------------------------------------------------------------
def test_a_failing_webhook_is_retried_with_back_off_and_shown_in_healthz(tmp_path, receiver):
    settings = _settings(tmp_path, [_channel(receiver, "slack")], retry_base_seconds=30)
    engine = make_engine(settings.database.url)
    add_case(engine, 1)
    notifier = Notifier(settings, engine, instance="i1")
    receiver.fail_next(2, status=503)
    first = notifier.run_pass()
    assert "HTTP 503" in first.failed["team-slack"]
    client = TestClient(create_app(settings, engine), base_url="http://127.0.0.1:8025")  # a Host the page answers to
    health = client.get("/healthz")
    assert health.status_code == 503
    component = health.json()["components"]["notify:team-slack"]
    assert component["state"] == "failing" and "503" in component["detail"]
    assert 'disputed_component_up{component="notify:team-slack"} 0.0' in client.get("/metrics").text
    assert "retrying at" in notifier.run_pass().waiting["team-slack"]  # backing off: not tried again at once
    assert "HTTP 503" in notifier.run_pass(now=utcnow() + timedelta(seconds=31)).failed["team-slack"]
    assert notifier.run_pass(now=utcnow() + timedelta(seconds=45)).waiting  # the second wait is longer (60 s)
    done = notifier.run_pass(now=utcnow() + timedelta(seconds=95))
    assert done.told == {"team-slack": 1} and len(receiver.accepted()) == 1
    assert client.get("/healthz").json()["components"]["notify:team-slack"]["state"] == "ok"


def test_a_mailbox_whose_login_fails_is_told_at_once(tmp_path, receiver, imap_account):
    """Dovecot refuses the password; the pass records the mailbox failing (store.health) and tells it, urgent,
    in the same pass, although the channel collects everything else for an hour."""
    settings = _settings(tmp_path, [_channel(receiver, "dingtalk")], imap=_WrongPassword(imap_account), digest_minutes=60)
    engine = make_engine(settings.database.url)
    report = Daemon(settings, engine).run_once()
    assert "shop" in report.errors and report.alerts.told == {"team-dingtalk": 1}
    text = receiver.accepted()[0].json()["markdown"]["text"]
    assert "URGENT" in text and "mailbox shop: login refused" in text
    Daemon(settings, engine).run_once()  # the same run of failures: not told again
    assert len(receiver.received) == 1
    fixed = _settings(tmp_path, [_channel(receiver, "dingtalk")], imap=imap_account, digest_minutes=60)
    assert Daemon(fixed, engine).run_once().alerts.told == {"team-dingtalk": 1}  # as urgent as the failure was
    assert "mailbox shop works again" in receiver.accepted()[-1].json()["markdown"]["text"]
    Daemon(fixed, engine).run_once()
    assert len(receiver.received) == 2


class _WrongPassword:
    def __init__(self, account) -> None:
        self.host, self.port, self.username, self.password = account.host, account.port, account.username, "not-the-password"


def test_deadlines_are_told_once_per_threshold(tmp_path, receiver):
    settings = _settings(tmp_path, [_channel(receiver, "webhook")], deadline_hours=[24, 4, 0])
    engine = make_engine(settings.database.url)
    add_case(engine, 1, kind="return_request", due_hours=20, draft=None)
    notifier = Notifier(settings, engine, instance="i1")
    later = utcnow()
    keys = []
    for hours in (0, 0.1, 17, 17.5, 21, 22):  # within 24 h, within 4 h, then past
        now = later + timedelta(hours=hours, minutes=16)
        notifier.run_pass(now=now)
        keys = [alert["key"] for got in receiver.accepted() for alert in got.json()["alerts"]]
    assert keys == ["case:1:due:24", "case:1:due:4", "case:1:due:0"]


# -- the daemon: an urgent A-to-z claim through Dovecot within a minute ---------------------------------------------
def test_a_running_daemon_tells_the_team_of_an_atoz_claim_within_a_minute(tmp_path, imap_account, receiver):
    settings = settings_for(tmp_path, imap=imap_account, extra={
        "notify": {"channel": [_channel(receiver, "wecom")], "digest_minutes": 60},
        "web": {"enabled": False, "public_url": PUBLIC},
    })
    engine = make_engine(settings.database.url)
    daemon = Daemon(settings, engine)
    runner = threading.Thread(target=daemon.run_forever, kwargs={"web": False}, daemon=True)
    runner.start()
    try:
        assert wait_until(lambda: "shop" in daemon.watchers, 30)
        due = utcnow() + timedelta(days=2)
        claim = (DEMO_MAIL / "03-atoz-claim.eml").read_bytes()
        claim = claim.replace(b"November 24, 2026", due.strftime("%B %d, %Y").encode()).replace(
            b"Date: Sat, 21 Nov 2026 13:40:10 +0000", email.utils.format_datetime(utcnow()).encode())
        arrived = time.monotonic()
        imap_account.append(claim)
        [got] = receiver.wait_for(1, timeout=60, service="wecom")
        took = got.at - time.time() + time.monotonic() - arrived
        for _ in range(2):  # more of the notify job's passes (it runs every 30 s), even beside it: not told again
            daemon.notify_job()
        assert len(receiver.received) == 1
    finally:
        daemon.stop_event.set()
        runner.join(timeout=30)
    print(f"A-to-z claim told {took:.1f} s after it was delivered to the mailbox")
    assert took < 60, f"told after {took:.1f} s"
    content = got.json()["markdown"]["content"]
    assert "URGENT" in content and "112-5550192-8812034" in content and "A-to-z claim" in content and f"{PUBLIC}/cases/" in content


# -- configuration and the command line -------------------------------------------------------------------------------
runner = CliRunner()


def _config_file(tmp_path, channel_toml: str) -> str:
    path = tmp_path / "disputed.toml"
    path.write_text(f"""[database]
url = "sqlite:///{tmp_path / 'cli.db'}"

[smtp]
host = "127.0.0.1"
port = 1
security = "none"

[web]
enabled = false
public_url = "{PUBLIC}"

[notify]
digest_minutes = 5

{channel_toml}
""", encoding="utf-8")
    return str(path)


def test_check_config_names_an_unset_secret_variable(tmp_path, monkeypatch):
    monkeypatch.delenv("TEAM_SLACK_URL", raising=False)
    config = _config_file(tmp_path, '[[notify.channel]]\nname = "team-slack"\ntype = "slack"\nurl_env = "TEAM_SLACK_URL"\n')
    result = runner.invoke(cli_app, ["--config", config, "check-config"])
    assert result.exit_code == 2
    assert "notify.channel[0] (team-slack).url_env" in result.stderr and "TEAM_SLACK_URL" in result.stderr


def test_a_bad_url_from_the_environment_is_named_and_the_daemon_refuses_to_start(tmp_path, monkeypatch):
    monkeypatch.setenv("TEAM_WECOM_URL", "qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY-SECRET")
    config = _config_file(tmp_path, '[[notify.channel]]\nname = "wx"\ntype = "wecom"\nurl_env = "TEAM_WECOM_URL"\n')
    checked = runner.invoke(cli_app, ["--config", config, "check-config"])
    assert checked.exit_code == 2 and "notify.channel[0] (wx).url_env" in checked.stderr and "not an http(s) URL" in checked.stderr
    ran = runner.invoke(cli_app, ["--config", config, "run", "--once"])
    assert ran.exit_code == 2 and "TEAM_WECOM_URL" in ran.stderr
    assert "KEY-SECRET" not in checked.stderr + ran.stderr


def test_check_config_names_a_bad_url_and_its_line_without_quoting_it(tmp_path):
    config = _config_file(tmp_path, '[[notify.channel]]\nname = "ding"\ntype = "dingtalk"\nurl = "oapi.dingtalk.com/robot/send?access_token=SECRET123"\n')
    result = runner.invoke(cli_app, ["--config", config, "check-config"])
    assert result.exit_code == 2
    assert "notify.channel[0]" in result.stderr and "not an http(s) URL" in result.stderr and "line 16" in result.stderr
    assert "SECRET123" not in result.stderr


def test_check_config_names_an_unknown_type(tmp_path):
    config = _config_file(tmp_path, '[[notify.channel]]\nname = "chat"\ntype = "telegram"\nurl = "https://example.test/x"\n')
    result = runner.invoke(cli_app, ["--config", config, "check-config"])
    assert result.exit_code == 2 and "notify.channel[0].type" in result.stderr and "line 18" in result.stderr
    assert "'email'" in result.stderr and "'feishu'" in result.stderr


@pytest.mark.parametrize("toml, words", [
    ('name = "m"\ntype = "email"\n', "needs to ="),
    ('name = "m"\ntype = "email"\nto = ["ops@x.test"]\nurl = "https://x.test/"\n', "url is for webhooks"),
    ('name = "s"\ntype = "slack"\nurl = "https://x.test/"\nsecret = "k"\n', "not signed"),
    ('name = "s"\ntype = "slack"\n', "needs url"),
])
def test_channel_settings_are_checked(tmp_path, toml, words):
    with pytest.raises(ConfigError, match=words):
        load_settings(_config_file(tmp_path, "[[notify.channel]]\n" + toml), environ={})


def test_notify_test_sends_through_one_channel(tmp_path, receiver, monkeypatch):
    monkeypatch.setenv("TEAM_HOOK_URL", f"{receiver.base}/hook")
    monkeypatch.setenv("TEAM_HOOK_SECRET", "hook-secret")
    config = _config_file(tmp_path, '[[notify.channel]]\nname = "ops"\ntype = "webhook"\nurl_env = "TEAM_HOOK_URL"\nsecret_env = "TEAM_HOOK_SECRET"\nlanguage = "zh"\n')
    checked = runner.invoke(cli_app, ["--config", config, "check-config"])
    assert checked.exit_code == 0 and "notify: ops (webhook)" in checked.stdout
    result = runner.invoke(cli_app, ["--config", config, "notify", "test", "ops"])
    assert result.exit_code == 0, result.output
    [got] = receiver.accepted()
    assert "通道 ops 工作正常" in got.json()["text"]
    receiver.fail_next(1, status=500)
    failed = runner.invoke(cli_app, ["--config", config, "notify", "test", "ops"])
    assert failed.exit_code == 1 and "HTTP 500" in failed.stderr
    assert runner.invoke(cli_app, ["--config", config, "notify", "test", "nope"]).exit_code == 2
