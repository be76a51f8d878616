"""The illustrative demo data: the process as the seed texts describe it, with generated recommendations.

Cycles, themes, offices and workgroups follow the cooperative's accounts, named in the language their
group wrote in; the 250 recommendations and their histories are generated with a fixed seed, written in
their group's language, part of them translated, and recorded through ``services``.
"""

import datetime
import random
from typing import NamedTuple

from django.db import transaction
from django.dispatch import Signal
from django.utils import translation
from django.utils.text import slugify

from workgroups.models import Country, Cycle, Office, Theme, Workgroup

from .. import services
from ..models import Decision, FollowUp, Recommendation, Status
from .texts import (
    CONTEXT_2020,
    CONTEXT_SHARING,
    CONTEXTS,
    DIRECTORATES,
    EXECUTED,
    GROUP,
    HANDED_IN,
    MOTIVATIONS,
    NOT_STARTED,
    OFFICE_NAMES,
    OFFICES,
    ONLINE,
    PROPOSALS,
    QUALIFIERS,
    REFORMULATION,
    SENTENCES,
    STARTED,
    THEMES,
    WORKGROUP_NOTES,
    Words,
    words,
)

# The languages of the demo texts, in the order a ``Words`` holds them.
LANGUAGES = Words._fields

# (edition, name, start, end, in Belgium, in France, theme keys, description). Five cycles since 2015,
# the fourth Belgian edition in 2019-2020 being France's first; 2021-2022 was a pause year, so no cycle.
CYCLES = [
    # The seeds give 2015 as the first edition's year; its months are a guess.
    (
        1,
        "2015-2016",
        (2015, 9, 1),
        (2016, 6, 30),
        True,
        False,
        ["cooperative", "activity", "sharing", "participation"],
        words(
            "Eerste jaargang, in België, om de overgang van vereniging naar coöperatie voor te bereiden: "
            "de toekomstige vorm van de coöperatie.",
            "Première édition, en Belgique, pour préparer le passage de l'association à la coopérative : "
            "la forme future de la coopérative.",
            "First edition, in Belgium, preparing the move from association to cooperative: the "
            "cooperative's future form.",
        ),
    ),
    # The seeds name the themes of the second and third editions but not their years, nor how the four
    # themes split between them: two each, and no edition in 2018-2019.
    (
        2,
        "2016-2017",
        (2016, 10, 1),
        (2017, 6, 30),
        True,
        False,
        ["ethics", "purchasing"],
        words(
            "Tweede jaargang, in België: een ethisch comité en een ecologisch verantwoorde aankoopcentrale.",
            "Deuxième édition, en Belgique : un comité d'éthique et une centrale d'achat écologiquement responsable.",
            "Second edition, in Belgium: an ethics committee and an ecologically responsible purchasing centre.",
        ),
    ),
    (
        3,
        "2017-2018",
        (2017, 10, 1),
        (2018, 6, 30),
        True,
        False,
        ["it", "impact"],
        words(
            "Derde jaargang, in België: de informaticatools van de gedeelde onderneming en haar sociale impact.",
            "Troisième édition, en Belgique : les outils informatiques de l'entreprise partagée et son impact social.",
            "Third edition, in Belgium: the IT tools of the shared enterprise and its social impact.",
        ),
    ),
    (
        4,
        "2019-2020",
        (2019, 10, 1),
        (2020, 5, 31),
        True,
        True,
        ["gender", "consolidating", "spaces", "cooperative", "activity", "sharing", "participation"],
        words(
            "Vierde jaargang in België en eerste cyclus in Frankrijk, met een werkgroep per lokaal kantoor, "
            "geleid door vennoten die beroepshalve groepen modereren. De Belgische thema's koos de algemene "
            "vergadering van juni 2019; Frankrijk hernam de vragen van de eerste Belgische jaargang.",
            "Quatrième édition en Belgique et premier cycle en France, avec un groupe de travail par bureau "
            "local, animé par des membres dont c'est le métier. L'assemblée générale de juin 2019 a choisi "
            "les thèmes belges ; la France a repris les questions de la première édition belge.",
            "Fourth edition in Belgium and first cycle in France, with a workgroup per local office, led by "
            "members who moderate groups professionally. The general assembly of June 2019 chose the Belgian "
            "themes; France took up the questions of the first Belgian edition.",
        ),
    ),
    # The seeds say only that a fifth cycle came before the pause: its themes take up what, by the
    # stocktaking, many recommendations asked for (meeting again, collective support among peers).
    (
        5,
        "2020-2021",
        (2020, 10, 1),
        (2021, 6, 30),
        True,
        True,
        ["meeting", "peers"],
        words(
            "Vijfde cyclus, in België en Frankrijk. In 2021-2022 nam Smart in Progress een pauzejaar, waarin "
            "in januari 2022 de stand van zaken van alle aanbevelingen werd opgemaakt.",
            "Cinquième cycle, en Belgique et en France. En 2021-2022, Smart in Progress a fait une pause, "
            "pendant laquelle l'état des lieux de toutes les recommandations a été dressé en janvier 2022.",
            "Fifth cycle, in Belgium and France. In 2021-2022 Smart in Progress took a pause year, during "
            "which the stocktaking of every recommendation was made in January 2022.",
        ),
    ),
]

