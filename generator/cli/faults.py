"""What the operating system refuses, said in one line: an output folder that is read-only or a
file where a folder should be, a port in use, a date past the calendar. Exit 1, or 2 for a value
the user can correct on the command line; never a traceback."""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path
from typing import Any

import click

from ..errors import display_path

HINTS = {
    errno.EACCES: "is the folder read-only?",
    errno.EPERM: "is the folder read-only?",
    errno.EEXIST: "a file is in the way of a folder",
    errno.ENOTDIR: "a file is in the way of a folder",
}


def os_error_message(exc: OSError) -> str:
    """`PATH: reason (hint)`, e.g. `site: permission denied (is the folder read-only?)`."""
    reason = (exc.strerror or exc.__class__.__name__).strip()
    reason = reason[:1].lower() + reason[1:]
    hint = HINTS.get(exc.errno or 0)
    if hint:
        reason += f" ({hint})"
    if exc.filename is None:
        return reason
    return f"{display_path(Path(os.fsdecode(exc.filename)))}: {reason}"


class RolebookGroup(click.Group):
    """The `rolebook` group: an OSError from any command becomes one line and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            raise click.ClickException(os_error_message(exc)) from None


def dev_address(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """Check `--dev-addr` HOST:PORT before anything is built: a port from 1 to 65535 that is
    free on this host."""
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) <= 65535:
        raise click.BadParameter(
            f"'{value}' is not HOST:PORT with a port from 1 to 65535 (e.g. 127.0.0.1:8000)"
        )
    host = host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            # as MkDocs' server binds: a port left in TIME_WAIT by the last serve is free
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, int(port)))
    except OSError as exc:
        reason = (exc.strerror or str(exc)).strip()
        raise click.ClickException(
            f"cannot serve on {value}: {reason[:1].lower()}{reason[1:]}"
        ) from None
    return value
