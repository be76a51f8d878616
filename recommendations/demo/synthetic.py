"""Synthetic data at scale, for the bench: a federation running the process for decades.

Written in bulk, batch by batch, but as ``services`` would have written it: each status that of the
newest progress update, each refusal or postponement with its progress update linked to it.
"""

import datetime
import random

from django.db import connection, transaction

from workgroups.models import Cycle, Office, Theme, Workgroup

from .. import services
from ..models import (
    STATUS_AFTER_DECISION,
    BoardDecision,
    Decision,
    FollowUp,
    ProgressUpdate,
    Recommendation,
    RecommendationWorkgroup,
    Status,
)

FIRST_YEAR = 1995
CYCLES = 30
THEMES = 60
OFFICES = 200
WORKGROUPS_PER_CYCLE = 40
DECISION_WEIGHTS = {Decision.ACCEPTED: 55, Decision.REFORMULATED: 15, Decision.POSTPONED: 15, Decision.REFUSED: 15}
AFTER_ACCEPTANCE = [Status.EXECUTED, Status.ONGOING, Status.NOT_EXECUTED]

# What recommendations ask for, as (Dutch, French, English): the same request in each language, so that a
# translation says what its original says. Accented words included ("crèche", "égalité", "coöperatieve").
REQUESTS = [
    ("gedeelde werkruimten", "des espaces de travail partagés", "shared workspaces"),
    (
        "een crèche voor de kinderen van de leden",
        "une crèche pour les enfants des membres",
        "a crèche for members' children",
    ),
    ("opleidingen voor nieuwe leden", "des formations pour les nouveaux membres", "training for new members"),
    ("gelijkheid tussen vrouwen en mannen", "l'égalité entre femmes et hommes", "equality between women and men"),
    (
        "een vast inkomen tussen twee opdrachten",
        "un revenu stable entre deux missions",
        "a steady income between two jobs",
    ),
    (
        "de coöperatieve waarden in de praktijk",
        "les valeurs coopératives en pratique",
        "the cooperative's values in practice",
    ),
    ("begeleiding bij de facturatie", "un accompagnement à la facturation", "support with invoicing"),
    ("lokale netwerken van leden", "des réseaux locaux de membres", "local networks of members"),
    ("een fonds voor moeilijke maanden", "un fonds pour les mois difficiles", "a fund for difficult months"),
    ("eenvoudige digitale hulpmiddelen", "des outils numériques simples", "simple digital tools"),
    ("duurzame mobiliteit voor de leden", "une mobilité durable pour les membres", "sustainable mobility for members"),
    (
        "ouderschapsverlof voor zelfstandigen",
        "un congé parental pour les indépendants",
        "parental leave for freelancers",
    ),
    ("zichtbaarheid van de werkgroepen", "la visibilité des groupes de travail", "the visibility of the workgroups"),
    ("een vergoeding voor vrijwilligers", "une indemnité pour les bénévoles", "an allowance for volunteers"),
    ("sociale zekerheid van kunstenaars", "la sécurité sociale des artistes", "social security for artists"),
    (
        "vergaderingen in het Frans en het Nederlands",
        "des réunions en français et en néerlandais",
        "meetings in French and Dutch",
    ),
]
# A request made rarely (about once in 20,000 recommendations), for a search that finds few.
RARE_REQUEST = ("zonnepanelen op de kantoren", "des panneaux solaires sur les bureaux", "solar panels on the offices")
ASKING = [
    ("Organiseer", "Organiser", "Organise"),
    ("Ontwikkel", "Développer", "Develop"),
    ("Versterk", "Renforcer", "Strengthen"),
    ("Verbeter", "Améliorer", "Improve"),
]
SENTENCES = (
    "De werkgroep vraagt {} en {}, zodat de leden hun activiteit kunnen consolideren.",
    "Le groupe de travail demande {} et {}, pour que les membres puissent consolider leur activité.",
    "The workgroup asks for {} and {}, so that members can consolidate their activity.",
)
CONTEXTS = (
    "Besproken in {} bijeenkomsten; {} kwam telkens terug.",
    "Discuté en {} réunions ; {} est revenu à chaque fois.",
    "Discussed in {} meetings; {} came up every time.",
)
LANGUAGE_ORDER = ("nl", "fr", "en")


def _process(prefix):
    """Create (or reuse) the cycles, themes, offices and workgroups of a synthetic federation."""
    offices = [
        Office.objects.get_or_create(
            slug=f"{prefix}-office-{n}", defaults={"name": f"{prefix} office {n}", "country": "BE" if n % 2 else "FR"}
        )[0]
        for n in range(1, OFFICES + 1)
    ]
    themes = [
        Theme.objects.get_or_create(slug=f"{prefix}-theme-{n}", defaults={"name": f"{prefix} theme {n}"})[0]
        for n in range(1, THEMES + 1)
    ]
    cycles, workgroups = [], {}
    for n in range(CYCLES):
        year = FIRST_YEAR + n
        cycle, created = Cycle.objects.get_or_create(
            slug=f"{prefix}-{year}-{year + 1}",
            defaults={
                "name": f"{prefix} {year}-{year + 1}",
                "edition": 1000 + n,
                "start_date": datetime.date(year, 9, 1),
                "end_date": datetime.date(year + 1, 6, 30),
                "ran_in_france": True,
                "is_demo": True,
            },
        )
        if created:
            cycle.themes.set(themes[(n * 5) % THEMES : (n * 5) % THEMES + 6])
        cycles.append(cycle)
        workgroups[cycle.pk] = [
            Workgroup.objects.get_or_create(
                slug=f"{prefix}-{year}-group-{g}",
                defaults={
                    "cycle": cycle,
                    "theme": themes[(n * 5 + g) % THEMES],
                    "office": offices[(n * 7 + g) % OFFICES],
                    "name": f"{prefix} group {g} {year}",
                    "moderator": f"Moderator {g}",
                    "participants": 8 + g % 10,
                },
            )[0]
            for g in range(WORKGROUPS_PER_CYCLE)
        ]
    return cycles, workgroups


