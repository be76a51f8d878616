"""The release a process runs, as a digest of the files that shape its pages.

Cached pages and figures are kept under it (the cache's key prefix) besides the data version: after a
deployment that changes a template, a translation, a style or the code, a shared cache (Redis) never
serves a page built by the release before it. ``RELEASE`` in the environment, when set, names it instead.
"""

import hashlib

SHAPING_FOLDERS = ["sip", "workgroups", "recommendations", "templates", "locale", "static"]
SHAPING_SUFFIXES = {".py", ".html", ".txt", ".po", ".css", ".js", ".svg"}


def digest(root):
    """A short digest of the shaping files under ``root`` (their paths and contents)."""
    summary = hashlib.sha256()
    for folder in SHAPING_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in SHAPING_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
                summary.update(path.relative_to(root).as_posix().encode() + b"\0")
                summary.update(path.read_bytes() + b"\0")
    return summary.hexdigest()[:16]
