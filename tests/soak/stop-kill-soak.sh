#!/usr/bin/env bash
# Stop/kill soak (issue 13, item 9c): starts conlab-runner on random registered scenarios and
# ends each run at a random moment with SIGTERM, SIGINT or SIGKILL, as Stop, Ctrl+C and a
# kill -9 from outside would. After every cycle it checks that
#   - the runner exited within a bound (else: a hang; it is then killed with SIGKILL),
#   - it did not die of a signal other than the one sent (SIGSEGV, SIGABRT, ... = a crash),
#   - nothing of the run is left: no process of the runner's session (every worker process,
#     forked child and connection handler of a run stays in the session the runner leads here),
#     and no process that was a descendant of the runner when the signal went out,
#   - nothing is left in /dev/shm under the runner's names (the arena is an anonymous memfd,
#     so there should never be any; a conlab* name would be a regression).
# Prints a summary and exits 1 on any problem (2 on a usage error).
#
#   tests/soak/stop-kill-soak.sh [-n CYCLES] [-r RUNNER] [-s SEED] [-t TIME_LIMIT] [-v]
set -u

cycles=50
runner=""
seed=$$
timeLimit=3 # seconds: a run that nobody ends ends by itself soon
hangSeconds=10
leftoverGraceSeconds=2 # worker processes die with the runner (PDEATHSIG), asynchronously
verbose=0

usage() {
    sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

while getopts "n:r:s:t:vh" opt; do
    case $opt in
    n) cycles=$OPTARG ;;
    r) runner=$OPTARG ;;
    s) seed=$OPTARG ;;
    t) timeLimit=$OPTARG ;;
    v) verbose=1 ;;
    *) usage ;;
    esac
done
[[ $cycles =~ ^[0-9]+$ && $seed =~ ^[0-9]+$ && $timeLimit =~ ^[0-9]+$ ]] || usage

here=$(cd "$(dirname "$0")/../.." && pwd)
if [[ -z $runner ]]; then
    runner=$here/build/dev/bin/conlab-runner
fi
if [[ ! -x $runner ]]; then
    echo "stop-kill-soak: no runner at $runner (build first, or pass -r)" >&2
    exit 2
fi
if ! env --default-signal=INT true 2>/dev/null; then
    echo "stop-kill-soak: needs env --default-signal (coreutils 8.31 or later)" >&2
    exit 2
fi

# Not the real-Python lessons (py-...): a SIGKILL of a watching runner reaches only the
# launched python3 (PR_SET_PDEATHSIG), not the processes it started, which are the program's
# own and would be counted as the runner's leftovers.
mapfile -t scenarios < <("$runner" --list | grep -E '^[a-z0-9][a-z0-9-]* ' | grep -v '^py-' |
    cut -d' ' -f1)
