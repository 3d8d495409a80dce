"""Writes of the rebalancing plan: ask for one, compute it (the task's one service), mark plans
stale, and turn chosen moves into draft proposals."""

from __future__ import annotations

import logging
import time
from collections import Counter

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from analisis_beban import calculations as calc
from analisis_beban.models import PeriodeABK
from instansi.models import Instansi
from mutasi_asn.akun.roles import Peran

from ..aturan import ATURAN, BLOK, PEGAWAI, KolomPasangan, vektor_pasangan, vektor_pegawai
from ..choices import AlasanMutasi
from ..models import UsulanMutasi
from ..rules import jenis_untuk
from ..services import usulan_buat
from .inti import Hasil, Masalah, Pasangan2, PengaturanRencana, bangun_pasangan, selesaikan, serakah
from .models import KekuranganTersisa, LangkahRencana, RencanaPemerataan, StatusRencana
from .selectors import DataMasalah, muat_masalah

log = logging.getLogger(__name__)


def _harus_bkpsdm(actor) -> None:
    if not (actor.is_superuser or actor.punya_peran(Peran.BKPSDM)):
        raise PermissionDenied("Hanya staf BKPSDM yang dapat menyusun rencana pemerataan.")


def _bersihkan_pengaturan(data: dict | None) -> dict:
    """Settings as stored: every key known, wrong values refused with a message."""
    try:
        peng = PengaturanRencana.dari_dict(data)
    except TypeError as exc:
        raise ValidationError(f"Pengaturan rencana tidak dikenal: {exc}.") from exc
    for nama in (
        "biaya_peringatan",
        "bobot_antar_instansi",
        "bobot_antar_rumpun",
        "bobot_selisih_kelas",
        "bobot_kompetensi",
        "bobot_masa_jabatan",
    ):
        nilai = getattr(peng, nama)
        if not isinstance(nilai, int) or not 0 <= nilai <= 1000:
            raise ValidationError(f"Bobot '{nama}' harus bilangan bulat 0 sampai 1.000.")
    if peng.maks_per_instansi_asal is not None and (
        not isinstance(peng.maks_per_instansi_asal, int) or peng.maks_per_instansi_asal < 1
    ):
        raise ValidationError("Batas mutasi per instansi asal harus bilangan bulat 1 atau lebih.")
    for kode, cara in peng.peringatan.items():
        if cara not in ("kecualikan", "biaya"):
            raise ValidationError(
                f"Peringatan '{kode}' hanya dapat 'kecualikan' atau 'biaya', bukan '{cara}'."
            )
    return peng.sebagai_dict()


@transaction.atomic
def rencana_buat(
    *,
    periode: PeriodeABK,
    instansi: list[Instansi] | None = None,
    pengaturan: dict | None = None,
    judul: str = "",
    actor,
) -> RencanaPemerataan:
    """Record a plan to compute and queue its computation after commit."""
    _harus_bkpsdm(actor)
    rencana = RencanaPemerataan(
        periode=periode,
        judul=judul[:200],
        pengaturan=_bersihkan_pengaturan(pengaturan),
        dibuat_oleh=actor,
    )
    rencana.full_clean()
    rencana.save()
    if instansi:
        rencana.instansi.set(instansi)
    transaction.on_commit(lambda: rencana_kirim(rencana_id=rencana.pk))
    return rencana


def rencana_kirim(*, rencana_id: int) -> bool:
    """Send the computation to the worker; False (logged) when the broker is unreachable."""
    from .tasks import susun_rencana

    try:
        hasil = susun_rencana.apply_async(
            args=[rencana_id],
            retry=True,
            retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.5},
        )
    except Exception:
        log.exception("Rencana pemerataan %s tidak dapat dikirim ke antrean.", rencana_id)
        return False
    RencanaPemerataan.objects.filter(pk=rencana_id, task_id="").update(task_id=hasil.id or "")
    return True


def _progres(rencana_id: int, progres: int, tahap: str) -> None:
    # Its own short write, outside the computation, so the page sees it while the task runs.
    RencanaPemerataan.objects.filter(pk=rencana_id).update(progres=progres, tahap=tahap)


