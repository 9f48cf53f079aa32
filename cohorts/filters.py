"""The catalogue's filters: each one narrows the list, and any combination of them works."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from functools import partial

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from groups_site.timezones import PACIFIC, Weekday

from .models import Cohort, Office, TherapyGroup

EVENING_FROM = time(17, 0)
SELECT = forms.Select(attrs={"class": "form-select"})


def month_choices(today: date, count: int = 12) -> list[tuple[str, str]]:
    choices = []
    year, month = today.year, today.month
    month_fmt = gettext("F Y")
    for _month in range(count):
        label = date_format(date(year, month, 1), month_fmt)
        choices.append((f"{year}-{month:02d}", label))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return choices


def _fixed(choices: list[tuple]) -> Callable[[], list[tuple]]:
    """Choices as a function that returns them. A FilterSet deep-copies its filters and
    their form fields for every request, choice by choice when the choices are a list; a
    function is copied as it is. Together that was a sixth of the catalogue's time."""
    return lambda: choices


class _Choices(django_filters.fields.ModelChoiceIterator):
    """The (few) rows read in one plain query: Django's iterator() reads them through a
    server-side cursor, which on PostgreSQL is three round trips (DECLARE, FETCH, CLOSE)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.queryset:
            yield self.choice(row)


class _ModelChoiceField(django_filters.fields.ModelChoiceField):
    iterator = _Choices


class _ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _ModelChoiceField


class CatalogueFilter(django_filters.FilterSet):
    focus = django_filters.ChoiceFilter(
        label=_("Group for"),
        field_name="group__focus",
        choices=_fixed(TherapyGroup.Focus.choices),
        empty_label=_("Anyone"),
        widget=SELECT,
    )
    format = django_filters.ChoiceFilter(
        label=_("Meets"),
        field_name="group__format",
        choices=_fixed(TherapyGroup.Format.choices),
        empty_label=_("Online or in person"),
        widget=SELECT,
    )
    office = _ModelChoiceFilter(
        label=_("Office"),
        field_name="group__office",
        queryset=Office.objects.only("slug", "name"),  # the choices need no more
        to_field_name="slug",
        empty_label=_("Any office"),
        widget=SELECT,
    )
    # The language the group meets in, whatever language the visitor reads the site in.
    sessions_in = django_filters.ChoiceFilter(
        label=_("Sessions in"),
        field_name="group__sessions_language",
        choices=_fixed(
            [
                (TherapyGroup.Language.ENGLISH, pgettext_lazy("sessions language", "English")),
                (TherapyGroup.Language.SPANISH, pgettext_lazy("sessions language", "Spanish")),
            ]
        ),
        empty_label=pgettext_lazy("sessions language", "English or Spanish"),
        widget=SELECT,
    )
    weekday = django_filters.ChoiceFilter(
        label=_("Day"),
        choices=_fixed(Weekday.choices),
        empty_label=_("Any day"),
        widget=SELECT,
    )
    time_of_day = django_filters.ChoiceFilter(
        label=_("Time of day"),
        choices=_fixed(
            [("daytime", _("Daytime (before 5 pm)")), ("evening", _("Evening (5 pm or later)"))]
        ),
        empty_label=_("Any time"),
        method="filter_time_of_day",
        widget=SELECT,
    )
    month = django_filters.ChoiceFilter(
        label=_("Can start in"),
        choices=[],
        empty_label=_("Any month"),
        method="filter_month",
        widget=SELECT,
    )
    open_seats = django_filters.BooleanFilter(
        label=_("Only groups with open seats"),
        method="filter_open_seats",
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    class Meta:
        model = Cohort
        fields: list[str] = []

    def __init__(self, *args, now: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now
        self.filters["month"].extra["choices"] = partial(
            month_choices, now.astimezone(PACIFIC).date()
        )

    def filter_time_of_day(self, queryset, name, value):
        if value == "evening":
            return queryset.filter(start_time__gte=EVENING_FROM)
        return queryset.filter(start_time__lt=EVENING_FROM)

    def filter_month(self, queryset, name, value):
        # "Can start in": the next time a newcomer may join (first meeting or entry point).
        year, month = (int(part) for part in value.split("-"))
        start = datetime(year, month, 1, tzinfo=PACIFIC)
        end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=PACIFIC)
        return queryset.filter(next_start__gte=start, next_start__lt=end)

    def filter_open_seats(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.enrolling(self.now).filter(Q(seats_taken__lt=F("capacity")))
