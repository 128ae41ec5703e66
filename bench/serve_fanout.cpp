// serve fan-out benchmark (issue 11). Prints "BENCH <name> <value> <unit>" lines; never passes or
// fails on time.
//
// serve_fanout: 100 WebSocket clients, each subscribed to the same 100 kline streams (one
// combined connection each), while serve's replay (a ReplayFeed over a SQLite file with 100
// symbols x 200 candles of 1m, speed max) publishes through the KlineStreamHub, held back by
// the hub's back-pressure through ReplayControlApi as in `serve --replay`. The server runs in its
// own thread, the clients in the main thread.
//
//   serve_fanout_events_per_s    kline events received by all clients per second
//   serve_fanout_delay_p50/p99   publish (server thread) -> received (client), ms
//   serve_fanout_dropped         clients dropped as too slow (10 s congested or 8 MiB queued)
//   serve_fanout_rss_mb          peak RSS of the process (server and clients)
//
// Usage: candlewick-bench-serve-fanout [clients=100] [streams=100] [candles=200]

#include "processmemory.h"

#include <binancerestapi.h>
#include <klinestreamhub.h>
#include <marketdataserver.h>
#include <replaycontrolapi.h>

#include <candledatabase.h>
#include <sqlitecandlestore.h>
#include <clock.h>
#include <replay/replayfeed.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QMutex>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>

using namespace Candlewick;

namespace {

constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
constexpr qint64 Minute = 60'000;

void bench(const char *name, double value, const char *unit)
{
    std::printf("BENCH %s %.2f %s\n", name, value, unit);
    std::fflush(stdout);
}

QString symbolName(int i)
{
    return QStringLiteral("S%1USDT").arg(i, 3, 10, QLatin1Char('0'));
}

// Publish times, written by the server thread, read by the clients.
struct PublishLog
{
    QMutex mutex;
    QHash<QPair<QString, qint64>, qint64> at; // (symbol, open time) -> ns
};

class Server : public QObject
{
public:
    Server(QString path, int streams, PublishLog *log, QElapsedTimer *clock)
        : m_path(std::move(path))
        , m_streams(streams)
        , m_log(log)
        , m_clock(clock)
    {
    }
    bool start()
    {
        if (!m_store.open(m_path, SqliteCandleStore::OpenMode::ReadOnly))
            return false;
        m_feed = std::make_unique<ReplayFeed>();
        QString error;
        m_database = CandleDatabase::open(m_path, CandleDatabase::Access::ReadOnly, &error);
        if (!m_database)
            return false;
        m_feed->setDatabase(m_database);
        for (int i = 0; i < m_streams; ++i)
            m_feed->addSeries({QStringLiteral("binance"), symbolName(i), Interval::M1});
        m_feed->setRange(T0, T0 + 10 * 24 * 60 * Minute);
        m_feed->setSpeed(ReplayFeed::MaxSpeed);
        ReplayFeed *feed = m_feed.get();
        const auto now = [feed] { return feed->replayTime(); };
        m_api = std::make_unique<BinanceRestApi>(&m_store, QStringLiteral("binance"), now);
        m_hub = std::make_unique<KlineStreamHub>(now);
        QObject::connect(
            m_feed.get(), &LiveFeed::candleClosed, m_hub.get(),
            [this](const SeriesKey &key, const Candle &c) {
                {
                    QMutexLocker lock(&m_log->mutex);
                    m_log->at.insert({key.symbol, c.openTime}, m_clock->nsecsElapsed());
                }
                m_hub->publish(key, c);
            });
        QObject::connect(m_feed.get(), &ReplayFeed::finished, this, [this] { finished = true; });
        m_control = std::make_unique<ReplayControlApi>(m_feed.get());
        m_control->setBackPressure(m_hub.get());
        m_server = std::make_unique<MarketDataServer>(m_api.get(), m_hub.get());
        m_server->setReplayControl(m_control.get());
        m_server->setMaxClients(100000);
        return m_server->listen(QHostAddress::LocalHost, 0);
    }
    void play() { m_feed->play(); }
    quint16 port() const { return m_server->port(); }
    qint64 dropped() const { return m_hub->droppedSlowClients(); }
    int clients() const { return m_hub->clientCount(); }
    std::atomic<bool> finished{false};

private:
    QString m_path;
    int m_streams;
    PublishLog *m_log;
    QElapsedTimer *m_clock;
    SqliteCandleStore m_store;
    std::shared_ptr<CandleDatabase> m_database;
    std::unique_ptr<ReplayFeed> m_feed;
    std::unique_ptr<BinanceRestApi> m_api;
    std::unique_ptr<KlineStreamHub> m_hub;
    std::unique_ptr<ReplayControlApi> m_control;
    std::unique_ptr<MarketDataServer> m_server;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int clientCount = args.size() > 1 ? args.at(1).toInt() : 100;
    const int streams = args.size() > 2 ? args.at(2).toInt() : 100;
    const int candles = args.size() > 3 ? args.at(3).toInt() : 200;

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fanout.sqlite"));
    {
        SqliteCandleStore store;
        if (!store.open(path))
            return 1;
        for (int s = 0; s < streams; ++s) {
            CandleBatch batch;
            for (int i = 0; i < candles; ++i) {
                Candle c;
                c.openTime = T0 + i * Minute;
                c.open = c.high = c.low = c.close = 100 + i;
                c.volume = 1;
                batch.append(c);
            }
            if (!store.write({QStringLiteral("binance"), symbolName(s), Interval::M1}, batch))
                return 1;
        }
    }

