"""Writing outputs atomically, so a failure never leaves half a file or loses the old one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError

# The random part mkstemp adds, and the suffix: a temporary name is never longer than the
# final one, so it fits wherever that does (a file name is at most 255 bytes).
_TEMPORARY_EXTRA = len(".") + 8 + len(".tmp")


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target, flush, then rename over it in one step; OutputError (E012)
    when it cannot be written, with nothing left behind."""
    path = Path(path)
    name = os.fsencode(path.name)
    stem = os.fsdecode(name[: max(0, len(name) - _TEMPORARY_EXTRA - 1)]).rstrip("\udcff")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{stem}", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(path, os_reason(exc)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(path, os_reason(exc)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def make_folder(path: Path) -> None:
    """Create an output folder and its parents; OutputError (E012) when it cannot be."""
    try:
        Path(path).mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(path, "a file of that name is in the way of the folder") from None
    except OSError as exc:
        raise OutputError(path, os_reason(exc)) from None


def os_reason(exc: OSError) -> str:
    """Why, in a few plain words."""
    reasons = {
        "EACCES": "permission denied",
        "EROFS": "the file system is read-only",
        "ENOTDIR": "a file stands where a folder is needed on the way",
        "ENAMETOOLONG": "the name is too long for the file system",
        "EISDIR": "a folder of that name is in the way",
    }
    import errno

    return reasons.get(errno.errorcode.get(exc.errno or 0, ""), exc.strerror or str(exc))
