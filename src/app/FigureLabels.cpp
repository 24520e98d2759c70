#include "FigureLabels.h"

#include "views/StatePalette.h"

#include <QJsonArray>
#include <QLocale>
#include <cmath>

namespace conlab {

namespace {

struct Words
{
    const char *key;
    const char *words;
};

#define WORDS(key, words)                                                                          \
    {                                                                                              \
        key, QT_TRANSLATE_NOOP("conlab::FigureLabels", words)                                      \
    }

// The summary keys of every lesson and of the tables inside summaries.
const Words kWords[] = {
    WORDS("outcome", "Outcome"),
    WORDS("elapsed_ns", "Elapsed"),
    WORDS("scenario", "Lesson"),
    WORDS("kind", "Kind"),
    WORDS("workers", "Workers"),
    WORDS("cpus", "CPUs"),
    WORDS("policy", "Policy"),
    WORDS("events", "Events recorded"),
    WORDS("dropped_events", "Events dropped"),
    WORDS("stranded", "Workers stranded"),
    WORDS("killed", "Workers killed"),
    WORDS("params", "Parameters"),
    WORDS("checks", "Checker rules"),
    WORDS("lost_updates", "Lost updates"),
    WORDS("expected_value", "Expected value"),
    WORDS("final_value", "Final value"),
    WORDS("max_concurrent", "Most running at once"),
    WORDS("parallel_ns", "Side by side"),
    WORDS("serial_ns", "One after another would take"),
    WORDS("daemons_ended", "Daemons ended with their owner"),
    WORDS("joined_order", "Join order"),
    WORDS("daemon_printed_done", "Daemon printed \"done\""),
    WORDS("started_after_first", "Started after the first"),
    WORDS("main_sees", "Main process sees"),
    WORDS("workers_saw", "Workers saw"),
    WORDS("pages_copied", "Pages copied"),
    WORDS("alive_right_after", "Alive right after terminate()"),
    WORDS("alive_until_ns", "Alive until"),
    WORDS("escalated_to_kill", "Escalated to kill"),
    WORDS("exit_code", "Exit code"),
    WORDS("exit_signal", "Exit signal"),
    WORDS("stop_latency_ns", "Time to stop"),
    WORDS("methods", "Start methods"),
    WORDS("count", "Count"),
    WORDS("p50_ns", "Median"),
    WORDS("p99_ns", "99th percentile"),
    WORDS("mean_ns", "Mean"),
    WORDS("total_ns", "Total"),
    WORDS("join_p50_ns", "Median join"),
    WORDS("process_vs_thread", "Process vs thread"),
    WORDS("gil_handoffs", "GIL handoffs"),
    WORDS("gil_drop_requests", "GIL drop requests"),
    WORDS("gil_wait_ns", "Waiting for the GIL"),
    WORDS("single_worker_ns", "One worker alone"),
    WORDS("speedup", "Speedup"),
    WORDS("cores", "Cores"),
    WORDS("sold", "Tickets sold"),
    WORDS("oversold", "Tickets oversold"),
    WORDS("tickets_left", "Tickets left"),
    WORDS("max_inside", "Most inside at once"),
    WORDS("waited_at_door", "Waited at the door"),
    WORDS("released", "Released"),
    WORDS("released_before_set", "Released before the set"),
    WORDS("gave_up", "Gave up"),
    WORDS("timeouts", "Timeouts"),
    WORDS("fired_after_ns", "Fired after"),
    WORDS("produced", "Produced"),
    WORDS("consumed", "Consumed"),
    WORDS("max_depth", "Deepest queue"),
    WORDS("empty_errors", "Gets from an empty queue"),
    WORDS("full_errors", "Puts into a full queue"),
    WORDS("put_order", "Put order"),
    WORDS("get_order", "Get order"),
    WORDS("bytes_written", "Bytes written"),
    WORDS("bytes_read", "Bytes read"),
    WORDS("max_in_pipe", "Most bytes in the pipe"),
    WORDS("pipe_capacity", "Pipe capacity"),
    WORDS("torn_messages", "Torn messages"),
    WORDS("writer_blocked_ns", "Writer blocked"),
    WORDS("pages", "Pages"),
    WORDS("pages_per_s", "Pages per second"),
    WORDS("links_found", "Links found"),
    WORDS("links_served", "Links served"),
    WORDS("words_found", "Words found"),
    WORDS("fetch_wait_ns", "Fetchers waited"),
    WORDS("parse_ns", "Parsing"),
    WORDS("retries", "Retries"),
    WORDS("aborts", "Aborts"),
    WORDS("finished_workers", "Workers that finished"),
    WORDS("deadlock", "Deadlock"),
    WORDS("cycle", "Cycle"),
    WORDS("locks", "Locks"),
    WORDS("sites", "Places"),
    WORDS("formed_ns", "Formed at"),
    WORDS("detected_ns", "Detected at"),
    WORDS("victims_aborted", "Victims aborted"),
    WORDS("cycles_broken", "Cycles broken"),
    WORDS("potential_deadlocks", "Possible deadlocks"),
    WORDS("tasks_done", "Tasks done"),
    WORDS("workers_used", "Workers used"),
    WORDS("threads_created", "Threads created"),
    WORDS("processes_created", "Processes created"),
    WORDS("result_order", "Result order"),
    WORDS("per_task", "Per task"),
    WORDS("task", "Task"),
    WORDS("worker", "Worker"),
    WORDS("queued_ns", "Queued at"),
    WORDS("start_ns", "Started at"),
    WORDS("end_ns", "Ended at"),
    WORDS("callback_tid", "Callback thread"),
    WORDS("cooperative_ns", "With cooperative sleeps"),
    WORDS("blocking_ns", "With blocking sleeps"),
    WORDS("threads_used", "Threads used"),
    WORDS("processes_used", "Processes used"),
    WORDS("coroutines", "Coroutines"),
    WORDS("switches", "Switches"),
    WORDS("call_ns", "A function call"),
    WORDS("switch_ns", "A switch"),
    WORDS("switch_vs_call", "Switch vs call"),
    WORDS("sample_ns", "Sampled every"),
    WORDS("threads", "Threads"),
    WORDS("name", "Name"),
    WORDS("on_cpu_ns", "On a CPU"),
    WORDS("run_delay_ns", "Waited for a CPU"),
    WORDS("running_ns", "Running"),
    WORDS("ready_ns", "Ready"),
    WORDS("io_ns", "In IO"),
    WORDS("life_ns", "Lifetime"),
    WORDS("jobs", "Jobs"),
    WORDS("waiting_ns", "Waiting"),
    WORDS("turnaround_ns", "Turnaround"),
    WORDS("response_ns", "Response"),
    WORDS("avg_waiting_ns", "Average waiting"),
    WORDS("avg_turnaround_ns", "Average turnaround"),
    WORDS("avg_response_ns", "Average response"),
    WORDS("cpu_utilisation", "CPU utilisation"),
    WORDS("utilisation", "Utilisation"),
    WORDS("makespan_ns", "Makespan"),
    WORDS("cpu_busy_ns", "CPU busy"),
    WORDS("expected_utilisation", "Expected utilisation"),
    WORDS("expected_makespan_ns", "Expected makespan"),
    WORDS("batch", "One job at a time"),
    WORDS("multiprogrammed", "Multiprogrammed"),
    WORDS("dispatches", "Dispatches"),
    WORDS("dispatches_match", "Dispatches as expected"),
    WORDS("expected", "Expected"),
    WORDS("races", "Ties"),
    WORDS("cpu", "CPU"),
    WORDS("rounds_completed", "Rounds completed"),
    WORDS("io_failures", "IO failures"),
    WORDS("max_wait_end_lag_ns", "Longest lag after the data came"),
    WORDS("designs_run", "Designs run"),
    WORDS("designs_failed", "Designs failed"),
    WORDS("rss_baseline_kib", "Memory before the servers"),
    WORDS("sockets_left_open", "Sockets left open"),
    WORDS("io_uring_available", "io_uring available"),
};

// Figures measured once per design or IO model: "<prefix>_<metric>".
const Words kPrefixes[] = {
    WORDS("process_per_connection", "Process per connection"),
    WORDS("thread_per_connection", "Thread per connection"),
    WORDS("thread_pool", "Thread pool"),
    WORDS("epoll", "epoll"),
    WORDS("coroutines", "Coroutines"),
    WORDS("io_uring", "io_uring"),
    WORDS("blocking", "Blocking"),
    WORDS("nonblocking", "Non-blocking"),
    WORDS("multiplexing", "Multiplexing"),
    WORDS("signal_driven", "Signal-driven"),
    WORDS("async", "Asynchronous"),
};
const Words kMetrics[] = {
    WORDS("latency_p50_ns", "median latency"),
    WORDS("latency_p99_ns", "99th-percentile latency"),
    WORDS("replies", "replies"),
    WORDS("bad_replies", "bad replies"),
    WORDS("missing_replies", "missing replies"),
    WORDS("wrong_replies", "wrong replies"),
    WORDS("rss_kib", "memory (RSS)"),
    WORDS("private_kib", "private memory"),
    WORDS("throughput_msgs_per_s", "messages per second"),
    WORDS("workers", "workers"),
    WORDS("workers_without_lane", "workers without a lane"),
    WORDS("children_left", "children left"),
    WORDS("wait_ns", "waiting for data"),
    WORDS("copy_ns", "copying to the process"),
    WORDS("blocked_ns", "blocked"),
    WORDS("wait_cpu_ns", "CPU while waiting"),
    WORDS("wait_end_lag_ns", "lag after the data came"),
    WORDS("wait_not_blocked_ns", "waiting without blocking"),
    WORDS("syscalls_per_message", "system calls per message"),
    WORDS("wakeups", "wakeups"),
    WORDS("attempts", "attempts"),
    WORDS("discovery_lag_ns", "lag until noticed"),
    WORDS("sockets_served", "sockets served"),
    WORDS("threads", "threads"),
};

#undef WORDS

const char *wordsFor(const Words *begin, const Words *end, const QString &key)
{
    for (const Words *words = begin; words != end; ++words) {
        if (key == QLatin1String(words->key))
            return words->words;
    }
    return nullptr;
}

// The interface's locale, with thousands separators even where the default (C) omits them.
QLocale numberLocale()
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale;
}

// Three significant digits: 320 ms, 1.20 s, 45.3 µs.
QString withUnit(double value, const QString &unit)
{
    const double magnitude = std::abs(value);
    const int decimals = magnitude >= 99.95 ? 0 : (magnitude >= 9.995 ? 1 : 2);
    return numberLocale().toString(value, 'f', decimals) + QChar::Nbsp + unit;
}

bool isRatio(const QString &key)
{
    return key == QLatin1String("speedup") || key.contains(QLatin1String("_vs_"));
}

QString scalarText(const QString &key, const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? FigureLabels::tr("yes") : FigureLabels::tr("no");
    if (value.isNull() || value.isUndefined())
        return FigureLabels::tr("none");
    if (value.isString()) {
        if (key == QLatin1String("outcome"))
            return StatePalette::outcomeText(value.toString());
        return value.toString();
    }
    if (!value.isDouble())
        return {};
    const double number = value.toDouble();
    if (key.endsWith(QLatin1String("_ns")))
        return FigureLabels::duration(number);
    if (key.endsWith(QLatin1String("_kib")))
        return FigureLabels::size(number);
    if (isRatio(key))
        return numberLocale().toString(number, 'f', 2) + QStringLiteral("×");
    if (key.contains(QLatin1String("utilisation")))
        return numberLocale().toString(number, 'f', 2);
    return FigureLabels::count(number);
}

} // namespace

