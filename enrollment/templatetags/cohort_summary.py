"""`{% cohort_summary cohort meets start_at %}`: what a cohort is, in a few lines, on the
sign-up page and the pages after it (thank-you, closed, confirm, "my place").

Worded in Python: as a template of translation tags and a `|date` filter it cost more to
render than the sentences cost to build here. The msgids are the ones the template used, so
the Spanish catalogue keeps its translations, and the markup is the template's, byte for byte.
"""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from cohorts.cards import WITH_ONE, WITH_TWO
from cohorts.models import Cohort

register = template.Library()


@register.simple_tag
def cohort_summary(cohort: Cohort, meets: str, start_at: datetime | None = None) -> SafeString:
    """`start_at`: where a new member starts (None or '': not said). Every value from the
    database is escaped; the sentences' own markup (<strong>) is the catalogue's."""
    group = cohort.group
    facts = [gettext("Meets %(meets)s") % {"meets": esc(meets)}]
    if start_at:
        when = esc(
            date_format(timezone.localtime(start_at), pgettext("date format", "l, F j, g:i A"))
        )
        if cohort.is_open_group:
            sentence = gettext("You would start on <strong>%(when)s</strong> Pacific time")
        else:
            sentence = gettext("First meeting: <strong>%(when)s</strong> Pacific time")
        facts.append(sentence % {"when": when})
    else:
        facts.append("")
    if not cohort.is_open_group:
        count = cohort.session_count
        facts.append(
            ngettext(
                "%(count)s weekly meeting of %(minutes)s minutes",
                "%(count)s weekly meetings of %(minutes)s minutes",
                count,
            )
            % {"count": count, "minutes": group.session_minutes}
        )
    else:
        facts.append("")
    lead, co = cohort.lead_therapist, cohort.co_therapist
    if co:
        facts.append(
            gettext(WITH_TWO)
            % {
                "lead": esc(lead.display_name),
                "lead_credentials": esc(lead.credentials),
                "co": esc(co.display_name),
                "co_credentials": esc(co.credentials),
            }
        )
    else:
        facts.append(
            gettext(WITH_ONE)
            % {"lead": esc(lead.display_name), "lead_credentials": esc(lead.credentials)}
        )
    price = cohort.price_text
    facts.append(esc(price) if price else "")
    # The template wrote an empty line where a fact was left out: kept, so pages are unchanged.
    items = "\n      ".join(f"<li>{fact}</li>" if fact else "" for fact in facts)
    return mark_safe(  # noqa: S308 - every value above went through esc()
        '\n\n<div class="card mb-4 signup-summary">\n  <div class="card-body">\n'
        f'    <p class="h5 mb-1"><a href="{esc(group.get_absolute_url())}">{esc(group.name)}</a>'
        f'</p>\n    <ul class="facts mb-0">\n      {items}\n    </ul>\n  </div>\n</div>'
    )
