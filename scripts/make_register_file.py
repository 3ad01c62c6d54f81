#!/usr/bin/env python
"""Write a synthetic register file for the import (benchmarks, demos, the README).

    .venv/bin/python scripts/make_register_file.py --rows 10000 --area "Алмалинский район" \\
        --beats almaly-01,almaly-02 --out register.csv

Every row is a valid application: a unique synthetic IIN with a correct check digit of
a person aged 18 to 60, a name, a phone, an address, the area, one of the given beats
(codes or numbers), forms of participation and the dates. `.xlsx` as the suffix of
--out writes XLSX, anything else CSV in UTF-8 with ";" between the columns. No personal
data of real people: the names come from short lists and the IINs are made up.

`generate()` is imported by the tests (tests/volunteers/test_import.py) and by
scripts/bench_import.py.
"""

import argparse
import csv
import datetime
import io
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from volunteers.iin import make_iin  # noqa: E402

HEADER = [
    "Фамилия",
    "Имя",
    "Отчество",
    "ИИН",
    "Телефон",
    "Адрес",
    "Район",
    "Участок",
    "Формы участия",
    "Дата заявления",
    "Согласие",
]
SURNAMES = ["Жумабеков", "Сейткали", "Ахметов", "Ким", "Иванов", "Нурланов", "Омаров", "Петров"]
NAMES_M = ["Асхат", "Ерлан", "Дамир", "Сергей", "Нуржан", "Тимур", "Арман", "Олег"]
NAMES_F = ["Айгерим", "Динара", "Мария", "Жанар", "Ольга", "Асель", "Гульнара", "Анна"]
PATRONYMICS_M = ["Серикович", "Маратович", "Алексеевич", "Болатович", ""]
PATRONYMICS_F = ["Сериковна", "Маратовна", "Алексеевна", "Болатовна", ""]
STREETS = ["ул. Абая", "пр. Достык", "ул. Толе би", "ул. Желтоксан", "мкр. Самал-2"]
FORMS = ["патрулирование", "рейды", "правовая пропаганда", "patrols", "mass_events"]


def unique_iins(count, *, today, rng):
    """`count` distinct valid IINs of people aged 18 to 60 on `today`."""
    seen = set()
    earliest = today.replace(year=today.year - 60)
    span = (today.replace(year=today.year - 19) - earliest).days
    while len(seen) < count:
        birth = earliest + datetime.timedelta(days=rng.randrange(span))
        sex = rng.choice("MF")
        iin = make_iin(birth, sex, rng.randrange(1, 10000))
        if iin and iin not in seen:
            seen.add(iin)
            yield iin, sex


def generate(rows, *, area, beats, seed=590, today=None):
    """The header and `rows` rows (lists of text) of a valid register file."""
    rng = random.Random(seed)
    today = today or datetime.date.today()
    data = []
    for iin, sex in unique_iins(rows, today=today, rng=rng):
        applied = today - datetime.timedelta(days=rng.randrange(0, 300))
        male = sex == "M"
        data.append(
            [
                rng.choice(SURNAMES) + ("" if male else "а"),
                rng.choice(NAMES_M if male else NAMES_F),
                rng.choice(PATRONYMICS_M if male else PATRONYMICS_F),
                iin,
                f"+7 70{rng.randrange(10)} {rng.randrange(100, 999)} "
                f"{rng.randrange(10, 99)} {rng.randrange(10, 99)}",
                f"{rng.choice(STREETS)}, {rng.randrange(1, 200)}, кв. {rng.randrange(1, 120)}",
                area,
                str(rng.choice(beats)),
                ", ".join(rng.sample(FORMS, rng.randrange(1, 3))),
                applied.strftime("%d.%m.%Y"),
                applied.strftime("%d.%m.%Y"),
            ]
        )
    return list(HEADER), data


def to_csv(header, data, delimiter=";") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(data)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(header, data) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Register")
    sheet.append(header)
    for row in data:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--area", required=True, help="the area's name, as in the portal")
    parser.add_argument("--beats", required=True, help="beat codes or numbers, comma-separated")
    parser.add_argument("--seed", type=int, default=590)
    parser.add_argument("--out", required=True, type=Path, help="a .csv or .xlsx file")
    args = parser.parse_args(argv)
    beats = [b.strip() for b in args.beats.split(",") if b.strip()]
    header, data = generate(args.rows, area=args.area, beats=beats, seed=args.seed)
    content = to_xlsx(header, data) if args.out.suffix == ".xlsx" else to_csv(header, data)
    args.out.write_bytes(content)
    print(f"{len(data)} rows written to {args.out}")


if __name__ == "__main__":
    main()
