"""Seed the checklist template with Appendix B of the methodological recommendations (2025)."""

from django.db import migrations

# (section, cadence, auto rule, Russian as in Appendix B, Kazakh, English)
APPENDIX_B = [
    ("residents", "weekly", "round",
     "Провести еженедельный обход территории.",
     "Аумақты апта сайын аралап шығу.",
     "Walk the territory every week."),
    ("residents", "quarterly", "problem_list",
     "Составить список проблемных адресов и объектов.",
     "Проблемалық мекенжайлар мен объектілердің тізімін жасау.",
     "Keep a list of problem addresses and places."),
    ("residents", "monthly", "residents_meeting",
     "Организовать встречу с жителями (не реже 1 раза в месяц).",
     "Тұрғындармен кездесу ұйымдастыру (айына кемінде 1 рет).",
     "Hold a meeting with residents (at least once a month)."),
    ("residents", "weekly", "appeals_answered",
     "Ответить на обращения граждан через телефон, мессенджеры, соцсети.",
     "Азаматтардың телефон, мессенджер, әлеуметтік желілер арқылы түскен өтініштеріне жауап беру.",
     "Answer residents' appeals by phone, messenger and social networks."),
    ("prevention", "monthly", "family_visit",
     "Проверить семьи, состоящие на профилактическом учёте.",
     "Профилактикалық есепте тұрған отбасыларды тексеру.",
     "Visit the families on the preventive register."),
    ("prevention", "monthly", "teenager_talk",
     "Провести беседу с подростками группы риска.",
     "Тәуекел тобындағы жасөспірімдермен әңгіме өткізу.",
     "Talk with teenagers at risk."),
    ("prevention", "quarterly", "school_event",
     "Организовать совместное мероприятие с школой/колледжем.",
     "Мектеппен/колледжбен бірлескен іс-шара ұйымдастыру.",
     "Hold a joint event with a school or college."),
    ("prevention", "quarterly", "",
     "Провести информационную акцию с участием общественности.",
     "Жұртшылықтың қатысуымен ақпараттық акция өткізу.",
     "Hold an information campaign with the public."),
    ("service", "monthly", "",
     "В каждом обращении учитывать интересы и потребности гражданина.",
     "Әр өтініште азаматтың мүддесі мен қажеттіліктерін ескеру.",
     "In every appeal, consider the citizen's interests and needs."),
    ("service", "monthly", "",
     "Использовать диалог и разъяснение вместо формального давления.",
     "Формальды қысымның орнына диалог пен түсіндіруді қолдану.",
     "Use dialogue and explanation instead of formal pressure."),
    ("service", "monthly", "",
     "Решать конфликты через примирение и переговоры.",
     "Жанжалдарды татуластыру және келіссөздер арқылы шешу.",
     "Resolve conflicts through reconciliation and negotiation."),
    ("service", "monthly", "service_records",
     "Вести учёт оказанных сервисных услуг (консультации, помощь и т.п.).",
     "Көрсетілген сервистік қызметтердің есебін жүргізу (кеңес беру, көмек және т.б.).",
     "Record the services given (consultations, help, etc.)."),
    ("organisations", "quarterly", "",
     "Наладить контакт с представителями акимата.",
     "Әкімдік өкілдерімен байланыс орнату.",
     "Keep in contact with the akimat's representatives."),
    ("organisations", "quarterly", "",
     "Участвовать в работе общественного совета/комиссии.",
     "Қоғамдық кеңестің/комиссияның жұмысына қатысу.",
     "Take part in the public council's or commission's work."),
    ("organisations", "quarterly", "",
     "Вовлечь НПО и волонтеров в профилактические акции.",
     "ҮЕҰ мен волонтерлерді профилактикалық акцияларға тарту.",
     "Involve NGOs and volunteers in preventive campaigns."),
    ("organisations", "yearly", "work_plan",
     "Разработать совместный план действий по безопасности.",
     "Қауіпсіздік жөніндегі бірлескен іс-қимыл жоспарын әзірлеу.",
     "Draw up a joint safety action plan."),
    ("development", "yearly", "",
     "Пройти тренинг/семинар по правовым или психологическим аспектам.",
     "Құқықтық немесе психологиялық мәселелер бойынша тренингтен/семинардан өту.",
     "Attend a training or seminar on legal or psychological matters."),
    ("development", "yearly", "",
     "Изучить новые цифровые сервисы для работы с населением.",
     "Халықпен жұмыс істеуге арналған жаңа цифрлық сервистерді меңгеру.",
     "Learn new digital services for work with residents."),
    ("development", "quarterly", "report_meeting",
     "Подготовить краткий отчет о проделанной профилактической работе.",
     "Атқарылған профилактикалық жұмыс туралы қысқаша есеп дайындау.",
     "Prepare a short report on the preventive work done."),
    ("development", "quarterly", "trust_case",
     "Зафиксировать положительные примеры доверия граждан (кейсы).",
     "Азаматтар сенімінің оң мысалдарын (кейстерді) тіркеу.",
     "Record positive cases of residents' trust."),
]  # fmt: skip


def add_items(apps, schema_editor):
    ChecklistItem = apps.get_model("districts", "ChecklistItem")
    for order, (section, cadence, rule, ru, kk, en) in enumerate(APPENDIX_B, start=1):
        ChecklistItem.objects.update_or_create(
            text_ru=ru,
            defaults={
                "text": ru,
                "text_kk": kk,
                "text_en": en,
                "section": section,
                "cadence": cadence,
                "auto_rule": rule,
                "order": order * 10,
                "is_active": True,
            },
        )


def remove_items(apps, schema_editor):
    ChecklistItem = apps.get_model("districts", "ChecklistItem")
    ChecklistItem.objects.filter(text_ru__in=[row[3] for row in APPENDIX_B]).delete()


class Migration(migrations.Migration):
    dependencies = [("districts", "0002_inspector_workspace")]

    operations = [migrations.RunPython(add_items, remove_items)]
