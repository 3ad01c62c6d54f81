SAMPLES = {
    "beat-events-ics": lambda world: {"code": world.beat.code},
}
