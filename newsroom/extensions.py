"""What other apps add to the newsroom's pages, asked through Wagtail hooks.

The newsroom sits below the feature apps and never imports them. An app that adds something to
its pages registers a function under one of the hooks below in its own ``wagtail_hooks.py``
(``@hooks.register("herald_head_includes")``); these readers ask every registered function, in
the order of ``INSTALLED_APPS`` (a hook's ``order`` puts it earlier or later), each time a page
renders, so nothing is held in a module-level list. See
https://docs.wagtail.org/en/stable/reference/hooks.html for the mechanism.
"""

from wagtail import hooks

# The home page's Multimedia box always links the newsroom's own News in Pictures first.
NEWS_IN_PICTURES = ("News in Pictures", "/pictures/")


def _answers(hook_name, *args):
    """Call every function of ``hook_name``; keep each answer once, dropping empty ones."""
    answers = []
    for fn in hooks.get_hooks(hook_name):
        answer = fn(*args)
        if answer and answer not in answers:
            answers.append(answer)
    return answers


def multimedia_links() -> list[tuple[str, str]]:
    """(label, URL) of each multimedia section: ``herald_multimedia_links`` returns a list."""
    links = [NEWS_IN_PICTURES]
    for fn in hooks.get_hooks("herald_multimedia_links"):
        links += [link for link in fn() if link not in links]
    return links


def page_includes() -> list[str]:
    """Templates under the header of home and section pages (``herald_page_includes``)."""
    return _answers("herald_page_includes")


def head_includes() -> list[str]:
    """Templates added to every page's <head> (``herald_head_includes``)."""
    return _answers("herald_head_includes")


def sidebar_includes() -> list[str]:
    """Templates beside home and article pages (``herald_sidebar_includes``); on the home page
    they are included with ``inline=True``: render what reads without JavaScript."""
    return _answers("herald_sidebar_includes")


def article_includes(page) -> list[str]:
    """Templates under ``page``, an article or a page shown like one (``herald_article_includes``
    is asked with the page, and answers a template name, or None where it adds nothing)."""
    return _answers("herald_article_includes", page)


def home_includes() -> list[str]:
    """Blocks under the home page's section blocks (``herald_home_includes``)."""
    return _answers("herald_home_includes")


def home_subpage_types() -> list[str]:
    """Labels of page types other apps let editors add under a home page
    (``herald_home_subpage_types`` returns a list of model labels)."""
    return [label for fn in hooks.get_hooks("herald_home_subpage_types") for label in fn()]
