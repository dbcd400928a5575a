"""The contributor's published stories and pictures on their public profile page (the
``herald_profile_sections`` hook, registered in wagtail_hooks.py)."""

from .models import ReaderStoryPage
from .selectors import pictures_published


def stories_section(member):
    stories = list(
        ReaderStoryPage.objects.live()
        .filter(contributor=member)
        .order_by("-first_published_at")[:10]
    )
    if not stories:
        return None
    return {
        "heading": "Reader stories",
        "template": "community/includes/profile_stories.html",
        "stories": stories,
    }


def pictures_section(member):
    pictures = list(pictures_published(contributor=member)[:12])
    if not pictures:
        return None
    return {
        "heading": "Pictures",
        "template": "community/includes/profile_pictures.html",
        "pictures": pictures,
    }
