from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception):
    """The styled 404, with the site's header and navigation."""
    return render(request, "404.html", status=404)


def server_error(request):
    """A 500 page that needs neither the database nor a request context (either may be broken)."""
    return HttpResponseServerError(loader.get_template("500.html").render())
