"""Joint actions: the default campaigns, and participants whose hours feed their own logs.

An assistant taking part in an action gets one entry in the duty log (volunteers.Duty);
a volunteer or a volunteer group one volunteer activity (volunteers.VolunteerActivity).
The functions here are the only writers of those linked entries: adding a participant
creates the entry, changing the hours or the action updates it, removing the participant
deletes it. Every function runs in one transaction; a refusal is a ValidationError and
nothing is saved. Hours are recorded once the action has started: `now` (default: the
current time) is the moment they are recorded, and the duty's history row carries it.
"""

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import ActionAssistant, ActionVolunteer, Campaign, JointAction
from portal.models import Role
from volunteers.models import (
    AssistantStatus,
    Duty,
    ParticipationForm,
    VolunteerActivity,
    VolunteerActivityKind,
)
from volunteers.models.volunteer import ADULT_AGE


@dataclass(frozen=True)
class DefaultCampaign:
    name: str  # in Russian: how the campaign is known, and found again
    name_kk: str
    description: str
    duty_kind: str


# The recurring campaigns of the methodological recommendations (section 3). Their names are
# data, as the police and the residents know them; an administrator may add others.
DEFAULT_CAMPAIGNS = (
    DefaultCampaign(
        "Безопасный двор",
        "Қауіпсіз аула",
        "Профилактика правонарушений во дворах вместе с ОСИ/КСК и жителями.",
        ParticipationForm.LEGAL_PROPAGANDA,
    ),
    DefaultCampaign(
        "Студенты против правонарушений",
        "Студенттер құқық бұзушылыққа қарсы",
        "Профилактические мероприятия со студентами колледжей и вузов.",
        ParticipationForm.LEGAL_PROPAGANDA,
    ),
    DefaultCampaign(
        "Семья без насилия",
        "Зорлық-зомбылықсыз отбасы",
        "Профилактика бытового насилия вместе с НПО и кризисными центрами.",
        ParticipationForm.LEGAL_PROPAGANDA,
    ),
    DefaultCampaign(
        "Правовые уроки в школах",
        "Мектептердегі құқықтық сабақтар",
        "Уроки правовой грамотности для учащихся и родителей.",
        ParticipationForm.LEGAL_PROPAGANDA,
    ),
    DefaultCampaign(
        "Профилактические рейды",
        "Профилактикалық рейдтер",
        "Совместные рейды с общественными помощниками и партнёрами.",
        ParticipationForm.RAIDS,
    ),
    DefaultCampaign(
        "Безопасная дорога",
        "Қауіпсіз жол",
        "Информационная кампания по безопасности дорожного движения.",
        ParticipationForm.LEGAL_PROPAGANDA,
    ),
    DefaultCampaign(
        "Осторожно, мошенники!",
        "Абайлаңыз, алаяқтар!",
        "Информационная кампания против интернет- и телефонного мошенничества.",
        ParticipationForm.LEGAL_PROPAGANDA,
    ),
    DefaultCampaign(
        "Порядок на массовых мероприятиях",
        "Бұқаралық іс-шаралардағы тәртіп",
        "Охрана общественного порядка на праздниках и массовых мероприятиях.",
        ParticipationForm.MASS_EVENTS,
    ),
)
_DUTY_KIND_BY_CAMPAIGN = {c.name: c.duty_kind for c in DEFAULT_CAMPAIGNS}

# Words that make an action a raid, whatever its campaign is called (ru/kk "рейд", en "raid").
RAID_WORDS = ("рейд", "raid")
MASS_EVENT_WORDS = ("массов", "праздн", "концерт", "mass event", "festival", "бұқаралық")


def campaigns_ensure_defaults():
    """Create the default campaigns that are missing, and name in Kazakh those that were
    created before they had a Kazakh name. One query when they all exist and are named."""
    kazakh = dict(
        Campaign.objects.filter(name_ru__in=[c.name for c in DEFAULT_CAMPAIGNS]).values_list(
            "name_ru", "name_kk"
        )
    )
    missing = [
        Campaign(name=c.name, name_ru=c.name, name_kk=c.name_kk, description=c.description)
        for c in DEFAULT_CAMPAIGNS
        if c.name not in kazakh
    ]
    if missing:
        Campaign.objects.bulk_create(missing, ignore_conflicts=True)
    for campaign in DEFAULT_CAMPAIGNS:
        if campaign.name in kazakh and not kazakh[campaign.name]:
            Campaign.objects.filter(name_ru=campaign.name, name_kk__isnull=True).update(
                name_kk=campaign.name_kk
            )


def _russian_name(campaign):
    """The campaign's Russian name, whatever the reader's language: the defaults' key."""
    return campaign.name_ru or campaign.name


