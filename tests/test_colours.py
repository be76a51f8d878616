"""The status colours of the charts can be told from the page and from the empty track (WCAG 2.1, 1.4.11)."""

import re
from pathlib import Path

import pytest

from recommendations.models import Status

STYLES = (Path(__file__).resolve().parent.parent / "static" / "css" / "site.css").read_text()


def colour(name):
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}});", STYLES).group(1)


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
