from tests.builders.events import public_action

SAMPLES = {
    "event-detail": lambda world: {
        "source": "action",
        "pk": public_action(world.area, [world.beat]).pk,
    },
}
