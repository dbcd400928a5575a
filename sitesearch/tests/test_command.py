import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_the_command_says_when_herald_does_not_use_its_own_index(settings):
    settings.HERALD_SEARCH_POSTGRES_INDEX = False
    with pytest.raises(CommandError, match="Wagtail's search index serves it"):
        call_command("search_documents")