def _text_of(action):
    """The campaign's and the action's names in every language, for the words below."""
    names = [action.title_ru, action.title_kk, action.title]
    if action.campaign_id:
        names += [action.campaign.name_ru, action.campaign.name_kk]
    return " ".join(n for n in names if n).lower()


def is_raid(action) -> bool:
    """A raid by its campaign or its title: minors never take part in one."""
    if action.campaign_id and (
        _DUTY_KIND_BY_CAMPAIGN.get(_russian_name(action.campaign)) == "raids"
    ):
        return True
    text = _text_of(action)
    return any(word in text for word in RAID_WORDS)


def duty_kind(action) -> str:
    """The form of participation an assistant's hours on the action are logged under."""
    if is_raid(action):
        return ParticipationForm.RAIDS
    if action.campaign_id and _russian_name(action.campaign) in _DUTY_KIND_BY_CAMPAIGN:
        return _DUTY_KIND_BY_CAMPAIGN[_russian_name(action.campaign)]
    text = _text_of(action)
    if any(word in text for word in MASS_EVENT_WORDS):
        return ParticipationForm.MASS_EVENTS
    return ParticipationForm.LEGAL_PROPAGANDA


def volunteer_activity_kind(action) -> str:
    return VolunteerActivityKind.RAIDS if is_raid(action) else VolunteerActivityKind.PREVENTION


def action_date(action):
    return timezone.localdate(action.starts_at)


def _require_started(action, now=None):
    if action.starts_at > (now or timezone.now()):
        raise ValidationError(
            _("Hours can be recorded once the action has started."), code="not_started"
        )


def _action_beats(action):
    return sorted(action.beats.select_related("inspector"), key=lambda b: (b.number, b.pk))


def _duty_beat(action, assistant, beats=None):
    """The assistant's own beat when the action covers it, else the action's first beat."""
    beats = _action_beats(action) if beats is None else beats
    if not beats or any(b.pk == assistant.beat_id for b in beats):
        return assistant.beat
    return beats[0]


def _supervisor(beat, user):
    """The beat's inspector, or the recording user when an inspector; otherwise a refusal."""
    inspector = beat.inspector
    if inspector is not None and inspector.role == Role.INSPECTOR and inspector.is_active:
        return inspector
    if user.role == Role.INSPECTOR:
        return user
    raise ValidationError(
        _(
            "%(beat)s has no inspector to supervise the assistant: assign an inspector to "
            "the beat, or let an inspector record the participation."
        )
        % {"beat": beat},
        code="no_supervisor",
    )


def _full_clean(obj, field_map, *, model_clean=True):
    """Validate a linked log entry; its errors go to the participant form's fields.

    Without `model_clean` only the fields are checked: an entry already in the log stays
    valid when, say, its assistant has been suspended since.
    """
    try:
        if model_clean:
            obj.full_clean()
        else:
            obj.clean_fields()
    except ValidationError as error:
        errors = {}
        for field, messages in error.message_dict.items():
            errors.setdefault(field_map.get(field, NON_FIELD_ERRORS), []).extend(messages)
        raise ValidationError(errors) from error


DUTY_SYNCED_FIELDS = ("date", "hours", "kind", "beat_id", "supervisor_id", "joint_action")


def _write_duty(entry, user, beats=None, *, new_participation=True, now=None):
    """Create or update the duty-log entry of an assistant's participation."""
    action, assistant = entry.action, entry.assistant
    duty = entry.duty or Duty(assistant=assistant)
    before = {f: getattr(duty, f) for f in DUTY_SYNCED_FIELDS} if duty.pk else None
    beat = _duty_beat(action, assistant, beats)
    # Keep the supervisor already recorded while the beat stays the same.
    if duty.pk and duty.beat_id == beat.pk and duty.supervisor_id:
        supervisor = duty.supervisor
    else:
        supervisor = _supervisor(beat, user)
    duty.assistant = assistant
    duty.date = action_date(action)
    duty.hours = entry.hours
    duty.kind = duty_kind(action)
    duty.beat = beat
    duty.supervisor = supervisor
    duty.joint_action = action.title[: Duty._meta.get_field("joint_action").max_length]
    if before == {f: getattr(duty, f) for f in DUTY_SYNCED_FIELDS}:
        return duty  # nothing to change
    field_map = {"hours": "hours", "assistant": "assistant"}
    _full_clean(duty, field_map, model_clean=new_participation or not duty.pk)
    duty._history_user = user
    if now is not None:
        duty._history_date = now  # not left on the entry: a later change is dated then
    try:
        duty.save()
    finally:
        duty.__dict__.pop("_history_date", None)
    if entry.duty_id != duty.pk:
        entry.duty = duty
        entry.save(update_fields=["duty"])
    return duty


