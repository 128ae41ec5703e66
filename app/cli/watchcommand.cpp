#include "watchcommand.h"

#include "clioptions.h"
#include "signalwatcher.h"

#include <candledatabase.h>
#include <candleformat.h>
#include <candlewatcher.h>
#include <exchange.h>
#include <utctime.h>

#include <QEventLoop>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <poll.h>
#include <unistd.h>

namespace Candlewick::Cli {

namespace {

// Writes all of `bytes` to stdout unbuffered; false once the reader has gone away (EPIPE) or
// the write fails otherwise.
bool writeStdout(const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, bytes.constData() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

// True when stdout is a pipe or socket whose reader has closed it.
bool stdoutClosed()
{
    pollfd fd{STDOUT_FILENO, 0, 0};
    return ::poll(&fd, 1, 0) > 0 && (fd.revents & (POLLERR | POLLHUP)) != 0;
}

} // namespace

QString WatchCommand::summary() const
{
    return tr("Print closed candles as JSON lines the moment they are stored.");
}

void WatchCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOptions(
        {{{QStringLiteral("symbols"), QStringLiteral("symbol")},
          tr("Symbols to watch, a comma list (BTCUSDT,ETHUSDT)."),
          QStringLiteral("list")},
         Options::interval(),
         Options::exchange(),
         Options::db(),
         {QStringLiteral("from"),
          tr("First print the stored candles from this time (UTC, inclusive), then continue "
             "live."),
          QStringLiteral("time")},
         {QStringLiteral("poll-ms"),
          tr("Milliseconds between checks of the database for new commits (default 20; "
             "PostgreSQL notifies commits instead)."),
          QStringLiteral("ms"), QStringLiteral("20")}});
}

int WatchCommand::run(const QCommandLineParser &parser, QTextStream &, QTextStream &err)
{
    QString error;
    const Exchange *exchange = Options::exchange(parser, error);
    if (!exchange)
        return fail(err, error, BadInput);
    const auto symbols = Options::symbols(parser, *exchange, error);
    if (!symbols)
        return fail(err, error, BadInput);
    const auto interval = Options::interval(parser, *exchange, error);
    if (!interval)
        return fail(err, error, BadInput);
    std::optional<qint64> from;
    if (parser.isSet(QStringLiteral("from"))) {
        from = UtcTime::parse(parser.value(QStringLiteral("from")));
        if (!from)
            return fail(err,
                        tr("bad --from '%1' (use 2024-03-01, 2024-03-01T12:00:00Z or ms)")
                            .arg(parser.value(QStringLiteral("from"))),
                        BadInput);
    }
    bool pollOk = false;
    const int pollMs = parser.value(QStringLiteral("poll-ms")).toInt(&pollOk);
    if (!pollOk || pollMs < 1 || pollMs > 60000)
        return fail(err, tr("bad --poll-ms (1 to 60000)"), BadInput);

    const auto database = Options::database(parser, CandleDatabase::Access::ReadOnly, error);
    if (!database)
        return fail(err, error);
    CandleWatcher watcher;
    if (!watcher.open(database))
        return fail(err, watcher.errorString());
    watcher.setPollInterval(pollMs);
    for (const QString &symbol : *symbols)
        watcher.addSeries({exchange->id, symbol, *interval}, from);

    // A reader that went away is the normal end of a queue, not a crash.
    ::signal(SIGPIPE, SIG_IGN);
    QEventLoop loop;
    QString fatal;
    bool readerGone = false;
    QByteArray line;
    QObject::connect(&watcher, &CandleWatcher::candleReady, &loop,
                     [&](const SeriesKey &key, const Candle &candle) {
                         if (readerGone)
                             return;
                         line.clear();
                         CandleFormat::appendJsonLine(line, key.symbol, candle);
                         if (!writeStdout(line)) {
                             readerGone = true;
                             watcher.stop();
                             loop.quit();
                         }
                     });
    QObject::connect(&watcher, &CandleWatcher::failed, &loop, [&](const QString &message) {
        fatal = message;
        loop.quit();
    });
    QTimer readerCheck;
    QObject::connect(&readerCheck, &QTimer::timeout, &loop, [&] {
        if (stdoutClosed()) {
            readerGone = true;
            loop.quit();
        }
    });
    readerCheck.start(200);
    SignalWatcher stopOnSignal([&loop] { loop.quit(); });

    err << "watch: "
        << tr("%1 %2 in %3")
               .arg(symbols->join(u','), Intervals::name(*interval), database->displayPath())
        << '\n';
    err.flush();
    watcher.start();
    loop.exec();
    watcher.stop();
    if (!fatal.isEmpty())
        return fail(err, tr("cannot read the database: %1").arg(fatal));
    return Success;
}

} // namespace Candlewick::Cli
