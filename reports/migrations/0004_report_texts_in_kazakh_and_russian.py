"""The inspector's texts get a Kazakh and a Russian field each, and a revision is published
once per language (its versions share the number).

The texts written so far go to the Russian fields, except those written in Kazakh: a text
with a letter only the Kazakh alphabet has (ә, ғ, қ, ң, ө, ұ, ү, һ, і) goes to the Kazakh
one.
"""

from django.db import migrations, models

TEXTS = ("summary", "measures", "plan_next_quarter", "next_meeting_place")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def _is_kazakh(text):
    return bool(KAZAKH_LETTERS.intersection(text or ""))


def texts_to_their_language(apps, schema_editor):
    for name in ("QuarterlyReport", "HistoricalQuarterlyReport"):
        model = apps.get_model("reports", name)
        for row in model.objects.all().iterator():
            changed = []
            for field in TEXTS:
                value = getattr(row, f"{field}_ru")
                if _is_kazakh(value):
                    setattr(row, f"{field}_kk", value)
                    setattr(row, f"{field}_ru", "")
                    changed += [f"{field}_kk", f"{field}_ru"]
            if changed:
                row.save(update_fields=changed)


def texts_back(apps, schema_editor):
    for name in ("QuarterlyReport", "HistoricalQuarterlyReport"):
        model = apps.get_model("reports", name)
        for row in model.objects.all().iterator():
            changed = []
            for field in TEXTS:
                if not getattr(row, f"{field}_ru") and getattr(row, f"{field}_kk"):
                    setattr(row, f"{field}_ru", getattr(row, f"{field}_kk"))
                    changed.append(f"{field}_ru")
            if changed:
                row.save(update_fields=changed)


def _text_fields(model_name):
    operations = []
    labels = {
        "summary": "summary for residents",
        "measures": "measures to remove causes and conditions of offences",
        "plan_next_quarter": "plan for the next quarter",
        "next_meeting_place": "place of the next report meeting",
    }
    for field in TEXTS:
        operations.append(
            migrations.RenameField(model_name=model_name, old_name=field, new_name=f"{field}_ru")
        )
        for language, label in (("kk", "Kazakh"), ("ru", "Russian")):
            verbose = f"{labels[field]} ({label})"
            if field == "next_meeting_place":
                new = models.CharField(blank=True, max_length=300, verbose_name=verbose)
            else:
                new = models.TextField(blank=True, verbose_name=verbose)
            if language == "kk":
                operations.append(
                    migrations.AddField(model_name=model_name, name=f"{field}_kk", field=new)
                )
            else:
                operations.append(
                    migrations.AlterField(model_name=model_name, name=f"{field}_ru", field=new)
                )
    return operations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_report_next_meeting_from"),
    ]

    operations = [
        *_text_fields("quarterlyreport"),
        *_text_fields("historicalquarterlyreport"),
        migrations.RunPython(texts_to_their_language, texts_back),
        migrations.AddField(
            model_name="reportrevision",
            name="single_language_reason",
            field=models.TextField(
                blank=True, verbose_name="why the report is published in one language only"
            ),
        ),
        migrations.RemoveConstraint(
            model_name="reportrevision",
            name="revision_number_once",
        ),
        migrations.AddConstraint(
            model_name="reportrevision",
            constraint=models.UniqueConstraint(
                fields=("report", "number", "language"),
                name="revision_number_once_per_language",
            ),
        ),
    ]
