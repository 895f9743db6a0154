"""The command line: the same services as the GUI, without Qt, for HQ scripts.

Conventions (a public contract; extend, never break):
* ``inspector [--db URL_OR_PATH] COMMAND ...``; ``INSPECTOR_DB`` when ``--db`` is absent.
* Bad input prints one line ``error: ...`` to standard error and exits 1, never a
  traceback (that goes to the log file).
* A command that creates something prints its id as the last line of standard output.
* ``--json`` output is for scripts: new keys may be added, existing ones keep their meaning.

Command modules in this package register themselves: each module that defines a
``COMMANDS`` list of click commands is added to the top-level group.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import pkgutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import click
from sqlalchemy.exc import DBAPIError

from inspector import __version__, strictjson
from inspector.db import Database, open_database
from inspector.db.errors import describe as describe_db_error
from inspector.errors import UserError
from inspector.logs import log_file, setup_logging
from inspector.services import settings as settings_svc
from inspector.textsafe import EscapingStream

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE


@dataclass
class Context:
    """What every command gets: the chosen database, opened on first use."""

    db_arg: str | None
    _db: Database | None = field(default=None, repr=False)

    @property
    def db(self) -> Database:
        global _db_shown
        if self._db is None:
            self._db = open_database(self.db_arg)
            _db_shown = self._db.display_name
            settings_svc.apply_display_tz(self._db)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


pass_ctx = click.make_pass_decorator(Context)

# The database the running command opened, to name it in a database error.
_db_shown = "the database"


def default_actor() -> str:
    return os.environ.get("INSPECTOR_USER") or os.environ.get("USER") or ""


def echo_json(data: Any) -> None:
    click.echo(strictjson.dumps(data, indent=2, default=str))


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help=(
        "Branch Inspector: consumer-protection inspections of bank branches.\n\n"
        "Without a command, opens the desktop app. The database is --db (a file path or an "
        "SQLAlchemy URL such as postgresql+psycopg://user@host/db), else $INSPECTOR_DB, "
        "else the per-user default."
    ),
)
@click.option(
    "--db",
    "db_arg",
    metavar="URL_OR_PATH",
    envvar="INSPECTOR_DB",
    help="Database file or SQLAlchemy URL (default: per-user SQLite database).",
)
@click.version_option(__version__, "--version", prog_name="inspector")
@click.pass_context
def cli(ctx: click.Context, db_arg: str | None) -> None:
    context = Context(db_arg=db_arg)
    ctx.obj = context
    ctx.call_on_close(context.close)


def _register_commands() -> None:
    package = importlib.import_module(__name__)
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            cli.add_command(command)


_register_commands()


def wants_gui(args: Sequence[str]) -> bool:
    """True when no command is given (only global options): open the desktop app."""
    rest = list(args)
    i = 0
    while i < len(rest):
        a = rest[i]
        if a == "--db":
            i += 2
            continue
        if a.startswith("--db="):
            i += 1
            continue
        return False
    return True


def db_option(args: Sequence[str]) -> str | None:
    """The ``--db`` value among global options (for the GUI), else ``INSPECTOR_DB``."""
    for i, a in enumerate(args):
        if a == "--db" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--db="):
            return a.split("=", 1)[1]
    return os.environ.get("INSPECTOR_DB")


def main(args: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (never raises, never prints a traceback).

    Everything printed goes through :class:`~inspector.textsafe.EscapingStream`: text
    from packages or CSV files (branch names, notes) can never send terminal escapes.
    """
    setup_logging()
    argv = list(sys.argv[1:] if args is None else args)
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingStream(out), EscapingStream(err)
    try:
        return _run(argv)
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        sys.stdout, sys.stderr = out, err


def _run(argv: list[str]) -> int:
    try:
        rv = cli.main(args=argv, prog_name="inspector", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as e:
        click.echo(e.format_message())
        return EXIT_OK
    except click.UsageError as e:
        hint = (
            f" (see 'inspector {e.ctx.command_path.split(' ', 1)[-1]} --help')"
            if (e.ctx is not None and " " in e.ctx.command_path)
            else " (see 'inspector --help')"
        )
        click.echo(f"error: {_one_line(e.format_message())}{hint}", err=True)
        return EXIT_USER_ERROR
    except click.ClickException as e:
        click.echo(f"error: {_one_line(e.format_message())}", err=True)
        return EXIT_USER_ERROR
    except click.exceptions.Abort:
        click.echo("error: aborted", err=True)
        return EXIT_USER_ERROR
    except click.exceptions.Exit as e:
        return int(e.exit_code)
    except UserError as e:
        click.echo(f"error: {_one_line(str(e))}", err=True)
        return EXIT_USER_ERROR
    except DBAPIError as e:
        described = describe_db_error(e, _db_shown)
        if described is None:
            return _internal_error(argv, e)
        log.warning("database error running %s: %s", argv, e)
        click.echo(f"error: {_one_line(str(described))}", err=True)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        click.echo("error: interrupted", err=True)
        return 130
    except Exception as e:
        return _internal_error(argv, e)
    return int(rv) if isinstance(rv, int) else EXIT_OK


def _internal_error(argv: list[str], e: Exception) -> int:
    log.exception("internal error running %s", argv, exc_info=e)
    click.echo(
        f"error: internal error ({type(e).__name__}: {_one_line(str(e))}); details in {log_file()}",
        err=True,
    )
    return EXIT_INTERNAL_ERROR


def _one_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return " | ".join(lines) if lines else "unknown problem"
