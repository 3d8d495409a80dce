"""The starting competency dictionary (PermenPAN-RB 38/2017, from secondary copies), the kinds of
professional certification and the training programs. Loaded by the data migration
`instansi/0003_kamus_kompetensi` and by `manage.py muat_kamus_kompetensi` (which adds what is
missing and never overwrites an edit made in admin). After loading, this is data: edit it in
admin.

Each competency: (kode, nama, jenis, rumpun, definisi, [(deskripsi level 1, [indikator, …]), …
level 5]).
"""

MANAJERIAL = "manajerial"
SOSIAL_KULTURAL = "sosial_kultural"
TEKNIS = "teknis"

KOMPETENSI = [
    (
        "M.01",
        "Integritas",
        MANAJERIAL,
        "",
        "Konsisten berperilaku selaras dengan nilai, norma dan/atau etika organisasi, dan jujur "
        "dalam hubungan dengan manajemen, rekan kerja, bawahan langsung, dan pemangku "
        "kepentingan; menciptakan budaya etika tinggi; bertanggung jawab atas tindakan atau "
        "keputusan beserta risiko yang menyertainya.",
        [
            (
                "Mampu bertindak sesuai nilai, norma, etika organisasi dalam kapasitas pribadi.",
                [
                    "Bertingkah laku sesuai dengan perkataan; berkata sesuai dengan fakta.",
                    "Melaksanakan peraturan dan kode etik organisasi dalam pekerjaan sehari-hari.",
                    "Tidak menjanjikan atau memberikan sesuatu yang bertentangan dengan aturan.",
                ],
            ),
            (
                "Mampu mengingatkan dan mengajak rekan kerja untuk bertindak sesuai nilai, norma "
                "dan etika organisasi.",
                [
                    "Mengingatkan rekan kerja untuk bertindak sesuai nilai dan etika organisasi.",
                    "Ikut mengamati dan melaporkan pelanggaran nilai dan etika di lingkungannya.",
                ],
            ),
            (
                "Mampu memastikan dan menanamkan keyakinan bersama agar anggota yang dipimpin "
                "bertindak sesuai nilai, norma dan etika organisasi.",
                [
                    "Memastikan anggota unit kerja bertindak sesuai nilai dan kode etik.",
                    "Memberikan apresiasi dan teguran terkait penerapan nilai dan etika.",
                ],
            ),
            (
                "Mampu menciptakan situasi kerja yang membuat rekan kerja berperilaku sesuai "
                "nilai, norma dan etika organisasi.",
                [
                    "Menciptakan situasi kerja yang mendorong kepatuhan pada nilai dan etika.",
                    "Mengambil tindakan atas pelanggaran etika di unit kerjanya.",
                ],
            ),
            (
                "Mampu menjadi panutan dalam penerapan standar keadilan dan etika di tingkat "
                "daerah dan nasional.",
                [
                    "Menjadi panutan penerapan nilai dan etika bagi seluruh pemangku kepentingan.",
                    "Menyusun kebijakan yang menjamin integritas penyelenggaraan pemerintahan.",
                ],
            ),
        ],
    ),
    (
        "M.02",
        "Kerjasama",
        MANAJERIAL,
        "",
        "Kemampuan menjalin, membina dan mempertahankan hubungan kerja yang efektif, memiliki "
        "komitmen saling membantu dalam penyelesaian tugas, dan mengoptimalkan segala sumber "
        "daya untuk mencapai tujuan strategis organisasi.",
        [
            (
                "Berpartisipasi sebagai anggota tim yang baik, melakukan tugas bagiannya, dan "
                "mendukung keputusan tim.",
                [
                    "Melaksanakan tugas bagiannya dalam tim dengan baik.",
                    "Mendukung keputusan tim walaupun berbeda dengan pendapat pribadi.",
                ],
            ),
            (
                "Menumbuhkan tim kerja yang partisipatif dan efektif.",
                [
                    "Membantu rekan kerja yang kesulitan menyelesaikan tugasnya.",
                    "Mengajak anggota tim menyampaikan pendapat dan gagasan.",
                ],
            ),
            (
                "Efektif membangun tim kerja untuk peningkatan kinerja organisasi.",
                [
                    "Membangun kerja sama antar unit untuk menyelesaikan tugas bersama.",
                    "Menyelesaikan perbedaan pendapat dalam tim secara konstruktif.",
                ],
            ),
            (
                "Membangun komitmen tim dan sinergi antar unit kerja.",
                [
                    "Membangun sinergi antar unit kerja di lingkup instansi.",
                    "Menggalang komitmen tim terhadap tujuan bersama.",
                ],
            ),
            (
                "Menciptakan hubungan kerja yang konstruktif lintas instansi untuk tujuan "
                "strategis.",
                [
                    "Membangun jejaring kerja sama lintas instansi dan pemangku kepentingan.",
                    "Menciptakan budaya kerja sama di tingkat daerah.",
                ],
            ),
        ],
    ),
    (
        "M.03",
        "Komunikasi",
        MANAJERIAL,
        "",
        "Kemampuan menerangkan pandangan dan gagasan secara jelas, sistematis, dengan "
        "argumentasi yang logis, lisan maupun tertulis; memastikan pemahaman; mendengarkan "
        "secara aktif; mempersuasi dan meyakinkan orang lain untuk mencapai tujuan organisasi.",
        [
            (
                "Menyampaikan informasi dengan jelas, lengkap, dan dengan pemahaman yang sama.",
                [
                    "Menyampaikan informasi secara jelas dan lengkap, lisan maupun tertulis.",
                    "Memastikan lawan bicara memahami informasi yang disampaikan.",
                ],
            ),
            (
                "Aktif menjalankan komunikasi formal dan informal; mendengarkan orang lain dan "
                "menyusun naskah, laporan dan bahan presentasi.",
                [
                    "Mendengarkan dan menanggapi pesan orang lain dengan tepat.",
                    "Menyusun laporan dan bahan paparan yang runtut.",
                ],
            ),
            (
                "Berkomunikasi secara asertif; menyampaikan informasi yang sensitif atau rumit.",
                [
                    "Menyampaikan informasi yang sensitif secara santun dan tegas.",
                    "Menyesuaikan cara berkomunikasi dengan audiens.",
                ],
            ),
            (
                "Mengemukakan pemikiran multidimensi untuk mendorong kesepakatan.",
                [
                    "Meyakinkan pihak lain dengan argumen berbasis data.",
                    "Mendorong tercapainya kesepakatan antar pihak.",
                ],
            ),
            (
                "Menggagas sistem komunikasi yang terbuka secara strategis.",
                [
                    "Membangun saluran komunikasi strategis dengan pemangku kepentingan.",
                    "Menjadi juru bicara organisasi dalam isu strategis.",
                ],
            ),
        ],
    ),
    (
        "M.04",
        "Orientasi pada Hasil",
        MANAJERIAL,
        "",
        "Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat "
        "diandalkan, bertanggung jawab, dan secara sistematis mengidentifikasi risiko dan "
        "peluang dengan memperhatikan keterhubungan antara perencanaan dan hasil.",
        [
            (
                "Bertanggung jawab untuk memenuhi standar kerja.",
                [
                    "Menyelesaikan tugas sesuai standar dan tepat waktu.",
                    "Bertanggung jawab atas hasil kerjanya sendiri.",
                ],
            ),
            (
                "Berupaya meningkatkan hasil kerja pribadi di atas standar.",
                [
                    "Mencoba metode kerja alternatif untuk hasil yang lebih baik.",
                    "Menetapkan target pribadi di atas standar yang ditetapkan.",
                ],
            ),
            (
                "Menetapkan target kerja yang menantang bagi unit kerja.",
                [
                    "Menetapkan target unit kerja yang menantang dan terukur.",
                    "Memberi apresiasi dan teguran untuk mendorong kinerja.",
                ],
            ),
            (
                "Mendorong unit kerja mencapai atau melampaui target.",
                [
                    "Memantau capaian kinerja unit dan mengambil tindakan perbaikan.",
                    "Mengelola risiko yang menghambat pencapaian target.",
                ],
            ),
            (
                "Menciptakan situasi kerja yang mendorong penerapan manajemen kinerja.",
                [
                    "Membangun sistem manajemen kinerja di tingkat instansi.",
                    "Mengaitkan kinerja individu dengan sasaran strategis daerah.",
                ],
            ),
        ],
    ),
    (
        "M.05",
        "Pelayanan Publik",
        MANAJERIAL,
        "",
        "Kemampuan melaksanakan tugas pemerintahan, pembangunan dan pelayanan publik secara "
        "profesional, transparan, mengikuti standar pelayanan yang objektif, netral, tidak "
        "memihak, tidak diskriminatif, dan tidak terpengaruh kepentingan pribadi atau kelompok.",
        [
            (
                "Menjalankan tugas mengikuti standar pelayanan.",
                [
                    "Melayani masyarakat sesuai standar pelayanan yang berlaku.",
                    "Bersikap ramah dan tidak diskriminatif kepada penerima layanan.",
                ],
            ),
            (
                "Mengawasi dan menjelaskan proses pelayanan publik secara transparan.",
                [
                    "Menjelaskan prosedur layanan kepada masyarakat secara terbuka.",
                    "Menindaklanjuti keluhan penerima layanan.",
                ],
            ),
            (
                "Memperbaiki standar pelayanan publik di lingkup unit kerja.",
                [
                    "Mengevaluasi dan memperbaiki standar pelayanan unit kerja.",
                    "Memanfaatkan umpan balik masyarakat untuk perbaikan layanan.",
                ],
            ),
            (
                "Mengantisipasi dampak isu jangka panjang terhadap pelayanan publik.",
                [
                    "Memantau isu strategis yang memengaruhi pelayanan.",
                    "Menyusun inovasi pelayanan di tingkat instansi.",
                ],
            ),
            (
                "Menciptakan kebijakan yang menjamin pelayanan publik yang objektif dan netral.",
                [
                    "Merumuskan kebijakan pelayanan publik di tingkat daerah.",
                    "Menjamin netralitas penyelenggaraan pelayanan.",
                ],
            ),
        ],
    ),
    (
        "M.06",
        "Pengembangan Diri dan Orang Lain",
        MANAJERIAL,
        "",
        "Kemampuan meningkatkan pengetahuan dan keterampilan diri, menginspirasi orang lain untuk "
        "mengembangkan pengetahuan dan keterampilan yang relevan, mendorong kemauan belajar "
        "sepanjang hidup, dan memberikan bimbingan serta umpan balik.",
        [
            (
                "Mengembangkan diri.",
                [
                    "Mengikuti pelatihan untuk meningkatkan kemampuan diri.",
                    "Mempelajari hal baru yang terkait dengan pekerjaannya.",
                ],
            ),
            (
                "Meningkatkan kemampuan bawahan dengan contoh dan penjelasan.",
                [
                    "Memberikan contoh cara melaksanakan pekerjaan kepada rekan atau bawahan.",
                    "Berbagi pengetahuan dengan rekan kerja.",
                ],
            ),
            (
                "Memberikan umpan balik dan membimbing.",
                [
                    "Memberikan umpan balik yang konstruktif secara berkala.",
                    "Membimbing bawahan dalam pengembangan kariernya.",
                ],
            ),
            (
                "Menyusun program pengembangan jangka panjang.",
                [
                    "Menyusun rencana pengembangan kompetensi unit kerja.",
                    "Mendorong manajemen pembelajaran di instansi.",
                ],
            ),
            (
                "Menciptakan situasi yang mendorong organisasi belajar berkelanjutan.",
                [
                    "Membangun budaya belajar di tingkat daerah.",
                    "Menjadi mentor bagi pejabat di bawahnya.",
                ],
            ),
        ],
    ),
    (
        "M.07",
        "Mengelola Perubahan",
        MANAJERIAL,
        "",
        "Kemampuan menyesuaikan diri dengan situasi yang baru atau berubah, tidak bergantung "
        "berlebihan pada metode lama, mendukung dan melaksanakan inisiatif perubahan, serta "
        "memimpin dan bertanggung jawab atas keberhasilan perubahan.",
        [
            (
                "Mengikuti perubahan dengan arahan.",
                [
                    "Menyesuaikan cara kerja dengan perubahan yang ditetapkan.",
                    "Bersedia mempelajari prosedur atau sistem baru.",
                ],
            ),
            (
                "Proaktif beradaptasi mengikuti perubahan.",
                [
                    "Menyesuaikan diri dengan cepat terhadap perubahan.",
                    "Memberikan masukan untuk kelancaran perubahan.",
                ],
            ),
            (
                "Membantu orang lain mengikuti perubahan.",
                [
                    "Membantu rekan kerja memahami dan mengikuti perubahan.",
                    "Mengantisipasi hambatan pelaksanaan perubahan.",
                ],
            ),
            (
                "Memimpin perubahan pada unit kerja.",
                [
                    "Merancang dan memimpin inisiatif perubahan unit kerja.",
                    "Mengelola penolakan terhadap perubahan.",
                ],
            ),
            (
                "Menggerakkan dukungan pemangku kepentingan untuk perubahan berkelanjutan.",
                [
                    "Memimpin perubahan di tingkat instansi atau daerah.",
                    "Menjaga keberlanjutan hasil perubahan.",
                ],
            ),
        ],
    ),
    (
        "M.08",
        "Pengambilan Keputusan",
        MANAJERIAL,
        "",
        "Kemampuan membuat keputusan yang baik secara tepat waktu dan dengan keyakinan diri "
        "setelah mempertimbangkan prinsip kehati-hatian, berdasarkan informasi, alternatif "
        "pemecahan masalah dan konsekuensinya, serta bertanggung jawab atas keputusan itu.",
        [
            (
                "Mengumpulkan informasi untuk bertindak sesuai kewenangan.",
                [
                    "Mengumpulkan informasi yang relevan sebelum bertindak.",
                    "Mengambil keputusan sesuai batas kewenangannya.",
                ],
            ),
            (
                "Menganalisis masalah secara mendalam.",
                [
                    "Mengurai masalah menjadi bagian-bagian untuk menemukan penyebabnya.",
                    "Mempertimbangkan beberapa alternatif pemecahan.",
                ],
            ),
            (
                "Membandingkan alternatif dan menyeimbangkan risiko.",
                [
                    "Menimbang untung-rugi tiap alternatif keputusan.",
                    "Memilih keputusan dengan risiko yang terkelola.",
                ],
            ),
            (
                "Menyelesaikan masalah berisiko tinggi dan memitigasi dampaknya.",
                [
                    "Mengantisipasi dampak keputusan terhadap unit lain.",
                    "Menyiapkan langkah pengamanan atas risiko keputusan.",
                ],
            ),
            (
                "Mengambil keputusan strategis untuk masalah jangka panjang.",
                [
                    "Mengambil keputusan yang berdampak strategis bagi daerah.",
                    "Bertanggung jawab atas keputusan strategis beserta risikonya.",
                ],
            ),
        ],
    ),
    (
        "SK.01",
        "Perekat Bangsa",
        SOSIAL_KULTURAL,
        "",
        "Kemampuan mempromosikan sikap toleransi, keterbukaan, peka terhadap perbedaan individu "
        "atau kelompok masyarakat; menjadi perpanjangan tangan pemerintah dalam mempersatukan "
        "masyarakat dan membangun hubungan sosial psikologis di tengah kemajemukan Indonesia.",
        [
            (
                "Peka memahami dan menerima kemajemukan.",
                [
                    "Menghargai perbedaan suku, agama, ras dan golongan di lingkungan kerja.",
                    "Bersedia bekerja sama dengan siapa pun tanpa membedakan latar belakang.",
                ],
            ),
            (
                "Aktif mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan.",
                [
                    "Menekankan persamaan dan persatuan dalam bekerja sama.",
                    "Menengahi perbedaan pendapat yang berlatar perbedaan budaya.",
                ],
            ),
            (
                "Mempromosikan dan mengembangkan sikap toleransi dan persatuan.",
                [
                    "Mempromosikan sikap toleransi di unit kerja dan masyarakat.",
                    "Mengelola konflik yang berlatar kemajemukan.",
                ],
            ),
            (
                "Mendayagunakan perbedaan secara konstruktif untuk efektivitas organisasi.",
                [
                    "Memanfaatkan keragaman sebagai kekuatan organisasi.",
                    "Membangun kebijakan unit yang inklusif.",
                ],
            ),
            (
                "Menjadi wakil pemerintah dalam membangun hubungan sosial psikologis.",
                [
                    "Menjadi perekat persatuan di tingkat daerah.",
                    "Merumuskan kebijakan yang memperkuat persatuan masyarakat.",
                ],
            ),
        ],
    ),
]

