import re
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Site

from accounts.selectors import suspension_active
from delivery.cache import cache_publicly
from newsroom.models import ArticlePage
from ratelimits.answers import too_many_requests

from . import selectors, services
from .forms import PictureForm, StoryForm
from .keys import album_keys, reader_picture_keys, user_galleries_keys
from .models import Album, ReaderPicture, ReaderStoryPage

GALLERY_PAGE_SIZE = 24


def _profile_needed(request):
    if not request.user.has_profile:
        return redirect(f"/accounts/profile/create/?{urlencode({'next': request.get_full_path()})}")
    return None


def _article(pk):
    """The live article a story answers; anything but a plain id means none."""
    if pk is None or not str(pk).isdigit() or not 0 < int(pk) < 2**31:
        return None
    return ArticlePage.objects.live().filter(pk=int(pk)).first()


def _story_initial(story):
    return {
        "title": "" if story.title == services.UNTITLED else story.title,
        "body": story.body_source,
        "place": story.place.label if story.place else "",
        "tags": ", ".join(t.name for t in story.tags.all()),
        "response_to": story.in_response_to_id,
        "key": story.submission_key,
    }


def _story_form_page(request, form, *, story=None, status=200, picture_errors=()):
    response_to = story.in_response_to if story else None
    if response_to is None and form.is_bound:
        response_to = _article(form.data.get("response_to"))
    elif response_to is None:
        response_to = _article(form.initial.get("response_to"))
    context = {
        "form": form,
        "story": story,
        "response_to": response_to,
        "picture_errors": picture_errors,
        "suspension": suspension_active(request.user),  # said before they start writing
        "min_words": settings.HERALD_MYNEWS_MIN_WORDS,
        "max_words": settings.HERALD_MYNEWS_MAX_WORDS,
    }
    return render(request, "community/story_form.html", context, status=status)


def _sent_already(request, key):
    """The same form again (a double click, a reload, six at once): it is with the editors, so
    the member lands on My submissions, showing the one story."""
    if services.story_sent_already(member=request.user, key=key):
        messages.info(request, "Your story is already with the editors.")
        return redirect("community:my_submissions")
    return None


@never_cache
@login_required
def story_submit(request, pk=None):
    """/mynews/submit/ and /mynews/mine/<pk>/: write, save as draft, send to the editors."""
    if (needed := _profile_needed(request)) is not None:
        return needed
    story = None
    if pk is not None:
        story = get_object_or_404(ReaderStoryPage, pk=pk, contributor=request.user)
    if request.method != "POST":
        if story is not None:
            form = StoryForm(initial=_story_initial(story))
        else:
            article = _article(request.GET.get("response_to"))
            form = StoryForm(
                initial={"key": uuid.uuid4(), "response_to": article.pk if article else None}
            )
        return _story_form_page(request, form, story=story)

    form = StoryForm(request.POST, request.FILES)
    if not form.is_valid():
        return _story_form_page(request, form, story=story, status=400)
    index_page = services.mynews_index(Site.find_for_request(request))
    if index_page is None:
        raise Http404("This site has no MyNews section.")
    data = form.cleaned_data
    if story is None and (sent := _sent_already(request, data["key"])):
        return sent
    draft = services.StoryDraft(
        key=story.submission_key if story else data["key"],
        title=data["title"],
        source=data["body"],
        place=data["place"],
        tags=data["tags"],
        response_to=_article(data["response_to"]),
        pictures=data["pictures"],
    )
    try:
        story, picture_errors = services.story_save(
            member=request.user, index_page=index_page, draft=draft, story=story
        )
    except services.RateLimited as error:  # the pictures; the text was saved as a draft
        form.add_error(None, f"{error} Your story is saved as a draft, without these pictures.")
        return too_many_requests(
            _story_form_page(request, form, story=error.story), error.retry_after
        )
    except (ValidationError, PermissionDenied) as error:
        if pk is None and (sent := _sent_already(request, data["key"])):
            return sent  # the same form sent at the same moment, and the other one won
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        return _story_form_page(request, form, story=story, status=400)
    if picture_errors:
        return _story_form_page(
            request, form, story=story, status=400, picture_errors=picture_errors
        )
    if request.POST.get("action") != "submit":
        messages.success(request, "Draft saved. Come back to it any time from My submissions.")
        return redirect("community:story_edit", pk=story.pk)
    try:
        services.story_submit(member=request.user, story=story)
    except services.RateLimited as error:
        form.add_error(None, str(error))
        return too_many_requests(_story_form_page(request, form, story=story), error.retry_after)
    except (ValidationError, PermissionDenied) as error:
        if pk is None and (sent := _sent_already(request, data["key"])):
            return sent  # the same form sent at the same moment, and the other one won
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        return _story_form_page(request, form, story=story, status=400)
    messages.success(
        request, "Thank you! Your story is with the editors; you will hear when they decide."
    )
    return redirect("community:my_submissions")


