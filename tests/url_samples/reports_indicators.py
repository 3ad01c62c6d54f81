# The indicator URLs take no path parameters: area, year and quarter are query parameters.
SAMPLES = {}
