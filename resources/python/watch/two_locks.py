"""Two threads take two locks in opposite orders: the first takes A then B, the second B then
A. Each gets its first lock, then waits forever for the other's: a deadlock. From outside
every thread is seen waiting on a futex with no CPU progress; conlab-runner warns of a
possible deadlock after `stall` seconds (the lock owners are not visible from outside).
Watch it: conlab-runner --exec --time-limit 5 -- python3 two_locks.py"""
import threading
import time

lock_a = threading.Lock()
lock_b = threading.Lock()


def take(first, second, name):
    with first:
        time.sleep(0.1)  # long enough for the other thread to take its first lock
        print(f"{name}: holds one lock, wants the other", flush=True)
        with second:
            print(f"{name}: got both")


def main():
    one = threading.Thread(target=take, args=(lock_a, lock_b, "thread-1"))
    two = threading.Thread(target=take, args=(lock_b, lock_a, "thread-2"))
    one.start()
    two.start()
    one.join()
    two.join()


if __name__ == "__main__":
    main()
