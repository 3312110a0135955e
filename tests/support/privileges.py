"""Root opens any file whatever its mode, so a test of an unreadable file proves nothing as
root. `as_a_plain_user()` takes that power away for a moment: it clears the calling thread's
effective capabilities (Linux capabilities are per thread) and restores them after. The
permitted set is kept, which is what lets them come back; the uid stays 0, so root is then
held to a file's owner bits like any other owner. For other users it does nothing."""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterator
from contextlib import contextmanager

_CAPABILITY_VERSION_3 = 0x20080522  # two 32-bit words per set (linux/capability.h)


class _Header(ctypes.Structure):
    _fields_ = (("version", ctypes.c_uint32), ("pid", ctypes.c_int))


class _Sets(ctypes.Structure):
    _fields_ = (
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    )


def _call(name: str, sets: ctypes.Array[_Sets]) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    header = _Header(_CAPABILITY_VERSION_3, 0)  # pid 0: the calling thread
    if getattr(libc, name)(ctypes.byref(header), sets) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{name}: {os.strerror(error)}")


@contextmanager
def as_a_plain_user() -> Iterator[None]:
    if os.geteuid() != 0:
        yield
        return
    saved = (_Sets * 2)()
    _call("capget", saved)
    dropped = (_Sets * 2)()
    for word in range(2):
        dropped[word].permitted = saved[word].permitted
        dropped[word].inheritable = saved[word].inheritable
    _call("capset", dropped)
    try:
        yield
    finally:
        _call("capset", saved)
