"""Backup and restore of the whole product: the PostgreSQL database (pg_dump, custom format)
and the uploaded files (MEDIA_ROOT and the private documents in PRIVATE_MEDIA_ROOT), in one
`.tar.gz` archive. Used by `manage.py cadangkan` / `pulihkan` and the nightly beat task.

Archive layout: `database.dump` (pg_restore reads it), `berkas/media/…`, `berkas/privat/…`,
`keterangan.txt` (when and from which database).
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

AWALAN = "cadangan-mutasi-asn-"
FOLDER_BERKAS = {"media": "MEDIA_ROOT", "privat": "PRIVATE_MEDIA_ROOT"}


def _koneksi(db: dict) -> tuple[list[str], dict]:
    """pg_dump/pg_restore arguments and environment for a Django database settings dict."""
    if "postgresql" not in db["ENGINE"]:
        raise ImproperlyConfigured("Cadangan database hanya untuk PostgreSQL (DATABASE_URL).")
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _jalankan(perintah: list[str], env: dict) -> None:
    hasil = subprocess.run(perintah, env=env, capture_output=True, text=True)
    if hasil.returncode != 0:
        raise RuntimeError(f"{perintah[0]} gagal: {hasil.stderr.strip()[:2000]}")


def cadangkan(tujuan: Path, *, simpan: int | None = None) -> Path:
    """Write one archive into `tujuan` and return its path; keep the newest `simpan` archives."""
    tujuan = Path(tujuan)
    tujuan.mkdir(parents=True, exist_ok=True)
    db = connection.settings_dict
    args, env = _koneksi(db)
    cap = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    arsip = tujuan / f"{AWALAN}{cap}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="cadangan-") as kerja:
        dump = Path(kerja) / "database.dump"
        _jalankan(
            ["pg_dump", *args, "--format=custom", "--no-owner", "--file", str(dump), db["NAME"]],
            env,
        )
        keterangan = Path(kerja) / "keterangan.txt"
        keterangan.write_text(
            f"dibuat: {timezone.localtime().isoformat()}\ndatabase: {db['NAME']}\n"
            f"versi aplikasi: {settings.VERSION}\n"
        )
        sementara = arsip.with_suffix(".sebagian")
        with tarfile.open(sementara, "w:gz") as tar:
            tar.add(dump, arcname="database.dump")
            tar.add(keterangan, arcname="keterangan.txt")
            for nama, setelan in FOLDER_BERKAS.items():
                akar = Path(getattr(settings, setelan))
                if akar.is_dir():
                    tar.add(akar, arcname=f"berkas/{nama}")
        # Only a complete archive gets its final name: a crash mid-way leaves no false backup.
        sementara.rename(arsip)
    if simpan:
        lama = sorted(tujuan.glob(f"{AWALAN}*.tar.gz"))[:-simpan]
        for berkas in lama:
            berkas.unlink()
    return arsip


def _ekstrak_aman(tar: tarfile.TarFile, ke: Path) -> None:
    tar.extractall(ke, filter="data")  # refuses absolute paths, .. and links out of `ke`


def pulihkan(arsip: Path, *, database: dict | None = None) -> dict:
    """Restore `arsip` into `database` (default: this site's) and the file folders.

    The database's existing objects are replaced (pg_restore --clean); every file of the
    archive is written back under MEDIA_ROOT / PRIVATE_MEDIA_ROOT. Returns counts.
    """
    db = database or connection.settings_dict
    args, env = _koneksi(db)
    hasil = {"berkas": 0}
    with tempfile.TemporaryDirectory(prefix="pulihkan-") as kerja:
        kerja = Path(kerja)
        with tarfile.open(arsip, "r:gz") as tar:
            if "database.dump" not in tar.getnames():
                raise ValueError(
                    f"{arsip} bukan arsip cadangan Mutasi ASN (tidak ada database.dump)."
                )
            _ekstrak_aman(tar, kerja)
        _jalankan(
            [
                "pg_restore",
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                db["NAME"],
                str(kerja / "database.dump"),
            ],
            env,
        )
        for nama, setelan in FOLDER_BERKAS.items():
            sumber = kerja / "berkas" / nama
            if not sumber.is_dir():
                continue
            akar = Path(getattr(settings, setelan))
            for berkas in sumber.rglob("*"):
                if berkas.is_file():
                    ke = akar / berkas.relative_to(sumber)
                    ke.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(berkas, ke)
                    hasil["berkas"] += 1
    return hasil


def umur_cadangan_terbaru(tujuan: Path) -> datetime.timedelta | None:
    daftar = sorted(Path(tujuan).glob(f"{AWALAN}*.tar.gz"))
    if not daftar:
        return None
    return timezone.now() - datetime.datetime.fromtimestamp(
        daftar[-1].stat().st_mtime, tz=datetime.UTC
    )
