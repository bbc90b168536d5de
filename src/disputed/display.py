"""Terminal views shared by the command line and the demo."""

from __future__ import annotations

from rich.table import Table

from disputed.store.models import utcnow


def due_text(due_at) -> str:
    if due_at is None:
        return "-"
    hours = (due_at - utcnow()).total_seconds() / 3600
    if hours < 0:
        return f"[red]overdue {-hours:.0f}h[/]"
    return f"{hours:.0f}h" if hours < 48 else f"{hours / 24:.0f}d"


def queue_table(rows, title: str | None = None) -> Table:
    """Drafts with their cases, one line each, most urgent first."""
    table = Table(title=title, expand=False, pad_edge=False)
    for name, width in (("draft", 5), ("due", 11), ("kind", 22), ("issue", 16), ("order", 19), ("lang", 4), ("to", 18), ("subject", 40)):
        table.add_column(name, no_wrap=True, overflow="ellipsis", max_width=width)
    for draft, case in rows:
        table.add_row(
            str(draft.id), due_text(draft.due_at), f"{case.platform or '-'}/{case.kind}", case.issue or "",
            case.order_id or "", draft.language, draft.to_addr or "(to fill in)", draft.subject,
        )
    return table
