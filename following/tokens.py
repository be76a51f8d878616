"""The signed links of the mails: they name a follower by its random key, never by the address."""

from django.core import signing

# A confirmation link is good for a week; the links to manage or leave work from any mail, however old.
CONFIRMATION_MAX_AGE = 7 * 24 * 3600


class BadLink(Exception):
    """A link that was altered, cut or has expired."""


def confirmation(follower, subscriptions, frequency, language):
    """The token of a confirmation mail: the subscriptions it lists, and the choices made with them."""
    values = {"k": follower.key, "s": sorted(sub.pk for sub in subscriptions), "f": frequency, "l": language}
    return signing.dumps(values, salt="following.confirm", compress=True)


def read_confirmation(token):
    try:
        return signing.loads(token, salt="following.confirm", max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature as error:
        raise BadLink from error


def manage(follower):
    return signing.dumps(follower.key, salt="following.manage")


def unsubscribe(follower):
    return signing.dumps(follower.key, salt="following.unsubscribe")


def read(token, purpose):
    """The follower key of a ``manage`` or ``unsubscribe`` token."""
    try:
        return signing.loads(token, salt=f"following.{purpose}")
    except signing.BadSignature as error:
        raise BadLink from error
