"""What the API answers, field by field: the names are stable and each is described in the schema.

Texts are objects of the text shown and the language it is in: the reader's, when it has been translated
into it or written in it, else the language it was written in.
"""

import datetime

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from projects.models import Kind, State
from recommendations.models import Decision, FollowUp, Status
from workgroups.languages import LANGUAGES, shown
from workgroups.models import Country

UTC = datetime.UTC


class TextSerializer(serializers.Serializer):
    text = serializers.CharField(
        help_text="The text, in the language asked for when translated into it, else as written."
    )
    language = serializers.ChoiceField(choices=LANGUAGES, help_text="The language the text is in.")


@extend_schema_field(TextSerializer)
class Text(serializers.Field):
    """A translated field of the record, as the reader sees it (``workgroups.languages.shown``)."""

    def __init__(self, name, **kwargs):
        self.name = name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        found = shown(record, self.name)
        return {"text": found.text, "language": found.language}


@extend_schema_field(OpenApiTypes.URI)
class Address(serializers.Field):
    """The absolute address of a path that ``path_of(record)`` gives."""

    def __init__(self, path_of, **kwargs):
        self.path_of = path_of
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        return self.context["request"].build_absolute_uri(self.path_of(record))


class Slug(serializers.Field):
    """A related record by its ``attribute`` (its slug, or a recommendation's reference)."""

    def __init__(self, attribute="slug", **kwargs):
        self.attribute = attribute
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, record):
        return getattr(record, self.attribute)


@extend_schema_field(OpenApiTypes.STR)
class RequiredSlug(Slug):
    pass


@extend_schema_field({"type": "string", "nullable": True})
class OptionalSlug(Slug):
    pass


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class Slugs(Slug):
    """Related records by their ``attribute``, in its order: sorted here, so that the database reads the few
    of a page by their link, whatever it guesses of the table they are in."""

    def to_representation(self, records):
        return sorted(getattr(record, self.attribute) for record in records.all())


def api(name):
    return lambda record: f"/api/v1/{name}/{record.slug}/"


class StatusShareSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, help_text="The status code.")
    count = serializers.IntegerField(help_text="Recommendations with this status.")
    percent = serializers.IntegerField(
        allow_null=True,
        help_text="Their whole percentage of the set; the five add up to exactly 100. Null for an empty set.",
    )


class FiguresSerializer(serializers.Serializer):
    """``stats.Figures``: the same numbers as the pages."""

    total = serializers.IntegerField(help_text="Published recommendations in the set.")
    executed = serializers.IntegerField(help_text="Those executed.")
    implementation = serializers.IntegerField(
        allow_null=True,
        help_text="The implementation percentage: executed ÷ all (rejected and postponed included), whole. "
        "Null for an empty set.",
    )
    statuses = StatusShareSerializer(source="shares", many=True, help_text="Every status, in the product's order.")


class OfficeSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="Its address in the API and on the site (/offices/<slug>/).")
    name = Text("name", help_text="The office's name.")
    country = serializers.ChoiceField(choices=Country.choices, help_text="BE or FR.")
    url = Address(api("offices"), help_text="This record in the API.")
    page = Address(lambda record: record.get_absolute_url(), help_text="Its page on the site.")


class ThemeSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="Its address in the API and on the site (/themes/<slug>/).")
    name = Text("name", help_text="The theme's name.")
    description = Text("description", help_text="What the theme is about; may be empty.")
    url = Address(api("themes"), help_text="This record in the API.")
    page = Address(lambda record: record.get_absolute_url(), help_text="Its page on the site.")


class CycleSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="Its address in the API and on the site (/cycles/<slug>/).")
    name = serializers.CharField(help_text="Its name, the same in every language, such as 2019-2020.")
    edition = serializers.IntegerField(help_text="Its number in the process.")
    start_date = serializers.DateField(help_text="The day it started.")
    end_date = serializers.DateField(help_text="The day it ended.")
    countries = serializers.ListField(
        child=serializers.ChoiceField(choices=Country.choices), help_text="The countries it ran in."
    )
    description = Text("description", help_text="A description; may be empty.")
    themes = Slugs(help_text="The slugs of the themes its general assembly chose.")
    url = Address(api("cycles"), help_text="This record in the API.")
    page = Address(lambda record: record.get_absolute_url(), help_text="Its page on the site.")


class WorkgroupSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="Its address in the API and on the site (/workgroups/<slug>/).")
    name = Text("name", help_text="The workgroup's name.")
    cycle = RequiredSlug(help_text="The slug of its cycle.")
    theme = RequiredSlug(help_text="The slug of its theme.")
    office = OptionalSlug(
        help_text="The slug of its local office; null for a group that met online across offices or countries."
    )
    moderator = serializers.CharField(help_text="Who moderated it; may be empty.")
    participants = serializers.IntegerField(allow_null=True, help_text="How many took part, when known.")
    description = Text("description", help_text="A description; may be empty.")
    url = Address(api("workgroups"), help_text="This record in the API.")
    page = Address(lambda record: record.get_absolute_url(), help_text="Its page on the site.")


def recommendation_address(record):
    return f"/api/v1/recommendations/{record.reference}/"


