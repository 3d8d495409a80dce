"""Named signals the agency structure sends so higher apps can react without being imported here."""

from django.dispatch import Signal

# Sent (after the write, inside the transaction) when a jabatan is created, edited, moved to
# another unit or (de)activated, or when its unit moves to another agency with its subtree.
# kwargs: jabatan_ids (set[int]); unit_kerja_ids (set[int]) — its unit before and after.
jabatan_berubah = Signal()
