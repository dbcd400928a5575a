"""Surrogate keys are spelled only in each app's ``keys.py``: a key written anywhere else can
drift from the one that purges it (community once tagged pictures in three places, one without
the member's key)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The calls and names that carry surrogate keys.
KEY_CALLS = {"cache_publicly", "surrogate_keys_add", "purge_after_commit", "purge", "Fragment"}
KEYS_ARGUMENT = {"purge_after_commit": 0, "purge": 0, "surrogate_keys_add": 1}
KEY_NAMES = {"keys", "surrogate_keys", "item_keys"}


def _product_modules():
    for path in sorted(ROOT.glob("*/**/*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {".venv", "bench", "tests", "deploy", "static"} or "tests" in parts:
            continue
        if "migrations" in parts or path.name == "keys.py":
            continue
        yield path


def _strings_in(node):
    """String literals and f-strings in ``node`` (an f-string counted once, not its parts)."""
    if isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    ):
        return [node]
    return [found for child in ast.iter_child_nodes(node) for found in _strings_in(child)]


def _spelled_keys(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in KEY_CALLS:
                at = KEYS_ARGUMENT.get(name)
                carried = node.args[at : at + 1] if at is not None else []
                carried += [kw.value for kw in node.keywords if kw.arg in KEY_NAMES]
                for value in carried:
                    yield from _strings_in(value)
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                named = getattr(target, "attr", None) or getattr(target, "id", None)
                header = isinstance(target, ast.Subscript) and "Surrogate-Key" in ast.unparse(
                    target.slice
                )
                if named in {"surrogate_keys", "item_keys"} or header:
                    yield from _strings_in(node.value)


def test_no_surrogate_key_is_spelled_outside_keys_modules():
    found = []
    for path in _product_modules():
        tree = ast.parse(path.read_text(), filename=str(path))
        for string in _spelled_keys(tree):
            if isinstance(string, ast.Constant) and string.value in {"", " "}:
                continue  # joining keys, not spelling one
            found.append(f"{path.relative_to(ROOT)}:{string.lineno}: {ast.unparse(string)}")
    assert not found, "spell these keys in the owning app's keys.py:\n" + "\n".join(found)


def test_the_check_finds_a_key_spelled_in_a_view():
    view = 'def v(request, page):\n    return cache_publicly(r, keys=[f"page-{page.pk}", "x"])\n'
    assert len(list(_spelled_keys(ast.parse(view)))) == 2
    purge = 'purge_after_commit([f"member-{m.pk}"])\nresponse["Surrogate-Key"] = "site-1"\n'
    assert len(list(_spelled_keys(ast.parse(purge)))) == 2
