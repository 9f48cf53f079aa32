"""A cohort card's words, said in Python once per card; and the group page's meetings.

The card used to be a template of a dozen `{% blocktranslate %}`, `|date` and `|time` tags per
cohort; each tag costs more to render than the sentence costs to build here, and a list
page shows many cards. The msgids are the ones the template used, so the Spanish catalogue
keeps its translations. The sentences are plain text, each escaped whole into its `<li>`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.dateformat import time_format
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, gettext_noop, ngettext, pgettext

from groups_site.timezones import WEEKDAY_PLURALS, Weekday

from .models import Cohort, Session, TherapyGroup

# date_format and time_format are dateformat's: `formats.date_format` with a format string
# (not a setting's name) is the same call after a lookup, and the cards make many.

if TYPE_CHECKING:
    from .selectors import Seats

# Said once per list (see _Wording.say).
ONLINE = gettext_noop("Online by video, anywhere in California")
IN_PERSON = gettext_noop("In person at our %(city)s office")
IN_SPANISH = gettext_noop("Sessions in Spanish")
IN_ENGLISH = gettext_noop("Sessions in English")
WEEKLY_AT = gettext_noop("%(weekdays)s, %(time)s Pacific time")
ONGOING_NEXT = gettext_noop("Ongoing weekly group; next start %(day)s")
ONGOING = gettext_noop("Ongoing weekly group")
WITH_TWO = gettext_noop("With %(lead)s, %(lead_credentials)s and %(co)s, %(co_credentials)s")
WITH_ONE = gettext_noop("With %(lead)s, %(lead_credentials)s")


@dataclass(frozen=True)
class CohortCard:
    """One cohort in a list (home, catalogue, a therapist's page)."""

    title: str
    url: str
    kind: str  # "Men's group"
    topic: str
    facts: SafeString  # the <li> items, each sentence escaped
    seats: Seats

    @property
    def html(self) -> SafeString:
        """The card's column (`cohorts/_cohort_cards.html` writes one per card): a dozen
        `{{ }}` per card cost a list more than this string."""
        esc = html.escape
        return mark_safe(  # noqa: S308 - every value escaped, facts escaped by _items
            '\n  <div class="col"><article class="card cohort-card h-100">\n'
            '  <div class="card-body">\n'
            f'    <h3 class="card-title h5"><a href="{esc(self.url)}">{esc(self.title)}</a></h3>\n'
            f'    <p class="text-body-secondary mb-2">{esc(self.kind)} &middot; {esc(self.topic)}'
            "</p>\n"
            f'    <ul class="facts">{self.facts}\n'
            "    </ul>\n"
            f'    <span class="seats seats-{esc(self.seats.state)}">'
            f"{esc(self.seats.label)}</span>\n"
            "  </div>\n"
            "</article></div>\n"
        )


def cohort_cards(cohorts: list[Cohort]) -> list[CohortCard]:
    """Cards for rows of `cohorts.selectors.with_seats` read with `card_names`
    (`CohortQuerySet.with_card_names_sql`), in the active language."""
    return _Wording().cards(cohorts)


class _Wording:
    """The words of one list of cards. Cards repeat groups, days and times, so each is
    worded once per list (per request, in its language: nothing outlives the list), and
    each sentence is escaped whole with `html.escape`, as `{{ }}` would."""

    def __init__(self) -> None:
        self.language = get_language()
        self.time_fmt = pgettext("time format", "g:i A")
        self.day_fmt = pgettext("date format", "D, M j")
        self.time = cache(self._time)
        self.date = cache(self._date)
        self.weekdays = cache(lambda weekday: capfirst(str(WEEKDAY_PLURALS[Weekday(weekday)])))
        # get_focus_display() hashes every (lazy) label of the choices on each call.
        self.kind = cache(lambda focus: str(TherapyGroup.Focus(focus).label))
        self.say = cache(gettext)
        self.sessions = cache(self._sessions)
        self.groups: dict[int, tuple[str, str, str, str, str]] = {}
        # Every group's address is this one with its own slug: one reverse() per list.
        self.group_url = reverse("cohorts:group", kwargs={"slug": "slug"}).removesuffix("slug/")

    def _time(self, value: time) -> str:
        return time_format(value, self.time_fmt)

    def day(self, value: date | datetime | None) -> str:
        """`{{ value|date:fmt }}`: in the current time zone, empty for no value."""
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = timezone.localtime(value).date()
        return self.date(value)

    def _date(self, value: date) -> str:
        return date_format(value, self.day_fmt)

    def _sessions(self, count: int, started: bool) -> str:
        if started:
            return ngettext(
                "%(counter)s weekly session, started %(day)s",
                "%(counter)s weekly sessions, started %(day)s",
                count,
            )
        return ngettext(
            "%(counter)s weekly session, starting %(day)s",
            "%(counter)s weekly sessions, starting %(day)s",
            count,
        )

    def group(self, cohort: Cohort) -> tuple[str, str, str, str, str]:
        """The cohort's group's (title, url, kind, topic, the <li> items on where and in
        what language)."""
        group = cohort.group
        words = self.groups.get(group.pk)
        if words is None:
            say = self.say
            facts = [say(ONLINE) if group.is_online else say(IN_PERSON) % cohort.card_names]
            if group.sessions_language != self.language:
                facts.append(say(IN_SPANISH) if group.is_held_in_spanish else say(IN_ENGLISH))
            words = self.groups[group.pk] = (
                group.name,
                f"{self.group_url}{group.slug}/",
                self.kind(group.focus),
                group.topic,
                _items(facts),
            )
        return words

    def cards(self, cohorts: list[Cohort]) -> list[CohortCard]:
        cards = []
        for cohort in cohorts:
            title, url, kind, topic, group_items = self.group(cohort)
            cards.append(
                CohortCard(
                    title=title,
                    url=f"{url}#cohort-{cohort.pk}",
                    kind=kind,
                    topic=topic,
                    facts=mark_safe(group_items + _items(self.facts(cohort))),  # noqa: S308 - escaped by _items
                    seats=cohort.seats,
                )
            )
        return cards

    def facts(self, cohort: Cohort) -> list[str]:
        """The cohort's own sentences, after its group's."""
        say = self.say
        facts = [
            say(WEEKLY_AT)
            % {"weekdays": self.weekdays(cohort.weekday), "time": self.time(cohort.start_time)}
        ]
        if cohort.is_open_group:
            facts.append(
                say(ONGOING_NEXT) % {"day": self.day(cohort.next_start)}
                if cohort.next_start
                else say(ONGOING)
            )
        else:
            count = cohort.session_count
            facts.append(
                self.sessions(count, cohort.has_started)
                % {"counter": count, "day": self.day(cohort.first_start)}
            )
        names = cohort.card_names
        facts.append(say(WITH_ONE if names["co"] is None else WITH_TWO) % names)
        return facts


def _items(sentences: list[str]) -> str:
    """Plain sentences as `<li>` items, each escaped."""
    return "".join(f"\n      <li>{html.escape(sentence)}</li>" for sentence in sentences)


def meeting_items(sessions: list[Session]) -> SafeString:
    """The group page's list of a cohort's coming meetings, as `<li>` items: one per
    meeting, a skipped week said as such. Written here rather than with two `|date`
    filters and a translation tag per meeting; a cohort meets at the same time each week,
    so each end time is worded once."""
    when_fmt = pgettext("date format", "D, M j, g:i A")
    time_fmt = pgettext("time format", "g:i A")
    day_fmt = pgettext("date format", "D, M j")
    zone = html.escape(pgettext("Pacific time, after a time of day", "PT"))
    moved = html.escape(" " + gettext("(moved)"))
    no_meeting = gettext("%(day)s: no meeting this week")
    end_time = cache(lambda value: html.escape(time_format(value, time_fmt)))
    items = []
    for session in sessions:
        if session.is_held:
            starts = html.escape(date_format(timezone.localtime(session.starts_at), when_fmt))
            ends = end_time(timezone.localtime(session.ends_at).time())
            items.append(
                f"<li>{starts}&ndash;{ends} {zone}{moved if session.is_moved else ''}</li>"
            )
        else:
            day = date_format(session.scheduled_date, day_fmt)
            items.append(f'<li class="skipped">{html.escape(no_meeting % {"day": day})}</li>')
    return mark_safe("\n      ".join(items))  # noqa: S308 - every value escaped


def entry_point_items(sessions: list[Session]) -> SafeString:
    """The group page's next entry points of an open group, as `<li>` items."""
    when_fmt = pgettext("date format", "l, F j, g:i A")
    sentence = gettext("%(when)s Pacific time")
    return format_html_join(
        "",
        "<li>{}</li>",
        (
            (sentence % {"when": date_format(timezone.localtime(s.starts_at), when_fmt)},)
            for s in sessions
        ),
    )


@dataclass(frozen=True)
class CohortWords:
    """The group page's sentences about one cohort, each value escaped into its sentence
    as `{% blocktranslate %}` did (the sentence itself is ours and is not)."""

    heading: SafeString
    facts: SafeString  # the <li> items
    starting: SafeString  # "for the group starting ..." (the sign-up link's hidden words)


def _say(sentence: str, **values) -> str:
    return sentence % {name: html.escape(str(value)) for name, value in values.items()}


def cohort_words(cohort: Cohort) -> CohortWords:
    """Words for a cohort read by `selectors.group_page` (with its therapists, seats and
    schedule): written here rather than by a dozen translation tags and date filters."""
    time_fmt = pgettext("time format", "g:i A")
    long_day_fmt = pgettext("date format", "l, F j")

    def day(value: datetime | None, fmt: str) -> str:
        return "" if value is None else date_format(timezone.localtime(value), fmt)

    start_time = time_format(cohort.start_time, time_fmt)
    if cohort.is_open_group:
        heading = _say(
            gettext("%(weekdays)s at %(time)s Pacific time"),
            weekdays=capfirst(cohort.weekdays),
            time=start_time,
        )
        meets = gettext("Meets weekly and keeps going; you can start at an entry point below.")
        starts = cohort.next_start
    else:
        sentence = gettext("Started %(day)s") if cohort.has_started else gettext("Starts %(day)s")
        heading = _say(sentence, day=day(cohort.first_start, long_day_fmt))
        meets = _say(
            ngettext(
                "%(counter)s weekly session, %(weekdays)s at %(time)s Pacific time",
                "%(counter)s weekly sessions, %(weekdays)s at %(time)s Pacific time",
                cohort.session_count,
            ),
            counter=cohort.session_count,
            weekdays=cohort.weekdays,
            time=start_time,
        )
        starts = cohort.first_start
    lead, co = cohort.lead_therapist, cohort.co_therapist
    if co:
        led = _say(
            gettext("Led by %(lead)s, %(lead_credentials)s, with %(co)s, %(co_credentials)s"),
            lead=lead.display_name,
            lead_credentials=lead.credentials,
            co=co.display_name,
            co_credentials=co.credentials,
        )
    else:
        led = _say(
            gettext("Led by %(lead)s, %(lead_credentials)s"),
            lead=lead.display_name,
            lead_credentials=lead.credentials,
        )
    if cohort.group.focus == TherapyGroup.Focus.COUPLES:
        size = _say(gettext("Up to %(couples)s couples"), couples=round(cohort.capacity / 2))
    else:
        size = _say(gettext("Up to %(members)s members"), members=cohort.capacity)
    if cohort.price_text:
        size += f" &middot; {html.escape(cohort.price_text)}"
    deadline = ""
    if not cohort.is_open_group and cohort.enrollment_deadline:
        when = day(cohort.enrollment_deadline, pgettext("date format", "D, M j, g:i A"))
        deadline = (
            f"<li>{_say(gettext('Sign up by %(deadline)s Pacific time'), deadline=when)}</li>"
        )
    return CohortWords(
        heading=mark_safe(heading),  # noqa: S308 - values escaped by _say
        facts=mark_safe(  # noqa: S308 - values escaped by _say
            f"\n      <li>{meets}</li>\n      \n      <li>{led}</li>\n      <li>{size}</li>"
            f"\n      {deadline}"
        ),
        starting=mark_safe(  # noqa: S308 - values escaped by _say
            _say(
                gettext("for the group starting %(day)s"),
                day=day(starts, pgettext("date format", "F j")),
            )
        ),
    )
