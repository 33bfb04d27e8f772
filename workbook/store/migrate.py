"""Apply the clinic database's migrations, as the tables' owner: python -m workbook.store.migrate OWNER_URL.

--app-login NAME also makes (or keeps) the login role the app servers connect as, a member
of workbook_app; its password, if any, comes from $WORKBOOK_APP_PASSWORD (never the command line).
"""

from __future__ import annotations

import argparse
import os
import sys

from workbook.store import postgres


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m workbook.store.migrate")
    parser.add_argument("owner_url", help="a PostgreSQL address of the role that owns the tables")
    parser.add_argument("--app-login", help="the login role the app servers connect as")
    args = parser.parse_args(argv)
    for name in postgres.migrate(args.owner_url):
        sys.stdout.write(f"applied {name}\n")
    if args.app_login:
        postgres.ensure_app_login(args.owner_url, args.app_login, os.environ.get("WORKBOOK_APP_PASSWORD"))
        sys.stdout.write(f"app login {args.app_login} is a member of {postgres.APP_ROLE}\n")


if __name__ == "__main__":
    main()
