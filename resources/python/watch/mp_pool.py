"""A multiprocessing pool of two worker processes squares numbers: the parent hands out tasks
through a pipe, the workers compute, results come back the same way.
Watch it: conlab-runner --exec -- python3 mp_pool.py"""
import multiprocessing
import time


def slow_square(n):
    total = 0
    for _ in range(200_000):
        total += 1
    return n * n


def main():
    start = time.perf_counter()
    with multiprocessing.Pool(processes=2) as pool:
        squares = pool.map(slow_square, range(16), chunksize=1)
    print(f"squares {squares[:4]}... in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
