from django.http import HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static


def page_not_found(request, exception):
    """The styled 404, with the site's header and navigation."""
    return render(request, "404.html", status=404)


def server_error(request):
    """A 500 page that needs neither the database nor a request context (either may be broken)."""
    return HttpResponseServerError(loader.get_template("500.html").render())


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; point them at the hashed icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
