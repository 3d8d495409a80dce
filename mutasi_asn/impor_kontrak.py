"""One import flow for every spreadsheet: the contract an import declares, and its shared parts.

Every .xlsx import of the product (pegawai, jabatan, instansi, unit kerja, the ABK's uraian
tugas, and those to come) is one kind of the same flow, run by `pegawai.impor`: upload (the
file kept privately, an audit row `ImporRegister` written) → check in Celery (the preview:
counts, every row error with its row number, a sample of what will be written) → "Simpan" →
re-check and write everything in one transaction as a Celery task with a progress bar, or
nothing. The same from the shell through `pegawai.impor.impor_berkas` (`--dry-run`, `--oleh`).

An import is declared by one `KontrakImpor` and registered with `daftarkan_impor` when its
module is imported (the app's `apps.py` `ready()` imports it). A new import is three things:

    KOLOM = [KolomImpor("nip", "NIP", ("NIP Baru",), wajib=True, sebagai_teks=True), ...]

    def periksa(lembar, *, actor, opsi, kunci=False, progres=None) -> HasilImpor:
        # Check every row without writing. One query per lookup, not per row (`muat_per`).
        # Each problem: hasil.galat.append(GalatBaris(nomor, label, "what to fix")), or use
        # `tiap_baris` / `BacaanBaris` from mutasi_asn.impor_xlsx. Each valid row:
        # hasil.catat(nomor, BARU | DIUBAH | TETAP, contoh_fn, *args). What `tulis` needs
        # goes in the plan: `return hasil.selesai(rencana)`. With `kunci` (the commit), lock
        # the rows to update (select_for_update). Scope existing objects with
        # `Model.objects.for_user(actor)` (None = the command line without --oleh: all).
        ...

    def tulis(hasil, *, actor, opsi, progres=None) -> None:
        # Write hasil.rencana in bulk (bulk_create_with_history, `perbarui_massal`), through
        # the app's services where they have rules or signals. The caller's transaction
        # makes it all-or-nothing; raise ValidationError to refuse (nothing is kept).
        ...

    daftarkan_impor(KontrakImpor(
        jenis="pelatihan", label="Pelatihan", kolom=KOLOM, periksa=periksa, tulis=tulis,
        izin="pegawai.add_pelatihan", url_unggah="pegawai:impor_pelatihan",
        url_daftar="pegawai:pegawai_list",
        kolom_contoh=[("nip", "NIP"), ("nama", "Nama")],
        contoh=[[k.contoh for k in KOLOM]], petunjuk=["Satu baris untuk satu pelatihan."],
    ))

and one URL for its upload page: `ImporUnggahView.as_view(jenis="pelatihan")` (from
`pegawai.impor_views`); preview, progress, commit and the template download are shared.
An import that needs a choice on the upload form (the ABK's periode) gives `formulir`, a
subclass of `pegawai.impor_forms.UnggahImporForm` whose `opsi()` returns a JSON-able dict; it
reaches `periksa` and `tulis` as `opsi` (stored on the import row) and `keterangan_opsi` words
it on the pages. A template's example row should be refused by `periksa` with
`PESAN_BARIS_CONTOH`, as every import here does.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .impor_xlsx import MAKS_BARIS, UKURAN_POTONGAN, GalatBaris, KolomImpor, per_potongan

BARU, DIUBAH, TETAP = "Baru", "Diubah", "Tidak berubah"  # what a valid row does
MAKS_CONTOH = 20  # rows shown as a sample in the preview


@dataclass
class HasilImpor:
    """What the preview shows and what the commit writes: the result of a contract's `periksa`."""

    jumlah_baris: int = 0
    jumlah_baru: int = 0
    jumlah_ubah: int = 0
    jumlah_tetap: int = 0
    galat: list[GalatBaris] = field(default_factory=list)
    contoh: list[dict] = field(default_factory=list)
    kolom_diabaikan: list[str] = field(default_factory=list)
    rencana: object = None

    @property
    def jumlah_baris_galat(self) -> int:
        return len({g.baris for g in self.galat})

    def catat(self, nomor: int, aksi: str, contoh: Callable[..., dict], *args) -> None:
        """Count a valid row by what it will do (BARU, DIUBAH, TETAP); the first rows make the
        preview's sample, `contoh(*args)` giving their columns (built only for those)."""
        if aksi == BARU:
            self.jumlah_baru += 1
        elif aksi == DIUBAH:
            self.jumlah_ubah += 1
        else:
            self.jumlah_tetap += 1
        if len(self.contoh) < MAKS_CONTOH:
            self.contoh.append({"baris": nomor, "aksi": aksi, **contoh(*args)})

    def selesai(self, rencana) -> "HasilImpor":
        """Errors in row order, the plan attached: what `periksa` returns."""
        self.galat.sort(key=lambda g: (g.baris, g.kolom))
        self.rencana = rencana
        return self


