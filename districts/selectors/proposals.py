"""Residents' proposals as the public may read them: approved by the inspector, as moderated.

A proposal sent from the beat's page is shown only once the inspector approved a text for
publication (`Proposal.public_text`); the resident's own words, name and contact never are.
"""

from districts.models import Proposal, ProposalSource

# Proposals the beat page lists, newest first.
BEAT_PAGE_PROPOSALS = 10


def approved_proposals_of(beat, limit=BEAT_PAGE_PROPOSALS):
    """The beat's approved proposals from the site, newest first: (items, how many in all)."""
    approved = Proposal.objects.public().filter(beat=beat, source=ProposalSource.RESIDENT_SITE)
    items = list(
        approved.only("public_text", "status", "outcome", "created_at", "source").order_by(
            "-created_at", "-pk"
        )[: limit + 1]
    )
    total = len(items) if len(items) <= limit else approved.count()
    return items[:limit], total
