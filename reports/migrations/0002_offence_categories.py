"""The offence categories a beat's public report counts, with the same period last year."""

from django.db import migrations

CATEGORIES = [
    ("theft", "Кражи", "Ұрлық", "Theft"),
    ("fraud", "Мошенничество", "Алаяқтық", "Fraud"),
    ("online_fraud", "Интернет-мошенничество", "Интернет-алаяқтық", "Online fraud"),
    ("robbery", "Грабежи и разбои", "Тонау және қарақшылық", "Robbery"),
    ("hooliganism", "Хулиганство", "Бұзақылық", "Hooliganism"),
    ("bodily_harm", "Причинение вреда здоровью", "Денсаулыққа зиян келтіру", "Bodily harm"),
    ("domestic_violence", "Бытовое насилие", "Тұрмыстық зорлық-зомбылық", "Domestic violence"),
    ("drugs", "Преступления, связанные с наркотиками", "Есірткіге байланысты қылмыстар", "Drug offences"),
    ("minors", "Правонарушения несовершеннолетних", "Кәмелетке толмағандардың құқық бұзушылықтары", "Offences by minors"),
    ("public_drinking", "Распитие алкоголя в общественных местах", "Қоғамдық орындарда алкоголь ішу", "Drinking in public places"),
    ("petty_hooliganism", "Мелкое хулиганство", "Ұсақ бұзақылық", "Petty hooliganism"),
    ("traffic", "Дорожно-транспортные происшествия", "Жол-көлік оқиғалары", "Road traffic accidents"),
]  # fmt: skip


def add_categories(apps, schema_editor):
    OffenceCategory = apps.get_model("reports", "OffenceCategory")
    for order, (code, ru, kk, en) in enumerate(CATEGORIES, start=1):
        OffenceCategory.objects.update_or_create(
            code=code,
            defaults={"name": ru, "name_ru": ru, "name_kk": kk, "name_en": en, "order": order * 10},
        )


def remove_categories(apps, schema_editor):
    apps.get_model("reports", "OffenceCategory").objects.filter(
        code__in=[row[0] for row in CATEGORIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_quarterly_reports")]

    operations = [migrations.RunPython(add_categories, remove_categories)]
