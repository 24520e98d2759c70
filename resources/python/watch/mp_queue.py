"""A producer process puts numbers on a multiprocessing queue; a consumer process takes them
off, slower than they come. The consumer waits on the queue's pipe when it is empty; the
producer's feeder thread writes into that pipe.
Watch it: conlab-runner --exec -- python3 mp_queue.py"""
import multiprocessing
import time

ITEMS = 20


def produce(queue):
    for item in range(ITEMS):
        time.sleep(0.01)
        queue.put(item)
    queue.put(None)  # no more items


def consume(queue):
    taken = 0
    while queue.get() is not None:
        time.sleep(0.02)
        taken += 1
    print(f"consumer took {taken} items")


def main():
    queue = multiprocessing.Queue(maxsize=5)
    producer = multiprocessing.Process(target=produce, args=(queue,), name="producer")
    consumer = multiprocessing.Process(target=consume, args=(queue,), name="consumer")
    producer.start()
    consumer.start()
    producer.join()
    consumer.join()


if __name__ == "__main__":
    main()
