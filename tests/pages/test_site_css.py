"""The form colours in static/css/site.css pass WCAG contrast on the page's paper colour."""

import re
from pathlib import Path

from django.conf import settings

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
PAGE = "#fbfaf7"
FIELD = "#ffffff"


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def variable(name: str) -> str:
    return re.search(rf"{name}:\s*(#[0-9a-fA-F]{{6}})", CSS).group(1)


def test_the_contrast_helper_matches_the_known_failure():
    assert round(contrast("#dc3545", PAGE), 2) == 4.34  # Bootstrap's red: too faint


def test_error_text_is_at_least_4_5_to_1():
    error = variable("--site-error")
    assert contrast(error, PAGE) >= 4.5
    assert "--bs-form-invalid-color: var(--site-error)" in CSS
    assert re.search(r"\.invalid-feedback[^{]*\{[^}]*var\(--site-error\)", CSS)


def test_field_radio_and_checkbox_borders_are_at_least_3_to_1():
    border = variable("--site-field-border")
    assert contrast(border, PAGE) >= 3
    assert contrast(border, FIELD) >= 3
    assert re.search(
        r"\.form-control, \.form-select, \.form-check-input \{ border-color: "
        r"var\(--site-field-border\)",
        CSS,
    )


def test_checked_options_use_the_brand_colour():
    assert re.search(r"\.form-check-input:checked \{[^}]*background-color: var\(--site-teal\)", CSS)
    assert contrast(variable("--site-teal"), PAGE) >= 3
