"""The product speaks English, Dutch and French."""

import os
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from recommendations.models import Decision, Status

LOCALE = Path(settings.BASE_DIR) / "locale"


def untranslated_count(po_file):
    """What msgfmt counts as fuzzy or untranslated in a .po file."""
    report = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    return sum(int(number) for number in re.findall(r"(\d+) (?:fuzzy|untranslated)", report)), report


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_string_is_translated(language):
    count, report = untranslated_count(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert count == 0, report


@pytest.mark.parametrize(
    "language, status_words, decision_words",
    [
        (
            "nl",
            ["Uitgevoerd", "Lopend", "Niet uitgevoerd", "Verworpen", "Uitgesteld"],
            ["Aanvaard", "Geherformuleerd", "Verdaagd", "Geweigerd"],
        ),
        (
            "fr",
            ["Exécutée", "En cours", "Non exécutée", "Rejetée", "Reportée"],
            ["Acceptée", "Reformulée", "Reportée", "Refusée"],
        ),
    ],
)
def test_status_and_decision_words_are_the_products_own(language, status_words, decision_words):
    with translation.override(language):
        assert [str(status.label) for status in Status] == status_words
        assert [str(decision.label) for decision in Decision] == decision_words


def test_admin_speaks_the_browsers_language(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Aanbevelingen" in response.content.decode()
    response = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Recommandations" in response.content.decode()
