"""Template helpers of the SK page."""

from django import template

register = template.Library()


@register.simple_tag
def ada_pasangan(himpunan, usulan_id, kunci) -> bool:
    """Whether (usulan_id, kunci) is in a set of pairs (a letter's approval, a ready PDF)."""
    return (usulan_id, kunci) in himpunan
