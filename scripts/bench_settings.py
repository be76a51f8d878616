"""The production settings, with the bench's own URLs beside the product's (``bench_urls``)."""

from sip.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
# The bench's clients all come from one address: the API's limit per address would refuse them.
API_RATE = "10000000/min"