@require_POST
@login_required
def story_delete(request, pk):
    story = get_object_or_404(ReaderStoryPage, pk=pk, contributor=request.user)
    try:
        services.story_delete(member=request.user, story=story)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Story deleted.")
    return redirect("community:my_submissions")


@never_cache
@login_required
def my_submissions(request):
    if (needed := _profile_needed(request)) is not None:
        return needed
    standings = selectors.submissions_of(request.user)
    return render(
        request,
        "community/my_submissions.html",
        {
            "stories": [s for s in standings if s.kind == "story"],
            "pictures": [s for s in standings if s.kind == "picture"],
        },
    )


def _submission_key(request) -> str:
    key = request.POST.get("key", "")
    return key if re.fullmatch(r"[0-9a-f]{32}", key) else uuid.uuid4().hex


@never_cache
@login_required
def picture_submit(request):
    """/galleries/submit/: one or more pictures; each file is checked and kept on its own."""
    if (needed := _profile_needed(request)) is not None:
        return needed
    form = PictureForm(request.POST or None, request.FILES or None)
    status, file_errors, limited = 200, [], None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                status, file_errors = _pictures_store(request, form)
            except services.RateLimited as error:  # a PermissionDenied too: caught first
                form.add_error(None, str(error))
                status, limited = 400, error
            except PermissionDenied as error:  # a suspended member
                form.add_error(None, str(error))
                status = 403
            if status == 302:
                return redirect("community:my_submissions")
    response = render(
        request,
        "community/picture_form.html",
        # Every form shown gets a new key: sending the same one twice stores the pictures once.
        {
            "form": form,
            "file_errors": file_errors,
            "key": uuid.uuid4().hex,
            "suspension": suspension_active(request.user),
        },
        status=status,
    )
    return too_many_requests(response, limited.retry_after) if limited else response


def _pictures_store(request, form):
    data = form.cleaned_data
    submission = services.PictureSubmission(
        caption=data["caption"],
        key=_submission_key(request),
        credit=data["credit"],
        place=data["place"],
        taken_on=data["taken_on"],
        album=data["album"],
    )
    stored, file_errors = services.pictures_submit(
        member=request.user,
        site=Site.find_for_request(request),
        files=data["pictures"],
        submission=submission,
    )
    if stored:
        count = len(stored)
        messages.success(
            request, f"Thank you! {count} picture{'s' if count != 1 else ''} sent to the editors."
        )
    return (400, file_errors) if file_errors else (302, [])


@require_safe
def galleries(request):
    site = Site.find_for_request(request)
    pictures = Paginator(selectors.pictures_published(site=site), GALLERY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    response = render(request, "community/galleries.html", {"pictures": pictures})
    return cache_publicly(response, keys=user_galleries_keys(site))


@require_safe
def picture_detail(request, pk):
    picture = get_object_or_404(
        ReaderPicture.objects.filter(live=True).select_related(
            "image", "contributor", "place", "album"
        ),
        pk=pk,
    )
    by = picture.contributor.public_name if picture.contributor else ""
    card = {
        "title": picture.caption,
        "description": f"A reader's picture by {by}." if by else "A reader's picture.",
        "picture": picture.image,  # shared, the card shows the picture itself
    }
    response = render(request, "community/picture_page.html", {"picture": picture, "card": card})
    return cache_publicly(
        response,
        keys=[*reader_picture_keys(picture), *(album_keys(picture.album) if picture.album else [])],
    )


@require_safe
def album_detail(request, pk):
    album = get_object_or_404(Album.objects.select_related("contributor"), pk=pk)
    pictures = Paginator(selectors.pictures_published(album=album), GALLERY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    if not pictures.paginator.count:
        raise Http404("This album has no published pictures.")
    response = render(request, "community/album_page.html", {"album": album, "pictures": pictures})
    return cache_publicly(response, keys=album_keys(album))
