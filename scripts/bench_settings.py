"""The production settings, with the bench's own URLs beside the product's (``bench_urls``)."""

from sip.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
