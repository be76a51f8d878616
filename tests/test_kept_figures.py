"""The figures the database keeps stay exact through every kind of change, and ``check_figures`` finds and
repairs a count that is not.

The state machine applies random sequences of changes through every writer (``services`` one by one and
in bulk, the stocktaking import, a restore of a backup) and after each one compares every kept count with
a count made here, in Python, from the rows themselves; and the figures the pages read from the kept
counts with those ``stats`` counts from the rows.
"""

import contextlib
import datetime
import tempfile
import time
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from recommendations import backup, kept, services, stats
from recommendations.models import (
    BoardDecision,
    DayCount,
    Decision,
    ProgressUpdate,
    Recommendation,
    Status,
    StatusCount,
    YearCount,
    YearTotal,
)
from recommendations.stocktaking.files import read_dataset
from recommendations.stocktaking.resource import RecommendationResource
from workgroups.models import Cycle, Theme

from .support import History

# Fixed, so that a run costs the same each time: about 20 s on SQLite and 40 s on PostgreSQL here.
EXAMPLES = 12
STEPS = 20

dates = st.dates(min_value=datetime.date(2018, 1, 1), max_value=datetime.date(2022, 12, 31))
# Few meeting days, so that a board deciding twice on one day (refused) happens too.
meeting_days = st.sampled_from([datetime.date(2019, 3, 1), datetime.date(2020, 12, 31), datetime.date(2021, 1, 1)])
picks = st.integers(min_value=0, max_value=10_000)
statuses = st.sampled_from(Status.values)
countries = st.sampled_from(["BE", "FR"])
IMPORT_HEADER = "reference,title,text,cycle,theme,workgroups,country,status,status_date\n"
# Days the figures are asked for: a year's last day (a meeting day) and the next one's first, a day mid-year;
# the figures counted from the rows (pages the kept counts do not answer) are checked on the first of a year.
AS_OF_DAYS = [datetime.date(2020, 12, 31), datetime.date(2021, 1, 1), datetime.date(2022, 6, 30)]
ROWS_AS_OF_DAY = datetime.date(2021, 1, 1)


def counted_from_rows():
    """What the kept tables should hold, counted in Python from the recommendations and their updates."""
    places = {}
    statuses_now = Counter()
    for pk, cycle, theme, country, status in Recommendation.objects.filter(published=True).values_list(
        "pk", "cycle_id", "theme_id", "country", "status"
    ):
        places[pk] = (cycle, theme, country)
        statuses_now[(cycle, theme, country, status)] += 1
    histories = {}
    for recommendation, date, pk, status in ProgressUpdate.objects.values_list(
        "recommendation_id", "date", "pk", "status"
    ):
        if recommendation in places:
            histories.setdefault(recommendation, []).append((date, pk, status))
    years, days, totals = Counter(), Counter(), Counter()
    for recommendation, updates in histories.items():
        updates.sort()
        for index, (date, _pk, status) in enumerate(updates):
            years[(*places[recommendation], date.year, status, "started")] += 1
            days[(*places[recommendation], date, status, "started")] += 1
            totals[(date.year, status, "started")] += 1
            if index + 1 < len(updates):
                ended_on = updates[index + 1][0]
                years[(*places[recommendation], ended_on.year, status, "ended")] += 1
                days[(*places[recommendation], ended_on, status, "ended")] += 1
                totals[(ended_on.year, status, "ended")] += 1
    return +statuses_now, +years, +days, +totals


def kept_counts():
    statuses_now = Counter(
        {
            row[:4]: row[4]
            for row in StatusCount.objects.values_list("cycle_id", "theme_id", "country", "status", "recommendations")
        }
    )
    years = Counter()
    for *key, started, ended in YearCount.objects.values_list(
        "cycle_id", "theme_id", "country", "year", "status", "started", "ended"
    ):
        years[(*key, "started")] += started
        years[(*key, "ended")] += ended
    days = Counter()
    for *key, started, ended in DayCount.objects.values_list(
        "cycle_id", "theme_id", "country", "day", "status", "started", "ended"
    ):
        days[(*key, "started")] += started
        days[(*key, "ended")] += ended
    totals = Counter()
    for *key, started, ended in YearTotal.objects.values_list("year", "status", "started", "ended"):
        totals[(*key, "started")] += started
        totals[(*key, "ended")] += ended
    # Unary plus drops the zeros: a count that went back to nothing may stay as a row of zero.
    return +statuses_now, +years, +days, +totals


