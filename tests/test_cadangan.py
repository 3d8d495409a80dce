"""Backups: `manage.py cadangkan` writes one archive of the database and the files;
`pulihkan` restores it. The test restores into an empty database and finds the same rows,
and into empty file folders and finds the same documents, byte for byte."""

import tarfile
from io import StringIO

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from mutasi_asn import cadangan
from pegawai.models import Pegawai
from tests.fixtures.factories import PegawaiFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def butuh_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL bukan PostgreSQL: cadangan memakai pg_dump/pg_restore")


def _dsn(nama):
    d = connection.settings_dict
    sandi = f" password={d['PASSWORD']}" if d.get("PASSWORD") else ""
    return f"host={d.get('HOST') or '127.0.0.1'} port={d.get('PORT') or 5432} user={d['USER']}{sandi} dbname={nama}"


@pytest.fixture
def database_kosong(butuh_postgres):
    nama = connection.settings_dict["NAME"] + "_pulih"
    with psycopg.connect(_dsn("postgres"), autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{nama}"')
        c.execute(f'CREATE DATABASE "{nama}"')
    yield {**connection.settings_dict, "NAME": nama}
    with psycopg.connect(_dsn("postgres"), autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')


def test_cadangan_dipulihkan_ke_database_kosong_dengan_baris_dan_berkas_yang_sama(
    settings, tmp_path, database_kosong
):
    PegawaiFactory(pk=30101, nama="Rosmawati Siahaan", gelar_belakang="S.Kep.")
    PegawaiFactory(pk=30102, nama="Hotman Simanjuntak", gelar_depan="Drs.")
    dokumen = settings.PRIVATE_MEDIA_ROOT / "usulan" / "2026" / "sk-pangkat.pdf"
    dokumen.parent.mkdir(parents=True, exist_ok=True)
    dokumen.write_bytes(b"%PDF-1.7 SK pangkat terakhir\x00\xff")

    keluaran = StringIO()
    call_command("cadangkan", tujuan=str(tmp_path / "arsip"), stdout=keluaran)
    arsip = tmp_path / "arsip" / keluaran.getvalue().strip().rsplit("/", 1)[-1]
    assert arsip.is_file()
    with tarfile.open(arsip) as tar:
        assert {"database.dump", "berkas/privat/usulan/2026/sk-pangkat.pdf"} <= set(tar.getnames())

    # Restore into an empty database and empty folders.
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "privat-pulih"
    settings.MEDIA_ROOT = tmp_path / "media-pulih"
    hasil = cadangan.pulihkan(arsip, database=database_kosong)
    assert hasil["berkas"] >= 1
    with psycopg.connect(_dsn(database_kosong["NAME"])) as c:
        baris = c.execute(
            "SELECT id, nama, gelar_depan, gelar_belakang, nip FROM pegawai_pegawai ORDER BY id"
        ).fetchall()
        migrasi = c.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
    asli = list(
        Pegawai.objects.order_by("pk").values_list(
            "id", "nama", "gelar_depan", "gelar_belakang", "nip"
        )
    )
    assert baris == asli and len(baris) == 2
    assert migrasi > 10
    pulih = tmp_path / "privat-pulih" / "usulan" / "2026" / "sk-pangkat.pdf"
    assert pulih.read_bytes() == b"%PDF-1.7 SK pangkat terakhir\x00\xff"


def test_cadangan_menyimpan_sejumlah_arsip_terbaru(settings, tmp_path, butuh_postgres):
    lama = tmp_path / "cadangan-mutasi-asn-20200101-000000.tar.gz"
    lama.parent.mkdir(parents=True, exist_ok=True)
    lama.write_bytes(b"lama")
    cadangan.cadangkan(tmp_path, simpan=1)
    sisa = sorted(p.name for p in tmp_path.glob("cadangan-mutasi-asn-*.tar.gz"))
    assert len(sisa) == 1 and sisa[0] != lama.name


def test_pulihkan_menolak_berkas_yang_bukan_arsip(tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("pulihkan", str(tmp_path / "tidak-ada.tar.gz"), "--ya")
    bukan = tmp_path / "bukan.tar.gz"
    with tarfile.open(bukan, "w:gz") as tar:
        catatan = tmp_path / "catatan.txt"
        catatan.write_text("bukan cadangan")
        tar.add(catatan, arcname="catatan.txt")
    with pytest.raises(CommandError, match="bukan arsip cadangan"):
        call_command("pulihkan", str(bukan), "--ya")


def test_jadwal_cadangan_malam(settings):
    jadwal = settings.CELERY_BEAT_SCHEDULE["cadangan-malam"]
    assert jadwal["task"] == "mutasi_asn.akun.tasks.cadangkan_malam"