def rencana_susun(*, rencana_id: int) -> RencanaPemerataan | None:
    """Compute a queued plan: load the instance, build the eligible pairs, solve, store the
    moves with their explanations and the shortages left with their reasons. Idempotent: a
    finished plan is left alone; an interrupted one is computed again from scratch."""
    with transaction.atomic():
        rencana = RencanaPemerataan.objects.select_for_update().filter(pk=rencana_id).first()
        if rencana is None or rencana.status == StatusRencana.SELESAI:
            return rencana
        rencana.status = StatusRencana.BERJALAN
        rencana.mulai_pada = timezone.now()
        rencana.progres = 5
        rencana.tahap = "Membaca hasil ABK dan register"
        rencana.save(update_fields=["status", "mulai_pada", "progres", "tahap"])
    try:
        waktu = {}
        mulai = time.perf_counter()
        data = muat_masalah(
            periode=rencana.periode,
            instansi_ids=list(rencana.instansi.values_list("pk", flat=True)) or None,
            pengaturan=PengaturanRencana.dari_dict(rencana.pengaturan),
        )
        waktu["muat"] = time.perf_counter() - mulai
        _progres(rencana.pk, 30, "Menyusun pasangan pegawai × jabatan yang memenuhi syarat")
        mulai = time.perf_counter()
        ps = bangun_pasangan(data.masalah)
        waktu["pasangan"] = time.perf_counter() - mulai
        _progres(rencana.pk, 55, "Mencari rencana optimal (min-cost flow)")
        hasil = selesaikan(data.masalah, ps)
        waktu["solver"] = hasil.detik_solver
        pembanding = serakah(data.masalah, ps)
        _progres(rencana.pk, 80, "Menyimpan langkah dan penjelasannya")
        with transaction.atomic():
            _simpan(rencana, data, ps, hasil, pembanding, waktu)
    except Exception as exc:
        log.exception("Rencana pemerataan %s gagal disusun.", rencana_id)
        RencanaPemerataan.objects.filter(pk=rencana_id).update(
            status=StatusRencana.GAGAL,
            pesan_galat=f"Rencana gagal disusun: {exc}"[:2000],
            selesai_pada=timezone.now(),
        )
        raise
    rencana.refresh_from_db()
    return rencana


# --- explanation -----------------------------------------------------------------------------


def _bacaan(baris: dict, bezetting: int, wke: int, ambang: calc.AmbangPJ) -> dict:
    h = calc.hitung_jabatan(
        total_beban_menit=baris["total_beban_menit"],
        bezetting=bezetting,
        wke_menit=wke,
        ambang=ambang,
    )
    ej = calc.simpan_presisi(h.ej)
    return {
        "bezetting": h.bezetting,
        "kebutuhan": str(calc.simpan_presisi(h.kebutuhan)),
        "kebutuhan_bulat": h.kebutuhan_bulat,
        "selisih": h.selisih,
        "ej": None if ej is None else str(ej),
        "pj": h.pj or "",
    }


def _ambang(periode) -> calc.AmbangPJ:
    return calc.AmbangPJ(
        a=periode.ambang_a, b=periode.ambang_b, c=periode.ambang_c, d=periode.ambang_d
    )


def ringkasan_keadaan(
    hasil_abk: dict[int, dict], perubahan: dict[int, int], periode, nama_instansi: dict[int, str]
) -> dict:
    """The scope before and after a set of moves: positions short and with a surplus, total
    shortage and surplus, the PJ distribution, and EU/PU per instansi (calculations.py)."""
    wke, ambang = periode.wke_menit, _ambang(periode)
    hasil = {}
    for sisi in ("sebelum", "sesudah"):
        pj = Counter()
        kurang = lebih = n_kurang = n_lebih = 0
        per_inst: dict[int, dict] = {}
        for jid, r in hasil_abk.items():
            bez = r["bezetting"] + (perubahan.get(jid, 0) if sisi == "sesudah" else 0)
            h = calc.hitung_jabatan(
                total_beban_menit=r["total_beban_menit"],
                bezetting=bez,
                wke_menit=wke,
                ambang=ambang,
            )
            pj[h.pj or ""] += 1
            if h.selisih < 0:
                kurang -= h.selisih
                n_kurang += 1
            elif h.selisih > 0:
                lebih += h.selisih
                n_lebih += 1
            inst = per_inst.setdefault(r["instansi_id"], {"beban": 0, "bezetting": 0, "kurang": 0})
            inst["beban"] += r["total_beban_menit"]
            inst["bezetting"] += bez
            inst["kurang"] += max(-h.selisih, 0)
        hasil[sisi] = {
            "jabatan_kurang": n_kurang,
            "jabatan_lebih": n_lebih,
            "total_kurang": kurang,
            "total_lebih": lebih,
            "pj": {k: pj.get(k, 0) for k in ("A", "B", "C", "D", "E", "")},
            "per_instansi": {
                str(i): {
                    "eu": _str(
                        calc.simpan_presisi(calc.efisiensi_unit(v["beban"], v["bezetting"], wke))
                    ),
                    "pu": calc.prestasi(
                        calc.efisiensi_unit(v["beban"], v["bezetting"], wke), ambang
                    )
                    or "",
                    "kurang": v["kurang"],
                }
                for i, v in per_inst.items()
            },
        }
    hasil["instansi"] = [
        {"id": i, "nama": nama_instansi.get(i, str(i))}
        for i in sorted(
            {r["instansi_id"] for r in hasil_abk.values()}, key=lambda i: nama_instansi.get(i, "")
        )
    ]
    return hasil


