"""The demo is built by asking each app for its part, and its command never overwrites one."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail import hooks

from accounts.demo import DEMO_MEMBERS
from accounts.models import User
from comments.models import Comment
from components.models import TrafficAlert
from herald.demo import demo_extras_run
from wire.models import WireStory

pytestmark = pytest.mark.django_db


def test_the_built_network_holds_every_apps_part():
    usernames = set(User.objects.values_list("username", flat=True))
    assert {username for username, _name, _bio in DEMO_MEMBERS} <= usernames
    assert Comment.objects.exists()  # comments' builder, run through the hook
    assert TrafficAlert.objects.exists()  # components' builder
    assert WireStory.objects.exists()  # wire's builder


def test_every_registered_builder_is_asked_with_the_seed(monkeypatch):
    asked = []
    builders = [
        lambda *, seed: asked.append(("a", seed)),
        lambda *, seed: asked.append(("b", seed)),
    ]
    monkeypatch.setattr(
        hooks, "get_hooks", lambda name: builders if name == "herald_demo_builders" else []
    )
    demo_extras_run(seed=42)
    assert asked == [("a", 42), ("b", 42)]


def test_demo_command_refuses_to_overwrite_and_skips_with_if_empty(capsys):
    with pytest.raises(CommandError, match="already holds a network"):
        call_command("demo_content", "--articles", "5")
    call_command("demo_content", "--if-empty")
    assert "already exists" in capsys.readouterr().out
