"""The eight districts of Almaty, one module each, in the order the demo seeds them.

Each area: names, akimat, police department, two police points and six beats. Beats 1–3
belong to the first police point, 4–6 to the second. A beat is (population, area in km²,
criminogenic level, [(street in Russian, houses), ...]). `phone_prefix` makes the
inspectors' work phones: +7 727 <prefix> 3<n> <nn>.

House lists use the portal's syntax (see `districts.search.houses_cover`): "1–45, 2–60"
covers odd houses 1 to 45 and even houses 2 to 60; a range whose ends are both odd or
both even covers that side of the street only; an empty list means the whole street.
A long street is split between beats, sometimes of different districts (Abai Avenue
runs through Medeu, Almaly, Bostandyk and Auezov), and no house belongs to two beats.
"""

from demo.data.areas import alatau, almaly, auezov, bostandyk, medeu, nauryzbay, turksib, zhetysu

# The order matters: the inspectors of `staff.INSPECTORS` are given out beat by beat.
AREAS = [
    alatau.AREA,
    almaly.AREA,
    auezov.AREA,
    bostandyk.AREA,
    zhetysu.AREA,
    medeu.AREA,
    nauryzbay.AREA,
    turksib.AREA,
]
AREA_BY_SLUG = {area["slug"]: area for area in AREAS}
