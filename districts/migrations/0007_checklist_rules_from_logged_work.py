"""Appendix B items that logged work can now tick: each gets its automatic rule.

Only an item still on its original rule is changed, so an administrator's own choice stays.
"""

from django.db import migrations

# (Russian text as in Appendix B, rule before, rule now)
RULES = [
    ("Провести информационную акцию с участием общественности.", "", "information_campaign"),
    ("Наладить контакт с представителями акимата.", "", "akimat_contact"),
    ("Участвовать в работе общественного совета/комиссии.", "", "council_work"),
    ("Вовлечь НПО и волонтеров в профилактические акции.", "", "ngo_volunteers"),
    ("Пройти тренинг/семинар по правовым или психологическим аспектам.", "", "training"),
    ("Изучить новые цифровые сервисы для работы с населением.", "", "digital_study"),
    ("Подготовить краткий отчет о проделанной профилактической работе.", "report_meeting",
     "report_published"),
]  # fmt: skip


def set_rules(apps, schema_editor):
    ChecklistItem = apps.get_model("districts", "ChecklistItem")
    for text, before, now in RULES:
        ChecklistItem.objects.filter(text_ru=text, auto_rule=before).update(auto_rule=now)


def unset_rules(apps, schema_editor):
    ChecklistItem = apps.get_model("districts", "ChecklistItem")
    for text, before, now in RULES:
        ChecklistItem.objects.filter(text_ru=text, auto_rule=now).update(auto_rule=before)


class Migration(migrations.Migration):
    dependencies = [("districts", "0006_inspector_study_and_preventive_groups")]

    operations = [migrations.RunPython(set_rules, unset_rules)]
