"""The one import flow: upload, check (the preview), commit in the background.

Every spreadsheet import is a `mutasi_asn.impor_kontrak.KontrakImpor` (its columns, `periksa`
and `tulis`); this module runs any of them. `impor_unggah` keeps the file privately and
records who uploaded it (the audit row); `impor_periksa` checks every row without writing;
`impor_konfirmasi` queues the commit; `impor_jalankan` (run by the Celery task) re-reads and
re-checks the file against the data as it is now and writes everything in one transaction, or
nothing. The management commands call `impor_berkas`. It lives in `pegawai` because the audit
row does; higher apps (the ABK) register their contracts and use it from above.
"""

import datetime
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone, translation

from mutasi_asn.impor_kontrak import HasilImpor, KontrakImpor, kontrak_impor
from mutasi_asn.impor_xlsx import (
    BerkasTidakSah,
    GalatBaris,
    baca_lembar,
    periksa_berkas,
    tulis_templat,
)

from .choices import StatusImpor
from .models import ImporRegister

logger = logging.getLogger(__name__)

MAKS_GALAT_DISIMPAN = 20000  # a whole file of bad rows still fits; beyond that, a note says so


PESAN_TERHENTI = (
    "Pemeriksaan berkas terhenti sebelum selesai (berkas terlalu berat diproses, atau server "
    "dimulai ulang). Tidak ada data yang disimpan. Periksa isi berkas atau bagi menjadi "
    "beberapa berkas, lalu unggah ulang."
)
PESAN_SIMPAN_TERHENTI = (
    "Penyimpanan terhenti sebelum selesai (server dimulai ulang atau kehabisan waktu); tidak "
    "ada data yang disimpan. Unggah ulang berkasnya."
)


def folder_impor() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "impor"


def templat_xlsx(jenis: str) -> bytes:
    k = kontrak_impor(jenis)
    return tulis_templat(k.label, k.kolom, k.contoh, k.petunjuk)


@transaction.atomic
def impor_unggah(*, jenis: str, berkas, actor, opsi: dict | None = None) -> ImporRegister:
    """Keep an uploaded file privately, record the upload (the audit trail of imports) and
    queue its check for the preview. `opsi` are the contract's choices (the ABK's periode)."""
    try:
        periksa_berkas(berkas.name, berkas.size)  # before reading a file that is too big
        data = berkas.read()
        periksa_berkas(berkas.name, len(data), data)
    except BerkasTidakSah as exc:
        raise ValidationError(str(exc)) from None
    folder = folder_impor()
    folder.mkdir(parents=True, exist_ok=True)
    nama_simpan = f"{uuid.uuid4().hex}.xlsx"
    (folder / nama_simpan).write_bytes(data)
    impor = ImporRegister(
        jenis=jenis,
        nama_berkas=Path(berkas.name).name[:255],
        berkas=nama_simpan,
        ukuran=len(data),
        diunggah_oleh=actor,
        opsi=opsi or {},
    )
    impor.full_clean()
    impor.save()
    from .tasks import impor_register_periksa

    impor_register_periksa.delay_on_commit(impor.pk)
    return impor


def _isi_hasil(impor: ImporRegister, hasil: HasilImpor) -> None:
    impor.jumlah_baris = hasil.jumlah_baris
    impor.jumlah_baru = hasil.jumlah_baru
    impor.jumlah_ubah = hasil.jumlah_ubah
    impor.jumlah_tetap = hasil.jumlah_tetap
    impor.jumlah_galat = hasil.jumlah_baris_galat
    impor.galat = [g.sebagai_dict() for g in hasil.galat[:MAKS_GALAT_DISIMPAN]]
    impor.contoh = hasil.contoh
    impor.kolom_diabaikan = hasil.kolom_diabaikan
    if len(hasil.galat) > MAKS_GALAT_DISIMPAN:
        impor.pesan = f"Ada {len(hasil.galat)} kesalahan; hanya {MAKS_GALAT_DISIMPAN} pertama yang ditampilkan."


def _baca(kontrak: KontrakImpor, sumber):
    return baca_lembar(sumber, kontrak.kolom, maks_baris=kontrak.maks_baris)


