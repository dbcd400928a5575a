"""Tasks for the worker's own tests."""

from django.tasks import task

RUNS = []


@task()
def remember(value):
    RUNS.append(value)
    return value
