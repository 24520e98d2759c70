"""Four threads count as fast as they can. Under CPython's global interpreter lock only one
of them runs Python code at any instant, so together they use about one core however many
the machine has. Watch it: conlab-runner --exec -- python3 cpu_threads.py"""
import sys
import threading
import time

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000
THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 4


def count(n):
    total = 0
    for i in range(n):
        total += i
    return total


def main():
    start = time.perf_counter()
    workers = [threading.Thread(target=count, args=(COUNT,), name=f"counter-{k + 1}")
               for k in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(f"{THREADS} threads counted to {COUNT} each in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
