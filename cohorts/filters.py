"""The catalogue's filters: each one narrows the list, and any combination of them works.

A plain Django form and one `filter()`: django-filter built a form class, its fields and
their choice iterators for every request and deep-copied its filters, which cost the
catalogue more than writing the fields out. A choice that is not offered is an error on
its field, shown beside it, and that filter is left out; the others still apply.
"""

from __future__ import annotations

import copy
from datetime import date, datetime, time

from django import forms
from django.db.models import Q
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from groups_site.timezones import PACIFIC, Weekday

from .enrolling import enrolling_q
from .models import Office, TherapyGroup
from .places import has_room_q
from .querysets import CohortQuerySet

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


class _Choice(forms.ChoiceField):
    """An optional drop-down whose first choice, "", is `empty_label`.

    Django copies each field, its widget and the widget's choices for each form, and
    normalizes the choices again on the way; these choices are a list of pairs that is
    never changed in place, so the copies share it."""

    def __init__(self, *, label, empty_label, choices):
        super().__init__(label=label, required=False, widget=SELECT)
        self._choices = self.widget.choices = [("", empty_label), *choices]

    def __deepcopy__(self, memo):
        result = copy.copy(self)
        memo[id(self)] = result
        result.widget = copy.copy(self.widget)
        result.widget.attrs = self.widget.attrs.copy()
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result

    def set_choices(self, choices: list[tuple]) -> None:
        self._choices = self.widget._choices = choices


class _Offices(forms.models.ModelChoiceIterator):
    """The (few) rows read in one plain query: Django's iterator() reads them through a
    server-side cursor, which on PostgreSQL is three round trips (DECLARE, FETCH, CLOSE).
    Each choice is a pair of strings (the field validates against its queryset, not these),
    which the page writes as they are."""

    def __iter__(self):
        field = self.field
        yield ("", str(field.empty_label))
        for row in self.queryset:
            yield (field.prepare_value(row), field.label_from_instance(row))


class _OfficeChoice(forms.ModelChoiceField):
    iterator = _Offices


class CatalogueForm(forms.Form):
    focus = _Choice(
        label=_("Group for"), empty_label=_("Anyone"), choices=TherapyGroup.Focus.choices
    )
    format = _Choice(
        label=_("Meets"),
        empty_label=_("Online or in person"),
        choices=TherapyGroup.Format.choices,
    )
    office = _OfficeChoice(
        label=_("Office"),
        queryset=Office.objects.only("slug", "name"),  # the choices need no more
        to_field_name="slug",
        empty_label=_("Any office"),
        required=False,
        widget=SELECT,
    )
    # The language the group meets in, whatever language the visitor reads the site in.
    sessions_in = _Choice(
        label=_("Sessions in"),
        empty_label=pgettext_lazy("sessions language", "English or Spanish"),
        choices=[
            (TherapyGroup.Language.ENGLISH, pgettext_lazy("sessions language", "English")),
            (TherapyGroup.Language.SPANISH, pgettext_lazy("sessions language", "Spanish")),
        ],
    )
    weekday = _Choice(label=_("Day"), empty_label=_("Any day"), choices=Weekday.choices)
    time_of_day = _Choice(
        label=_("Time of day"),
        empty_label=_("Any time"),
        choices=[
            ("daytime", _("Daytime (before 5 pm)")),
            ("evening", _("Evening (5 pm or later)")),
        ],
    )
    month = _Choice(label=_("Can start in"), empty_label=_("Any month"), choices=[])
    open_seats = forms.NullBooleanField(
        label=_("Only groups with open seats"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, data=None, *, today: date):
        super().__init__(data)
        # Labels in the visitor's language once, rather than at every use of a lazy one, and
        # the values as the strings they are written and compared as (the weekdays are
        # numbers, which the page would localize one by one).
        for name, field in self.fields.items():
            field.label = str(field.label)
            if isinstance(field, _Choice):
                labels = [(str(value), str(label)) for value, label in field.choices]
                if name == "month":
                    labels += month_choices(today)
                field.set_choices(labels)


class CatalogueFilter:
    """The catalogue's form and the cohorts it selects from `queryset`."""

    def __init__(self, data, *, queryset: CohortQuerySet, now: datetime):
        self.form = CatalogueForm(data, today=now.astimezone(PACIFIC).date())
        self.queryset = queryset
        self.now = now

    @property
    def qs(self) -> CohortQuerySet:
        if not self.form.is_bound:
            return self.queryset
        self.form.is_valid()  # a field with an error is left out of cleaned_data
        return self.queryset.filter(*self.conditions(self.form.cleaned_data))

    def conditions(self, chosen: dict) -> list[Q]:
        lookups = {
            "focus": "group__focus",
            "format": "group__format",
            "office": "group__office",
            "sessions_in": "group__sessions_language",
            "weekday": "weekday",
        }
        wanted = [
            Q(**{lookup: chosen[name]})
            for name, lookup in lookups.items()
            if chosen.get(name) not in (None, "")
        ]
        time_of_day = chosen.get("time_of_day")
        if time_of_day == "evening":
            wanted.append(Q(start_time__gte=EVENING_FROM))
        elif time_of_day:
            wanted.append(Q(start_time__lt=EVENING_FROM))
        if chosen.get("month"):
            # "Can start in": the next time a newcomer may join (first meeting or entry point).
            year, month = (int(part) for part in chosen["month"].split("-"))
            start = datetime(year, month, 1, tzinfo=PACIFIC)
            end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=PACIFIC)
            wanted.append(Q(next_start__gte=start, next_start__lt=end))
        if chosen.get("open_seats"):
            wanted += [enrolling_q(self.now), has_room_q()]
        return wanted
