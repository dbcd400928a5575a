from numbers import Real

from django.conf import settings
from django.core.checks import Error, register

POSITIVE = {
    "HERALD_TASK_LEASE_SECONDS": "how long a task's worker may stay silent before the task is "
    "run again",
    "HERALD_TASK_HEARTBEAT_SECONDS": "how often a worker renews the lease on the task it runs",
    "HERALD_TASK_MAX_ATTEMPTS": "how many times a task is tried before it is failed",
    "HERALD_TASK_RETRY_SECONDS": "the pause after a task's first failed attempt",
    "HERALD_TASK_RETRY_MAX_SECONDS": "the longest pause between attempts",
}


@register()
def task_lease_settings_check(app_configs, **kwargs):
    errors = []
    for name, meaning in POSITIVE.items():
        value = getattr(settings, name)
        kind = int if name == "HERALD_TASK_MAX_ATTEMPTS" else Real
        if not isinstance(value, kind) or isinstance(value, bool) or value <= 0:
            wanted = "a whole number" if kind is int else "a number"
            errors.append(
                Error(
                    f"{name} is {value!r}; set it to {wanted} above 0 ({meaning}).",
                    id="worker.E001",
                )
            )
    if errors:
        return errors
    lease, heartbeat = settings.HERALD_TASK_LEASE_SECONDS, settings.HERALD_TASK_HEARTBEAT_SECONDS
    if heartbeat * 2 > lease:
        errors.append(
            Error(
                f"HERALD_TASK_HEARTBEAT_SECONDS ({heartbeat}) must be at most half of "
                f"HERALD_TASK_LEASE_SECONDS ({lease}), or tasks that are still running are "
                "taken for abandoned and run twice; a sixth (the default) leaves room for a "
                "busy database.",
                id="worker.E002",
            )
        )
    if settings.HERALD_TASK_RETRY_MAX_SECONDS < settings.HERALD_TASK_RETRY_SECONDS:
        errors.append(
            Error(
                "HERALD_TASK_RETRY_MAX_SECONDS is less than HERALD_TASK_RETRY_SECONDS; set it to "
                "the longest pause you want between attempts, at least the first one.",
                id="worker.E003",
            )
        )
    return errors
