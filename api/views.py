from django.shortcuts import render

from delivery.cache import cache_publicly

from .api import api
from .keys import api_docs_keys


def docs(request):
    """Browsable API docs, rendered here from the OpenAPI document (no third-party assets)."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "parameters": op.get("parameters", []),
        }
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    ]
    response = render(request, "api/docs.html", {"schema": schema, "operations": operations})
    return cache_publicly(response, keys=api_docs_keys())
