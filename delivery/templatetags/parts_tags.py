"""``{% keep "name" part… keys=… %}…{% endkeep %}``: a part of a template kept rendered while
the surrogate keys it shows are unpurged (``delivery.fragments``).

Everything the part depends on besides its keys goes in its name (``"related" page.pk``); the
keys are a list from the context. Previews and renders outside a request are never kept."""

from django import template
from django.utils.safestring import mark_safe

from ..fragments import Part, part_cached

register = template.Library()


class KeepNode(template.Node):
    def __init__(self, name_parts, keys, nodelist):
        self.name_parts = name_parts
        self.keys = keys
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        name = ":".join(str(part.resolve(context)) for part in self.name_parts)
        keys = list(self.keys.resolve(context) or [])
        part = part_cached(f"tpl:{name}", lambda: Part(self.nodelist.render(context), keys))
        return mark_safe(part.html)  # noqa: S308 (this template's own output)


@register.tag
def keep(parser, token):
    bits = token.split_contents()[1:]
    keys = [bit for bit in bits if bit.startswith("keys=")]
    if len(keys) != 1 or len(bits) < 2:
        raise template.TemplateSyntaxError('Usage: {% keep "name" part… keys=list %}')
    name_parts = [parser.compile_filter(bit) for bit in bits if not bit.startswith("keys=")]
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(name_parts, parser.compile_filter(keys[0][5:]), nodelist)
