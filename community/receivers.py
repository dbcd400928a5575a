"""What follows an editor's decision: the contributor is told, caches are purged, and a
picture chosen for News in Pictures joins that gallery."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Site, WorkflowState

from delivery.purge import purge_after_commit
from delivery.sites import absolute_url
from notifications.services import notify

from .keys import album_keys, picture_change_keys, story_change_keys
from .models import ReaderPicture, ReaderStoryPage
from .selectors import take_down_reason
from .services import contribution_media_purge, picture_from_news_gallery, picture_to_news_gallery


def _mine_url(site):
    site = site or Site.objects.filter(is_default_site=True).first()
    return absolute_url(site, "/mynews/mine/") if site else "/mynews/mine/"


def _contribution(workflow_state):
    item = workflow_state.content_object
    item = getattr(item, "specific", item)
    return item if isinstance(item, ReaderStoryPage | ReaderPicture) else None


def _describe(item):
    if isinstance(item, ReaderStoryPage):
        return f"Your story “{item.title}”", item.get_site()
    return f"Your picture “{item.caption[:60]}”", item.site


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    item = _contribution(instance)
    if item is not None and item.contributor:
        what, site = _describe(item)
        text = f"{what} reached the editors."
        notify(item.contributor, text, _mine_url(site), always_email=True)


def on_revision_saved(sender, instance, created=False, raw=False, **kwargs):
    """The first editor's revision of a submitted contribution: it is now "In review"."""
    if not created or raw or instance.user_id is None:
        return
    contribution_types = ContentType.objects.get_for_models(ReaderStoryPage, ReaderPicture)
    if instance.content_type_id not in {t.pk for t in contribution_types.values()}:
        return  # every other page and snippet: no query spent on them
    item = instance.content_object
    item = getattr(item, "specific", item)
    if not isinstance(item, ReaderStoryPage | ReaderPicture) or not item.contributor_id:
        return
    if instance.user_id == item.contributor_id:
        return
    state = item.workflow_states.filter(status=WorkflowState.STATUS_IN_PROGRESS).first()
    if state is None:
        return
    earlier = (
        type(instance)
        .objects.filter(
            content_type_id=instance.content_type_id,
            object_id=instance.object_id,
            created_at__gte=state.created_at,
        )
        .exclude(pk=instance.pk)
        .exclude(user_id__in=[None, item.contributor_id])
    )
    if not earlier.exists():
        what, site = _describe(item)
        text = f"{what} is in review: an editor is working on it."
        notify(item.contributor, text, _mine_url(site), always_email=True)


def on_task_rejected(sender, instance, user=None, **kwargs):
    item = _contribution(instance.workflow_state)
    if item is not None and item.contributor:
        what, site = _describe(item)
        text = f"{what} was not accepted: {instance.comment}"
        notify(item.contributor, text, _mine_url(site), always_email=True)


def on_album_changed(sender, instance, **kwargs):
    """An album renamed or removed (its page, and each of its pictures' pages, name it)."""
    purge_after_commit(album_keys(instance))


def on_story_published(sender, instance, **kwargs):
    purge_after_commit(story_change_keys(instance))
    if instance.contributor:
        url = instance.full_url or ""
        text = f"Your story “{instance.title}” is published."
        notify(instance.contributor, text, url, always_email=True)


def _taken_down(what, item):
    reason = take_down_reason(item)
    return f"{what} was taken down by the editors" + (f": {reason}" if reason else ".")


def on_story_unpublished(sender, instance, **kwargs):
    purge_after_commit(story_change_keys(instance))
    contribution_media_purge(instance)
    if instance.contributor:
        notify(
            instance.contributor,
            _taken_down(f"Your story “{instance.title}”", instance),
            _mine_url(instance.get_site()),
            always_email=True,
        )


def on_picture_published(sender, instance, **kwargs):
    if not instance.live:
        return  # scheduled for later: it is announced when it goes live
    purge_after_commit(picture_change_keys(instance))
    picture_to_news_gallery(instance)
    if instance.contributor:
        site = instance.site
        url = absolute_url(site, instance.get_absolute_url()) if site else ""
        text = f"Your picture “{instance.caption[:60]}” is published."
        notify(instance.contributor, text, url, always_email=True)


def on_picture_unpublished(sender, instance, **kwargs):
    purge_after_commit(picture_change_keys(instance))
    contribution_media_purge(instance)
    picture_from_news_gallery(instance)
    if instance.contributor:
        notify(
            instance.contributor,
            _taken_down(f"Your picture “{instance.caption[:60]}”", instance),
            _mine_url(instance.site),
            always_email=True,
        )


def on_story_deleted(sender, instance, **kwargs):
    if instance.live:
        purge_after_commit(story_change_keys(instance))


def on_picture_deleted(sender, instance, **kwargs):
    if instance.live:
        purge_after_commit(picture_change_keys(instance))
        picture_from_news_gallery(instance)
