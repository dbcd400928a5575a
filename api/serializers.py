from newsroom.models import SectionPage

LIST_RENDITION = "fill-800x450"


def site_out(site):
    return {
        "id": site.pk,
        "name": site.site_name or site.hostname,
        "hostname": site.hostname,
        "root_url": site.root_url,
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
        "url": request.build_absolute_uri(rendition.url),
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
