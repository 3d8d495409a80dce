import re

from django.db import models
from django.db.models import Q

from instansi.models import Jabatan
from mutasi_asn.akun.scoping import filter_instansi

from .nip import normalisasi_nip

# Gelar people type without their dots (`dr Maria`, `Siregar SH`). A word with a dot (`dr.`,
# `S.Kep.`, `M.Kes`) is a gelar anyway. Kept apart from the name, so never searched in `nama`.
GELAR_TANPA_TITIK = frozenset(
    [
        "dr",
        "drg",
        "drs",
        "dra",
        "ir",
        "hj",
        "prof",
        "ns",
        "apt",
        "bsc",
        "phd",
        "sh",
        "se",
        "st",
        "sked",
        "skm",
        "skep",
        "spd",
        "ssi",
        "sos",
        "sip",
        "sag",
        "mh",
        "mm",
        "mkes",
        "mpd",
        "msi",
        "msc",
        "mt",
        "mkm",
        "amd",
        "amk",
    ]
)


def kata_pencarian(teks: str) -> list[str]:
    """The words of a typed name that are searched: gelar and punctuation dropped."""
    kata = []
    for mentah in re.split(r"[\s,;]+", teks or ""):
        w = mentah.strip("()'\"")
        if not w or "." in w or w.casefold() in GELAR_TANPA_TITIK:
            continue
        kata.append(w)
    return kata


class PegawaiQuerySet(models.QuerySet):
    def for_user(self, user):
        return filter_instansi(self, user, "jabatan__unit_kerja__instansi_id")

    def aktif(self):
        return self.filter(aktif=True)

    def cari(self, teks: str, *, jabatan: bool = True):
        """Pegawai found by what a person types: a NIP prefix (with or without the spaces), or
        words of the name in any order, with or without gelar (`dr. Maria Siregar, M.Kes.`,
        `siregar maria`); with `jabatan`, a word may also be in the jabatan's name (`perawat
        maria`).

        Each word is its own `UPPER(nama) LIKE` (the trigram index on PostgreSQL); the jabatan
        side is a subquery on jabatan ids, so the plan stays an OR of two indexed lookups
        instead of a scan over the join (bench/bench_register.py).
        """
        teks = (teks or "").strip()
        angka = normalisasi_nip(teks)
        if angka.isdigit():
            # NIPs are 18 digits, so a prefix is a range of the unique index: `nip >= '197603'
            # AND nip < '197604'`. PostgreSQL estimates a range well; for LIKE '197603%' it
            # guessed five times too many rows and walked the name index to sort by name.
            qs = self.filter(nip__gte=angka)
            berikut = str(int(angka) + 1).zfill(len(angka))
            return qs.filter(nip__lt=berikut) if len(berikut) == len(angka) else qs
        kata = kata_pencarian(teks)
        if not kata:
            # Only gelar typed (`dr.`): those who carry it.
            g = teks.strip(" ,")
            return self.filter(Q(gelar_depan__icontains=g) | Q(gelar_belakang__icontains=g))
        qs = self
        for w in kata:
            syarat = Q(nama__icontains=w)
            if jabatan:
                syarat |= Q(jabatan_id__in=Jabatan.objects.filter(nama__icontains=w).values("pk"))
            qs = qs.filter(syarat)
        return qs


class RiwayatJabatanQuerySet(models.QuerySet):
    def for_user(self, user):
        # History follows the employee: whoever may see the pegawai sees all their history.
        from .models import Pegawai

        return self.filter(pegawai__in=Pegawai.objects.for_user(user).values("pk"))


class ImporRegisterQuerySet(models.QuerySet):
    def for_user(self, user):
        """Everyone sees their own imports; BKPSDM and administrators see all of them."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        from mutasi_asn.akun.roles import Peran

        if user.is_superuser or user.punya_peran(Peran.BKPSDM, Peran.ADMIN):
            return self
        return self.filter(diunggah_oleh=user)


class RiwayatPegawaiQuerySet(models.QuerySet):
    """Competency facts (assessments, training, certifications, SKP) follow the employee."""

    def for_user(self, user):
        from .models import Pegawai

        return self.filter(pegawai__in=Pegawai.objects.for_user(user).values("pk"))
