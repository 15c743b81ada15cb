"""One measured process, started by `mairie bench` (standard library only, nothing imported early).

    python probe.py LAMBDA_DIR EVENTS_JSON ROUNDS

Imports `lambda_function` from LAMBDA_DIR, answers the first event (the cold start), then, when
ROUNDS > 0, sends every event ROUNDS times more (warm requests, the first round not counted).
LAMBDA_DIR is a whole package (`mairie package`): the developer's site-packages are taken off the
path, so that nothing is imported from outside it, as on Lambda.
Prints one JSON line: the cold start in seconds (import + first answer), warm timings in seconds,
and the peak resident memory of the process in KiB.
"""

import json
import os
import resource
import sys
import time


def peak_kib() -> int:
    """Peak resident memory of this process image, in KiB.

    Linux's `ru_maxrss` keeps the high-water mark of the process that started us (it survives
    exec), so `VmHWM` is read instead when /proc has it.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:  # noqa: PTH123
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main() -> None:
    lambda_dir, events_path, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(events_path, encoding="utf-8") as file:  # noqa: PTH123 - pathlib is not imported by the skills
        events = json.load(file)
    sys.path[:] = [lambda_dir, *(entry for entry in sys.path if "site-packages" not in entry)]
    started = time.perf_counter()
    from lambda_function import lambda_handler

    first = lambda_handler(events[0], None)
    cold = time.perf_counter() - started
    warm: list[list[float]] = [[] for _ in events]
    for round_number in range(rounds + 1 if rounds else 0):
        for index, event in enumerate(events):
            before = time.perf_counter()
            lambda_handler(event, None)
            if round_number:
                warm[index].append(time.perf_counter() - before)
    peak = peak_kib()
    print(json.dumps({"cold": cold, "warm": warm, "peak_kib": peak, "first": first}), flush=True)
    # A container is not torn down after its first answer: skip the interpreter's clean-up (freeing
    # every object) so that the measured wall time ends with the answer, for both skills alike.
    os._exit(0)


if __name__ == "__main__":
    main()