if ((${#scenarios[@]} == 0)); then
    echo "stop-kill-soak: $runner --list named no scenario" >&2
    exit 2
fi

RANDOM=$seed
logDir=$(mktemp -d "${TMPDIR:-/tmp}/stop-kill-soak.XXXXXX")
signals=(TERM INT KILL)

# Every process whose session is $1 (fields after the command name in /proc/PID/stat:
# state ppid pgrp session ...), with its state; zombies are dead and only wait to be reaped.
sessionMembers() {
    local sid=$1 stat rest pid
    for stat in /proc/[0-9]*/stat; do
        { read -r rest <"$stat"; } 2>/dev/null || continue
        pid=${stat#/proc/}
        pid=${pid%/stat}
        rest=${rest##*) }
        set -- $rest
        if [[ $4 == "$sid" && $pid != "$sid" ]]; then
            echo "$pid $1"
        fi
    done
}

# Every descendant of $1, by walking the parent ids of every process.
descendants() {
    local root=$1 stat rest pid
    declare -A parent=()
    for stat in /proc/[0-9]*/stat; do
        { read -r rest <"$stat"; } 2>/dev/null || continue
        pid=${stat#/proc/}
        pid=${pid%/stat}
        rest=${rest##*) }
        set -- $rest
        parent[$pid]=$2
    done
    local -a frontier=("$root")
    local p c
    while ((${#frontier[@]})); do
        p=${frontier[0]}
        frontier=("${frontier[@]:1}")
        for c in "${!parent[@]}"; do
            if [[ ${parent[$c]} == "$p" ]]; then
                echo "$c"
                frontier+=("$c")
            fi
        done
    done
}

startTime() { # field 22 of /proc/PID/stat: tells a process from a later one with its pid
    local rest
    { read -r rest <"/proc/$1/stat"; } 2>/dev/null || return 1
    rest=${rest##*) }
    set -- $rest
    echo "${20}"
}

sessionOf() {
    local rest
    { read -r rest <"/proc/$1/stat"; } 2>/dev/null || return 1
    rest=${rest##*) }
    set -- $rest
    echo "$4"
}

state() {
    local rest
    { read -r rest <"/proc/$1/stat"; } 2>/dev/null || return 1
    rest=${rest##*) }
    echo "${rest%% *}"
}

shmNames() { ls /dev/shm 2>/dev/null | grep -iE 'conlab|arena' | sort; }

hangs=0 crashes=0 leftovers=0 shmLeft=0 unexpected=0 finishedFirst=0
declare -A bySignal=()
problems=()
shmBefore=$(shmNames)

for ((cycle = 1; cycle <= cycles; ++cycle)); do
    scenario=${scenarios[RANDOM % ${#scenarios[@]}]}
    signal=${signals[RANDOM % 3]}
    delayMs=$((RANDOM % 801))
    log=$logDir/cycle-$cycle.log

    # Its own session (and process group), so that everything it starts can be found again;
    # SIGINT back to its default, which a shell without job control sets to ignored for
    # background commands. A subshell waits for it and keeps its exit status (and the shell
    # prints no "Killed" line for a child that is not its own).
    statusFile=$logDir/cycle-$cycle.status
    pidFile=$logDir/cycle-$cycle.pid
    (
        setsid env --default-signal=INT,QUIT "$runner" --scenario "$scenario" \
            --time-limit "$timeLimit" >/dev/null 2>"$log" &
        echo $! >"$pidFile"
        wait $!
        echo $? >"$statusFile.tmp" && mv "$statusFile.tmp" "$statusFile"
    ) 2>/dev/null &
    waiter=$!
    while [[ ! -s $pidFile ]]; do sleep 0.01; done
    pid=$(<"$pidFile")
    if ((cycle == 1)); then
        sleep 0.05
        sid=$(sessionOf "$pid")
        if [[ $sid != "$pid" ]]; then
            echo "stop-kill-soak: the runner ($pid) does not lead its own session ($sid)" >&2
            kill -KILL "$pid" 2>/dev/null
            exit 2
        fi
    fi
    sleep "$(printf '0.%03d' "$delayMs")"

    # What the run consists of at the moment the signal goes out.
    declare -A known=()
    for p in $(descendants "$pid"); do
        if t=$(startTime "$p"); then known[$p]=$t; fi
    done

    alreadyOver=0
    [[ -e $statusFile || $(state "$pid") == Z ]] && alreadyOver=1
    kill -s "$signal" "$pid" 2>/dev/null

    # Bounded wait: a runner still alive after $hangSeconds is a hang.
    hung=0
    deadline=$((SECONDS + hangSeconds))
    while [[ ! -e $statusFile ]]; do
        if ((SECONDS >= deadline)); then
            hung=1
            kill -KILL "$pid" 2>/dev/null
            break
        fi
        sleep 0.05
    done
    wait "$waiter"
    status=$(<"$statusFile")
    # A SIGKILL cannot be handled: exit 0 means the run ended just before it arrived.
    [[ $signal == KILL && $status == 0 ]] && alreadyOver=1

    what="cycle $cycle: $scenario, SIG$signal after ${delayMs} ms"
    if ((hung)); then
        ((++hangs))
        problems+=("$what: HANG, still running ${hangSeconds} s after the signal")
    elif ((status > 128)); then
        got=$((status - 128))
        name=$(kill -l "$got" 2>/dev/null || echo "$got")
        if [[ $name != "$signal" ]]; then
            ((++crashes))
            problems+=("$what: CRASH, died of SIG$name (log $log)")
        fi
    elif ((status != 0)); then
        ((++unexpected))
        problems+=("$what: exited $status (log $log)")
    fi
    ((alreadyOver)) && ((++finishedFirst))
    bySignal[$signal]=$((${bySignal[$signal]:-0} + 1))

    # Leftovers: processes of its session, and processes it had started, still alive after a
    # grace period (zombies excluded: they are dead and wait for pid 1 to reap them).
    left=""
    graceEnd=$((SECONDS + leftoverGraceSeconds))
    while :; do
        left=""
        while read -r p st; do
            [[ -n $p && $st != Z ]] && left+=" $p"
        done < <(sessionMembers "$pid")
        for p in "${!known[@]}"; do
            if t=$(startTime "$p") && [[ $t == "${known[$p]}" && $(state "$p") != Z ]]; then
                [[ $left == *" $p"* ]] || left+=" $p"
            fi
        done
        [[ -z $left || $SECONDS -ge $graceEnd ]] && break
        sleep 0.1
    done
    if [[ -n $left ]]; then
        ((++leftovers))
        detail=""
        for p in $left; do
            detail+=" $p($(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | cut -c1-60))"
        done
        problems+=("$what: LEFTOVER processes:$detail")
        kill -KILL $left 2>/dev/null
    fi
    unset known

    shmNow=$(shmNames)
    if [[ $shmNow != "$shmBefore" ]]; then
        ((++shmLeft))
        problems+=("$what: LEFTOVER in /dev/shm: $(comm -13 <(echo "$shmBefore") <(echo "$shmNow") | tr '\n' ' ')")
        shmBefore=$shmNow
    fi

    if ((verbose)); then
        printf '%3d %-18s SIG%-4s %3d ms  exit %3d%s%s\n' "$cycle" "$scenario" "$signal" \
            "$delayMs" "$status" "$( ((alreadyOver)) && echo ' (had already ended)')" \
            "$([[ -n $left ]] && echo " leftovers:$left")"
    fi
done

echo "stop-kill-soak: $cycles cycles against $runner (seed $seed, time limit ${timeLimit} s)"
echo "  signals: SIGTERM ${bySignal[TERM]:-0}, SIGINT ${bySignal[INT]:-0}, SIGKILL ${bySignal[KILL]:-0}; runs that had ended before the signal: $finishedFirst"
echo "  hangs: $hangs  crashes: $crashes  unexpected exits: $unexpected  cycles with leftover processes: $leftovers  with leftovers in /dev/shm: $shmLeft"
for p in "${problems[@]}"; do
    echo "  $p"
done
if ((hangs + crashes + unexpected + leftovers + shmLeft > 0)); then
    echo "  FAILED (runner logs in $logDir)"
    exit 1
fi
rm -rf "$logDir"
echo "  OK"
exit 0
