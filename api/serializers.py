from delivery.sites import request_absolute_url, site_root_url
from newsroom.models import SectionPage

LIST_RENDITION = "fill-800x450"


def site_out(site):
    return {
        "id": site.pk,
        "name": site.site_name or site.hostname,
        "hostname": site.hostname,
        "root_url": site_root_url(site),
    }


def section_ids_by_path():
    """Every section's id by tree path: one query answers "which section is this page in?"."""
    return dict(SectionPage.objects.values_list("path", "pk"))


def _parent_section_id(page, sections):
    return sections.get(page.path[: -SectionPage.steplen])


def section(page, sections):
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": page.url or "",
        "parent_id": _parent_section_id(page, sections),
    }


def picture(image, request, caption="", credit="", spec=LIST_RENDITION):
    if image is None:
        return None
    rendition = image.get_rendition(spec)
    return {
        "url": request_absolute_url(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "caption": caption,
        "credit": credit,
    }


def article_summary(article, request, sections):
    site_id, _root, _path = article.get_url_parts(request) or (None, None, None)
    return {
        "id": article.pk,
        "site_id": site_id,
        "headline": article.title,
        "standfirst": article.standfirst,
        "url": article.get_full_url(request),
        "section_id": _parent_section_id(article, sections),
        "first_published_at": article.first_published_at,
        "updated_at": article.last_published_at,
        "authors": [
            {"name": a.name, "slug": a.slug, "role": a.role, "bio": a.bio}
            for a in article.authors.all()
        ],
        "tags": [{"name": t.name, "slug": t.slug} for t in article.tags.all()],
        "source": article.source,
        "dateline": article.dateline,
        "place": place_out(article.place) if article.place_id else None,
        "picture": picture(article.lead_image, request, caption=article.lead_image_caption),
    }


def article_detail(article, request):
    data = article_summary(article, request, section_ids_by_path())
    data["body_html"] = str(article.body)
    data["blocks"] = [dict(block) for block in article.body.raw_data]
    return data


def gallery(page, request):
    site_id, _root, _path = page.get_url_parts(request) or (None, None, None)
    return {
        "id": page.pk,
        "site_id": site_id,
        "title": page.title,
        "intro": page.intro,
        "url": page.get_full_url(request),
        "first_published_at": page.first_published_at,
        "pictures": [
            picture(item.image, request, caption=item.caption, credit=item.credit)
            for item in page.images.all()
        ],
    }


def place_out(place):
    return {
        "slug": place.slug,
        "name": place.name,
        "region": place.region,
        "country": place.country,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "timezone": place.timezone,
    }


def traffic_alert(alert):
    return {
        "id": alert.pk,
        "place": place_out(alert.place),
        "road": alert.road,
        "kind": alert.kind,
        "severity": alert.severity,
        "severity_label": alert.get_severity_display(),
        "description": alert.description,
        "starts_at": alert.starts_at,
        "expires_at": alert.expires_at,
        "source": alert.source,
    }


def listing(item):
    return {
        "id": item.pk,
        "title": item.title,
        "category": item.category.slug,
        "venue": item.venue,
        "place": place_out(item.place),
        "starts_at": item.starts_at,
        "ends_at": item.ends_at,
        "link": item.link,
        "description": item.description,
    }


def contributor(member, request):
    if member is None or not member.has_profile:
        return None
    return {
        "username": member.username,
        "display_name": member.public_name,
        "profile_url": request_absolute_url(request, member.get_absolute_url()),
    }


def reader_story(story, request, *, detail=False):
    from wagtail.rich_text import expand_db_html

    site_id, _root, _path = story.get_url_parts(request) or (None, None, None)
    data = {
        "id": story.pk,
        "site_id": site_id,
        "title": story.title,
        "url": story.get_full_url(request),
        "summary": story.standfirst,
        "contributor": contributor(story.contributor, request),
        "in_response_to": story.in_response_to_id,
        "first_published_at": story.first_published_at,
        "tags": [{"name": t.name, "slug": t.slug} for t in story.tags.all()],
        "place": place_out(story.place) if story.place_id else None,
        "pictures": [
            picture(item.image, request, caption=item.caption) for item in story.pictures.all()
        ],
    }
    if detail:
        data["body_html"] = expand_db_html(story.body)
    return data


def reader_picture(item, request):
    root = site_root_url(item.site) if item.site else ""
    return {
        "id": item.pk,
        "site_id": item.site_id,
        "caption": item.caption,
        "credit": item.credit,
        "url": f"{root}{item.get_absolute_url()}" if root else item.get_absolute_url(),
        "contributor": contributor(item.contributor, request),
        "taken_on": item.taken_on.isoformat() if item.taken_on else None,
        "place": place_out(item.place) if item.place_id else None,
        "first_published_at": item.first_published_at,
        "picture": picture(item.image, request, caption=item.caption, credit=item.credit),
    }
