from tests.factories import ReportRevisionFactory

SAMPLES = {
    "api-v1:beat-detail": lambda world: {"code": world.beat.code},
    "api-v1:report-detail": lambda world: {"id": ReportRevisionFactory(report__beat=world.beat).pk},
}