@dataclass(frozen=True)
class KontrakImpor:
    """One kind of spreadsheet import: its columns, how its rows are checked and written."""

    jenis: str  # the key kept on each import row and in URLs: "pegawai", "abk"
    label: str  # what is imported, for titles: "Pegawai", "Uraian tugas ABK"
    kolom: list[KolomImpor]
    # periksa(lembar, *, actor, opsi, kunci=False, progres=None) -> HasilImpor
    periksa: Callable[..., HasilImpor]
    # tulis(hasil, *, actor, opsi, progres=None) -> None, inside the caller's transaction
    tulis: Callable[..., None]
    izin: str  # the permission needed to import ("pegawai.add_pegawai")
    url_unggah: str  # URL name of its upload page (ImporUnggahView.as_view(jenis=...))
    url_daftar: str  # URL name of the list the imported rows belong to
    kolom_contoh: list[tuple[str, str]] = field(default_factory=list)  # sample: key, header
    contoh: list[list] = field(default_factory=list)  # example rows of the template
    petunjuk: list[str] = field(default_factory=list)  # the template's "Petunjuk" sentences
    maks_baris: int = MAKS_BARIS
    hanya_kota: bool = False  # only city-wide users (BKPSDM) may import
    formulir: Any = None  # upload form class with extra choices (see the module docstring)
    keterangan_opsi: Callable[[dict], str] = lambda opsi: ""
    peringatan: str = ""  # what the preview must say before "Simpan" (what gets replaced)
    nama_templat: str = ""  # file name of the template; "" = templat-impor-<jenis>.xlsx

    def boleh(self, user) -> bool:
        """May `user` use this import at all (rows are then scoped by `for_user`)?"""
        if not user.has_perm(self.izin):
            return False
        return not self.hanya_kota or getattr(user, "lingkup_kota", False)


_DAFTAR: dict[str, KontrakImpor] = {}


def daftarkan_impor(kontrak: KontrakImpor) -> KontrakImpor:
    """Register an import (at import time of its module); registering a kind twice with a
    different contract is a programming error."""
    lama = _DAFTAR.get(kontrak.jenis)
    if lama is not None and lama is not kontrak and lama.periksa is not kontrak.periksa:
        raise ValueError(f"Jenis impor {kontrak.jenis!r} sudah terdaftar.")
    _DAFTAR[kontrak.jenis] = kontrak
    return kontrak


def kontrak_impor(jenis: str) -> KontrakImpor:
    """The contract of a kind; KeyError for a kind nobody registered."""
    return _DAFTAR[jenis]


def semua_kontrak() -> list[KontrakImpor]:
    return list(_DAFTAR.values())


def perbarui_massal(perubahan, model, *, actor):
    """bulk_update only the fields each row changed, rows grouped by that set of fields.

    A CASE over every field of every row costs many times more (to build and to run) than
    the one or two fields a row usually changes. Yields the rows written after each batch.
    """
    kelompok = defaultdict(list)
    for obj, fields in perubahan:
        kelompok[fields].append(obj)
    for fields, objs in kelompok.items():
        for potong in per_potongan(objs, 1000):
            bulk_update_with_history(
                potong, model, list(fields), batch_size=1000, default_user=actor
            )
            yield len(potong)


def tulis_massal(model, baru, ubah, *, actor, progres: Callable[[int], None] | None = None):
    """Create `baru` and update `ubah` ((object, changed fields) pairs) in bulk, each with its
    history row, reporting the rows written so far to `progres`."""
    selesai = 0
    for potong in per_potongan(baru):
        bulk_create_with_history(potong, model, batch_size=UKURAN_POTONGAN, default_user=actor)
        selesai += len(potong)
        if progres:
            progres(selesai)
    for n in perbarui_massal(ubah, model, actor=actor):
        selesai += n
        if progres:
            progres(selesai)
