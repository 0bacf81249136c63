"""Tie a child process's life to its parent's with Linux's PR_SET_PDEATHSIG (prctl(2))."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal

#: From <linux/prctl.h>.
PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGTERM, expected_parent: int | None = None) -> None:
    """Have the kernel send ``sig`` to this process when its parent exits.

    ``expected_parent``: if the parent already died before the call (the child was re-parented), the
    signal would never come, so it is sent now. Not Linux/glibc: nothing happens (the parent's own
    shutdown still stops its children).
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, int(sig))
    if expected_parent is not None and os.getppid() != expected_parent:
        os.kill(os.getpid(), sig)
