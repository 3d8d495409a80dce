
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('usulan_mutasi', '0008_dokumen_dipenuhi_sistem'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalpengaturanmutasi',
            name='batas_turun_kelas',
            field=models.PositiveSmallIntegerField(default=2, help_text='Mutasi ke jabatan yang kelasnya turun lebih dari sekian kelas dari jabatan asal memberi peringatan yang harus dijawab dengan justifikasi.', verbose_name='batas turun kelas jabatan'),
        ),
        migrations.AddField(
            model_name='pengaturanmutasi',
            name='batas_turun_kelas',
            field=models.PositiveSmallIntegerField(default=2, help_text='Mutasi ke jabatan yang kelasnya turun lebih dari sekian kelas dari jabatan asal memberi peringatan yang harus dijawab dengan justifikasi.', verbose_name='batas turun kelas jabatan'),
        ),
    ]
