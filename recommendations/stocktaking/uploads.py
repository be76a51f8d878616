"""An uploaded stocktaking file, kept between the admin's preview and its confirmation."""

import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from import_export.tmp_storages import BaseStorage

NAME = re.compile(r"[0-9a-f]{32}")


class UploadGone(Exception):
    """The file of a preview is no longer kept: confirmed already, expired, or never uploaded."""


class PreviewStorage(BaseStorage):
    """Files under random names in ``IMPORT_PREVIEW_DIR``; a name the form brings back that is not one of
    ours is never opened, and files older than ``IMPORT_PREVIEW_MAX_AGE`` go at the next upload."""

    @staticmethod
    def folder():
        folder = Path(settings.IMPORT_PREVIEW_DIR)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder

    def path(self):
        if not isinstance(self.name, str) or not NAME.fullmatch(self.name):
            raise UploadGone(self.name)
        return self.folder() / self.name

    def save(self, data):
        self.sweep()
        self.name = secrets.token_hex(16)
        self.path().write_bytes(data)

    def read(self):
        try:
            return self.path().read_bytes()
        except FileNotFoundError:
            raise UploadGone(self.name) from None

    def remove(self):
        self.path().unlink(missing_ok=True)

    def sweep(self):
        oldest = time.time() - settings.IMPORT_PREVIEW_MAX_AGE
        for path in self.folder().iterdir():
            if NAME.fullmatch(path.name) and path.stat().st_mtime < oldest:
                path.unlink(missing_ok=True)
