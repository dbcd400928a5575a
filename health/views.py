from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .checks import CRITICAL_CHECKS, DEGRADING_CHECKS, database_pool_in_use


@never_cache
@require_safe
def healthz(request):
    """Report liveness and readiness: 503 without the database; "degraded" without the cache."""
    pool = database_pool_in_use()  # read first: the checks below take a connection themselves
    critical = {name: check() for name, check in CRITICAL_CHECKS.items()}
    degrading = {name: check() for name, check in DEGRADING_CHECKS.items()}
    checks = {name: problem or "ok" for name, problem in {**critical, **degrading}.items()}
    if any(critical.values()):
        status, code = "unavailable", 503
    elif any(degrading.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    report = {"status": status, "checks": checks}
    if pool is not None:
        report["database_pool"] = pool
    return JsonResponse(report, status=code)
