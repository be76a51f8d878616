"""The status colours of the charts can be told from the page and from the empty track (WCAG 2.1, 1.4.11)."""

import re
from pathlib import Path

import pytest

from recommendations.models import Status

CSS = Path(__file__).resolve().parent.parent / "static" / "css"
STYLES = (CSS / "site.css").read_text()
ADMIN_STYLES = (CSS / "admin.css").read_text()


def colour(name, styles=STYLES):
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}});", styles).group(1)


def luminance(hex_colour):
    """WCAG 2.1's relative luminance of an sRGB colour."""
    channels = [int(hex_colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula_gives_wcags_known_ratios():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("status", Status.values)
def test_every_status_colour_stands_out_against_the_page_and_the_empty_track(status):
    shade = colour(f"status-{status}")
    assert contrast(shade, colour("background")) >= 3, shade
    assert contrast(shade, colour("bar-empty")) >= 3, shade


@pytest.mark.parametrize(
    "text, background",
    [
        ("text", "background"),
        ("muted", "background"),
        ("muted", "surface"),
        ("link", "background"),
        ("background", "brand"),
    ],
)
def test_the_sites_text_colours_read_on_their_backgrounds(text, background):
    assert contrast(colour(text), colour(background)) >= 4.5, (text, background)


@pytest.mark.parametrize(
    "text, background",
    [
        ("header-color", "header-bg"),
        ("header-link-color", "header-bg"),
        ("header-branding-color", "header-bg"),
        ("breadcrumbs-fg", "breadcrumbs-bg"),
        ("breadcrumbs-link-fg", "breadcrumbs-bg"),
        ("primary-fg", "primary"),
        ("button-fg", "button-bg"),
        ("button-fg", "button-hover-bg"),
        ("button-fg", "default-button-bg"),
    ],
)
def test_the_administrations_colours_read_on_their_backgrounds(text, background):
    assert contrast(colour(text, ADMIN_STYLES), colour(background, ADMIN_STYLES)) >= 4.5, (text, background)


def test_the_administrations_links_read_on_its_light_page():
    assert contrast(colour("link-fg", ADMIN_STYLES), "#ffffff") >= 4.5
    assert contrast(colour("link-selected-fg", ADMIN_STYLES), colour("selected-row", ADMIN_STYLES)) >= 4.5