def _str(x):
    return None if x is None else str(x)


ALASAN_SISA = {
    "tidak_ada_calon": "Tidak ada pegawai pada jabatan yang kelebihan di lingkup rencana ini yang "
    "memenuhi syarat jabatan ini.",
    "calon_dipakai": "Calon yang memenuhi syarat ({n}) sudah ditempatkan pada jabatan lain yang "
    "kekurangannya lebih besar.",
    "asal_habis": "Calon yang memenuhi syarat ({n}) ada, tetapi jabatan asalnya tidak boleh "
    "berkurang lagi tanpa menjadi kurang.",
    "batas_instansi": "Calon yang memenuhi syarat ({n}) ada, tetapi batas mutasi per instansi "
    "asal sudah tercapai.",
}


def _simpan(
    rencana: RencanaPemerataan,
    data: DataMasalah,
    ps: Pasangan2,
    hasil: Hasil,
    pembanding: Hasil,
    waktu: dict,
) -> None:
    m: Masalah = data.masalah
    periode = rencana.periode
    wke, ambang = periode.wke_menit, _ambang(periode)
    LangkahRencana.objects.filter(rencana=rencana).delete()
    KekuranganTersisa.objects.filter(rencana=rencana).delete()

    perubahan: Counter = Counter()
    for c, t in zip(hasil.c.tolist(), hasil.t.tolist(), strict=True):
        perubahan[data.asal_jabatan_ids[int(m.P.asal[c])]] -= 1
        perubahan[data.target_jabatan_ids[t]] += 1

    # Rules per move, read again from the declarations (the same as the pairs were built with).
    pr = KolomPasangan(m.P.ambil(hasil.c), m.J.ambil(hasil.t), m.kunci_bidang)
    temuan_c = vektor_pegawai(m.P.ambil(hasil.c), m.konteks)
    temuan_p = vektor_pasangan(pr, m.konteks)
    pilih = {
        (int(c), int(t)): i
        for i, (c, t) in enumerate(zip(ps.c.tolist(), ps.t.tolist(), strict=True))
    }
    langkah = []
    for n, (c, t) in enumerate(zip(hasil.c.tolist(), hasil.t.tolist(), strict=True)):
        i = pilih[(c, t)]
        asal_id = data.asal_jabatan_ids[int(m.P.asal[c])]
        tujuan_id = data.target_jabatan_ids[t]
        ha, ht = data.hasil[asal_id], data.hasil[tujuan_id]
        lolos, diterima = [], []
        for a in ATURAN:
            kena = temuan_c[a.kode][n] if a.tingkat == PEGAWAI else temuan_p[a.kode][n]
            if not kena:
                lolos.append(a.label)
            elif a.jenis != BLOK:
                diterima.append(a.kode)
        penjelasan = {
            "lolos": lolos,
            "peringatan_diterima": diterima,
            "biaya": {nama: int(v[i]) for nama, v in ps.suku.items()},
            "asal": {
                "sebelum": _bacaan(ha, ha["bezetting"], wke, ambang),
                "sesudah": _bacaan(ha, ha["bezetting"] + perubahan[asal_id], wke, ambang),
            },
            "tujuan": {
                "sebelum": _bacaan(ht, ht["bezetting"], wke, ambang),
                "sesudah": _bacaan(ht, ht["bezetting"] + perubahan[tujuan_id], wke, ambang),
                "usulan_lain": int(m.J.kurang[t] - m.J.tempat[t]),
            },
        }
        ja, jt = data.jabatan[asal_id], data.jabatan[tujuan_id]
        langkah.append(
            LangkahRencana(
                rencana=rencana,
                urutan=n + 1,
                pegawai_id=data.pegawai_ids[c],
                jabatan_asal_id=asal_id,
                unit_asal_id=ja["unit_kerja_id"],
                instansi_asal_id=ja["unit_kerja__instansi_id"],
                jabatan_tujuan_id=tujuan_id,
                unit_tujuan_id=jt["unit_kerja_id"],
                instansi_tujuan_id=jt["unit_kerja__instansi_id"],
                biaya=int(ps.biaya[i]),
                penjelasan=penjelasan,
            )
        )
    LangkahRencana.objects.bulk_create(langkah, batch_size=2000)
    KekuranganTersisa.objects.bulk_create(
        _kekurangan_tersisa(rencana, data, ps, hasil), batch_size=2000
    )

    nama_instansi = dict(Instansi.objects.values_list("pk", "nama"))
    ringkasan = ringkasan_keadaan(data.hasil, perubahan, periode, nama_instansi)
    ringkasan.update(
        optimum={
            "jumlah_langkah": len(hasil.c),
            "bobot_terisi": round(hasil.bobot_terisi, 4),
            "biaya_sekunder": hasil.biaya_sekunder,
        },
        serakah={
            "jumlah_langkah": len(pembanding.c),
            "bobot_terisi": round(pembanding.bobot_terisi, 4),
            "biaya_sekunder": pembanding.biaya_sekunder,
        },
        ukuran={
            "calon": len(m.P),
            "jabatan_asal": len(m.asal_kapasitas),
            "jabatan_kurang": len(m.J),
            "tempat": int(np.maximum(m.J.tempat, 0).sum()),
            "pasangan": len(ps.c),
        },
        waktu_detik={k: round(v, 3) for k, v in waktu.items()},
    )
    rencana.sidik_jari = data.sidik_jari
    rencana.ringkasan = ringkasan
    rencana.status = StatusRencana.SELESAI
    rencana.progres = 100
    rencana.tahap = ""
    rencana.pesan_galat = ""
    rencana.basi = False
    rencana.alasan_basi = ""
    rencana.selesai_pada = timezone.now()
    rencana.save()