# Recommendations per cycle and country: 250 in all, 53 in 2019-2020.
RECOMMENDATIONS = {
    "2015-2016": {"BE": 62},
    "2016-2017": {"BE": 45},
    "2017-2018": {"BE": 48},
    "2019-2020": {"BE": 24, "FR": 29},
    "2020-2021": {"BE": 20, "FR": 22},
}

# Workgroups of the cycles run per office: (theme, office or None for online, language written in, the
# most recommendations it handed in, what is known of it).
WORKGROUPS = {
    # The 17 groups of 2019-2020; "Gender equality" met online across both countries.
    "2019-2020": [
        ("gender", None, "fr", None, "online"),
        ("consolidating", "brussels", "fr", None, None),
        ("consolidating", "antwerp", "nl", None, None),
        ("consolidating", "ghent", "nl", None, None),
        ("consolidating", "liege", "fr", None, None),
        ("spaces", "brussels", "nl", None, None),
        ("spaces", "charleroi", "fr", None, None),
        ("spaces", "namur", "fr", None, None),
        ("cooperative", "lille", "fr", None, None),
        ("cooperative", "paris", "fr", None, None),
        ("activity", "nantes", "fr", None, "together"),
        ("activity", "lyon", "fr", None, "together"),
        ("activity", "bordeaux", "fr", None, None),
        ("activity", "toulouse", "fr", None, None),
        ("sharing", "marseille", "fr", 1, "short"),
        ("participation", "strasbourg", "fr", None, None),
        ("participation", "rennes", "fr", None, None),
    ],
    # Not in the seeds: a smaller fifth cycle, kept to offices of both countries.
    "2020-2021": [
        ("meeting", "brussels", "nl", None, None),
        ("meeting", "liege", "fr", None, None),
        ("meeting", "lille", "fr", None, None),
        ("meeting", "lyon", "fr", None, None),
        ("peers", "ghent", "nl", None, None),
        ("peers", "namur", "fr", None, None),
        ("peers", "nantes", "fr", None, None),
        ("peers", "marseille", "fr", None, None),
    ],
}

MODERATORS = [
    "Mathilde Lambert",
    "Jonas Peeters",
    "Camille Dubois",
    "Sofie Maes",
    "Nicolas Leroy",
    "Inès Martin",
    "Pieter Janssens",
    "Léa Moreau",
    "Youssef Benali",
    "Hanne De Smet",
    "Claire Fontaine",
    "Arthur Renard",
    "Nora Vermeulen",
    "Hugo Lefèvre",
    "Aïcha Diallo",
    "Marie Claes",
    "Thomas Girard",
    "Eva Willems",
]

PROJECT_FOLLOW_UPS = [
    FollowUp.PRIORITY_PROJECT,
    FollowUp.DIRECTORATE,
    FollowUp.TEST_PROJECT,
    FollowUp.HACKATHON,
    FollowUp.LOCAL_INITIATIVE,
]
# Older cycles had more time to come to an end; the weights follow the order of Status.
STATUS_WEIGHTS = {
    1: [45, 15, 15, 15, 10],
    2: [40, 20, 15, 12, 13],
    3: [35, 25, 15, 12, 13],
    4: [25, 30, 20, 10, 15],
    5: [15, 35, 25, 10, 15],
}
# How often a text gets translated: into the other language of Belgium, and into English.
INTO_OTHER = {"BE": 0.5, "FR": 0.35}
INTO_ENGLISH = 0.1
STOCKTAKING = datetime.date(2022, 1, 31)
TODAY = datetime.date(2026, 6, 30)


def _date(parts):
    return datetime.date(*parts)


def _between(rng, start, end):
    return start + datetime.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _each_language(make):
    """Words made by ``make(language)`` for every language."""
    return Words(**{language: make(language) for language in LANGUAGES})


def columns(language, into, **texts):
    """The columns of a record whose ``texts`` were written in ``language`` and translated ``into`` those
    languages."""
    fields = {"language": language}
    for name, text in texts.items():
        fields[name] = text.get(language)
        fields.update({f"{name}_{other}": text.get(other) for other in into})
    return fields


def in_every_language(language, **texts):
    """The columns of names and descriptions: written in ``language``, translated into every other one."""
    return columns(language, [other for other in LANGUAGES if other != language], **texts)


