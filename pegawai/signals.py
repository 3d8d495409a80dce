"""Named signals the register sends so higher apps can react without being imported here."""

from django.dispatch import Signal

# Sent (after the write, inside the transaction) when holders of jabatan change.
# kwargs: jabatan_ids (set[int]) — every jabatan whose bezetting may have changed.
bezetting_berubah = Signal()