def assert_kept_counts_exact():
    assert kept_counts() == counted_from_rows()


def figures_both_ways(**lookups):
    """The figures of the pages, from the kept counts (a ``Selection``) and counted from the rows."""
    rows = Recommendation.objects.published().filter(**lookups)
    kept = stats.Selection(rows, **lookups)
    assert kept.kept

    def figures(source):
        return (
            stats.figures(source).counts,
            stats.counts_by(source, "theme"),
            stats.counts_by(source, "cycle"),
            stats.yearly_implementation(source) if "status" not in lookups else None,
        )

    return figures(kept), figures(rows)


class KeptFigures(RuleBasedStateMachine):
    """Random changes through every writer; every kept count checked after each."""

    def __init__(self):
        super().__init__()
        # Each example runs in its own savepoint, undone at its end.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.cycles = [
            Cycle.objects.create(
                name=f"Cycle {year}",
                slug=f"cycle-{year}",
                edition=year,
                start_date=datetime.date(year, 9, 1),
                end_date=datetime.date(year + 1, 6, 30),
            )
            for year in (2018, 2019)
        ]
        self.themes = [Theme.objects.create(name=f"Theme {n}", slug=f"theme-{n}") for n in range(3)]
        self.numbers = iter(range(1, 100_000))

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def recommendation(self, pick):
        keys = list(Recommendation.objects.order_by("pk").values_list("pk", flat=True))
        return Recommendation.objects.get(pk=keys[pick % len(keys)]) if keys else None

    def picked(self, model, pick):
        keys = list(model.objects.order_by("pk").values_list("pk", flat=True))
        return model.objects.get(pk=keys[pick % len(keys)]) if keys else None

    @rule(cycle=picks, theme=picks, country=countries, status=statuses, date=dates, published=st.booleans())
    def create(self, cycle, theme, country, status, date, published):
        number = next(self.numbers)
        services.create_recommendation(
            Recommendation(
                reference=f"K-{number}",
                title=f"Kept {number}",
                text="Text.",
                cycle=self.cycles[cycle % len(self.cycles)],
                theme=self.themes[theme % len(self.themes)],
                country=country,
                published=published,
            ),
            status=status,
            date=date,
        )

    @rule(pick=picks, status=statuses, date=dates)
    def change_status(self, pick, status, date):
        if recommendation := self.recommendation(pick):
            services.record_progress(recommendation, status=status, date=date)

    @rule(picks_=st.lists(picks, min_size=1, max_size=4), status=statuses, date=dates)
    def change_statuses_at_once(self, picks_, status, date):
        chosen = {r.pk: r for r in (self.recommendation(pick) for pick in picks_) if r}
        services.change_statuses(list(chosen.values()), status=status, date=date)

    @rule(pick=picks, board=countries, day=meeting_days, decision=st.sampled_from(Decision.values))
    def decide(self, pick, board, day, decision):
        if recommendation := self.recommendation(pick):
            # Refused when that board decided on it that day already.
            with contextlib.suppress(ValidationError):
                services.record_decision(
                    recommendation, board=board, meeting_date=day, decision=decision, reformulated_text="Narrower."
                )

    @rule(picks_=st.lists(picks, min_size=1, max_size=4), day=meeting_days, decision=st.sampled_from(Decision.values))
    def decide_at_one_meeting(self, picks_, day, decision):
        chosen = {r.pk: r for r in (self.recommendation(pick) for pick in picks_) if r}
        with contextlib.suppress(ValidationError):
            services.record_decisions(
                list(chosen.values()),
                board="BE",
                meeting_date=day,
                decision=decision,
                reformulated_texts=dict.fromkeys(chosen, "Narrower."),
            )

    @rule(pick=picks, day=meeting_days, decision=st.sampled_from(Decision.values))
    def correct_decision(self, pick, day, decision):
        if entry := self.picked(BoardDecision, pick):
            entry.meeting_date, entry.decision = day, decision
            with contextlib.suppress(ValidationError):
                services.save_decision(entry, seen_version=entry.version)

    @rule(pick=picks)
    def delete_decision(self, pick):
        if entry := self.picked(BoardDecision, pick):
            services.delete_decision(entry)

    @rule(pick=picks)
    def correct_progress_note(self, pick):
        if update := self.picked(ProgressUpdate, pick):
            services.edit_progress_note(update, "Corrected.")

    @rule(pick=picks)
    def delete_progress(self, pick):
        update = self.picked(ProgressUpdate, pick)
        if update and services.can_delete_progress(update):
            services.delete_progress(update)

    @rule(picks_=st.lists(st.tuples(picks, picks), min_size=1, max_size=4))
    def delete_updates_at_once(self, picks_):
        """A progress update of each of several recommendations deleted in one statement: the newest (as an
        undone import deletes them) or an earlier one."""
        chosen = {}
        for pick, which in picks_:
            recommendation = self.recommendation(pick)
            if recommendation and recommendation.pk not in chosen:
                updates = [u for u in recommendation.updates.order_by("-date", "-id") if u.decision_id is None]
                if len(updates) > 1 or (updates and recommendation.updates.count() > 1):
                    chosen[recommendation.pk] = (recommendation, updates[which % len(updates)].pk)
        with transaction.atomic():
            services.note_change()
            ProgressUpdate.objects.filter(pk__in=[update for _r, update in chosen.values()]).delete()
            services.sync_statuses([recommendation for recommendation, _update in chosen.values()])

    @rule(pick=picks)
    def publish_or_unpublish(self, pick):
        if recommendation := self.recommendation(pick):
            recommendation.published = not recommendation.published
            services.save_recommendation(recommendation, seen_version=recommendation.version)

    @rule(pick=picks, cycle=picks, theme=picks, country=countries)
    def move(self, pick, cycle, theme, country):
        if recommendation := self.recommendation(pick):
            recommendation.cycle = self.cycles[cycle % len(self.cycles)]
            recommendation.theme = self.themes[theme % len(self.themes)]
            recommendation.country = country
            services.save_recommendation(recommendation, seen_version=recommendation.version)

    @rule(pick=picks)
    def delete(self, pick):
        if recommendation := self.recommendation(pick):
            services.delete_recommendations(Recommendation.objects.filter(pk=recommendation.pk))

    @rule(picks_=st.lists(picks, min_size=1, max_size=4))
    def delete_several(self, picks_):
        """Recommendations with histories of one update and of several deleted at once, their updates with them."""
        chosen = {r.pk for r in (self.recommendation(pick) for pick in picks_) if r}
        services.delete_recommendations(Recommendation.objects.filter(pk__in=chosen))

    @rule(
        lines=st.lists(
            st.tuples(st.booleans(), picks, picks, picks, countries, statuses, dates), min_size=1, max_size=3
        )
    )
    def import_file(self, lines):
        """A stocktaking file of new recommendations and changes of existing ones (cycle, theme, country, status)."""
        rows, seen = [], set()
        for new, pick, cycle, theme, country, status, date in lines:
            existing = None if new else self.recommendation(pick)
            reference = existing.reference if existing else f"K-{next(self.numbers)}"
            if reference in seen:
                continue
            seen.add(reference)
            cycle, theme = self.cycles[cycle % len(self.cycles)], self.themes[theme % len(self.themes)]
            rows.append(f"{reference},Imported,Text,{cycle.name},{theme.name},,{country},{status},{date}\n")
        # A line dated before the status it changes is refused, and with it the whole file: nothing changes.
        RecommendationResource().import_data(read_dataset((IMPORT_HEADER + "".join(rows)).encode()))

    @rule()
    def restore(self):
        """A backup, everything deleted, then the backup loaded again, as ``restore`` loads it."""
        # Permissions are loaded by natural key through the content types, whose cache may hold the
        # keys of an earlier test's rolled-back flush.
        ContentType.objects.clear_cache()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "backup.json"
            backup.write_backup(path)
            services.delete_recommendations(Recommendation.objects.all())
            call_command("loaddata", str(path), verbosity=0)

    @invariant()
    def kept_counts_are_exact(self):
        assert_kept_counts_exact()

    @invariant()
    def figures_as_of_a_day_are_those_of_its_history(self):
        """From the kept counts (years and days) and from the rows, equal to a count made here."""
        history = History()
        for lookups in ({}, {"cycle": self.cycles[0].pk, "country": "BE"}):
            place = {f"{name}_id" if name == "cycle" else name: value for name, value in lookups.items()}
            rows = Recommendation.objects.published().filter(**lookups)
            for day in AS_OF_DAYS:
                expected = (
                    history.counts(day, **place),
                    history.counts_by(day, "theme_id", **place),
                    history.counts_by(day, "cycle_id", **place),
                    history.year_ends(day, **place),
                )
                assert figures_as_of(stats.Selection(rows, **lookups), day) == expected, (lookups, day)
                if day == ROWS_AS_OF_DAY:
                    assert figures_as_of(rows, day) == expected, (lookups, day)

    @invariant()
    def pages_read_the_same_figures_either_way(self):
        kept, counted = figures_both_ways()
        assert kept == counted
        kept, counted = figures_both_ways(cycle=self.cycles[0].pk, country="BE")
        assert kept == counted