class Group(NamedTuple):
    workgroup: Workgroup
    theme: str
    # The most recommendations it handed in, when it handed in fewer than the others.
    most: int | None = None
    met_with_others: bool = False


class DemoBuilder:
    def __init__(self, seed=2022):
        self.rng = random.Random(seed)
        self.offices = {}
        self.themes = {}
        self.counter = 0

    def build(self):
        for key, country, language, name in OFFICES:
            self.offices[key] = Office.objects.create(
                slug=key, country=country, **in_every_language(language, name=name)
            )
        for key, (name, description, _short) in THEMES.items():
            # Slugs come from the English names, the site's default language, as all demo slugs do.
            self.themes[key] = Theme.objects.create(
                slug=slugify(name.en)[:100], **in_every_language("nl", name=name, description=description)
            )
        for edition, name, start, end, in_be, in_fr, theme_keys, description in CYCLES:
            cycle = Cycle.objects.create(
                name=name,
                slug=name,
                edition=edition,
                start_date=_date(start),
                end_date=_date(end),
                ran_in_belgium=in_be,
                ran_in_france=in_fr,
                is_demo=True,
                **in_every_language("nl", description=description),
            )
            cycle.themes.set([self.themes[key] for key in theme_keys])
            if name in WORKGROUPS:
                groups = [self.office_group(cycle, *spec) for spec in WORKGROUPS[name]]
            else:
                groups = self.central_groups(cycle, theme_keys)
            self.recommendations(cycle, groups)

    def written(self, language, country, **texts):
        """The columns of a record written in ``language`` in ``country``, translated by chance into the
        other language of Belgium and, more rarely, into English."""
        chances = {"fr" if language == "nl" else "nl": INTO_OTHER[country], "en": INTO_ENGLISH}
        return columns(language, [other for other, chance in chances.items() if self.rng.random() < chance], **texts)

    def office_group(self, cycle, theme, office_key, language, most=None, note=None):
        place = ONLINE if office_key is None else OFFICE_NAMES[office_key]
        workgroup = self.workgroup(cycle, theme, self.offices.get(office_key), language, place, note)
        return Group(workgroup, theme, most, met_with_others=note == "together")

    def central_groups(self, cycle, theme_keys):
        # Before 2019-2020 the groups met centrally at the head office in Brussels, one or two per theme.
        groups = []
        for index, theme in enumerate(theme_keys):
            languages = ("nl", "fr") if index % 2 == 0 else ("fr", "nl")
            letters = "AB" if self.rng.random() < 0.5 else "A"
            for letter, language in zip(letters, languages):
                place = _each_language(lambda each, letter=letter: GROUP.get(each).format(letter))
                groups.append(Group(self.workgroup(cycle, theme, self.offices["brussels"], language, place), theme))
        return groups

    def workgroup(self, cycle, theme, office, language, place, note=None):
        short = THEMES[theme][2]
        name = _each_language(lambda each: f"{short.get(each)} ({place.get(each)})")
        texts = {"name": name, **({"description": WORKGROUP_NOTES[note]} if note else {})}
        return Workgroup.objects.create(
            cycle=cycle,
            theme=self.themes[theme],
            office=office,
            slug=slugify(f"{cycle.name} {name.en}")[:120],
            # Mathilde moderated the Nantes group of 2019-2020, as the seeds tell.
            moderator="Mathilde" if office and office.slug == "nantes" else self.rng.choice(MODERATORS),
            participants=15 if note == "online" else self.rng.randint(6, 18),
            **in_every_language(language, **texts),
        )

    def recommendations(self, cycle, groups):
        # Each cycle starts at another proposal of a theme, and goes through them in turn.
        proposal = dict.fromkeys(PROPOSALS, cycle.edition)
        for country, count in RECOMMENDATIONS[cycle.name].items():
            own = [
                group for group in groups if group.workgroup.office is None or group.workgroup.office.country == country
            ]
            turns = [group for round_ in range(count) for group in own if group.most is None or round_ < group.most]
            for number, group in enumerate(turns[:count], start=1):
                merged = [group.workgroup]
                if len(cycle.countries) == 1 and self.rng.random() < 0.1:
                    merged += [other.workgroup for other in own if other.theme == group.theme and other != group]
                # The Nantes and Lyon groups met together online and merged some recommendations.
                if group.met_with_others and self.rng.random() < 0.4:
                    merged = [other.workgroup for other in own if other.met_with_others]
                proposal[group.theme] += 1
                self.recommendation(cycle, group, country, number, merged, proposal[group.theme])

    def recommendation(self, cycle, group, country, number, workgroups, proposal):
        rng = self.rng
        self.counter += 1
        language = group.workgroup.language
        proposals = PROPOSALS[group.theme]
        asked, reason = proposals[proposal % len(proposals)]
        # Half the titles stand as the proposal; the others narrow it.
        qualifier = rng.choice(QUALIFIERS[1:]) if rng.random() < 0.5 else QUALIFIERS[0]
        title = _each_language(
            lambda each: qualifier.get(each).format(title=asked.get(each), lower=_lower_first(asked.get(each)))
        )
        sentences = rng.sample(SENTENCES, 2)
        text = _each_language(lambda each: " ".join(part.get(each) for part in (reason, *sentences)))
        texts = {"title": title, "text": text}
        if group.most is not None:
            texts["context"] = CONTEXT_SHARING
        elif rng.random() < 0.3:
            texts["context"] = CONTEXT_2020 if cycle.name == "2019-2020" else rng.choice(CONTEXTS)
        final = rng.choices(list(Status), weights=STATUS_WEIGHTS[cycle.edition])[0]
        handed_in = cycle.end_date
        recommendation = Recommendation(
            reference=f"{cycle.end_date.year}-{country}-{number:02d}",
            cycle=cycle,
            theme=self.themes[group.theme],
            country=country,
            published=self.counter % 60 != 0,
            **self.written(language, country, **texts),
        )
        if final in (Status.EXECUTED, Status.ONGOING):
            recommendation.follow_up = rng.choice(PROJECT_FOLLOW_UPS)
            recommendation.directorate = rng.choice(DIRECTORATES).get(language)
        # The first progress note is the workgroup's, taken to be in the writer's language.
        with translation.override(language):
            services.create_recommendation(
                recommendation,
                status=Status.NOT_EXECUTED,
                date=handed_in,
                workgroups=workgroups,
                note=HANDED_IN.get(language),
            )
        self.translate_note(recommendation.updates.get(), country, HANDED_IN)
        meeting = handed_in + datetime.timedelta(days=rng.randint(30, 100))
        decision = {
            Status.REJECTED: Decision.REFUSED,
            Status.POSTPONED: Decision.POSTPONED,
        }.get(final) or rng.choices([Decision.ACCEPTED, Decision.REFORMULATED], weights=[4, 1])[0]
        # A cycle run in both countries goes to both boards.
        for board in cycle.countries if len(cycle.countries) > 1 else [Country(country)]:
            self.decide(recommendation, board, meeting, decision, title)
            meeting += datetime.timedelta(days=rng.randint(1, 20))
        if final in (Status.ONGOING, Status.EXECUTED):
            started = _between(rng, meeting, min(meeting + datetime.timedelta(days=400), TODAY))
            self.progress(recommendation, country, Status.ONGOING, started, STARTED[recommendation.follow_up])
            if final == Status.EXECUTED:
                done = _between(rng, started + datetime.timedelta(days=60), TODAY)
                self.progress(recommendation, country, Status.EXECUTED, done, rng.choice(EXECUTED))
        elif final == Status.NOT_EXECUTED and rng.random() < 0.5:
            self.progress(recommendation, country, Status.NOT_EXECUTED, max(STOCKTAKING, meeting), NOT_STARTED)

    def progress(self, recommendation, country, status, date, note):
        language = recommendation.language
        update = services.record_progress(
            recommendation, status=status, date=date, note=note.get(language), language=language
        )
        self.translate_note(update, country, note)

    def translate_note(self, update, country, note):
        fields = self.written(update.language, country, note=note)
        translations = {name: text for name, text in fields.items() if name.startswith("note_")}
        if translations:
            services.edit_progress_note(update, update.note, **translations)

    def decide(self, recommendation, board, meeting, decision, title):
        # Smart France's board writes French; Smart Belgium's answers in the recommendation's language.
        language = "fr" if board == Country.FRANCE else recommendation.language
        texts = {"motivation": self.rng.choice(MOTIVATIONS[decision])}
        if decision == Decision.REFORMULATED:
            texts["reformulated_text"] = _each_language(
                lambda each: REFORMULATION.get(each).format(title=title.get(each))
            )
        services.record_decision(
            recommendation,
            board=board,
            meeting_date=meeting,
            decision=decision,
            **self.written(language, board, **texts),
        )


# Sent inside ``load_demo``'s transaction once the register is in place: apps built on this one (projects)
# connect to it in their AppConfig.ready() and add their own demo records.
demo_loaded = Signal()


def database_is_empty():
    return not (Recommendation.objects.exists() or Cycle.objects.exists() or Theme.objects.exists())


@transaction.atomic
def load_demo():
    """Fill an empty database with the demo data; return False, changing nothing, when it holds data."""
    if not database_is_empty():
        return False
    DemoBuilder().build()
    demo_loaded.send(sender=load_demo)
    return True
