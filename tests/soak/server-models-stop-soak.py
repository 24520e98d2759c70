#!/usr/bin/env python3
"""Stop latency of server-models (issue 13, item 3).

Starts conlab-runner on server-models in a session of its own, sends SIGTERM at a random
moment, and measures the time from the signal to the runner's exit. Each stop must end
"stopped" (or "completed" when the run ended first) with its checks passed, a trace that
`conlab-runner --check` accepts, and no process of the run's session left 0.3 s after the
runner exited. Prints one line per stop and the distribution; exits 1 on any problem or any
stop slower than --limit.

The harness must not itself be starved of CPU by the run it measures (a thousand forked
children on two cores starve ordinary processes for seconds): as root, run it under
`chrt -f 50`; the runner it starts is put back to the normal policy.

  tests/soak/server-models-stop-soak.py -n 30 --clients 300
  chrt -f 50 tests/soak/server-models-stop-soak.py -n 30 --clients 1000 --seed 1
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time


def session_members(sid):
    out = []
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open(f'/proc/{entry}/stat') as f:
                text = f.read()
        except OSError:
            continue
        # pid (comm) state ppid pgrp session ...: comm may hold spaces.
        fields = text[text.rindex(')') + 2:].split()
        if int(fields[2]) == sid or int(fields[3]) == sid:
            out.append(int(entry))
    return out


def normal_policy():
    if os.sched_getscheduler(0) != os.SCHED_OTHER:
        os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('-n', type=int, default=30, help='stops (default 30)')
    parser.add_argument('--clients', type=int, default=300)
    parser.add_argument('--design', default='process-per-connection')
    parser.add_argument('--duration', type=int, default=5000, help='ms per design')
    parser.add_argument('--earliest', type=float, default=0.05, help='s after start')
    parser.add_argument('--latest', type=float, default=3.0, help='s after start')
    parser.add_argument('--limit', type=int, default=1000, help='ms a stop may take')
    parser.add_argument('--seed', type=int, default=None)
    parser.add_argument('-r', '--runner',
                        default=os.path.join(here, '..', '..', 'build', 'dev', 'bin',
                                             'conlab-runner'))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix='server-models-stop.')
    times = []
    problems = 0
    for i in range(args.n):
        trace = os.path.join(work, f'stop{i}.trace')
        runner = subprocess.Popen(
            [args.runner, '--scenario', 'server-models', '--set', f'design={args.design}',
             '--set', f'clients={args.clients}', '--set', f'duration={args.duration}',
             '--trace', trace],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
            preexec_fn=normal_policy)
        started = time.monotonic()
        time.sleep(rng.uniform(args.earliest, args.latest))
        sent = time.monotonic()
        runner.send_signal(signal.SIGTERM)
        try:
            out, err = runner.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(runner.pid, signal.SIGKILL)
            out, err = runner.communicate()
            print(f'{i}: HANG: still running 30 s after SIGTERM', flush=True)
            problems += 1
            continue
        took = time.monotonic() - sent
        time.sleep(0.3)
        found = []
        summary = {}
        try:
            summary = json.loads(out.decode().strip().splitlines()[-1])
        except (ValueError, IndexError):
            found.append(f'no JSON summary (exit {runner.returncode})')
        if summary:
            if summary.get('outcome') not in ('stopped', 'completed'):
                found.append(f"outcome {summary.get('outcome')}")
            if not summary.get('checks', {}).get('passed'):
                found.append('checks: ' + '; '.join(summary.get('checks', {}).get('violations', []))[:300])
        if runner.returncode != 0:
            found.append(f'exit {runner.returncode}')
        left = session_members(runner.pid)
        if left:
            found.append(f'{len(left)} processes left: {left[:8]}')
        if os.path.exists(trace):
            check = subprocess.run([args.runner, '--check', trace], capture_output=True)
            if check.returncode != 0:
                found.append('--check: ' + (check.stdout + check.stderr).decode()[:300])
            os.unlink(trace)
        if took * 1000 >= args.limit:
            found.append(f'slower than {args.limit} ms')
        times.append(took)
        problems += 1 if found else 0
        forked = summary.get('process_per_connection_workers', '-')
        print(f'{i}: SIGTERM {sent - started:.3f} s after start, exit {took * 1000:.0f} ms later, '
              f"{summary.get('outcome')}, {forked} children"
              + (': ' + '; '.join(found) if found else ''), flush=True)
        if found and err:
            print('   stderr: ' + err.decode()[-400:].replace('\n', '\n   '))
    os.rmdir(work)
    if times:
        times.sort()
        at = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000
        print(f'{len(times)} stops at clients={args.clients}: p50 {at(0.5):.0f} ms, '
              f'p90 {at(0.9):.0f} ms, max {times[-1] * 1000:.0f} ms; '
              f'{sum(t * 1000 >= args.limit for t in times)} over {args.limit} ms; '
              f'{problems} with problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
