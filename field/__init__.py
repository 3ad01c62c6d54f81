"""Field mode: the inspector's workspace as an installable app that works without signal.

The portal is a progressive web app for staff (`views.manifest`, `views.service_worker`,
served at the site's root). The service worker keeps the pages an inspector reads in the
field (`offline.py`) from the last visit; the page's own script (static/js/field/) keeps
forms filled in without signal as drafts on the device and sends them when the connection
returns. The server stores each draft once (`services.send_draft`), whatever the number of
times it arrives, or answers why it cannot (`drafts.Rejected`).
"""
