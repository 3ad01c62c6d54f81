"""The register of public assistants (Law No. 590): ten per beat, in every status the
lifecycle allows, each with what its status implies.

applied: nothing more; petitioned: the petition; refused: the refusal; registered: the
akimat's number; certified: a certificate held; active: a certificate held, the Art. 7
briefing attended and duties logged; suspended: the same plus the suspension;
deregistered: the certificate revoked with the ground. Registration and certificate numbers
run without gaps per area and the area counters are left at the last number given.
"""

import datetime

from demo.names import draw_name, phone
from volunteers.iin import make_iin
from volunteers.models import (
    AreaCounter,
    Assistant,
    AssistantStatus,
    Certificate,
    CertificateState,
    DeregistrationGround,
    Duty,
    ParticipationForm,
    Series,
    Training,
    TrainingKind,
)

S = AssistantStatus
PER_BEAT = 10
# Out of every 20 assistants of a beat (two beats' worth): the statuses in these shares.
STATUS_CYCLE = (
    [S.APPLIED, S.PETITIONED, S.REFUSED, S.REGISTERED, S.SUSPENDED]
    + [S.CERTIFIED] * 2
    + [S.DEREGISTERED] * 2
    + [S.ACTIVE] * 11
)
HAS_CERTIFICATE = {S.CERTIFIED, S.ACTIVE, S.SUSPENDED, S.DEREGISTERED}
REGISTERED = {S.REGISTERED, S.CERTIFIED, S.ACTIVE, S.SUSPENDED, S.DEREGISTERED}
BRIEFED = {S.ACTIVE, S.SUSPENDED}
DUTIES_PER_ACTIVE = 3
DAY = datetime.timedelta(days=1)
FORMS = [f.value for f in ParticipationForm if f != ParticipationForm.OTHER]


