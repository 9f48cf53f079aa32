import pytest

from tests.factories import CoordinatorFactory
from tests.factories.consultations import pacific

# Monday 2 March 2026, early morning Pacific: the week before clocks change.
NOW = pacific(2026, 3, 2, 6)
# Tuesday 3 March 2026, 10:00 PST.
TUESDAY_10 = pacific(2026, 3, 3, 10)


@pytest.fixture
def dana(db):
    return CoordinatorFactory(display_name="Dana")


@pytest.fixture
def frozen(time_machine):
    """The wall clock of the pages, pinned to NOW (services get now= directly)."""
    time_machine.move_to(NOW, tick=False)
    return NOW
