"""The figure tables' rows, the cards and the years' figures, written in Python for speed, read as the
reader's language writes them: counts grouped by thousands, percentages, the bars' names."""

import datetime

import pytest

from recommendations.models import ProgressUpdate, Recommendation, Status

# 1,250 recommendations of one theme, 250 executed (20%), all recorded in 2020.
TOTAL, EXECUTED = 1250, 250


@pytest.fixture
def many(process):
    rows = Recommendation.objects.bulk_create(
        Recommendation(
            reference=f"2020-BE-{number:04d}",
            title=f"Recommendation {number}",
            text="Text.",
            cycle=process["new"],
            theme=process["activity"],
            country="BE",
            status=Status.EXECUTED if number < EXECUTED else Status.ONGOING,
            status_date=datetime.date(2020, 6, 1),
        )
        for number in range(TOTAL)
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(recommendation=row, status=row.status, date=row.status_date) for row in rows
    )


@pytest.mark.parametrize(
    ("language", "total", "executed_of_total", "bar", "percent"),
    [
        ("en", "1,250", "250 of 1,250 executed", 'aria-label="Implemented: 20%"', "20%"),
        ("nl", "1.250", "250 van 1.250 uitgevoerd", 'aria-label="Uitvoeringspercentage: 20%"', "20%"),
        # French groups with a no-break space and sets one before ":" and "%".
        (
            "fr",
            "1\u00a0250",
            "250 sur 1\u00a0250 exécutées",
            'aria-label="Taux de mise en œuvre\u00a0: 20\u00a0%"',
            "20\u00a0%",
        ),
    ],
)
def test_the_overview_writes_each_row_in_the_readers_format(
    client, many, language, total, executed_of_total, bar, percent
):
    client.cookies["django_language"] = language
    page = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    theme_row = page[page.index('<a href="/themes/consolidating-my-activity/">') :]
    theme_row = theme_row[: theme_row.index("</tr>")]
    # Name, implementation and its bar, the total, then executed and ongoing among the statuses.
    assert f'<span class="implementation__value">{percent}</span>' in theme_row
    assert bar in theme_row
    assert (
        f'<td class="number">{total}</td><td class="number">250</td><td class="number">1.000</td>'.replace(
            "1.000", {"en": "1,000", "nl": "1.000", "fr": "1\u00a0000"}[language]
        )
        in theme_row
    )
    card = page[page.index('<a class="figure-card__name" href="/themes/consolidating-my-activity/">') :]
    card = card[: card.index("</li>")]
    assert f'<span class="figure-card__percent">{percent}</span> {executed_of_total}</p>' in card
    assert bar in card
    year = page[page.index('<time datetime="2020-12-31">2020</time>') :]
    assert year.startswith(f'<time datetime="2020-12-31">2020</time></th><td class="number">{total}</td>')
    assert f'<span class="year-figures__year">2020</span><span class="year-figures__percent">{percent}</span>' in page


def test_a_name_with_markup_is_written_as_text(client, many, process):
    process["activity"].name = 'Work & <b>"income"</b>'
    process["activity"].save()
    page = client.get("/").content.decode()
    assert "Work &amp; &lt;b&gt;&quot;income&quot;&lt;/b&gt;" in page
    assert "<b>" not in page
