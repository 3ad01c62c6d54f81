"""A known data set for the workload index, with every figure computed by hand; the pure
functions are checked against it (test_workload.py), and so is the supervisor's page
through the database (test_supervision.py).

beat inspector people km²  level  appeals density factor      index
A    I1        5000   2.50 medium 3       2000    1.04        5 × 1.3 × 1.04 + 0.3 = 7.06
B    I1        2000   0    low    0       —       1.00        2 × 1.0 × 1.00 = 2.00
C    I2        12000  0.80 high   5       15000   1.20 (cap)  12 × 1.6 × 1.2 + 0.5 = 23.54
D    I3        3000   3.00 low    0       1000    1.02        3 × 1.0 × 1.02 = 3.06
E    —         4000   2.00 high   1       2000    1.04        4 × 1.6 × 1.04 + 0.1 = 6.76

(appeals = received in the last 90 days)
Inspectors: I1 = 7.06 + 2.00 = 9.06, I2 = 23.54, I3 = 3.06 (E counts for nobody);
mean = 35.66 / 3 = 11.8867; relative: I1 0.76 (balanced), I2 1.98 (overloaded),
I3 0.26 (underloaded).
"""

from decimal import Decimal

KNOWN_BEATS = {
    # beat: (inspector, population, area km², level, appeals in 90 days, expected index)
    "A": ("I1", 5000, Decimal("2.50"), "medium", 3, 7.06),
    "B": ("I1", 2000, Decimal("0"), "low", 0, 2.00),
    "C": ("I2", 12000, Decimal("0.80"), "high", 5, 23.54),
    "D": ("I3", 3000, Decimal("3.00"), "low", 0, 3.06),
    "E": (None, 4000, Decimal("2.00"), "high", 1, 6.76),
}
EXPECTED_INSPECTORS = {"I1": 9.06, "I2": 23.54, "I3": 3.06}
EXPECTED_RELATIVE = {"I1": 0.76, "I2": 1.98, "I3": 0.26}
EXPECTED_BANDS = {"I1": "balanced", "I2": "overloaded", "I3": "underloaded"}
