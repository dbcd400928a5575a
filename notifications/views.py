from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from . import services
from .models import Notification


@never_cache
@login_required
def notification_list(request):
    member = request.user
    if request.method == "POST":
        if "email" in request.POST:
            services.email_set(member, request.POST.get("email") == "on")
            messages.success(request, "Your e-mail preference is saved.")
        else:
            services.mark_all_read(member)
        return redirect("notifications:list")
    notices = Paginator(Notification.objects.filter(member=member), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/list.html",
        {"notices": notices, "email_enabled": services.email_enabled(member)},
    )
