"""The same count as cpu_threads.py in four processes: each has its own interpreter and its
own lock, so they run on every core at once.
Watch it: conlab-runner --exec -- python3 cpu_processes.py"""
import multiprocessing
import sys
import time

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000
PROCESSES = int(sys.argv[2]) if len(sys.argv) > 2 else 4


def count(n):
    total = 0
    for i in range(n):
        total += i
    return total


def main():
    start = time.perf_counter()
    workers = [multiprocessing.Process(target=count, args=(COUNT,), name=f"counter-{k + 1}")
               for k in range(PROCESSES)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(f"{PROCESSES} processes counted to {COUNT} each in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
