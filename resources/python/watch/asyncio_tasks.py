"""Three asyncio tasks on one thread: each sleeps, then works a little. The event loop waits
in epoll between them, so the single lane shows "multiplexing" while every task sleeps.
Watch it: conlab-runner --exec -- python3 asyncio_tasks.py"""
import asyncio
import time


async def task(name, naps):
    for nap in range(naps):
        await asyncio.sleep(0.05)
        total = sum(range(100_000))  # a little work between naps
    return f"{name} done"


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(task("a", 4), task("b", 6), task("c", 8))
    print(", ".join(results), f"in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
