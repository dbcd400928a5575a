"""Every page type, in every state a page can be in, renders in the admin without a server error.

Editors preview a page from the editor (preview on edit), open a draft (view draft), review one
in a workflow (workflow preview), and readers see it live where it is live. A page that was
never published has no publication date; a restricted page must not leak; a scheduled one is
not live yet. One test walks every registered page type through every one of these states.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction, Workflow, get_page_models
from wagtail.test.utils.form_data import querydict_from_html

from community.services import mynews_index
from newsroom.models import HomePage

PAGE_TYPES = sorted(
    (model for model in get_page_models() if model is not Page),
    key=lambda model: model._meta.label,
)
STATES = [
    "never published",
    "draft of a live page",
    "in a workflow",
    "scheduled",
    "live",
    "unpublished",
    "restricted",
]


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("chief@example.com", "long-pass-phrase-1")


@pytest.fixture
def admin(superuser):
    client = Client(HTTP_HOST="localhost")
    client.force_login(superuser)
    return client


def _block_data(block, value, prefix):
    """The fields the editor's JavaScript would post for one block value (Wagtail renders
    StreamFields in the browser, so the edit page's HTML holds none of them)."""
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": len(value)}
        for i, child in enumerate(value):
            data |= {
                f"{prefix}-{i}-type": child.block_type,
                f"{prefix}-{i}-deleted": "",
                f"{prefix}-{i}-order": i,
                f"{prefix}-{i}-id": child.id or "",
            }
            data |= _block_data(child.block, child.value, f"{prefix}-{i}-value")
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child_block in block.child_blocks.items():
            data |= _block_data(child_block, value.get(name), f"{prefix}-{name}")
        return data
    state = block.get_form_state(value)
    if isinstance(state, dict):  # a chooser: the chosen object's id
        state = state.get("id", "")
    return {prefix: "" if state is None else state}


def _edit_form_data(page, html):
    data = querydict_from_html(html, form_id="page-edit-form")
    latest = page.get_latest_revision_as_object()
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField):
            for key in [key for key in data if key.startswith(f"{field.name}-")]:
                del data[key]
            stream = getattr(latest, field.name)
            for key, value in _block_data(field.stream_block, stream, field.name).items():
                data[key] = value
    return data


def _demo_page(model):
    """A live page of this type from the demo network (every type has one)."""
    page = model.objects.live().filter(url_path__startswith="/localhost/").order_by("pk").first()
    assert page is not None, f"the demo network has no live {model.__name__}"
    return page


def _fresh_copy(model, *, user):
    """A never-published copy of the demo page beside it (under the root for a home page)."""
    original = _demo_page(model)
    parent = original.get_parent()
    copy = original.copy(
        to=parent,
        update_attrs={"slug": f"{original.slug}-copy", "title": f"{original.title} (copy)"},
        keep_live=False,
        user=user,
        log_action=None,
    )
    copy = copy.specific
    assert copy.first_published_at is None and not copy.live
    return copy


def _in_state(model, state, *, user):
    """(page, task or None) of this type in this state."""
    if state == "live":
        return _demo_page(model), None
    if state == "draft of a live page":
        page = _demo_page(model)
        page.title = f"{page.title} (edited)"
        page.save_revision(user=user)
        return page, None
    page = _fresh_copy(model, user=user)
    if state == "never published":
        page.save_revision(user=user)
    elif state == "scheduled":
        page.go_live_at = timezone.now() + datetime.timedelta(days=1)
        page.save_revision(user=user).publish(user=user)
        page.refresh_from_db()
        assert not page.live and page.first_published_at is None
    elif state == "unpublished":
        page.save_revision(user=user).publish(user=user)
        page.refresh_from_db()
        page.unpublish(user=user)
        page.refresh_from_db()
        assert not page.live and page.first_published_at is not None
    elif state == "restricted":
        page.save_revision(user=user).publish(user=user)
        PageViewRestriction.objects.create(page=page, restriction_type="login")
        page.refresh_from_db()
    elif state == "in a workflow":
        page.save_revision(user=user)
        workflow = page.get_workflow() or Workflow.objects.filter(active=True).first()
        state_ = workflow.start(page, user)
        return page, state_.current_task_state.task
    return page, None


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_every_page_type_in_every_state_renders_in_the_admin(
    admin, superuser, news_site, model, state
):
    mynews_index(news_site)  # the reader-contributions workflow, as the site sets it up
    page, task = _in_state(model, state, user=superuser)

    edit = admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    form = _edit_form_data(page, edit.content.decode())
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    check = admin.post(preview_url, data=form)
    assert check.status_code == 200
    assert check.json() == {"is_valid": True, "is_available": True}
    # The front page shows the site's name and its stories, not its own title.
    shown = "" if model is HomePage else page.get_latest_revision_as_object().title
    preview = admin.get(preview_url)
    assert preview.status_code == 200
    assert shown in preview.content.decode()

    draft = admin.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert draft.status_code == 200
    assert shown in draft.content.decode()

    if task is not None:
        review = admin.get(reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task.pk]))
        assert review.status_code == 200
        assert shown in review.content.decode()

    page.refresh_from_db()
    url = page.get_url()
    if url is None:
        return  # a copy of a home page sits outside every site: it has no public address
    reader = Client(HTTP_HOST="localhost")
    served = reader.get(url)
    if state == "restricted":
        assert served.status_code == 302 and "/accounts/login/" in served["Location"]
        reader.force_login(superuser)
        served = reader.get(url)
        assert served.status_code == 200
        assert "private" in served["Cache-Control"] and "Surrogate-Key" not in served
    elif page.live:
        assert served.status_code == 200
        assert (page.title if model is not HomePage else "") in served.content.decode()
    else:
        assert served.status_code == 404
