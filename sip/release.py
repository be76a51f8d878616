"""The release a process runs: ``RELEASE`` from the environment, or a digest of the files that shape its pages.

Cache keys hold it (``make_key``, the cache's key function), so that after a deployment which changes
a template, a translation, a style or the code, a shared cache never serves a page of the release
before. It is worked out once per process, at the first use of the cache.
"""

import functools
import hashlib
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


@functools.cache
def current():
    return os.environ.get("RELEASE") or digest(ROOT)


def make_key(key, key_prefix, version):
    """Django's default cache key, under the release."""
    return f"{current()}:{key_prefix}:{version}:{key}"