def _check_volunteer_may_join(action, volunteer=None, group=None):
    if not is_raid(action):
        return
    on = action_date(action)
    if volunteer is not None and volunteer.age(on) < ADULT_AGE:
        raise ValidationError(
            {"volunteer": _("Minors are never assigned to raids or hazardous work.")},
            code="minor_on_raid",
        )
    if group is not None and any(m.age(on) < ADULT_AGE for m in group.members.all()):
        raise ValidationError(
            {"group": _("The group has members under 18: minors are never assigned to raids.")},
            code="minor_on_raid",
        )


ACTIVITY_SYNCED_FIELDS = ("area_id", "date", "kind", "action", "hours")


def _write_activity(entry):
    """Create or update the volunteer activity of a volunteer's or a group's participation."""
    action = entry.action
    _check_volunteer_may_join(action, entry.volunteer, entry.group)
    activity = entry.activity or VolunteerActivity()
    before = {f: getattr(activity, f) for f in ACTIVITY_SYNCED_FIELDS} if activity.pk else None
    activity.area_id = action.area_id
    activity.volunteer = entry.volunteer
    activity.group = entry.group
    activity.date = action_date(action)
    activity.kind = volunteer_activity_kind(action)
    activity.action = action.title[: VolunteerActivity._meta.get_field("action").max_length]
    activity.hours = entry.hours
    if before == {f: getattr(activity, f) for f in ACTIVITY_SYNCED_FIELDS}:
        return activity  # nothing to change
    _full_clean(activity, {"hours": "hours", "kind": "volunteer"})
    activity.save()
    if entry.activity_id != activity.pk:
        entry.activity = activity
        entry.save(update_fields=["activity"])
    return activity


def _check_area(action, obj, field):
    if obj is not None and obj.area_id != action.area_id:
        raise ValidationError({field: _("Choose a participant from the action's area.")})


@transaction.atomic
def action_assistant_add(*, action, assistant, hours, user, now=None) -> ActionAssistant:
    """Add an active assistant of the action's area, or change the hours of one taking part."""
    _require_started(action, now)
    _check_area(action, assistant, "assistant")
    if assistant.status != AssistantStatus.ACTIVE:
        raise ValidationError({"assistant": _("Only an active assistant may be on duty.")})
    entry = (
        ActionAssistant.objects.select_for_update(of=("self",))
        .select_related("duty")
        .filter(action=action, assistant=assistant)
        .first()
    )
    if entry is None:
        entry = ActionAssistant(action=action, assistant=assistant)
    entry.hours = hours
    entry.full_clean(exclude=["action", "assistant"])
    entry.save()
    _write_duty(entry, user, now=now)
    return entry


@transaction.atomic
def action_assistant_remove(*, entry) -> None:
    """Remove an assistant from the action, and the hours from the duty log."""
    duty = entry.duty
    entry.delete()
    if duty is not None:
        duty.delete()


@transaction.atomic
def action_volunteer_add(*, action, volunteer=None, group=None, hours, now=None) -> ActionVolunteer:
    """Add a volunteer or a group of the action's area, or change the hours of one taking part."""
    _require_started(action, now)
    if (volunteer is None) == (group is None):
        raise ValidationError(_("Choose either a volunteer or a group."))
    _check_area(action, volunteer, "volunteer")
    _check_area(action, group, "group")
    entry = (
        ActionVolunteer.objects.select_for_update(of=("self",))
        .select_related("activity")
        .filter(action=action, volunteer=volunteer, group=group)
        .first()
    )
    if entry is None:
        entry = ActionVolunteer(action=action, volunteer=volunteer, group=group)
    entry.hours = hours
    entry.full_clean(exclude=["action", "volunteer", "group"])
    entry.save()
    _write_activity(entry)
    return entry


@transaction.atomic
def action_volunteer_remove(*, entry) -> None:
    activity = entry.activity
    entry.delete()
    if activity is not None:
        activity.delete()


def participants_exist(action) -> bool:
    return action.assistants.exists() or action.volunteers.exists()


@transaction.atomic
def action_save(*, form, user) -> JointAction:
    """Save the action's form, and bring its participants' log entries in step with it."""
    action = form.save(commit=False)
    if not action.pk:
        action.created_by = user
    action.save()
    form.save_m2m()
    action_sync_participants(action=action, user=user)
    return action


def action_sync_participants(*, action, user):
    """Date, kind, beat and title of every linked duty and volunteer activity follow the action."""
    entries = action.assistants.select_related(
        "assistant__beat__inspector", "duty__supervisor", "action__campaign"
    )
    volunteers = action.volunteers.select_related("volunteer", "group", "activity")
    if not entries and not volunteers:
        return
    _require_started(action)
    beats = _action_beats(action)
    for entry in entries:
        entry.action = action
        _write_duty(entry, user, beats, new_participation=False)
    for entry in volunteers:
        entry.action = action
        _write_activity(entry)
