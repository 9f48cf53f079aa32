"""Words shown to clients that more than one form, service or email uses.

Services raise them and forms show them; both import them from here, so a service never
depends on a form module. They are lazy: each reads in the language of the page or email
it ends up in.
"""

from django.utils.translation import gettext_lazy as _

# Shown on the form, never as a 500 or a silent drop: licensing, not preference.
OUTSIDE_CALIFORNIA = _(
    "Our therapists are licensed in California, so online groups and sessions are only "
    "open to people who are in California at the time. A therapist licensed where you live "
    "can help."
)