# Technical competencies per jabatan family: the regulation leaves them to each instansi
# pembina; these are examples with the common five-step progression.
_TEKNIS = [
    ("T.KES.01", "Asuhan Keperawatan", "Kesehatan", "asuhan keperawatan"),
    ("T.KES.02", "Pelayanan Kebidanan", "Kesehatan", "pelayanan kebidanan"),
    ("T.KES.03", "Pelayanan Kefarmasian", "Kesehatan", "pelayanan kefarmasian"),
    ("T.KES.04", "Pelayanan Medis", "Kesehatan", "pelayanan medis"),
    ("T.PEND.01", "Pengelolaan Pembelajaran", "Pendidikan", "pengelolaan pembelajaran"),
    ("T.PEND.02", "Penilaian Hasil Belajar", "Pendidikan", "penilaian hasil belajar"),
    ("T.KEU.01", "Pengelolaan Keuangan Daerah", "Keuangan", "pengelolaan keuangan daerah"),
    ("T.SDM.01", "Manajemen ASN", "Kepegawaian", "manajemen ASN"),
    ("T.TI.01", "Pengelolaan Sistem Informasi", "Teknologi Informasi", "sistem informasi"),
    (
        "T.PEM.01",
        "Pelayanan Administrasi Pemerintahan",
        "Pemerintahan",
        "administrasi pemerintahan",
    ),
]
_LANGKAH_TEKNIS = [
    ("Memahami dasar-dasar {x} dan menerapkannya dengan arahan.", "Menjelaskan prosedur {x}."),
    ("Melaksanakan {x} secara mandiri sesuai standar.", "Menyelesaikan tugas {x} tanpa arahan."),
    (
        "Menganalisis dan memperbaiki pelaksanaan {x} di unit kerja.",
        "Mengevaluasi mutu {x} dan mengusulkan perbaikan.",
    ),
    (
        "Mengembangkan standar dan kebijakan {x} di tingkat instansi.",
        "Menyusun pedoman {x} untuk instansi.",
    ),
    ("Menjadi rujukan {x} di tingkat daerah.", "Membina pelaksanaan {x} lintas instansi."),
]
for _kode, _nama, _rumpun, _x in _TEKNIS:
    KOMPETENSI.append(
        (
            _kode,
            _nama,
            TEKNIS,
            _rumpun,
            f"Kemampuan teknis di bidang {_x} yang dibutuhkan jabatan rumpun {_rumpun.lower()}.",
            [(d.format(x=_x), [i.format(x=_x)]) for d, i in _LANGKAH_TEKNIS],
        )
    )

