def _beat(world):
    return {"code": world.beat.code}


SAMPLES = {
    "beat-survey": _beat,
    "beat-survey-thanks": _beat,
    "beat-notice": _beat,
    "survey-comments": _beat,
    "api-v1:beat-trust": _beat,
}
