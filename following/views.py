"""The pages of following: the request from a page, the confirmation, the settings, leaving; and the form
that the pages of recommendations, themes, cycles, workgroups, offices and projects show.

No account: the links of the mails are signed (``tokens``). The request answers the same whether the address
follows already or not, and the links' pages are never cached.
"""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from workgroups.languages import reader_language

from . import services, targets, tokens
from .forms import FollowForm, SettingsForm
from .models import Follower, Kind


def section(kind):
    """The follow form of the page of a ``kind`` (see ``recommendations.sections``): the same for every reader,
    so that the page stays cacheable."""

    def follow_section(request, record):
        action = reverse("follow", args=[kind, targets.key_of(kind, record)])
        return render_to_string(
            "following/includes/follow.html", {"form": FollowForm(), "action": action, "kind": kind}, request
        )

    return follow_section


# Public pages are cached whole, the same for every visitor, and carry no CSRF token: a request only ever
# writes a confirmation mail to the address typed, at most one an hour, which anyone may ask for anyway.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def follow(request, kind, key):
    record = targets.find(kind, key)
    if record is None:
        raise Http404
    context = {"kind": kind, "record": record, "name": targets.name(kind, record, reader_language())}
    context["page"] = targets.address(kind, record).removeprefix(targets.absolute(""))
    if request.method == "GET":
        return render(request, "following/follow.html", {**context, "form": FollowForm()})
    form = FollowForm(request.POST)
    if not form.is_valid():
        return render(request, "following/follow.html", {**context, "form": form}, status=400)
    services.request_follow(form.cleaned_data["email"], kind, record, form.cleaned_data["frequency"], reader_language())
    return render(request, "following/requested.html", context)


def follower_of(token, purpose):
    try:
        key = tokens.read(token, purpose)
    except tokens.BadLink:
        return None
    return Follower.objects.filter(key=key).first()


def bad_link(request):
    return render(request, "following/bad_link.html", status=404)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """Confirmed by a press of the button, never by the link alone: mail scanners open links."""
    try:
        values = tokens.read_confirmation(token)
    except tokens.BadLink:
        return bad_link(request)
    follower = Follower.objects.filter(key=values["k"]).first()
    if follower is None:
        return bad_link(request)
    if request.method == "POST":
        services.confirm(values)
        return redirect(reverse("following_manage", args=[tokens.manage(follower)]) + "?confirmed=1")
    found = targets.described(follower.subscriptions.filter(pk__in=values["s"]).order_by("pk"), reader_language())
    asked = [(targets.labelled(sub.kind, name), url) for sub, name, url in found]
    return render(request, "following/confirm.html", {"asked": asked, "frequency": values["f"]})


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    follower = follower_of(token, "manage")
    if follower is None:
        return bad_link(request)
    subscriptions = targets.described(
        follower.subscriptions.filter(confirmed_at__isnull=False).order_by("pk"), reader_language()
    )
    initial = {"frequency": follower.frequency, "language": follower.language}
    form = SettingsForm(request.POST or None, initial=initial, subscriptions=subscriptions)
    status = 200
    if request.method == "POST":
        if "delete" in request.POST:
            services.delete(follower)
            return render(request, "following/deleted.html")
        if form.is_valid():
            dropped = [sub for sub, _name, _url in subscriptions if str(sub.pk) in form.cleaned_data["dropped"]]
            services.change(
                follower,
                frequency=form.cleaned_data["frequency"],
                language=form.cleaned_data["language"],
                dropped=dropped,
            )
            return redirect(request.path + "?saved=1")
        status = 400
    context = {
        "follower": follower,
        "form": form,
        "subscriptions": subscriptions,
        "confirmed": "confirmed" in request.GET,
        "saved": "saved" in request.GET,
        "export": reverse("following_export", args=[token]),
        "unsubscribe": reverse("following_unsubscribe", args=[tokens.unsubscribe(follower)]),
    }
    return render(request, "following/manage.html", context, status=status)


@never_cache
def export(request, token):
    follower = follower_of(token, "manage")
    if follower is None:
        return bad_link(request)
    response = HttpResponse(
        json.dumps(services.exported(follower), ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="smart-in-progress-following.json"'
    return response


# RFC 8058: the mail client posts "List-Unsubscribe=One-Click" here, without a cookie or a token of a form.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    follower = follower_of(token, "unsubscribe")
    if follower is None:
        return bad_link(request)
    if request.method == "POST":
        services.unsubscribe(follower)
        return render(
            request,
            "following/unsubscribed.html",
            {"manage": reverse("following_manage", args=[tokens.manage(follower)])},
        )
    return render(request, "following/unsubscribe.html", {"language": get_language()})


KINDS = "|".join(Kind.values)
