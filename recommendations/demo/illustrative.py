"""The illustrative demo data: the process as the seed texts describe it, with generated recommendations.

Cycles, themes, offices and workgroups follow the cooperative's accounts; the 250 recommendations and
their histories are generated with a fixed seed and written through ``services``.
"""

import datetime
import random

from django.db import transaction
from django.utils.text import slugify

from workgroups.models import Country, Cycle, Office, Theme, Workgroup

from .. import services
from ..models import Decision, FollowUp, Recommendation, Status

OFFICES = [
    ("Brussels", "BE"),
    ("Antwerp", "BE"),
    ("Ghent", "BE"),
    ("Liège", "BE"),
    ("Charleroi", "BE"),
    ("Namur", "BE"),
    ("Lille", "FR"),
    ("Paris", "FR"),
    ("Nantes", "FR"),
    ("Lyon", "FR"),
    ("Bordeaux", "FR"),
    ("Toulouse", "FR"),
    ("Marseille", "FR"),
    ("Strasbourg", "FR"),
    ("Rennes", "FR"),
]

THEMES = {
    "cooperative": (
        "Existing as a cooperative: with whom, for whom?",
        "Who the cooperative is for, which members it serves and with which partners it works.",
    ),
    "activity": (
        "Launching, developing and consolidating my activity",
        "How and with which means members launch, grow and consolidate their activity.",
    ),
    "sharing": (
        "A sharing economy: a viable economic model?",
        "Whether the economic model of a shared enterprise holds, in two countries with their own laws.",
    ),
    "participation": (
        "A shared and participatory enterprise: is that realistic?",
        "How members take part in governing the enterprise they share.",
    ),
    "ethics": ("An ethics committee", "Creating an ethics committee for the cooperative."),
    "purchasing": (
        "An ecologically responsible purchasing centre",
        "A common purchasing centre that respects the environment.",
    ),
    "it": ("The IT tools of the shared enterprise", "The digital tools members and staff share."),
    "impact": (
        "The social impact of the shared enterprise",
        "What the cooperative changes for its members and society.",
    ),
    "gender": ("Gender equality", "Equality between women and men among members and in the cooperative."),
    "consolidating": ("Consolidating my activity", "Making a member's activity last."),
    "spaces": ("Shared spaces, third places: workspaces", "Workspaces and third places members share."),
}

# (edition, name, start, end, in Belgium, in France, theme keys)
CYCLES = [
    (1, "2015-2016", (2015, 9, 1), (2016, 6, 30), True, False, ["cooperative", "activity", "sharing", "participation"]),
    (2, "2016-2017", (2016, 10, 1), (2017, 6, 30), True, False, ["ethics", "purchasing"]),
    (3, "2017-2018", (2017, 10, 1), (2018, 6, 30), True, False, ["it", "impact"]),
    (4, "2018-2019", (2018, 10, 1), (2019, 6, 30), True, False, ["impact", "it", "participation"]),
    (
        5,
        "2019-2020",
        (2019, 10, 1),
        (2020, 5, 31),
        True,
        True,
        ["gender", "consolidating", "spaces", "cooperative", "activity", "sharing", "participation"],
    ),
]

# Recommendations per cycle: 250 in all, 53 in 2019-2020 (24 Belgian, 29 French).
RECOMMENDATIONS_PER_CYCLE = {"2015-2016": 62, "2016-2017": 45, "2017-2018": 48, "2018-2019": 42}
RECOMMENDATIONS_2020 = {"BE": 24, "FR": 29}

# The 17 workgroups of 2019-2020: one per local office, and one online group across both countries.
WORKGROUPS_2020 = [
    ("gender", None, "Gender equality (online, Belgium and France)"),
    ("consolidating", "Brussels", None),
    ("consolidating", "Antwerp", None),
    ("consolidating", "Ghent", None),
    ("consolidating", "Liège", None),
    ("spaces", "Brussels", None),
    ("spaces", "Charleroi", None),
    ("spaces", "Namur", None),
    ("cooperative", "Lille", None),
    ("cooperative", "Paris", None),
    ("activity", "Nantes", None),
    ("activity", "Lyon", None),
    ("activity", "Bordeaux", None),
    ("activity", "Toulouse", None),
    ("sharing", "Marseille", None),
    ("participation", "Strasbourg", None),
    ("participation", "Rennes", None),
]

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