    QElapsedTimer clock;
    clock.start();
    PublishLog log;
    QThread thread;
    auto *server = new Server(path, streams, &log, &clock);
    server->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, server, &QObject::deleteLater);
    thread.start();
    bool ok = false;
    QMetaObject::invokeMethod(
        server, [&] { ok = server->start(); }, Qt::BlockingQueuedConnection);
    if (!ok)
        return 1;

    QStringList names;
    for (int s = 0; s < streams; ++s)
        names.append(symbolName(s).toLower() + QStringLiteral("@kline_1m"));
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/stream?streams=%2")
                       .arg(server->port())
                       .arg(names.join(u'/')));
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    qint64 received = 0;
    QList<double> delaysMs;
    delaysMs.reserve(qsizetype(clientCount) * streams * candles);
    for (int i = 0; i < clientCount; ++i) {
        auto socket = std::make_unique<QWebSocket>();
        QObject::connect(socket.get(), &QWebSocket::textMessageReceived, socket.get(),
                         [&](const QString &message) {
                             const qint64 now = clock.nsecsElapsed();
                             ++received;
                             // {"stream":"s000usdt@kline_1m","data":{..."k":{"t":<open>,...
                             const qsizetype s = message.indexOf(QLatin1StringView("\"s\":\"")) + 5;
                             const QString symbol = message.mid(s, message.indexOf(u'"', s) - s);
                             const qsizetype t = message.indexOf(QLatin1StringView("\"t\":")) + 4;
                             const qint64 open = message.mid(t, 13).toLongLong();
                             QMutexLocker lock(&log.mutex);
                             const auto it = log.at.constFind({symbol, open});
                             if (it != log.at.constEnd())
                                 delaysMs.append(double(now - *it) / 1e6);
                         });
        socket->open(url);
        sockets.push_back(std::move(socket));
    }
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (server->clients() == clientCount)
            loop.quit();
    });
    poll.start(10);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();

    const qint64 expected = qint64(clientCount) * streams * candles;
    QElapsedTimer run;
    run.start();
    QMetaObject::invokeMethod(server, [server] { server->play(); });
    QObject::disconnect(&poll, nullptr, nullptr, nullptr);
    qint64 lastReceived = -1;
    int quietPolls = 0;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        // Done when everything arrived, or (clients dropped) when nothing more comes for 2 s
        // after the replay finished.
        quietPolls = received == lastReceived ? quietPolls + 1 : 0;
        lastReceived = received;
        if (received >= expected || (server->finished && quietPolls >= 200))
            loop.quit();
    });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    const double seconds
        = qMax<qint64>(1, run.elapsed() - (received >= expected ? 0 : 2000)) / 1000.0;

    std::sort(delaysMs.begin(), delaysMs.end());
    const auto at = [&](double q) {
        return delaysMs.isEmpty()
            ? 0.0
            : delaysMs.at(std::min<qsizetype>(delaysMs.size() - 1, qsizetype(q * delaysMs.size())));
    };
    bench("serve_fanout_events_per_s", received / seconds, "events/s");
    bench("serve_fanout_events", double(received), "events");
    bench("serve_fanout_expected", double(expected), "events");
    bench("serve_fanout_delay_p50_ms", at(0.5), "ms");
    bench("serve_fanout_delay_p99_ms", at(0.99), "ms");
    bench("serve_fanout_dropped", double(server->dropped()), "clients");
    bench("serve_fanout_rss_mb", double(Bench::peakResidentBytes()) / (1 << 20), "MB");
    sockets.clear();
    thread.quit();
    thread.wait();
    return 0;
}