def _history(rng, handed_in):
    """The decision and the progress updates of one recommendation: [(status, date, caused_by_decision)]."""
    decision = rng.choices(list(DECISION_WEIGHTS), weights=list(DECISION_WEIGHTS.values()))[0]
    meeting = handed_in + datetime.timedelta(days=rng.randint(20, 120))
    updates = [(Status.NOT_EXECUTED, handed_in, False)]
    if decision in STATUS_AFTER_DECISION:
        updates.append((STATUS_AFTER_DECISION[decision], meeting, True))
    else:
        final = rng.choice(AFTER_ACCEPTANCE)
        if final != Status.NOT_EXECUTED:
            updates.append((final, meeting + datetime.timedelta(days=rng.randint(30, 900)), False))
    return decision, meeting, updates


def _texts(rng):
    """The title, text and context of one recommendation in Dutch, French and English: {field: (nl, fr, en)}."""
    first, second, third = rng.sample(REQUESTS, 3)
    if rng.random() < 1 / 20_000:
        first = RARE_REQUEST
    asking = rng.choice(ASKING)
    meetings = rng.randint(2, 9)
    return {
        "title": tuple(f"{verb} {request}" for verb, request in zip(asking, first)),
        "text": tuple(sentence.format(*pair) for sentence, *pair in zip(SENTENCES, second, third)),
        "context": tuple(sentence.format(meetings, request) for sentence, request in zip(CONTEXTS, first)),
    }


def _written(index, texts):
    """Fields of a recommendation written in one language and translated into some others.

    Two in five are written in Dutch with French translations, two in five in French with Dutch ones, and
    one in five in English, half of those translated into both.
    """
    share = index % 10
    if share < 4:
        language, translations = "nl", ("fr",)
    elif share < 8:
        language, translations = "fr", ("nl",)
    else:
        language, translations = "en", ("nl", "fr") if share == 8 else ()
    fields = {"language": language}
    for name, versions in texts.items():
        by_language = dict(zip(LANGUAGE_ORDER, versions))
        fields[name] = by_language[language]
        for other in translations:
            fields[f"{name}_{other}"] = by_language[other]
    return fields


def generate(count, *, prefix="syn", batch_size=5000, seed=1, progress=None):
    """Add ``count`` synthetic recommendations; returns how many were written."""
    rng = random.Random(seed)
    cycles, workgroups = _process(prefix)
    start = Recommendation.objects.filter(reference__startswith=f"{prefix.upper()}-").count()
    written = 0
    while written < count:
        size = min(batch_size, count - written)
        with transaction.atomic():
            services.note_change()
            _write_batch(rng, prefix, start + written, size, cycles, workgroups)
        written += size
        if progress:
            progress(written)
    # The planner's statistics are those of the table before the load until autovacuum catches up:
    # at a million rows its plans for the figures are then several times slower.
    with connection.cursor() as cursor:
        for model in (Recommendation, RecommendationWorkgroup, BoardDecision, ProgressUpdate):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    return written


def _write_batch(rng, prefix, offset, size, cycles, workgroups):
    plans, recommendations = [], []
    for index in range(offset, offset + size):
        cycle = cycles[index % len(cycles)]
        group = workgroups[cycle.pk][rng.randrange(WORKGROUPS_PER_CYCLE)]
        decision, meeting, updates = _history(rng, cycle.end_date)
        final_status, final_date, _ = updates[-1]
        recommendations.append(
            Recommendation(
                reference=f"{prefix.upper()}-{index + 1:07d}",
                **_written(index, _texts(rng)),
                cycle=cycle,
                theme_id=group.theme_id,
                country=group.office.country,
                status=final_status,
                status_date=final_date,
                latest_decision=decision,
                **{f"decision_{group.office.country.lower()}": decision},
                follow_up=FollowUp.PRIORITY_PROJECT if final_status == Status.EXECUTED else FollowUp.NONE,
                published=index % 50 != 0,
            )
        )
        plans.append((group, decision, meeting, updates))
    Recommendation.objects.bulk_create(recommendations, batch_size=size)
    RecommendationWorkgroup.objects.bulk_create(
        [RecommendationWorkgroup(recommendation=rec, workgroup=plan[0]) for rec, plan in zip(recommendations, plans)],
        batch_size=size,
    )
    decisions = BoardDecision.objects.bulk_create(
        [
            BoardDecision(
                recommendation=rec,
                board=rec.country,
                meeting_date=meeting,
                decision=decision,
                reformulated_text="Narrower, within the means." if decision == Decision.REFORMULATED else "",
            )
            for rec, (_, decision, meeting, _) in zip(recommendations, plans)
        ],
        batch_size=size,
    )
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(recommendation=rec, status=status, date=date, decision=entry if caused else None)
            for rec, entry, plan in zip(recommendations, decisions, plans)
            for status, date, caused in plan[3]
        ],
        batch_size=size,
    )
