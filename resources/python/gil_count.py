#!/usr/bin/env python3
"""Concurrency Lab's real-CPython companion to the gil lesson.

Runs the same job in one worker, then in N workers at once (threads or processes), each three
times in turn keeping the fastest, and prints one JSON line with both wall times. A job is
`rounds` rounds of counting (bytecode that needs the interpreter lock) followed by a sleep (an
IO wait, which releases it). The count is calibrated first so that one round's counting takes
about cpu_ms / rounds on this machine. Standard library only.
"""

import argparse
import json
import multiprocessing
import sys
import threading
import time


def count_up_to(limit):
    value = 0
    while value < limit:
        value += 1
    return value


def job(iterations, io_seconds, rounds):
    for _ in range(rounds):
        count_up_to(iterations)
        if io_seconds > 0:
            time.sleep(io_seconds)


def iterations_for(seconds):
    """How many counting steps take `seconds` here, measured on a sample."""
    sample = 200_000
    best = None
    for _ in range(3):
        begin = time.perf_counter()
        count_up_to(sample)
        spent = time.perf_counter() - begin
        best = spent if best is None else min(best, spent)
    return max(1, int(sample * seconds / best)) if seconds > 0 else 0


def timed_run(kind, workers, iterations, io_seconds, rounds):
    make = threading.Thread if kind == "thread" else multiprocessing.Process
    started = [make(target=job, args=(iterations, io_seconds, rounds)) for _ in range(workers)]
    begin = time.perf_counter_ns()
    for worker in started:
        worker.start()
    for worker in started:
        worker.join()
    return time.perf_counter_ns() - begin


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kind", choices=["thread", "process"], required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--cpu-ms", type=float, required=True)
    parser.add_argument("--io-ms", type=float, required=True)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()

    iterations = iterations_for(args.cpu_ms / 1000.0 / args.rounds)
    io_seconds = args.io_ms / 1000.0 / args.rounds
    # Each timed three times, taking turns, the fastest kept: on a shared machine one run can
    # lose time to other programs, which would read as a speedup (or a slowdown) the
    # interpreter never made; taking turns spreads a slow stretch over both sides.
    singles, togethers = [], []
    for _ in range(3):
        singles.append(timed_run(args.kind, 1, iterations, io_seconds, args.rounds))
        togethers.append(timed_run(args.kind, args.workers, iterations, io_seconds, args.rounds))
    single, together = min(singles), min(togethers)
    print(json.dumps({
        "version": sys.version.split()[0],
        "single_ns": single,
        "elapsed_ns": together,
    }), flush=True)


if __name__ == "__main__":
    main()