def impor_periksa(*, impor: ImporRegister) -> ImporRegister:
    """Check every row without writing anything; the result is the preview.

    Runs as a task after the upload (a large file would outlast a web request); idempotent:
    only an import still waiting to be checked is checked.
    """
    if impor.status != StatusImpor.MENUNGGU:
        return impor
    if impor.tahap:
        # An earlier delivery started and never finished (the worker was killed: out of
        # memory, the hard time limit): end the import rather than die on it again.
        impor.status = StatusImpor.GAGAL
        impor.pesan = PESAN_TERHENTI
        impor.tahap = ""
        impor.jumlah_diproses = 0
        impor.save()
        return impor
    ImporRegister.objects.filter(pk=impor.pk).update(tahap="memeriksa", diperbarui=timezone.now())

    def progres(n: int) -> None:
        # No long transaction here, so a plain update is visible to the polling page.
        ImporRegister.objects.filter(pk=impor.pk).update(
            tahap="memeriksa", jumlah_diproses=n, diperbarui=timezone.now()
        )

    with translation.override("id"):
        try:
            kontrak = kontrak_impor(impor.jenis)
            lembar = _baca(kontrak, folder_impor() / impor.berkas)
            ImporRegister.objects.filter(pk=impor.pk).update(jumlah_baris=len(lembar.baris))
            hasil = kontrak.periksa(
                lembar, actor=impor.diunggah_oleh, opsi=impor.opsi, progres=progres
            )
        except BerkasTidakSah as exc:
            impor.status = StatusImpor.GAGAL
            impor.pesan = str(exc)
        except Exception:
            logger.exception("Pemeriksaan impor %s gagal", impor.pk)
            impor.status = StatusImpor.GAGAL
            impor.pesan = (
                "Berkas tidak dapat diperiksa karena kesalahan yang tidak terduga. Periksa bahwa "
                "berkas memakai templat, lalu unggah ulang; bila tetap gagal, hubungi admin."
            )
        else:
            _isi_hasil(impor, hasil)
            impor.status = StatusImpor.PRATINJAU
    impor.tahap = ""
    impor.jumlah_diproses = 0
    impor.save()
    return impor


@transaction.atomic
def impor_konfirmasi(*, impor: ImporRegister, actor) -> ImporRegister:
    """The user pressed "Simpan": queue the commit after this transaction commits."""
    from .tasks import impor_register_jalankan

    impor = ImporRegister.objects.select_for_update().get(pk=impor.pk)
    if impor.status != StatusImpor.PRATINJAU:
        raise ValidationError("Impor ini sudah diproses; tidak dapat disimpan lagi.")
    if impor.jumlah_galat:
        raise ValidationError("Masih ada baris yang salah. Perbaiki berkasnya, lalu unggah ulang.")
    if not impor.jumlah_baru + impor.jumlah_ubah:
        raise ValidationError("Tidak ada data baru atau perubahan untuk disimpan.")
    impor.status = StatusImpor.DIPROSES
    impor.tahap = ""
    impor.jumlah_diproses = 0
    impor.save(update_fields=["status", "tahap", "jumlah_diproses", "diperbarui"])
    impor_register_jalankan.delay_on_commit(impor.pk)
    return impor


class _PencatatProgres:
    """Writes the processed count where other requests can read it while the commit runs.

    The commit is one long transaction, so its own writes stay invisible until the end; on
    PostgreSQL the count goes through a second connection in autocommit. The row is skipped
    if it happens to be locked, so progress can never block the import.
    """

    def __init__(self, impor_id: int):
        self.impor_id = impor_id
        self.conn = (
            connections.create_connection(DEFAULT_DB_ALIAS)
            if connection.vendor == "postgresql"
            else None
        )
        self.tabel = connection.ops.quote_name(ImporRegister._meta.db_table)

    def catat(self, tahap: str, n: int) -> None:
        if self.conn is None:
            return
        try:
            with self.conn.cursor() as c:
                c.execute(
                    f"UPDATE {self.tabel} SET tahap = %s, jumlah_diproses = %s, "
                    f"diperbarui = now() WHERE id = ("
                    f"SELECT id FROM {self.tabel} WHERE id = %s FOR UPDATE SKIP LOCKED)",
                    [tahap, n, self.impor_id],
                )
        except Exception:  # progress is a courtesy; never let it break the import
            logger.warning("Progres impor %s tidak tercatat", self.impor_id, exc_info=True)

    def memeriksa(self, n: int) -> None:
        self.catat("memeriksa", n)

    def menyimpan(self, n: int) -> None:
        self.catat("menyimpan", n)

    def tutup(self) -> None:
        if self.conn is not None:
            self.conn.close()


class _Ditolak(Exception):
    def __init__(self, hasil: HasilImpor):
        self.hasil = hasil


class _SudahSelesai(Exception):
    pass


