import pytest


@pytest.fixture(autouse=True)
def no_demo_wire(db):
    """Start from an empty Wire list (the demo adds a few sample items)."""
    from wire.models import WireStory

    WireStory.objects.all().delete()
