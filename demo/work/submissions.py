"""What residents sent from the demo beats' pages: problems registered as appeals and
suggestions as proposals, each with its reference; most answered, some suggestions approved
for publication (with the moderated text), some still waiting."""

import random

from demo.dates import DAY, at, random_day
from demo.work.submission_texts import NAMES, PROBLEMS, SUGGESTIONS
from districts.models import (
    Appeal,
    AppealChannel,
    AppealStatus,
    Moderation,
    Proposal,
    ProposalKind,
    ProposalSource,
    ProposalStatus,
    ResidentSubmission,
    SubmissionKind,
)
from districts.models.submissions import new_token

PROPOSAL_ENDINGS = [ProposalStatus.DONE, ProposalStatus.PLANNED, ProposalStatus.DECLINED]


class SubmissionWork:
    """The resident-submission part of `BeatWork`; its own rng, so the rest is unchanged."""

    def resident_submissions(self):
        rng = random.Random(f"seed-demo-submissions:{self.beat.code}")
        cal = self.cal
        first = cal.previous.start
        for _ in range(rng.randint(1, 3)):
            day = random_day(rng, first, cal.today)
            if rng.random() < 0.5:
                self.site_problem(rng, day)
            else:
                self.site_suggestion(rng, day)

    def _submission(self, rng, day, kind, **record):
        name = rng.choice(NAMES)
        contact = rng.choice(["", "", "+7 701 {:03d} {:02d} {:02d}", "resident{}@example.kz"])
        if contact:
            contact = contact.format(
                rng.randint(100, 999), rng.randint(10, 99), rng.randint(10, 99)
            )
        submission = ResidentSubmission(
            beat=self.beat,
            kind=kind,
            token=new_token(),
            resident_name=name,
            resident_contact=contact,
            language=rng.choice(["ru", "ru", "kk"]),
            created_at=self.recorded(day, rng.randint(8, 22)),
            **record,
        )
        self.batch.submissions.append(submission)
        return submission

    def site_problem(self, rng, day):
        text, _public, answer = rng.choice(PROBLEMS)
        text = text.format(house=self.house_in_text())
        due = Appeal.default_due(day)
        answered_on = None
        if day + 10 * DAY <= self.cal.today or rng.random() < 0.3:
            answered_on = min(day + rng.randint(2, 12) * DAY, self.cal.today)
        status = AppealStatus.ANSWERED if answered_on else rng.choice(list(AppealStatus)[:2])
        appeal = Appeal(
            **self.common(day, hour=rng.randint(8, 22)),
            channel=AppealChannel.ONLINE,
            received_on=day,
            due_on=due,
            subject=" ".join(text.split())[:120],
            details=text,
            status=status,
            answer=answer if answered_on else "",
            answered_on=answered_on,
            internal_note="Проверено на месте." if answered_on else "",
        )
        if answered_on is None and due < self.cal.today:
            # Escalated by the first hourly run after its due day.
            appeal.escalated_at = at(due + DAY, 0, 5)
        appeal._history_user = self.inspector
        appeal._history_date = appeal.created_at
        self.batch.appeals.append(appeal)
        self._submission(rng, day, SubmissionKind.PROBLEM, appeal=appeal)

    def site_suggestion(self, rng, day):
        text, public, answer = rng.choice(SUGGESTIONS)
        house = self.house_in_text()
        decided = day + 7 * DAY <= self.cal.today
        status = rng.choice(PROPOSAL_ENDINGS) if decided else ProposalStatus.NEW
        moderation = Moderation.APPROVED if decided and rng.random() < 0.8 else Moderation.PENDING
        proposal = Proposal(
            beat=self.beat,
            meeting=None,
            source=ProposalSource.RESIDENT_SITE,
            kind=ProposalKind.PROPOSAL,
            status=status,
            text=text.format(house=house),
            outcome=answer if status != ProposalStatus.NEW else "",
            moderation=moderation,
            public_text=public.format(house=house) if moderation == Moderation.APPROVED else "",
            created_at=self.recorded(day, rng.randint(8, 22)),
        )
        proposal._history_user = self.inspector
        proposal._history_date = proposal.created_at
        self.batch.proposals.append(proposal)
        submission = self._submission(rng, day, SubmissionKind.SUGGESTION, proposal=proposal)
        proposal.resident_name = submission.resident_name
        proposal.resident_contact = submission.resident_contact
