"""The register's steps recorded through the lifecycle services, in date order."""

import datetime

from demo.recording import recorded_times_as_given
from demo.register.people import Step
from volunteers.models import Assistant, Training
from volunteers.services import lifecycle

# Order of steps on one day.
ORDER = {
    "apply": 0,
    "petition": 1,
    "refuse": 1,
    "register": 2,
    "issue": 3,
    "training": 4,
    "activate": 5,
    "renew": 6,
    "suspend": 7,
    "deregister": 8,
}


class RecordedSteps:
    """The recording part of `AreaRegister`."""

    def record(self):
        steps = []
        for person in self.persons:
            for day, action, kwargs in person.steps:
                steps.append(Step(day, action, len(steps), person, kwargs))
        for training in self.trainings:
            steps.append(Step(training[0], "training", len(steps), kwargs={"training": training}))
        steps.sort(key=lambda step: (step.day, ORDER[step.action], step.seq))
        for step in steps:
            self.run(step)

    def police_user(self, person):
        return person.beat.inspector

    def run(self, step):
        day, person, kwargs = step.day, step.person, step.kwargs
        moment = self.moment(day)
        if person:
            # The steps of one person on one day follow each other in the history.
            if person.last_moment and moment <= person.last_moment:
                moment = min(person.last_moment + datetime.timedelta(minutes=10), self.latest)
            person.last_moment = moment
        if step.action == "training":
            self.save_training(*kwargs["training"])
            return
        if step.action == "apply":
            # `created_at` is stamped on insert: the demo's application is dated its day.
            with recorded_times_as_given([Assistant]):
                person.assistant = lifecycle.assistant_apply(
                    user=self.police_user(person), now=moment, created_at=moment, **person.fields
                )
            return
        assistant = person.assistant
        akimat = self.akimat_user
        # Each step is recorded at its moment: the history shows it on the step's day.
        match step.action:
            case "petition":
                self.petitions += 1
                lifecycle.assistant_petition(
                    assistant=assistant,
                    user=self.check_user or self.police_user(person),
                    sent_on=day,
                    petition_number=f"21-{self.code:02d}/{self.petitions}",
                    now=moment,
                )
            case "refuse":
                lifecycle.assistant_refuse(
                    assistant=assistant,
                    user=self.check_user or self.police_user(person),
                    refused_on=day,
                    reason=kwargs["reason"],
                    now=moment,
                )
            case "register":
                lifecycle.assistant_register(
                    assistant=assistant, user=akimat, registered_on=day, now=moment
                )
            case "issue":
                person.certificate = lifecycle.certificate_issue(
                    assistant=assistant, user=akimat, issued_on=day, now=moment
                )
            case "activate":
                lifecycle.assistant_activate(assistant=assistant, user=akimat, now=moment)
            case "renew":
                lifecycle.certificate_return(
                    certificate=person.certificate,
                    user=akimat,
                    returned_on=day,
                    badge_returned=True,
                    now=moment,
                )
                person.certificate = lifecycle.certificate_issue(
                    assistant=assistant, user=akimat, issued_on=day, now=moment
                )
            case "suspend":
                lifecycle.assistant_suspend(
                    assistant=assistant,
                    user=akimat,
                    suspended_on=day,
                    reason=kwargs["reason"],
                    now=moment,
                )
            case "deregister":
                lifecycle.assistant_deregister(
                    assistant=assistant,
                    user=akimat,
                    deregistered_on=day,
                    ground=kwargs["ground"],
                    note=kwargs["note"],
                    now=moment,
                )

    def save_training(self, day, kind, point, held_by, topic, attendees):
        training = Training.objects.create(
            area=self.area, kind=kind, date=day, police_point=point, held_by=held_by, topic=topic
        )
        training.attendees.set([person.assistant for person in attendees])
        self.totals["trainings"] += 1