def _kekurangan_tersisa(rencana, data: DataMasalah, ps: Pasangan2, hasil: Hasil):
    """Every target left short after the plan, with the reason it could not be filled."""
    m = data.masalah
    T = len(m.J)
    sisa = np.maximum(m.J.tempat, 0) - hasil.terisi
    pindah = np.zeros(len(m.P), bool)
    pindah[hasil.c] = True
    keluar = np.bincount(m.P.asal[hasil.c], minlength=len(m.asal_kapasitas))
    asal_penuh = keluar >= np.maximum(m.asal_kapasitas, 0)
    layak = np.bincount(ps.t, minlength=T)
    bebas = ~pindah[ps.c]
    n_bebas = np.bincount(ps.t[bebas], minlength=T)
    n_asal_ok = np.bincount(ps.t[bebas & ~asal_penuh[m.P.asal[ps.c]]], minlength=T)
    baris = []
    for t in np.flatnonzero((sisa > 0) | (m.J.tempat < m.J.kurang)).tolist():
        if sisa[t] <= 0:
            continue  # filled by the plan together with the proposals under way
        if layak[t] == 0:
            alasan = "tidak_ada_calon"
        elif n_bebas[t] == 0:
            alasan = "calon_dipakai"
        elif n_asal_ok[t] == 0:
            alasan = "asal_habis"
        else:
            alasan = "batas_instansi"
        jid = data.target_jabatan_ids[t]
        baris.append(
            KekuranganTersisa(
                rencana=rencana,
                jabatan_id=jid,
                instansi_id=data.hasil[jid]["instansi_id"],
                kurang=int(m.J.kurang[t]),
                sudah_diusulkan=int(m.J.kurang[t] - m.J.tempat[t]),
                terisi=int(hasil.terisi[t]),
                sisa=int(sisa[t]),
                alasan=alasan,
                keterangan=ALASAN_SISA[alasan].format(n=int(layak[t])),
                calon_layak=int(layak[t]),
            )
        )
    return baris