TITLE_STEMS = {
    "cooperative": [
        "Welcome new members with a shared introduction to the cooperative",
        "Open the cooperative to partner networks",
        "Explain who the cooperative is for in plain words",
        "Create a members' charter",
        "Map the professions the cooperative serves",
        "Give non-members a way to try the services",
    ],
    "activity": [
        "Offer peer coaching for members starting out",
        "Publish a guide to launching an activity",
        "Set up a fund for a member's first investments",
        "Create a mentoring scheme between members",
        "Simplify the first steps in the online tools",
        "Train members in pricing their work",
    ],
    "sharing": [
        "Study a shared pricing model for services",
        "Publish the cooperative's economic model",
        "Pool insurance costs between members",
        "Measure what each service costs the cooperative",
        "Share equipment between members",
    ],
    "participation": [
        "Hold local committees for cooperative life",
        "Open the boards' agendas to members",
        "Create exchange forums between members",
        "Train members to take part in the general assembly",
        "Report on every recommendation twice a year",
        "Organise regular meetings between members",
    ],
    "ethics": [
        "Create an ethics committee with elected members",
        "Write an ethical charter for activities",
        "Give members a way to raise ethical questions",
        "Publish the ethics committee's opinions",
    ],
    "purchasing": [
        "Set up a common purchasing centre",
        "Choose suppliers on environmental criteria",
        "Offer second-hand equipment between members",
        "Publish the footprint of common purchases",
    ],
    "it": [
        "Make the online tools usable on a phone",
        "Offer the tools in every language of the members",
        "Open the members' data to the members themselves",
        "Train members in the shared digital tools",
        "Use free software wherever possible",
    ],
    "impact": [
        "Measure the cooperative's social impact each year",
        "Publish stories of members' activities",
        "Support members in precarious situations",
        "Work with public employment services",
    ],
    "gender": [
        "Collect figures on gender among members",
        "Train moderators in inclusive facilitation",
        "Fight pay gaps between members",
        "Offer childcare during cooperative meetings",
        "Use inclusive language in every document",
    ],
    "consolidating": [
        "Offer a yearly check-up of a member's activity",
        "Create peer groups by profession",
        "Help members find clients together",
        "Advance payments for members with late-paying clients",
        "Offer training in managing an activity",
    ],
    "spaces": [
        "Open shared workspaces in every office",
        "List the third places open to members",
        "Rent workspaces at members' prices",
        "Share meeting rooms between offices",
        "Create a shared workshop for makers",
    ],
}
QUALIFIERS = [
    "",
    " in every office",
    " with the local offices",
    " for new members",
    " within a year",
    " with a test group of members",
]

