"""Helpers every app's services share."""

from collections.abc import Iterable


def isi_atribut(obj, data: dict, fields: Iterable[str]) -> None:
    """Copy onto `obj` the given fields that `data` carries; the others stay as they are."""
    for f in fields:
        if f in data:
            setattr(obj, f, data[f])