QString FigureLabels::label(const QString &key)
{
    if (const char *words = wordsFor(std::begin(kWords), std::end(kWords), key))
        return tr(words);
    for (const Words &prefix : kPrefixes) {
        const QString start = QLatin1String(prefix.key) + QLatin1Char('_');
        if (!key.startsWith(start))
            continue;
        if (const char *metric =
                wordsFor(std::begin(kMetrics), std::end(kMetrics), key.mid(start.size())))
            return tr("%1: %2").arg(tr(prefix.words), tr(metric));
    }
    QString words = key;
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

QString FigureLabels::value(const QString &key, const QJsonValue &value)
{
    if (!value.isArray())
        return scalarText(key, value);
    const QJsonArray array = value.toArray();
    if (array.isEmpty())
        return tr("none");
    // A long list would push the figures off the panel: its first values and how many.
    constexpr qsizetype shown = 12;
    QStringList items;
    // Items break at the spaces between them only: their hyphens don't break (U+2011).
    for (qsizetype i = 0; i < array.size() && i < shown; ++i)
        items << (array.at(i).isString()
                      ? array.at(i).toString().replace(QLatin1Char('-'), QChar(0x2011))
                      : scalarText(key, array.at(i)));
    QString text = items.join(QStringLiteral(", "));
    if (array.size() > shown)
        text += tr(", … (%1 in all)").arg(count(double(array.size())));
    return text;
}

QString FigureLabels::duration(double ns)
{
    if (ns == 0)
        return QStringLiteral("0\u00a0s");
    // Rounded to three digits first, so that 999.96 µs reads 1.00 ms, not 1000 µs.
    const double rounded = QString::number(ns, 'g', 3).toDouble();
    const double magnitude = std::abs(rounded);
    if (magnitude >= 1e9)
        return withUnit(ns / 1e9, QStringLiteral("s"));
    if (magnitude >= 1e6)
        return withUnit(ns / 1e6, QStringLiteral("ms"));
    if (magnitude >= 1e3)
        return withUnit(ns / 1e3, QStringLiteral("µs"));
    return withUnit(ns, QStringLiteral("ns"));
}

QString FigureLabels::size(double kib)
{
    const double rounded = QString::number(kib, 'g', 3).toDouble();
    if (std::abs(rounded) >= 1024.0 * 1024.0)
        return withUnit(kib / (1024.0 * 1024.0), QStringLiteral("GiB"));
    if (std::abs(rounded) >= 1024.0)
        return withUnit(kib / 1024.0, QStringLiteral("MiB"));
    return count(kib) + QChar::Nbsp + QStringLiteral("KiB");
}

QString FigureLabels::count(double number)
{
    if (number == std::floor(number) && std::abs(number) < 9e15)
        return numberLocale().toString(qint64(number));
    return numberLocale().toString(number, 'f', 2);
}

bool FigureLabels::isRunDetail(const QString &key)
{
    return runDetails().contains(key);
}

const QStringList &FigureLabels::runDetails()
{
    static const QStringList details{
        QStringLiteral("scenario"),         QStringLiteral("kind"),
        QStringLiteral("workers"),          QStringLiteral("cpus"),
        QStringLiteral("policy"),           QStringLiteral("events"),
        QStringLiteral("dropped_events"),   QStringLiteral("stranded"),
        QStringLiteral("killed"),           QStringLiteral("trace"),
        QStringLiteral("dispatches_match"), QStringLiteral("params"),
        QStringLiteral("checks"),           QStringLiteral("dispatches"),
        QStringLiteral("expected")};
    return details;
}

} // namespace conlab