# --- stale plans -----------------------------------------------------------------------------


def rencana_tandai_basi(*, alasan: str, periode_ids=None) -> int:
    """Mark finished plans (of the given periods, or all) stale: their inputs changed."""
    qs = RencanaPemerataan.objects.filter(basi=False, status=StatusRencana.SELESAI)
    if periode_ids is not None:
        qs = qs.filter(periode_id__in=list(periode_ids))
    return qs.update(basi=True, alasan_basi=alasan[:200])


# --- from moves to proposals -----------------------------------------------------------------


def justifikasi_langkah(langkah: LangkahRencana) -> str:
    """The justification a proposal made from a move starts with, written from its explanation."""
    p = langkah.penjelasan
    asal, tujuan = p["asal"], p["tujuan"]
    teks = (
        f"Pemerataan beban kerja menurut rencana pemerataan #{langkah.rencana_id} "
        f"(ABK {langkah.rencana.periode.tahun}). Jabatan asal {langkah.jabatan_asal} "
        f"kelebihan {asal['sebelum']['selisih']} orang (bezetting {asal['sebelum']['bezetting']}, "
        f"kebutuhan {asal['sebelum']['kebutuhan_bulat']}); jabatan tujuan {langkah.jabatan_tujuan} "
        f"kekurangan {-tujuan['sebelum']['selisih']} orang (bezetting "
        f"{tujuan['sebelum']['bezetting']}, kebutuhan {tujuan['sebelum']['kebutuhan_bulat']}). "
        f"Setelah rencana: selisih asal {asal['sesudah']['selisih']:+d}, selisih tujuan "
        f"{tujuan['sesudah']['selisih']:+d}."
    )
    if p.get("peringatan_diterima"):
        teks += " Peringatan yang diterima rencana: " + ", ".join(p["peringatan_diterima"]) + "."
    return teks


@transaction.atomic
def rencana_buat_usulan(
    *, rencana: RencanaPemerataan, langkah_ids: list[int], actor
) -> list[UsulanMutasi]:
    """Draft proposals (reason: pemerataan beban kerja) from the chosen moves, all or none.

    Each then follows the chain like any other proposal, starting in the proposer's drafts.
    """
    _harus_bkpsdm(actor)
    if not langkah_ids:
        raise ValidationError("Pilih sedikitnya satu langkah rencana.")
    rencana = RencanaPemerataan.objects.select_for_update().get(pk=rencana.pk)
    if rencana.status != StatusRencana.SELESAI:
        raise ValidationError("Rencana belum selesai disusun.")
    langkah = list(
        LangkahRencana.objects.select_for_update(of=("self",))
        .filter(rencana=rencana, pk__in=langkah_ids)
        .select_related(
            "pegawai", "jabatan_asal__unit_kerja", "jabatan_tujuan__unit_kerja", "rencana__periode"
        )
        .order_by("urutan")
    )
    if len(langkah) != len(set(langkah_ids)):
        raise ValidationError("Sebagian langkah yang dipilih bukan bagian dari rencana ini.")
    sudah = [step for step in langkah if step.usulan_id]
    if sudah:
        raise ValidationError(
            "Langkah untuk "
            + ", ".join(step.pegawai.nama_lengkap for step in sudah)
            + " sudah dijadikan usulan; hapus centangnya."
        )
    dibuat = []
    for step in langkah:
        if step.pegawai.jabatan_id != step.jabatan_asal_id:
            raise ValidationError(
                f"{step.pegawai.nama_lengkap} tidak lagi menduduki {step.jabatan_asal}; susun ulang "
                "rencana."
            )
        try:
            usulan = usulan_buat(
                pegawai=step.pegawai,
                jenis=jenis_untuk(step.jabatan_asal, step.jabatan_tujuan),
                alasan=AlasanMutasi.PEMERATAAN,
                justifikasi=justifikasi_langkah(step),
                jabatan_tujuan=step.jabatan_tujuan,
                actor=actor,
            )
        except ValidationError as exc:
            raise ValidationError(
                f"Usulan untuk {step.pegawai.nama_lengkap} tidak dapat dibuat: "
                + " ".join(exc.messages)
            ) from exc
        step.usulan = usulan
        step.save(update_fields=["usulan"])
        dibuat.append(usulan)
    return dibuat
