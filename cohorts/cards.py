"""A cohort card's words, said in Python once per card.

The card used to be a template of a dozen `{% blocktranslate %}`, `|date` and `|time` tags per
cohort; each tag costs more to render than the sentence costs to build here, and a list
page shows many cards. The msgids are the ones the template used, so the Spanish catalogue
keeps its translations. The sentences are plain text: the template escapes each one whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, ngettext, pgettext

from .models import Cohort
from .selectors import Seats


@dataclass(frozen=True)
class CohortCard:
    """One cohort in a list (home, catalogue, a therapist's page)."""

    title: str
    url: str
    kind: str  # "Men's group"
    topic: str
    facts: tuple[str, ...]
    seats: Seats


def _say(message: str, **values: object) -> str:
    return message % values


def _day(value: datetime | None, fmt: str) -> str:
    """`{{ value|date:fmt }}`: in the current time zone, empty for no value."""
    return date_format(timezone.localtime(value), fmt) if value is not None else ""


def cohort_cards(cohorts: list[Cohort]) -> list[CohortCard]:
    """Cards for rows of `cohorts.selectors.with_seats`, in the active language."""
    time_fmt = pgettext("time format", "g:i A")
    day_fmt = pgettext("date format", "D, M j")
    language = get_language()
    return [
        _card(cohort, time_fmt=time_fmt, day_fmt=day_fmt, language=language) for cohort in cohorts
    ]


def _card(cohort: Cohort, *, time_fmt: str, day_fmt: str, language: str) -> CohortCard:
    group = cohort.group
    facts = [
        gettext("Online by video, anywhere in California")
        if group.is_online
        else _say(gettext("In person at our %(city)s office"), city=group.office.city)
    ]
    if group.sessions_language != language:
        facts.append(
            gettext("Sessions in Spanish")
            if group.is_held_in_spanish
            else gettext("Sessions in English")
        )
    facts.append(
        _say(
            gettext("%(weekdays)s, %(time)s Pacific time"),
            weekdays=capfirst(cohort.weekdays),
            time=time_format(cohort.start_time, time_fmt),
        )
    )
    if cohort.is_open_group:
        facts.append(
            _say(
                gettext("Ongoing weekly group; next start %(day)s"),
                day=_day(cohort.next_start, day_fmt),
            )
            if cohort.next_start
            else gettext("Ongoing weekly group")
        )
    else:
        count = cohort.session_count
        if cohort.has_started:
            sentence = ngettext(
                "%(counter)s weekly session, started %(day)s",
                "%(counter)s weekly sessions, started %(day)s",
                count,
            )
        else:
            sentence = ngettext(
                "%(counter)s weekly session, starting %(day)s",
                "%(counter)s weekly sessions, starting %(day)s",
                count,
            )
        facts.append(_say(sentence, counter=count, day=_day(cohort.first_start, day_fmt)))
    lead, co = cohort.lead_therapist, cohort.co_therapist
    if co:
        facts.append(
            _say(
                gettext("With %(lead)s, %(lead_credentials)s and %(co)s, %(co_credentials)s"),
                lead=lead.display_name,
                lead_credentials=lead.credentials,
                co=co.display_name,
                co_credentials=co.credentials,
            )
        )
    else:
        facts.append(
            _say(
                gettext("With %(lead)s, %(lead_credentials)s"),
                lead=lead.display_name,
                lead_credentials=lead.credentials,
            )
        )
    return CohortCard(
        title=group.name,
        url=cohort.get_absolute_url(),
        kind=group.get_focus_display(),
        topic=group.topic,
        facts=tuple(facts),
        seats=cohort.seats,
    )