# kode, nama, penerbit, masa berlaku (tahun; None = seumur hidup)
JENIS_SERTIFIKASI = [
    ("STR-PERAWAT", "Surat Tanda Registrasi (STR) Perawat", "Konsil Kesehatan Indonesia", 5),
    ("STR-BIDAN", "Surat Tanda Registrasi (STR) Bidan", "Konsil Kesehatan Indonesia", 5),
    ("STR-DOKTER", "Surat Tanda Registrasi (STR) Dokter", "Konsil Kesehatan Indonesia", 5),
    ("STRA", "Surat Tanda Registrasi Apoteker (STRA)", "Konsil Kesehatan Indonesia", 5),
    ("SERDIK", "Sertifikat Pendidik", "Kementerian Pendidikan Dasar dan Menengah", None),
    ("PBJ", "Sertifikat Kompetensi Pengadaan Barang/Jasa", "LKPP", 4),
]

# kode, nama, jenis
PROGRAM_PELATIHAN = [
    ("LATSAR", "Pelatihan Dasar CPNS", "teknis"),
    ("PKP", "Pelatihan Kepemimpinan Pengawas (PKP)", "kepemimpinan"),
    ("PKA", "Pelatihan Kepemimpinan Administrator (PKA)", "kepemimpinan"),
    ("PKN-II", "Pelatihan Kepemimpinan Nasional Tingkat II (PKN II)", "kepemimpinan"),
    ("JF-PERAWAT", "Pelatihan Fungsional Perawat", "fungsional"),
    ("JF-BIDAN", "Pelatihan Fungsional Bidan", "fungsional"),
    ("JF-GURU", "Pendidikan Profesi Guru (PPG)", "fungsional"),
    ("JF-ASN", "Pelatihan Fungsional Analis SDM Aparatur", "fungsional"),
    ("JF-PRAKOM", "Pelatihan Fungsional Pranata Komputer", "fungsional"),
    ("PBJ-DASAR", "Pelatihan Pengadaan Barang/Jasa Tingkat Dasar", "teknis"),
    ("KEU-DAERAH", "Pelatihan Penatausahaan Keuangan Daerah", "teknis"),
    ("PELAYANAN", "Pelatihan Pelayanan Prima", "teknis"),
]