SENTENCES = [
    "Members of the workgroup met several times to discuss the question and heard staff of the cooperative.",
    "The group asks the boards to treat this as a priority for the coming years.",
    "Several members said they had faced this situation in their own activity.",
    "The recommendation builds on projects that already run in some offices.",
    "The group suggests starting small and learning from a first test.",
    "Means would come from the budget for cooperative life.",
    "The moderator noted that the group reached this proposal unanimously.",
    "Members insist that the results be shared with everyone.",
]
MOTIVATIONS = {
    Decision.ACCEPTED: [
        "Fits the social purpose and the strategic plan.",
        "Accepted; the directorate concerned will take it on.",
        "Accepted as a priority project.",
    ],
    Decision.REFORMULATED: [
        "Accepted in a narrower form that the cooperative's means allow.",
        "Reformulated to fit projects already running.",
    ],
    Decision.POSTPONED: [
        "Postponed until the means are available.",
        "Postponed: depends on a project that is not finished.",
    ],
    Decision.REFUSED: [
        "Refused: outside the cooperative's social purpose.",
        "Refused: the legal constraints of both countries do not allow it.",
        "Refused: the cost is out of proportion to the means.",
    ],
}
DIRECTORATES = [
    "Cooperative life",
    "Member services",
    "IT",
    "Finance",
    "Communication",
    "Legal affairs",
    "Human resources",
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
STOCKTAKING = datetime.date(2022, 1, 31)
TODAY = datetime.date(2026, 6, 30)


def _date(parts):
    return datetime.date(*parts)


def _between(rng, start, end):
    return start + datetime.timedelta(days=rng.randint(0, max((end - start).days, 0)))


class DemoBuilder:
    def __init__(self, seed=2022):
        self.rng = random.Random(seed)
        self.offices = {}
        self.themes = {}
        self.counter = 0

    def build(self):
        for name, country in OFFICES:
            self.offices[name] = Office.objects.create(name=name, slug=slugify(name), country=country)
        for key, (name, description) in THEMES.items():
            self.themes[key] = Theme.objects.create(name=name, slug=slugify(name)[:100], description=description)
        for edition, name, start, end, in_be, in_fr, theme_keys in CYCLES:
            cycle = Cycle.objects.create(
                name=name,
                slug=name,
                edition=edition,
                start_date=_date(start),
                end_date=_date(end),
                ran_in_belgium=in_be,
                ran_in_france=in_fr,
                is_demo=True,
                description=f"Edition {edition} of Smart in Progress (illustrative demo data).",
            )
            cycle.themes.set([self.themes[key] for key in theme_keys])
            if name == "2019-2020":
                self.build_2020(cycle)
            else:
                self.build_earlier(cycle, theme_keys)

    def workgroup(self, cycle, theme_key, office_name=None, name=None):
        theme = self.themes[theme_key]
        office = self.offices.get(office_name)
        name = name or (f"{theme.name} ({office_name})" if office_name else theme.name)
        return Workgroup.objects.create(
            cycle=cycle,
            theme=theme,
            office=office,
            name=name,
            slug=slugify(f"{cycle.name} {name}")[:120],
            moderator=self.rng.choice(MODERATORS),
            participants=self.rng.randint(6, 18),
        )

    def build_earlier(self, cycle, theme_keys):
        # Before 2019-2020 the groups met centrally in Brussels, one or two per theme.
        groups = []
        for key in theme_keys:
            groups.append((key, self.workgroup(cycle, key, "Brussels", f"{THEMES[key][0]} (group A)")))
            if self.rng.random() < 0.5:
                groups.append((key, self.workgroup(cycle, key, None, f"{THEMES[key][0]} (group B)")))
        for number in range(1, RECOMMENDATIONS_PER_CYCLE[cycle.name] + 1):
            key, group = groups[(number - 1) % len(groups)]
            merged = [group]
            if self.rng.random() < 0.1:
                merged += [other for other_key, other in groups if other_key == key and other != group]
            self.recommendation(cycle, key, "BE", number, merged)

    def build_2020(self, cycle):
        groups = []
        for key, office, name in WORKGROUPS_2020:
            group = self.workgroup(cycle, key, office, name)
            if office == "Nantes":
                group.moderator = "Mathilde"
                group.save(update_fields=["moderator"])
            groups.append((key, group))
        for country, count in RECOMMENDATIONS_2020.items():
            own = [(key, group) for key, group in groups if group.office is None or group.office.country == country]
            for number in range(1, count + 1):
                key, group = own[(number - 1) % len(own)]
                merged = [group]
                # The Nantes and Lyon groups met together online and merged some recommendations.
                if group.office and group.office.name in ("Nantes", "Lyon") and self.rng.random() < 0.4:
                    merged = [g for k, g in groups if g.office and g.office.name in ("Nantes", "Lyon")]
                self.recommendation(cycle, key, country, number, merged, both_boards=True)

    def recommendation(self, cycle, theme_key, country, number, workgroups, both_boards=False):
        rng = self.rng
        self.counter += 1
        stem = TITLE_STEMS[theme_key][(number - 1) % len(TITLE_STEMS[theme_key])]
        title = stem + rng.choice(QUALIFIERS)
        final = rng.choices(list(Status), weights=STATUS_WEIGHTS[cycle.edition])[0]
        handed_in = cycle.end_date
        recommendation = Recommendation(
            reference=f"{cycle.end_date.year}-{country}-{number:02d}",
            title=title,
            text=" ".join(rng.sample(SENTENCES, 3)),
            context=rng.choice(["", "Taken from the merged document of the workgroups' recommendations."]),
            cycle=cycle,
            theme=self.themes[theme_key],
            country=country,
            published=self.counter % 60 != 0,
        )
        if final in (Status.EXECUTED, Status.ONGOING):
            recommendation.follow_up = rng.choice(PROJECT_FOLLOW_UPS)
            recommendation.directorate = rng.choice(DIRECTORATES)
        services.create_recommendation(
            recommendation,
            status=Status.NOT_EXECUTED,
            date=handed_in,
            workgroups=workgroups,
            note="Handed in by the workgroup.",
        )
        meeting = handed_in + datetime.timedelta(days=rng.randint(30, 100))
        decision = {
            Status.REJECTED: Decision.REFUSED,
            Status.POSTPONED: Decision.POSTPONED,
        }.get(final) or rng.choices([Decision.ACCEPTED, Decision.REFORMULATED], weights=[4, 1])[0]
        boards = [Country.BELGIUM, Country.FRANCE] if both_boards else [Country(country)]
        for board in boards:
            self.decide(recommendation, board, meeting, decision)
            meeting += datetime.timedelta(days=rng.randint(1, 20))
        if final in (Status.ONGOING, Status.EXECUTED):
            started = _between(rng, meeting, min(meeting + datetime.timedelta(days=400), TODAY))
            services.record_progress(recommendation, status=Status.ONGOING, date=started, note="Work started.")
            if final == Status.EXECUTED:
                done = _between(rng, started + datetime.timedelta(days=60), TODAY)
                services.record_progress(recommendation, status=Status.EXECUTED, date=done, note="Delivered.")
        elif final == Status.NOT_EXECUTED and rng.random() < 0.5:
            services.record_progress(
                recommendation,
                status=Status.NOT_EXECUTED,
                date=max(STOCKTAKING, meeting),
                note="Stocktaking: accepted, but no work has started yet.",
            )

    def decide(self, recommendation, board, meeting, decision):
        services.record_decision(
            recommendation,
            board=board,
            meeting_date=meeting,
            decision=decision,
            motivation=self.rng.choice(MOTIVATIONS[decision]),
            reformulated_text=(
                f"{recommendation.title}, within the means of the coming year."
                if decision == Decision.REFORMULATED
                else ""
            ),
        )


def database_is_empty():
    return not (Recommendation.objects.exists() or Cycle.objects.exists() or Theme.objects.exists())


@transaction.atomic
def load_demo():
    """Fill an empty database with the demo data; return False, changing nothing, when it holds data."""
    if not database_is_empty():
        return False
    DemoBuilder().build()
    return True