def figures_as_of(source, day):
    """Every figure of a page as of ``day`` from ``stats``, as plain counts."""
    return (
        dict(stats.figures(source, day).counts),
        {key: dict(figures.counts) for key, figures in stats.counts_by(source, "theme", day).items()},
        {key: dict(figures.counts) for key, figures in stats.counts_by(source, "cycle", day).items()},
        [(end, dict(figures.counts)) for end, figures in stats.yearly_implementation(source, day)],
    )


def test_kept_figures_stay_exact_through_random_changes_by_every_writer(db, capsys):
    started = time.monotonic()
    run_state_machine_as_test(
        KeptFigures,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    with capsys.disabled():
        print(
            f"\n{connection.vendor}: {EXAMPLES} examples of up to {STEPS} steps in {time.monotonic() - started:.1f} s"
        )


def test_a_selection_narrowed_beyond_the_kept_counts_is_counted_from_the_rows(make_recommendation, process):
    make_recommendation(status=Status.EXECUTED, workgroups=[process["nantes_group"]])
    make_recommendation(status=Status.ONGOING, workgroups=[process["lyon_group"]])
    narrowed = Recommendation.objects.published().filter(workgroups=process["lyon_group"])
    selection = stats.Selection(narrowed, workgroups=process["lyon_group"])
    assert not selection.kept
    assert stats.figures(selection).counts[Status.ONGOING] == 1
    assert stats.figures(selection).total == 1
    # Today's status narrows the set, but the history counts the statuses of their day.
    ongoing = stats.Selection(Recommendation.objects.published().filter(status="ongoing"), status="ongoing")
    assert stats.yearly_implementation(ongoing) == stats.yearly_implementation(ongoing.recommendations)


def test_kept_figures_follow_a_synthetic_load_and_a_cascade_of_deleted_cycles_rows(db):
    call_command("generate_synthetic", "--recommendations", "120", "--batch-size", "50", stdout=StringIO())
    assert_kept_counts_exact()
    assert figures_both_ways()[0] == figures_both_ways()[1]
    Recommendation.objects.filter(pk__in=Recommendation.objects.order_by("pk").values("pk")[:30]).delete()
    assert_kept_counts_exact()


def check_figures(*arguments):
    out = StringIO()
    call_command("check_figures", *arguments, stdout=out)
    return out.getvalue()


def test_check_figures_says_the_kept_figures_match(make_recommendation):
    make_recommendation(status=Status.EXECUTED)
    assert "The kept figures match the recommendations." in check_figures()


def test_check_figures_names_a_corrupted_count_and_repairs_it(make_recommendation, process):
    make_recommendation(status=Status.EXECUTED)
    make_recommendation(status=Status.EXECUTED, date=datetime.date(2019, 5, 1))
    StatusCount.objects.filter(status=Status.EXECUTED).update(recommendations=7)
    YearCount.objects.filter(year=2019).delete()
    YearTotal.objects.filter(year=2019).update(started=5)

    with pytest.raises(CommandError, match="3 kept counts differ"):
        check_figures()

    out = check_figures("--repair")
    assert "Cycle “2019-2020”, theme “Consolidating my activity”, Belgium, Executed: kept 7, counted 2." in out
    assert (
        "Cycle “2019-2020”, theme “Consolidating my activity”, Belgium, Executed in 2019: "
        "kept 0 started and 0 ended, counted 1 started and 0 ended." in out
    )
    assert "Every place, Executed in 2019: kept 5 started and 0 ended, counted 1 started and 0 ended." in out
    assert "Repaired: 3 kept counts were counted again." in out
    assert_kept_counts_exact()
    assert "The kept figures match the recommendations." in check_figures()


def test_the_overview_reads_the_kept_counts_not_the_recommendations(client, make_recommendation):
    make_recommendation(status=Status.EXECUTED)
    # A count the triggers did not make: the page shows it, so it was read from the kept table.
    StatusCount.objects.filter(status=Status.EXECUTED).update(recommendations=41)
    assert "41 executed" in client.get("/").content.decode()


def test_the_overviews_figures_over_the_years_read_the_years_totals_and_a_themes_its_own_counts(
    client, make_recommendation, process
):
    make_recommendation(status=Status.EXECUTED, date=datetime.date(2019, 5, 1))
    # A total the triggers did not make: the overview shows it at the end of 2019 and after, so it was read
    # from the totals; a theme's page counts its own places, and shows the true one.
    YearTotal.objects.filter(year=2019, status=Status.EXECUTED).update(started=41)
    row_2019 = '<time datetime="2019-12-31">2019</time></th><td class="number">{0}</td><td class="number">{0}</td>'
    assert row_2019.format(41) in client.get("/").content.decode()
    theme_page = client.get("/themes/consolidating-my-activity/").content.decode()
    assert row_2019.format(1) in theme_page


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL alters tables in place, keeping triggers")
def test_triggers_dropped_by_a_remade_table_come_back_after_migrate_with_the_counts(make_recommendation):
    make_recommendation(status=Status.EXECUTED)
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER sip_kept_4")  # what SQLite's copy of a remade table leaves behind
    make_recommendation(status=Status.ONGOING)
    assert kept_counts() != counted_from_rows()
    kept.restore_triggers(connection.alias)
    assert_kept_counts_exact()
    make_recommendation(status=Status.ONGOING)
    assert_kept_counts_exact()


@pytest.mark.django_db(transaction=True)
def test_the_register_migrates_back_before_the_boards_columns_and_forward_again_with_its_figures_kept(
    make_recommendation,
):
    # Taking a release back must not stop at 0015, whose columns SQLite removes by copying the table.
    make_recommendation(status=Status.EXECUTED)
    make_recommendation(status=Status.ONGOING, date=datetime.date(2019, 5, 1))
    call_command("migrate", "recommendations", "0014", verbosity=0)
    call_command("migrate", verbosity=0)
    assert "The kept figures match the recommendations." in check_figures()
    make_recommendation(status=Status.EXECUTED)
    assert_kept_counts_exact()
    assert stats.figures(stats.Selection(Recommendation.objects.published())).counts[Status.EXECUTED] == 2