def impor_jalankan(*, impor_id: int) -> ImporRegister:
    """Re-read and re-check the file, then write every row in one transaction, or nothing.

    Idempotent: only an import waiting in "diproses" is run, and it is marked done in the same
    transaction as the data, so a redelivered task finds it done and stops.
    """
    impor = ImporRegister.objects.select_related("diunggah_oleh").get(pk=impor_id)
    if impor.status != StatusImpor.DIPROSES:
        return impor
    if impor.tahap:
        # A delivery before this one died in the middle (its transaction rolled back).
        _gagal(impor, PESAN_SIMPAN_TERHENTI)
        return impor
    ImporRegister.objects.filter(pk=impor.pk).update(tahap="memeriksa", diperbarui=timezone.now())
    kontrak = kontrak_impor(impor.jenis)
    actor = impor.diunggah_oleh
    progres = _PencatatProgres(impor.pk)
    try:
        with translation.override("id"):
            lembar = _baca(kontrak, folder_impor() / impor.berkas)
            with transaction.atomic():
                hasil = kontrak.periksa(
                    lembar, actor=actor, opsi=impor.opsi, kunci=True, progres=progres.memeriksa
                )
                if hasil.galat:
                    raise _Ditolak(hasil)
                kontrak.tulis(hasil, actor=actor, opsi=impor.opsi, progres=progres.menyimpan)
                _isi_hasil(impor, hasil)
                diperbarui = ImporRegister.objects.filter(
                    pk=impor.pk, status=StatusImpor.DIPROSES
                ).update(
                    status=StatusImpor.BERHASIL,
                    selesai=timezone.now(),
                    tahap="selesai",
                    jumlah_diproses=hasil.jumlah_baris,
                    jumlah_baris=impor.jumlah_baris,
                    jumlah_baru=impor.jumlah_baru,
                    jumlah_ubah=impor.jumlah_ubah,
                    jumlah_tetap=impor.jumlah_tetap,
                    jumlah_galat=0,
                    galat=[],
                    contoh=impor.contoh,
                )
                if diperbarui != 1:
                    raise _SudahSelesai
    except _SudahSelesai:
        pass
    except _Ditolak as exc:
        _isi_hasil(impor, exc.hasil)
        _gagal(
            impor,
            "Data berubah sejak pratinjau, sehingga sebagian baris kini salah. Tidak ada "
            "data yang disimpan. Perbaiki baris di bawah lalu unggah ulang.",
        )
    except BerkasTidakSah as exc:
        _gagal(impor, str(exc))
    except ValidationError as exc:
        _gagal(impor, "Tidak ada data yang disimpan: " + " ".join(exc.messages))
    except Exception:
        logger.exception("Impor %s gagal disimpan", impor.pk)
        _gagal(
            impor,
            "Penyimpanan gagal karena kesalahan yang tidak terduga; tidak ada data yang disimpan. "
            "Coba unggah ulang; bila tetap gagal, hubungi admin.",
        )
    finally:
        progres.tutup()
    impor.refresh_from_db()
    return impor


# Longer than a check or commit task may live (its hard time limit, pegawai/tasks.py).
BATAS_SENYAP = datetime.timedelta(minutes=40)
PESAN_MACET = (
    "Impor ini berhenti tanpa kabar (pekerja latar mati atau antrean hilang). Tidak ada data "
    "yang disimpan. Unggah ulang berkasnya."
)


def impor_akhiri_yang_macet(*, batas: datetime.timedelta = BATAS_SENYAP) -> int:
    """End, as *gagal*, every import still checking or saving with no sign of life for longer
    than a task may run (run by beat): one whose task was lost never stays running. Returns
    how many were ended."""
    return ImporRegister.objects.filter(
        status__in=[StatusImpor.MENUNGGU, StatusImpor.DIPROSES],
        diperbarui__lt=timezone.now() - batas,
    ).update(status=StatusImpor.GAGAL, pesan=PESAN_MACET, tahap="", selesai=timezone.now())


def _gagal(impor: ImporRegister, pesan: str) -> None:
    impor.status = StatusImpor.GAGAL
    impor.pesan = pesan
    impor.selesai = timezone.now()
    impor.tahap = ""
    impor.save()


@dataclass
class HasilBerkas:
    hasil: HasilImpor | None
    pesan: str = ""  # a file-level problem (cannot be read, a required column missing)
    disimpan: bool = False
    impor: ImporRegister | None = None


def impor_berkas(
    *, jenis: str, path: Path, actor, simpan: bool, opsi: dict | None = None
) -> HasilBerkas:
    """The command-line import: check a file, and with `simpan` write it all-or-nothing.

    A committed run is recorded as an ImporRegister row too, so the audit trail is complete.
    """
    kontrak = kontrak_impor(jenis)
    opsi = opsi or {}
    with translation.override("id"):
        try:
            lembar = _baca(kontrak, path)
        except BerkasTidakSah as exc:
            return HasilBerkas(None, str(exc))
        if not simpan:
            return HasilBerkas(kontrak.periksa(lembar, actor=actor, opsi=opsi))
        try:
            with transaction.atomic():
                hasil = kontrak.periksa(lembar, actor=actor, opsi=opsi, kunci=True)
                if hasil.galat:
                    raise _Ditolak(hasil)
                kontrak.tulis(hasil, actor=actor, opsi=opsi)
                impor = ImporRegister(
                    jenis=jenis,
                    opsi=opsi,
                    nama_berkas=path.name[:255],
                    ukuran=path.stat().st_size,
                    diunggah_oleh=actor,
                    status=StatusImpor.BERHASIL,
                    selesai=timezone.now(),
                    tahap="selesai",
                    pesan="Diimpor dari baris perintah.",
                )
                _isi_hasil(impor, hasil)
                impor.jumlah_diproses = hasil.jumlah_baris
                impor.save()
        except _Ditolak as exc:
            return HasilBerkas(exc.hasil)
        except ValidationError as exc:
            hasil = HasilImpor(galat=[GalatBaris(0, "", m) for m in exc.messages])
            return HasilBerkas(hasil, "Tidak ada data yang disimpan.")
        return HasilBerkas(hasil, disimpan=True, impor=impor)
