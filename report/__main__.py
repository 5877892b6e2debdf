"""`python -m report --out var/report.html`: write the leaving-care team's report from the tracker store."""

from __future__ import annotations

import argparse
from pathlib import Path

from deployment.settings import build_context, load_settings
from knowledge import load_knowledge

from .aggregate import K_CONVERSATIONS
from .build import report_page
from .events import database_url


def main(argv: list[str] | None = None) -> None:
    """Read the tracker store named by TRACKER_DB (or --db, a path or a SQLAlchemy URL) and write the page."""
    settings = load_settings()
    parser = argparse.ArgumentParser(prog="python -m report", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("var/report.html"), help="where to write the page")
    parser.add_argument("--db", default=str(settings.tracker_db), help="SQLite path or URL (postgresql://...)")
    parser.add_argument("--weeks", type=int, default=8, help="how many weeks, up to this one")
    parser.add_argument("--k", type=int, default=K_CONVERSATIONS, help="conversations needed to show a message")
    args = parser.parse_args(argv)
    context = build_context(settings, load_knowledge())
    page = report_page(context, database_url(args.db), args.weeks, args.k)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page, encoding="utf-8")
    print(f"Wrote {args.out}")


if __name__ == "__main__":
    main()
