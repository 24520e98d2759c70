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

// The summary keys of every lesson and of the tables inside summaries.
const Words kWords[] = {
    {"outcome", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Outcome")},
    {"elapsed_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Elapsed")},
    {"scenario", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Lesson")},
    {"kind", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Kind")},
    {"workers", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Workers")},
    {"cpus", QT_TRANSLATE_NOOP("conlab::FigureLabels", "CPUs")},
    {"policy", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Policy")},
    {"events", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Events recorded")},
    {"dropped_events", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Events dropped")},
    {"stranded", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Workers stranded")},
    {"killed", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Workers killed")},
    {"params", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Parameters")},
    {"checks", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Checker rules")},
    {"lost_updates", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Lost updates")},
    {"expected_value", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Expected value")},
    {"final_value", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Final value")},
    {"max_concurrent", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Most running at once")},
    {"parallel_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Side by side")},
    {"serial_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "One after another would take")},
    {"daemons_ended", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Daemons ended with their owner")},
    {"joined_order", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Join order")},
    {"daemon_printed_done", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Daemon printed \"done\"")},
    {"started_after_first", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Started after the first")},
    {"main_sees", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Main process sees")},
    {"workers_saw", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Workers saw")},
    {"pages_copied", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Pages copied")},
    {"alive_right_after",
     QT_TRANSLATE_NOOP("conlab::FigureLabels", "Alive right after terminate()")},
    {"alive_until_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Alive until")},
    {"escalated_to_kill", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Escalated to kill")},
    {"exit_code", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Exit code")},
    {"exit_signal", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Exit signal")},
    {"stop_latency_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Time to stop")},
    {"methods", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Start methods")},
    {"count", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Count")},
    {"p50_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Median")},
    {"p99_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "99th percentile")},
    {"mean_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Mean")},
    {"total_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Total")},
    {"join_p50_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Median join")},
    {"process_vs_thread", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Process vs thread")},
    {"gil_handoffs", QT_TRANSLATE_NOOP("conlab::FigureLabels", "GIL handoffs")},
    {"gil_drop_requests", QT_TRANSLATE_NOOP("conlab::FigureLabels", "GIL drop requests")},
    {"gil_wait_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Waiting for the GIL")},
    {"single_worker_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "One worker alone")},
    {"speedup", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Speedup")},
    {"cores", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Cores")},
    {"sold", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Tickets sold")},
    {"oversold", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Tickets oversold")},
    {"tickets_left", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Tickets left")},
    {"max_inside", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Most inside at once")},
    {"waited_at_door", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Waited at the door")},
    {"released", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Released")},
    {"released_before_set", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Released before the set")},
    {"gave_up", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Gave up")},
    {"timeouts", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Timeouts")},
    {"fired_after_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Fired after")},
    {"produced", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Produced")},
    {"consumed", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Consumed")},
    {"max_depth", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Deepest queue")},
    {"empty_errors", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Gets from an empty queue")},
    {"full_errors", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Puts into a full queue")},
    {"put_order", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Put order")},
    {"get_order", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Get order")},
    {"bytes_written", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Bytes written")},
    {"bytes_read", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Bytes read")},
    {"max_in_pipe", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Most bytes in the pipe")},
    {"pipe_capacity", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Pipe capacity")},
    {"torn_messages", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Torn messages")},
    {"writer_blocked_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Writer blocked")},
    {"pages", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Pages")},
    {"pages_per_s", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Pages per second")},
    {"links_found", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Links found")},
    {"links_served", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Links served")},
    {"words_found", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Words found")},
    {"fetch_wait_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Fetchers waited")},
    {"parse_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Parsing")},
    {"retries", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Retries")},
    {"aborts", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Aborts")},
    {"finished_workers", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Workers that finished")},
    {"deadlock", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Deadlock")},
    {"cycle", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Cycle")},
    {"locks", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Locks")},
    {"sites", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Places")},
    {"formed_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Formed at")},
    {"detected_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Detected at")},
    {"victims_aborted", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Victims aborted")},
    {"cycles_broken", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Cycles broken")},
    {"potential_deadlocks", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Possible deadlocks")},
    {"tasks_done", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Tasks done")},
    {"workers_used", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Workers used")},
    {"threads_created", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Threads created")},
    {"processes_created", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Processes created")},
    {"result_order", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Result order")},
    {"per_task", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Per task")},
    {"task", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Task")},
    {"worker", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Worker")},
    {"queued_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Queued at")},
    {"start_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Started at")},
    {"end_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Ended at")},
    {"callback_tid", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Callback thread")},
    {"cooperative_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "With cooperative sleeps")},
    {"blocking_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "With blocking sleeps")},
    {"threads_used", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Threads used")},
    {"processes_used", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Processes used")},
    {"coroutines", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Coroutines")},
    {"switches", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Switches")},
    {"call_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "A function call")},
    {"switch_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "A switch")},
    {"switch_vs_call", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Switch vs call")},
    {"sample_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Sampled every")},
    {"other_cpu_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Other programs on the cores")},
    {"core_time_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "The cores' time")},
    {"threads", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Threads")},
    {"name", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Name")},
    {"on_cpu_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "On a CPU")},
    {"run_delay_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Waited for a CPU")},
    {"running_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Running")},
    {"ready_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Ready")},
    {"io_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "In IO")},
    {"life_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Lifetime")},
    {"jobs", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Jobs")},
    {"waiting_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Waiting")},
    {"turnaround_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Turnaround")},
    {"response_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Response")},
    {"avg_waiting_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Average waiting")},
    {"avg_turnaround_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Average turnaround")},
    {"avg_response_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Average response")},
    {"cpu_utilisation", QT_TRANSLATE_NOOP("conlab::FigureLabels", "CPU utilisation")},
    {"utilisation", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Utilisation")},
    {"makespan_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Makespan")},
    {"cpu_busy_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "CPU busy")},
    {"expected_utilisation", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Expected utilisation")},
    {"expected_makespan_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Expected makespan")},
    {"batch", QT_TRANSLATE_NOOP("conlab::FigureLabels", "One job at a time")},
    {"multiprogrammed", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Multiprogrammed")},
    {"dispatches", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Dispatches")},
    {"dispatches_match", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Dispatches as expected")},
    {"expected", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Expected")},
    {"races", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Ties")},
    {"cpu", QT_TRANSLATE_NOOP("conlab::FigureLabels", "CPU")},
    {"rounds_completed", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Rounds completed")},
    {"io_failures", QT_TRANSLATE_NOOP("conlab::FigureLabels", "IO failures")},
    {"max_wait_end_lag_ns",
     QT_TRANSLATE_NOOP("conlab::FigureLabels", "Longest lag after the data came")},
    {"designs_run", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Designs run")},
    {"designs_failed", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Designs failed")},
    {"rss_baseline_kib", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Memory before the servers")},
    {"sockets_left_open", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Sockets left open")},
    {"io_uring_available", QT_TRANSLATE_NOOP("conlab::FigureLabels", "io_uring available")},
};

// Figures measured once per design or IO model: "<prefix>_<metric>".
const Words kPrefixes[] = {
    {"process_per_connection", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Process per connection")},
    {"thread_per_connection", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Thread per connection")},
    {"thread_pool", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Thread pool")},
    {"epoll", QT_TRANSLATE_NOOP("conlab::FigureLabels", "epoll")},
    {"coroutines", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Coroutines")},
    {"io_uring", QT_TRANSLATE_NOOP("conlab::FigureLabels", "io_uring")},
    {"blocking", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Blocking")},
    {"nonblocking", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Non-blocking")},
    {"multiplexing", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Multiplexing")},
    {"signal_driven", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Signal-driven")},
    {"async", QT_TRANSLATE_NOOP("conlab::FigureLabels", "Asynchronous")},
};
const Words kMetrics[] = {
    {"latency_p50_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "median latency")},
    {"latency_p99_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "99th-percentile latency")},
    {"replies", QT_TRANSLATE_NOOP("conlab::FigureLabels", "replies")},
    {"bad_replies", QT_TRANSLATE_NOOP("conlab::FigureLabels", "bad replies")},
    {"missing_replies", QT_TRANSLATE_NOOP("conlab::FigureLabels", "missing replies")},
    {"wrong_replies", QT_TRANSLATE_NOOP("conlab::FigureLabels", "wrong replies")},
    {"rss_kib", QT_TRANSLATE_NOOP("conlab::FigureLabels", "memory (RSS)")},
    {"private_kib", QT_TRANSLATE_NOOP("conlab::FigureLabels", "private memory")},
    {"throughput_msgs_per_s", QT_TRANSLATE_NOOP("conlab::FigureLabels", "messages per second")},
    {"workers", QT_TRANSLATE_NOOP("conlab::FigureLabels", "workers")},
    {"workers_without_lane", QT_TRANSLATE_NOOP("conlab::FigureLabels", "workers without a lane")},
    {"children_left", QT_TRANSLATE_NOOP("conlab::FigureLabels", "children left")},
    {"wait_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "waiting for data")},
    {"copy_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "copying to the process")},
    {"blocked_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "blocked")},
    {"wait_cpu_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "CPU while waiting")},
    {"wait_end_lag_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "lag after the data came")},
    {"wait_not_blocked_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "waiting without blocking")},
    {"syscalls_per_message", QT_TRANSLATE_NOOP("conlab::FigureLabels", "system calls per message")},
    {"wakeups", QT_TRANSLATE_NOOP("conlab::FigureLabels", "wakeups")},
    {"attempts", QT_TRANSLATE_NOOP("conlab::FigureLabels", "attempts")},
    {"discovery_lag_ns", QT_TRANSLATE_NOOP("conlab::FigureLabels", "lag until noticed")},
    {"sockets_served", QT_TRANSLATE_NOOP("conlab::FigureLabels", "sockets served")},
    {"threads", QT_TRANSLATE_NOOP("conlab::FigureLabels", "threads")},
};

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
