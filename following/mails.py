"""The mails, written whole into the outbox in the follower's language."""

import uuid

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.models import Project, State
from recommendations.models import Status
from workgroups.languages import shown
from workgroups.models import Country

from . import targets, tokens
from .models import Frequency, Mail, MailKind


def message_id():
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(">") or "localhost"
    return f"<{uuid.uuid4().hex}.following@{domain}>"


def links(follower):
    return {
        "manage": targets.absolute(reverse("following_manage", args=[tokens.manage(follower)])),
        "unsubscribe": targets.absolute(reverse("following_unsubscribe", args=[tokens.unsubscribe(follower)])),
    }


def mail(follower, kind, subject, body, found):
    """An unsaved outbox row for ``follower``, to be sent at once; ``found`` its ``links``."""
    return Mail(
        follower=follower,
        kind=kind,
        message_id=message_id(),
        to=follower.email,
        subject=subject,
        body=body,
        unsubscribe_url=found["unsubscribe"],
        next_attempt_at=timezone.now(),
    )


def footer(found):
    return "\n".join(
        [
            "",
            "-- ",
            _("Choose what you follow and how often, or have your data sent or deleted:"),
            found["manage"],
            _("Stop every mail of Smart in Progress at once:"),
            found["unsubscribe"],
        ]
    )


def confirmation(follower, asked, frequency, language):
    """The confirmation mail of ``asked`` (subscriptions), the only mail sent before an address confirmed."""
    with translation.override(language):
        token = tokens.confirmation(follower, asked, frequency, language)
        found = links(follower)
        address = targets.absolute(reverse("following_confirm", args=[token]))
        listed = [
            f"- {targets.labelled(sub.kind, name)}\n  {url}" for sub, name, url in targets.described(asked, language)
        ]
        lines = [
            _("Someone, we hope you, asked to follow this on Smart in Progress with this address:"),
            "",
            *listed,
            "",
            _("To confirm, open this link within a week and press “Confirm”:"),
            address,
            "",
            _("If it was not you, do nothing: no other mail will come."),
            footer(found),
        ]
        subject = _("Confirm what you follow on Smart in Progress")
    return mail(follower, MailKind.CONFIRMATION, subject, "\n".join(lines), found)


def when(day):
    return formats.date_format(day, "DATE_FORMAT")


def event_lines(event, language):
    """What ``event`` tells, a line or two, in the language active."""
    if event.decision_id:
        decision = event.decision
        text = _("Board of directors %(board)s, meeting of %(date)s: %(decision)s") % {
            "board": Country(decision.board).label,
            "date": when(decision.meeting_date),
            "decision": decision.get_decision_display(),
        }
        motivation = shown(decision, "motivation", language).text
        return [text, *([f"  {motivation}"] if motivation else [])]
    if event.progress_id:
        update = event.progress
        text = _("Status: %(status)s, since %(date)s") % {
            "status": Status(update.status).label,
            "date": when(update.date),
        }
        note = shown(update, "note", language).text
        return [text, *([f"  {note}"] if note else [])]
    if event.project_state:
        return [_("State: %(state)s") % {"state": State(event.project_state).label}]
    update = event.project_update
    return [f"{when(update.date)}: {shown(update, 'text', language).text}"]


def digest(follower, events):
    """The digest of ``events`` (each of a published recommendation or project), grouped by what changed."""
    language = follower.language
    with translation.override(language):
        groups = {}
        for event in events:
            record = event.project if event.project_id else event.recommendation
            groups.setdefault((type(record), record.pk), (record, []))[1].append(event)
        lines = [
            ngettext(
                "One change in what you follow on Smart in Progress:",
                "%(count)d changes in what you follow on Smart in Progress:",
                len(events),
            )
            % {"count": len(events)},
        ]
        for record, told in groups.values():
            kind = "project" if isinstance(record, Project) else "recommendation"
            lines += ["", targets.name(kind, record, language), targets.address(kind, record)]
            for event in told:
                first, *rest = event_lines(event, language)
                lines += [f"- {first}", *rest]
        often = _("at most once a day") if follower.frequency == Frequency.DAILY else _("at most once a week")
        found = links(follower)
        lines += ["", _("You receive this summary %(often)s.") % {"often": often}, footer(found)]
        subject = ngettext(
            "Smart in Progress: one change in what you follow",
            "Smart in Progress: %(count)d changes in what you follow",
            len(events),
        ) % {"count": len(events)}
    return mail(follower, MailKind.DIGEST, subject, "\n".join(lines), found)
