from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .checks import CHECKS


@never_cache
@require_safe
def healthz(request):
    """Report liveness and readiness: 200 when the database and cache answer, 503 otherwise."""
    problems = {name: check() for name, check in CHECKS.items()}
    checks = {name: problem or "ok" for name, problem in problems.items()}
    healthy = not any(problems.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