def muat_kamus(Kompetensi, LevelKompetensi, JenisSertifikasi, ProgramPelatihan) -> dict:
    """Create what is missing (by kode); an existing row — perhaps edited in admin — is kept.

    Takes the model classes so the data migration can pass its historical models.
    """
    ada = set(Kompetensi.objects.values_list("kode", flat=True))
    baru = [
        Kompetensi(kode=k, nama=n, jenis=j, rumpun=r, definisi=d)
        for k, n, j, r, d, _ in KOMPETENSI
        if k not in ada
    ]
    Kompetensi.objects.bulk_create(baru)
    per_kode = {k.kode: k for k in Kompetensi.objects.filter(kode__in=[b.kode for b in baru])}
    level = [
        LevelKompetensi(
            kompetensi=per_kode[k],
            level=i,
            deskripsi=deskripsi,
            indikator="\n".join(indikator),
        )
        for k, _, _, _, _, daftar in KOMPETENSI
        if k in per_kode
        for i, (deskripsi, indikator) in enumerate(daftar, start=1)
    ]
    LevelKompetensi.objects.bulk_create(level)
    ada_s = set(JenisSertifikasi.objects.values_list("kode", flat=True))
    sertifikasi = [
        JenisSertifikasi(kode=k, nama=n, penerbit=p, masa_berlaku_tahun=m)
        for k, n, p, m in JENIS_SERTIFIKASI
        if k not in ada_s
    ]
    JenisSertifikasi.objects.bulk_create(sertifikasi)
    ada_p = set(ProgramPelatihan.objects.values_list("kode", flat=True))
    program = [
        ProgramPelatihan(kode=k, nama=n, jenis=j) for k, n, j in PROGRAM_PELATIHAN if k not in ada_p
    ]
    ProgramPelatihan.objects.bulk_create(program)
    return {
        "kompetensi": len(baru),
        "level": len(level),
        "sertifikasi": len(sertifikasi),
        "program": len(program),
    }
