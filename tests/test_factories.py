"""Every model has a factory, and each one builds a valid row on its own."""

import pytest
from django.apps import apps
from simple_history.models import HistoricalChanges

from tests import factories

pytestmark = pytest.mark.django_db

OUR_APPS = ("cohorts", "clients", "enrollment", "consultations", "notifications", "roster")


def factory_for(model):
    for name in factories.__all__ if hasattr(factories, "__all__") else dir(factories):
        candidate = getattr(factories, name)
        if getattr(getattr(candidate, "_meta", None), "model", None) is model:
            return candidate
    return None


def our_models():
    return [
        m
        for label in OUR_APPS
        for m in apps.get_app_config(label).get_models()
        # History rows are written by django-simple-history on each save, never by hand.
        if not m._meta.proxy and not issubclass(m, HistoricalChanges)
    ]


@pytest.mark.parametrize("model", our_models(), ids=lambda m: m.__name__)
def test_every_model_has_a_factory_that_saves_a_valid_row(model):
    factory = factory_for(model)
    assert factory is not None, f"no factory for {model.__name__}"

    row = factory()

    row.full_clean()
    assert model.objects.filter(pk=row.pk).exists()
