#pragma once

#include <historysource.h>
#include <serieskey.h>

#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QUrl>

#include <functional>
#include <optional>
#include <vector>
#include <utility>

namespace Candlewick::Bench {

// What the exchange benches (usdm, bybit, okx) share: `BENCH <name> <value> <unit>` lines, a fake
// server in a thread of its own, history downloads of several series at once (timed, then
// optionally stored through a HistoryCache into SQLite) and ccxt's fetchOHLCV loop as a node
// process.

void report(const char *name, double value, const char *unit);

// `--name N` among the arguments, else `fallback`.
int intArgument(const QStringList &args, const QString &name, int fallback);
// `--name VALUE` among the arguments, else empty.
QString stringArgument(const QStringList &args, const QString &name);

// A fake exchange (FakeBinanceRest, FakeBybitRest, FakeOkxRest, ...) in a thread of its own, as an
// independent server would be, listening on 127.0.0.1; `setup` runs before it moves there.
template<typename Fake> class FakeInThread
{
public:
    template<typename... Args>
    explicit FakeInThread(const std::function<void(Fake &)> &setup, Args &&...args)
        : m_fake(new Fake(std::forward<Args>(args)...))
    {
        if (setup)
            setup(*m_fake);
        m_fake->moveToThread(&m_thread);
        m_thread.start();
        bool listening = false;
        QMetaObject::invokeMethod(
            m_fake, [&] { listening = m_fake->listen(); }, Qt::BlockingQueuedConnection);
        if (!listening)
            qFatal("the fake server could not listen on 127.0.0.1");
    }
    ~FakeInThread()
    {
        QMetaObject::invokeMethod(m_fake, &QObject::deleteLater);
        m_thread.quit();
        m_thread.wait();
    }
    FakeInThread(const FakeInThread &) = delete;
    FakeInThread &operator=(const FakeInThread &) = delete;

    QUrl baseUrl() const
    {
        return call([this] { return m_fake->baseUrl(); });
    }
    // Runs `fn` with the fake on its thread and returns what it returns.
    template<typename Fn> auto call(Fn fn) const
    {
        decltype(fn()) result{};
        QMetaObject::invokeMethod(
            m_fake, [&] { result = fn(); }, Qt::BlockingQueuedConnection);
        return result;
    }
    Fake *fake() const { return m_fake; }

private:
    QThread m_thread;
    Fake *m_fake;
};

struct Run
{
    double seconds = 0;
    qint64 candles = 0; // emitted (fetchAll) or stored (storeAll)
    int requests = 0;
};

// One history job per key over [from, to) from `source`, all at once, until the last one ends;
// the candles are counted, not kept. A failure ends the bench (qFatal).
Run fetchAll(HistorySource &source, const QList<SeriesKey> &keys, qint64 from, qint64 to);
// The same end to end: through a HistoryCache into a fresh SQLite file at `dbPath`.
Run storeAll(HistorySource &source, const QString &dbPath, const QList<SeriesKey> &keys,
             qint64 from, qint64 to);
// fetch_<id>_unthrottled: `key` over [from, to) into a fresh SQLite file through `source` (its
// limits off), then, with a `ccxtDir`, ccxt's fetchOHLCV loop (ccxt id `id`) for `ccxtSymbol` over
// the same range from the fake at `baseUrl`: fetch_<id>_vs_ccxt is ccxt's time / ours.
void unthrottledBesideCcxt(const char *id, HistorySource &source, const SeriesKey &key, qint64 from,
                           qint64 to, const QUrl &baseUrl, const QString &ccxtDir,
                           const QString &ccxtSymbol);
// ccxt's fetchOHLCV loop (bench/ccxt/fetch_ohlcv.mjs in `ccxtDir`) for `symbol` (BASE/QUOTE)
// over [from, to) of 1m at `baseUrl`, the exchange given by its ccxt id, with ccxt's own rate
// limit or none; nullopt (with a message on stderr) when it failed or did not get `expectedRows`.
std::optional<Run> runCcxt(const QString &ccxtDir, const QString &ccxtId, const QUrl &baseUrl,
                           const QString &symbol, qint64 from, qint64 to, qint64 expectedRows,
                           bool rateLimit = false);

// A steady clock in ns, for latencies within one process.
qint64 steadyNs();
// Runs the event loop until `done` (false after `timeoutMs`).
bool waitUntil(const std::function<bool()> &done, int timeoutMs);
// The `p` quantile (0..1) of `ns`, in µs (reorders `ns`).
double percentileUs(std::vector<qint64> &ns, double p);

} // namespace Candlewick::Bench
