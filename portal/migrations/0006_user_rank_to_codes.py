"""A staff member's rank, typed as free text until now, becomes a code of PoliceRank.

The text is read without regard to case, extra spaces or «ё», with or without «полиции»
(«Капитан», «капитан полиции», «полиция капитаны» are all «captain»). Text that names no
rank of the list is not lost: the rank becomes «other» and the text moves to `rank_other`,
which is shown as written, so nobody's rank disappears from a public page; an
administrator can find them by the «other rank» filter and choose the right one.

The table is frozen here, as it was when the codes were introduced.
"""

import re

from django.db import migrations

RANKS = {
    # code: (Russian, Kazakh), both without the word for «police»
    "private": ("рядовой", "қатардағы қызметкері"),
    "junior_sergeant": ("младший сержант", "кіші сержанты"),
    "sergeant": ("сержант", "сержанты"),
    "senior_sergeant": ("старший сержант", "аға сержанты"),
    "sergeant_major": ("старшина", "старшинасы"),
    "junior_lieutenant": ("младший лейтенант", "кіші лейтенанты"),
    "lieutenant": ("лейтенант", "лейтенанты"),
    "senior_lieutenant": ("старший лейтенант", "аға лейтенанты"),
    "captain": ("капитан", "капитаны"),
    "major": ("майор", "майоры"),
    "lieutenant_colonel": ("подполковник", "подполковнигі"),
    "colonel": ("полковник", "полковнигі"),
    "major_general": ("генерал-майор", "генерал-майоры"),
    "lieutenant_general": ("генерал-лейтенант", "генерал-лейтенанты"),
    "colonel_general": ("генерал-полковник", "генерал-полковнигі"),
}
# The labels the reverse writes back: the Russian rank as it was typed.
RUSSIAN = {code: f"{ru} полиции" for code, (ru, _kk) in RANKS.items()}
POLICE_WORDS = ("полиции", "полицияның", "полиция")


def _key(text):
    words = re.sub(r"\s+", " ", text.replace("ё", "е").replace("Ё", "Е")).strip().lower()
    return " ".join(w for w in words.split(" ") if w not in POLICE_WORDS)


LOOKUP = {_key(name): code for code, names in RANKS.items() for name in names}


def code_of(text):
    """(code, text kept) for a rank as typed: ("", "") for nothing, ("other", text) when
    it names no rank of the list."""
    text = (text or "").strip()
    if not text:
        return "", ""
    code = LOOKUP.get(_key(text))
    return (code, "") if code else ("other", text[:100])


def to_codes(apps, schema_editor):
    User = apps.get_model("portal", "User")
    for user in User.objects.exclude(rank="").only("pk", "rank"):
        rank, rank_other = code_of(user.rank)
        User.objects.filter(pk=user.pk).update(rank=rank, rank_other=rank_other)


def to_text(apps, schema_editor):
    User = apps.get_model("portal", "User")
    for user in User.objects.exclude(rank="").only("pk", "rank", "rank_other"):
        text = user.rank_other if user.rank == "other" else RUSSIAN.get(user.rank, user.rank)
        User.objects.filter(pk=user.pk).update(rank=text, rank_other="")


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_user_rank_other")]

    operations = [migrations.RunPython(to_codes, to_text)]