class RecommendationSerializer(serializers.Serializer):
    reference = serializers.CharField(help_text="Its unique reference, such as 2020-BE-07: its address.")
    title = Text("title", help_text="Its title.")
    cycle = RequiredSlug(help_text="The slug of its cycle.")
    theme = RequiredSlug(help_text="The slug of its theme.")
    workgroups = Slugs(help_text="The slugs of the workgroups it came from.")
    country = serializers.ChoiceField(
        choices=Country.choices, help_text="The country whose participatory process it came from."
    )
    status = serializers.ChoiceField(
        choices=Status.choices, help_text="Its status: that of its newest progress update."
    )
    status_date = serializers.DateField(allow_null=True, help_text="The day its status took effect.")
    latest_decision = serializers.ChoiceField(
        choices=[*Decision.choices, ("", "none")],
        help_text="The newest board decision on it, of either board; empty before any.",
    )
    url = Address(recommendation_address, help_text="This recommendation in the API.")
    page = Address(lambda record: record.get_absolute_url(), help_text="Its page on the site.")


class DecisionSerializer(serializers.Serializer):
    recommendation = RequiredSlug("reference", help_text="The reference of the recommendation decided on.")
    board = serializers.ChoiceField(choices=Country.choices, help_text="The board of directors: BE or FR.")
    meeting_date = serializers.DateField(help_text="The day of the board's meeting.")
    decision = serializers.ChoiceField(choices=Decision.choices, help_text="The decision code.")
    motivation = Text("motivation", help_text="Why; may be empty.")
    reformulated_text = Text("reformulated_text", help_text="The text as the board reformulated it; may be empty.")


class ProgressSerializer(serializers.Serializer):
    recommendation = RequiredSlug("reference", help_text="The reference of the recommendation.")
    status = serializers.ChoiceField(choices=Status.choices, help_text="The status it took that day.")
    date = serializers.DateField(help_text="The day the status took effect.")
    note = Text("note", help_text="A public note; may be empty.")
    board = serializers.SerializerMethodField(help_text="The board whose decision caused it, if one did.")

    @extend_schema_field(serializers.ChoiceField(choices=Country.choices, allow_null=True))
    def get_board(self, update):
        return update.decision.board if update.decision_id else None


class RecommendationDetailSerializer(RecommendationSerializer):
    text = Text("text", help_text="The recommendation itself.")
    context = Text("context", help_text="Its context; may be empty.")
    follow_up = serializers.ChoiceField(choices=FollowUp.choices, help_text="How it is followed up.")
    revisits = serializers.SerializerMethodField(
        help_text="The reference of an earlier recommendation this one takes up again, if any."
    )
    revisited_by = serializers.SerializerMethodField(help_text="References of later ones that take this one up again.")
    decisions = DecisionSerializer(many=True, read_only=True, help_text="Every board decision, oldest first.")
    progress = ProgressSerializer(
        source="updates", many=True, read_only=True, help_text="Its progress history, oldest first."
    )
    projects = serializers.SerializerMethodField(help_text="The slugs of the published projects that answer it.")
    updated_at = serializers.DateTimeField(default_timezone=UTC, help_text="When it was last edited, in UTC.")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_revisits(self, record):
        earlier = record.revisits
        return earlier.reference if earlier is not None and earlier.published else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_revisited_by(self, record):
        return sorted(later.reference for later in record.revisited_by.all())

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_projects(self, record):
        return sorted(project.slug for project in record.projects.all())


class ProjectUpdateSerializer(serializers.Serializer):
    date = serializers.DateField(help_text="Its day.")
    text = Text("text", help_text="What happened.")
    link = serializers.URLField(allow_blank=True, help_text="A report, photos or an article; may be empty.")


class ProjectSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="Its address in the API and on the site (/projects/<slug>/).")
    kind = serializers.ChoiceField(choices=Kind.choices, help_text="The kind of project.")
    state = serializers.ChoiceField(choices=State.choices, help_text="Where it stands.")
    title = Text("title", help_text="Its title.")
    start_date = serializers.DateField(help_text="The day it started, or is planned to start.")
    end_date = serializers.DateField(allow_null=True, help_text="The day it ended, once it did.")
    offices = Slugs(help_text="The slugs of the offices involved.")
    recommendations = Slugs("reference", help_text="The references of the published recommendations it answers.")
    url = Address(api("projects"), help_text="This project in the API.")
    page = Address(lambda record: record.get_absolute_url(), help_text="Its page on the site.")


class ProjectDetailSerializer(ProjectSerializer):
    description = Text("description", help_text="What it is.")
    taking_part = Text("taking_part", help_text="How to take part; may be empty.")
    contact_name = serializers.CharField(help_text="The animator or contact.")
    contact_email = serializers.EmailField(allow_blank=True, help_text="Their e-mail address; may be empty.")
    contact_url = serializers.URLField(allow_blank=True, help_text="A page to sign up or learn more; may be empty.")
    updates = ProjectUpdateSerializer(many=True, read_only=True, help_text="Its public news, newest first.")


class ProblemSerializer(serializers.Serializer):
    parameter = serializers.CharField(help_text="The query parameter.")
    value = serializers.CharField(help_text="The value given.")
    message = serializers.CharField(help_text="What is wrong with it, in the reader's language.")


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in the reader's language.")
    problems = ProblemSerializer(
        many=True, required=False, help_text="For a request refused (400): each value not understood."
    )
