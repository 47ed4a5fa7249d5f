"""Random doubles for the score read-back and rounding tests: one line per value,
`<bits as hex> <repr(x)> <repr(round(x, 5))>`, made with this Python (its repr is the shortest text
that reads back to x; its round is MLE-bench's rounding of a float score).

usage: float_cases.py COUNT SEED
"""
import random
import struct
import sys

count, seed = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)


def from_bits(bits):
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def draw():
    kind = rng.randrange(8)
    if kind == 0:  # any finite double
        while True:
            x = from_bits(rng.getrandbits(64))
            if x == x and abs(x) != float("inf"):
                return x
    if kind == 1:  # uniform scores
        return rng.random()
    if kind == 2:  # near 1 and 0, a few ulps away
        x = 1.0 if rng.random() < 0.5 else 0.5
        for _ in range(rng.randrange(1, 6)):
            x = __import__("math").nextafter(x, 0.0)
        return x
    if kind == 3:  # accuracies on n rows: exact decimal halves at the 5th place
        n = rng.choice([40000, 80000, 200000, 3200, 1600, 64, 12345])
        return rng.randrange(n + 1) / n
    if kind == 4:  # a 6-decimal text read as a float
        return float(f"{rng.randrange(10**6)}e-6") * rng.choice([1, 10, 100, 1000])
    if kind == 5:  # losses of any size
        return rng.random() * 10 ** rng.randint(-12, 12)
    if kind == 6:  # sums that land next to a 5-decimal value
        return round(rng.random(), 5) + rng.choice([-1, 1]) * rng.random() * 1e-15
    return -rng.random() * 10 ** rng.randint(-3, 3)


for _ in range(count):
    x = draw()
    bits = struct.unpack("<Q", struct.pack("<d", x))[0]
    print(f"{bits:x} {x!r} {round(x, 5)!r}")
