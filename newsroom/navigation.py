"""The header's navigation: the sites of the network and the current site's sections."""

from wagtail.models import Site


def network_sites():
    return list(Site.objects.order_by("-is_default_site", "site_name", "hostname"))


def site_sections(site):
    from .models import SectionPage

    if not site:
        return []
    return list(SectionPage.objects.child_of(site.root_page).live().in_menu().order_by("path"))


# The home page's Multimedia box. Apps that add a multimedia section (User Galleries, MyNews)
# register their link here from their AppConfig.ready(), so the newsroom never imports them.
multimedia_links = [("News in Pictures", "/pictures/")]


def register_multimedia_link(label, url):
    if (label, url) not in multimedia_links:
        multimedia_links.append((label, url))


# Templates other apps add to home and section pages (the live new-stories notice), registered
# from their AppConfig.ready() so that the newsroom does not depend on them.
page_includes = []


def register_page_include(template_name):
    if template_name not in page_includes:
        page_includes.append(template_name)


# Templates other apps add to every page's <head> (feed links, structured data, sharing tags).
head_includes = []


def register_head_include(template_name):
    if template_name not in head_includes:
        head_includes.append(template_name)


# Templates other apps add to the side of home and article pages (the location-aware components).
# On the home page they are included with ``inline=True``: render what reads without JavaScript.
sidebar_includes = []


def register_sidebar_include(template_name):
    if template_name not in sidebar_includes:
        sidebar_includes.append(template_name)


# Templates other apps add under an article (the comments), with ``page`` in their context.
article_includes = []


def register_article_include(template_name, *, first=False):
    if template_name not in article_includes:
        article_includes.insert(0 if first else len(article_includes), template_name)


# Blocks other apps add to the home page under the section blocks (the MyNews block).
home_includes = []


def register_home_include(template_name):
    if template_name not in home_includes:
        home_includes.append(template_name)


# Page types other apps let editors add under a home page (the MyNews index). Wagtail reads
# ``HomePage.subpage_types`` lazily, after every app's ready() has run.
home_subpage_types = ["newsroom.SectionPage", "newsroom.PicturesIndexPage", "newsroom.PolicyPage"]


def register_home_subpage_type(model_label):
    if model_label not in home_subpage_types:
        home_subpage_types.append(model_label)


# What site search looks through, as (key, label, model label): the newsroom's articles, and
# page types other apps register (reader stories). Readers narrow by key with ``?type=``.
search_types = [("articles", "Articles", "newsroom.ArticlePage")]


def register_search_type(key, label, model_label):
    if all(existing != key for existing, _label, _model in search_types):
        search_types.append((key, label, model_label))
