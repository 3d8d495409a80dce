"""The register import through a real Celery worker, real Redis and PostgreSQL.

The check (preview) and the commit are both tasks given the import's id; the worker is a
separate process. Test settings give each process its own private media folder, so the file
is kept in a folder both can read: an absolute `berkas` path replaces the folder it is joined to.
"""

from pegawai.choices import StatusImpor
from pegawai.impor import impor_konfirmasi
from pegawai.models import ImporRegister, Pegawai, RiwayatJabatan
from pegawai.tasks import impor_register_periksa
from tests.fixtures.factories import JabatanFactory, PenggunaFactory
from tests.integration.conftest import tunggu
from tests.pegawai.test_impor_xlsx import buat_xlsx


def test_periksa_dan_simpan_lewat_worker_sungguhan(celery_worker_proses, tmp_path):
    JabatanFactory(kode="JAB-W")
    pengguna = PenggunaFactory(peran="bkpsdm")
    baris = [
        [f"1990010220150310{i:02d}", "PNS", f"Pegawai {i}", "III-a", "S-1", "JAB-W"]
        for i in range(1, 51)
    ]
    path = tmp_path / "worker.xlsx"
    path.write_bytes(
        buat_xlsx(["NIP", "Status", "Nama", "Gol", "Pendidikan", "Kode Jabatan"], baris)
    )
    impor = ImporRegister.objects.create(
        jenis="pegawai", nama_berkas="worker.xlsx", berkas=str(path), diunggah_oleh=pengguna
    )

    impor_register_periksa.delay(impor.pk)
    impor = tunggu(
        lambda: ImporRegister.objects.filter(pk=impor.pk, status=StatusImpor.PRATINJAU).first()
    )
    assert (impor.jumlah_baru, impor.jumlah_galat) == (50, 0), impor.galat[:3]
    assert not Pegawai.objects.exists()

    impor_konfirmasi(impor=impor, actor=pengguna)  # queued on commit
    impor = tunggu(
        lambda: ImporRegister.objects.filter(pk=impor.pk, status=StatusImpor.BERHASIL).first()
    )
    assert Pegawai.objects.count() == 50 and RiwayatJabatan.objects.count() == 50
    assert Pegawai.objects.first().history.first().history_user == pengguna
