"""``disputed bench``: the daemon's speed, each figure beside its baseline from the same run.

It starts its own Dovecot and SMTP sink (``servers``), generates realistic notifications
(``corpus``), and measures backfill, memory, push latency and sending (``run``).
"""

from disputed.bench.run import Options, Results, format_results, run_bench

__all__ = ["Options", "Results", "format_results", "run_bench"]
