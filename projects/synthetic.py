"""Synthetic projects answering the synthetic recommendations (``generate_synthetic``), for scale measurements."""

import datetime
import random

from django.db import connection, transaction

from recommendations import services
from recommendations.models import Recommendation
from workgroups.models import Office

from .models import ENDED, Kind, Project, ProjectUpdate, State

# Of every hundred projects: how many are in each state.
STATES = [State.PLANNED] * 15 + [State.RUNNING] * 45 + [State.FINISHED] * 30 + [State.STOPPED] * 10


def generate(count, *, prefix="syn", batch_size=5000, seed=1, progress=None):
    """Add ``count`` projects, each answering one to three synthetic recommendations, with one to two of
    the synthetic offices and a public update; one in fifty is unpublished. Returns how many were written."""
    rng = random.Random(seed)
    recommendations = list(
        Recommendation.objects.filter(reference__startswith=f"{prefix.upper()}-").values_list("pk", flat=True)
    )
    offices = list(Office.objects.filter(slug__startswith=f"{prefix}-office-").values_list("pk", flat=True))
    if not recommendations or not offices:
        raise ValueError(f"No synthetic recommendations with the prefix {prefix!r}: run generate_synthetic first.")
    start = Project.objects.filter(slug__startswith=f"{prefix}-project-").count()
    written = 0
    while written < count:
        size = min(batch_size, count - written)
        with transaction.atomic():
            services.note_change()
            _write_batch(rng, prefix, start + written, size, recommendations, offices)
        written += size
        if progress:
            progress(written)
    with connection.cursor() as cursor:
        for model in (Project, Project.recommendations.through, Project.offices.through, ProjectUpdate):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    return written


def _write_batch(rng, prefix, offset, size, recommendations, offices):
    kinds = Kind.values
    projects = []
    for index in range(offset, offset + size):
        state = STATES[index % len(STATES)]
        started = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(3650))
        projects.append(
            Project(
                slug=f"{prefix}-project-{index + 1:07d}",
                kind=kinds[index % len(kinds)],
                language="nl" if index % 2 else "fr",
                title=f"Synthetic project {index + 1}",
                description="A group of members tests the recommendation in practice.",
                contact_name="Animator",
                contact_email="animator@example.org",
                start_date=started,
                end_date=started + datetime.timedelta(days=rng.randrange(30, 700)) if state in ENDED else None,
                state=state,
                published=index % 50 != 0,
            )
        )
    Project.objects.bulk_create(projects, batch_size=size)
    Project.recommendations.through.objects.bulk_create(
        [
            Project.recommendations.through(project=project, recommendation_id=key)
            for project in projects
            for key in rng.sample(recommendations, rng.randint(1, 3))
        ],
        batch_size=size,
    )
    Project.offices.through.objects.bulk_create(
        [
            Project.offices.through(project=project, office_id=key)
            for project in projects
            for key in rng.sample(offices, rng.randint(1, 2))
        ],
        batch_size=size,
    )
    ProjectUpdate.objects.bulk_create(
        [
            ProjectUpdate(project=project, language=project.language, date=project.start_date, text="It started.")
            for project in projects
        ],
        batch_size=size,
    )
