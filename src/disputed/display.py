"""Terminal views shared by the command line and the demo."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from disputed.store.models import utcnow
from disputed.terminal import visible

WIDE = 170  # below this a table squeezes its columns to nothing; print two lines a draft instead


def due_text(due_at) -> str:
    if due_at is None:
        return "no deadline"
    hours = (due_at - utcnow()).total_seconds() / 3600
    if hours < 0:
        return f"[red]overdue {-hours:.0f}h[/]"
    return f"due {hours:.0f}h" if hours < 48 else f"due {hours / 24:.0f}d"


def queue_view(rows, console: Console, title: str | None = None):
    """Drafts with their cases, most urgent first, fitted to the terminal."""
    return _table(rows, title) if console.width >= WIDE else _lines(rows, title)


def _table(rows, title: str | None) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    for name, most in (("draft", 6), ("due", 12), ("kind", 26), ("issue", 16), ("order", 19), ("lang", 4), ("to", 26), ("subject", 50)):
        table.add_column(name, no_wrap=True, overflow="ellipsis", max_width=most)
    for draft, case in rows:
        table.add_row(
            str(draft.id), due_text(draft.due_at), f"{case.platform or '-'}/{case.kind or 'order'}", case.issue or "",
            case.order_id or "", draft.language, escape(visible(draft.to_addr or "(to fill in)")), escape(visible(draft.subject)),
        )
    return table


def _lines(rows, title: str | None) -> Group:
    parts = [Text(title, style="bold")] if title else []
    for draft, case in rows:
        head = f"[bold]#{draft.id}[/]  {due_text(draft.due_at)}  {case.platform or '-'} {case.kind or 'order'}" + (f" / {case.issue}" if case.issue else "")
        head += f"  order {case.order_id}" if case.order_id else ""
        head += f"  \\[{draft.language}]"
        line = Text.from_markup(head, overflow="ellipsis")
        line.no_wrap = True
        parts.append(line)
        body = visible(f"    to {draft.to_addr or '(to fill in)'}: {draft.subject}")
        parts.append(Text(body, overflow="ellipsis", no_wrap=True))
    return Group(*parts)
