from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .checks import CRITICAL_CHECKS, DEGRADING_CHECKS


@never_cache
@require_safe
def healthz(request):
    """Report liveness and readiness: 503 without the database; "degraded" without the cache."""
    critical = {name: check() for name, check in CRITICAL_CHECKS.items()}
    degrading = {name: check() for name, check in DEGRADING_CHECKS.items()}
    checks = {name: problem or "ok" for name, problem in {**critical, **degrading}.items()}
    if any(critical.values()):
        status, code = "unavailable", 503
    elif any(degrading.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)