def iin_for(index, rng):
    """A valid IIN, different for every index: the birth day and the serial's hundreds come
    from the index, so two assistants never share one."""
    birth = datetime.date(1965, 1, 1) + DAY * (index % 12000)
    sex = "F" if rng.random() < 0.35 else "M"
    base = (index // 12000) * 10
    for serial in range(base, base + 10):
        iin = make_iin(birth, sex, serial)
        if iin:
            return iin, birth, sex
    raise AssertionError("no valid IIN in ten serials")  # pragma: no cover


def build_register(writer, country, today):
    rng = country.rng("register")
    total = country.beats * PER_BEAT
    a0 = writer.reserve(Assistant, total)
    certificates, counters = [], {}
    by_point = {}  # police point → briefed assistants (the Art. 7 briefing's attendees)
    duties = []

    def next_number(area, series):
        counters[area, series] = counters.get((area, series), 0) + 1
        return counters[area, series]

    def assistants():
        for index in range(total):
            beat_index = index // PER_BEAT
            pk, beat, area = a0 + index, country.beat_id(beat_index), country.beat_area[beat_index]
            status = STATUS_CYCLE[index % len(STATUS_CYCLE)]
            iin, birth, sex = iin_for(index, rng)
            last, first, middle = draw_name(rng, sex, birth.year)
            applied = today - DAY * rng.randint(60, 700)
            petition_on = applied + DAY * rng.randint(5, 25)
            registered_on = petition_on + DAY * rng.randint(1, 9)
            row = {
                "petition_sent_on": None,
                "petition_number": "",
                "refused_on": None,
                "refusal_reason": "",
                "registration_number": "",
                "registered_on": None,
                "suspended_on": None,
                "suspension_reason": "",
                "deregistered_on": None,
                "deregistration_ground": "",
            }
            if status == S.REFUSED:
                row["refused_on"] = petition_on
                row["refusal_reason"] = "Не прошёл проверку по учётам."
            elif status != S.APPLIED:
                row["petition_sent_on"] = petition_on
                row["petition_number"] = f"SYN-{index + 1}"
            if status in REGISTERED:
                row["registered_on"] = registered_on
                number = next_number(area, Series.REGISTRATION)
                row["registration_number"] = f"{area:02d}-{number:05d}"
            if status in HAS_CERTIFICATE:
                issued = registered_on + DAY * rng.randint(1, 10)
                ended = None
                if status == S.DEREGISTERED:
                    ended = min(today, issued + DAY * rng.randint(30, 300))
                    row["deregistered_on"] = ended
                    row["deregistration_ground"] = DeregistrationGround.OWN_APPLICATION
                if status == S.SUSPENDED:
                    row["suspended_on"] = min(today, issued + DAY * rng.randint(30, 200))
                    row["suspension_reason"] = "Временная нетрудоспособность."
                certificates.append(
                    (pk, area, next_number(area, Series.CERTIFICATE), issued, ended)
                )
            if status in BRIEFED:
                by_point.setdefault(country.beat_point[beat_index], []).append(pk)
            if status == S.ACTIVE:
                for _ in range(DUTIES_PER_ACTIVE):
                    duties.append((pk, beat_index, issued))
            yield (
                pk,
                last,
                first,
                middle,
                iin,
                birth,
                sex,
                phone(rng),
                f"ул. Абая, {index % 200 + 1}",
                area,
                beat,
                rng.sample(FORMS, 2),
                status,
                applied,
                applied,
                row["petition_sent_on"],
                row["petition_number"],
                row["refused_on"],
                row["refusal_reason"],
                row["registration_number"],
                row["registered_on"],
                row["suspended_on"],
                row["suspension_reason"],
                row["deregistered_on"],
                row["deregistration_ground"],
            )

    writer.insert(
        Assistant,
        [
            "id",
            "last_name",
            "first_name",
            "middle_name",
            "iin",
            "birth_date",
            "sex",
            "phone",
            "address",
            "area_id",
            "beat_id",
            "forms",
            "status",
            "applied_on",
            "consent_given_on",
            "petition_sent_on",
            "petition_number",
            "refused_on",
            "refusal_reason",
            "registration_number",
            "registered_on",
            "suspended_on",
            "suspension_reason",
            "deregistered_on",
            "deregistration_ground",
        ],
        assistants(),
    )
    c0 = writer.reserve(Certificate, len(certificates))
    writer.insert(
        Certificate,
        [
            "id",
            "assistant_id",
            "area_id",
            "number",
            "issued_on",
            "valid_until",
            "state",
            "revoked_on",
            "revocation_reason",
            "token",
        ],
        (
            (
                c0 + i,
                assistant,
                area,
                number,
                issued,
                issued.replace(year=issued.year + 3)
                if (issued.month, issued.day) != (2, 29)
                else issued + DAY * 1095,
                CertificateState.REVOKED if ended else CertificateState.ISSUED,
                ended,
                str(DeregistrationGround.OWN_APPLICATION.label) if ended else "",
                f"syn{country.seed:04d}x{c0 + i:012d}",
            )
            for i, (assistant, area, number, issued, ended) in enumerate(certificates)
        ),
    )
    writer.insert(
        AreaCounter,
        ["id", "area_id", "series", "last"],
        (
            (writer.reserve(AreaCounter, 1), area, series, last)
            for (area, series), last in sorted(counters.items())
        ),
    )
    build_trainings(writer, country, by_point, today)
    d0 = writer.reserve(Duty, len(duties))
    writer.insert(
        Duty,
        ["id", "assistant_id", "date", "hours", "kind", "beat_id", "supervisor_id"],
        (
            (
                d0 + i,
                assistant,
                issued + DAY * rng.randint(0, (today - issued).days),
                rng.choice([2, 3, 4]),
                rng.choice(FORMS),
                country.beat_id(beat),
                country.inspector_id(beat),
            )
            for i, (assistant, beat, issued) in enumerate(duties)
        ),
    )


def build_trainings(writer, country, by_point, today):
    """At every police point a legal training and the Art. 7 briefing, attended by its
    active and suspended assistants (the briefing admits them to duties)."""
    area_of_department = dict(country.departments)
    points = [(pk, area_of_department[dept]) for pk, dept in country.points]
    t0 = writer.reserve(Training, 2 * len(points))
    writer.insert(
        Training,
        ["id", "area_id", "kind", "date", "police_point_id", "held_by", "topic"],
        (
            (
                t0 + 2 * i + j,
                area,
                kind,
                today - DAY * (750 - 10 * j),
                point,
                "Начальник УПП",
                "Права и обязанности помощника",
            )
            for i, (point, area) in enumerate(points)
            for j, kind in enumerate([TrainingKind.LEGAL_TRAINING, TrainingKind.ART7_BRIEFING])
        ),
    )
    through = Training.attendees.through
    m0 = writer.reserve(through, sum(len(v) for v in by_point.values()))
    index = {point: i for i, (point, _) in enumerate(points)}

    def rows():
        pk = m0
        for point, assistants in by_point.items():
            for assistant in assistants:
                yield pk, t0 + 2 * index[point] + 1, assistant
                pk += 1

    writer.insert(through, ["id", "training_id", "assistant_id"], rows())
