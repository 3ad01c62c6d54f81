SAMPLES = {
    "beat-detail": lambda world: {"code": world.beat.code},
    "staff-beat-detail": lambda world: {"code": world.beat.code},
    "beat-channels-edit": lambda world: {"code": world.beat.code},
}
