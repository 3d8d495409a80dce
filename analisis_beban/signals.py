"""Signals of the workload analysis, for the apps to its right (usulan_mutasi connects them)."""

from django.dispatch import Signal

# Sent with `periode_ids` when stored results are marked stale (their inputs changed).
hasil_abk_basi = Signal()
