"""Threads that mostly wait: each fetches "pages" from a small local server over a socket.
While one waits for its reply the interpreter lock is free, so waits overlap and the lanes
are mostly blue (IO), seldom green. Watch it: conlab-runner --exec -- python3 io_threads.py"""
import socket
import threading
import time

THREADS = 4
REQUESTS = 5
DELAY = 0.05  # the server's think time per request, in seconds


def serve(listener):
    while True:
        connection, _ = listener.accept()
        threading.Thread(target=answer, args=(connection,), daemon=True).start()


def answer(connection):
    with connection:
        while connection.recv(64):
            time.sleep(DELAY)
            connection.sendall(b"page\n")


def fetch(port, results, index):
    with socket.create_connection(("127.0.0.1", port)) as client:
        for _ in range(REQUESTS):
            client.sendall(b"get\n")
            client.recv(64)
    results[index] = REQUESTS


def main():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    threading.Thread(target=serve, args=(listener,), daemon=True).start()
    start = time.perf_counter()
    results = [0] * THREADS
    clients = [threading.Thread(target=fetch, args=(port, results, k)) for k in range(THREADS)]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    print(f"{sum(results)} requests in {time.perf_counter() - start:.2f} s "
          f"(one after another: {THREADS * REQUESTS * DELAY:.2f} s)")


if __name__ == "__main__":
    main()
