"""{% work_queue %}: the "Waiting for you" block of a start page (portal.work_queues).

Renders nothing for a user no queue source serves (an administrator opening a role's page).
"""

from django import template

from portal import work_queues

register = template.Library()


@register.inclusion_tag("includes/_work_queue.html", takes_context=True)
def work_queue(context):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    shown = user is not None and work_queues.has_queue(user)
    return {"shown": shown, "queue": work_queues.queue_for(user) if shown else []}
