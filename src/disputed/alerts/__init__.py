"""Telling the team: what needs a person, what is about to miss its deadline, what is failing.

- ``events`` finds what to tell in the store (drafts and held cases waiting for a person, deadlines coming,
  failed or unknown sends, mailboxes and SMTP failing as ``component_health`` records them) and records each
  occurrence once in the ``alert`` table;
- ``wording`` turns a batch of alerts into one message, in English or Chinese;
- ``channels`` delivers that message: the team's mail digest through [smtp], or a webhook (generic JSON,
  Slack, Teams, WeCom, DingTalk, Feishu), each in its own documented format and signing;
- ``dispatch`` decides when a channel speaks (urgent at once, the rest collected into a digest, at most so
  many messages an hour), lets one instance at a time send through a channel, and backs off when one fails.

Operators call these "notifications"; the code says "alerts", because a ``Notification`` is a parsed
marketplace message (disputed.notification).
"""

from disputed.alerts.dispatch import Notifier, PassReport

__all__ = ["Notifier", "PassReport"]
