// serve benchmark (issue 11). Prints "BENCH <name> <value> <unit>" lines; never passes or fails
// on time.
//
// serve_klines: a client pages a year of 1m (525,600 candles) with startTime = last + 1, one
// request at a time as a paging bot does, from `candlewick-cli serve`'s server classes
// (MarketDataServer + BinanceRestApi over a SQLite file, in their own thread) and, in the same
// run, from the Binance fake of tests/support (in its own thread), a page from each in turn.
// The rates count the time waiting for answers; serve_vs_fake is their ratio (goal >= 1).
//
// Usage: candlewick-bench-serve

#include "benchharness.h"

#include <binancerestapi.h>
#include <fakebinancerest.h>
#include <klinestreamhub.h>
#include <marketdataserver.h>

#include <sqlitecandlestore.h>
#include <clock.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QThread>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Candlewick;
using Candlewick::Bench::report;
using Candlewick::Testing::FakeBinanceRest;

namespace {

constexpr qint64 From = 1672531200000; // 2023-01-01T00:00:00Z
constexpr qint64 To = 1704067200000; // 2024-01-01T00:00:00Z

// Pages [From, To) one request at a time, as a paging bot does; counts rows and the time spent
// waiting for answers.
struct Pager
{
    QUrl base;
    qint64 start = From;
    qint64 rows = 0;
    qint64 elapsedNs = 0;
    QList<qint64> pageNs = {}; // each page's wait
    bool ok = true;
    bool done = false;

    // The next page; false once past the last candle or on an error.
    bool step(QNetworkAccessManager &nam)
    {
        QElapsedTimer timer;
        timer.start();
        QUrl url = base;
        url.setPath(QStringLiteral("/api/v3/klines"));
        url.setQuery(QStringLiteral("symbol=BTCUSDT&interval=1m&limit=1000&startTime=%1&endTime=%2")
                         .arg(start)
                         .arg(To - 1));
        QNetworkReply *reply = nam.get(QNetworkRequest(url));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        pageNs.append(timer.nsecsElapsed());
        elapsedNs += pageNs.last();
        ok = reply->error() == QNetworkReply::NoError;
        done = !ok || body.size() <= 2; // past the last candle
        if (done)
            return false;
        rows += body.count("],[") + 1;
        // The last row's open time: after the last "[[" or "],[".
        const qsizetype at = body.lastIndexOf("],[");
        const qsizetype from = at < 0 ? 2 : at + 3;
        start = body.mid(from, body.indexOf(',', from) - from).toLongLong() + 1;
        return true;
    }
    double rate() const { return rows * 1e9 / double(qMax<qint64>(1, elapsedNs)); }
};

// The server's parts, made and used in one thread.
class ServeInThread : public QObject
{
public:
    bool start(const QString &path)
    {
        if (!m_store.open(path, SqliteCandleStore::OpenMode::ReadOnly))
            return false;
        const auto now = [] { return Clock::system()->nowMs(); };
        m_api = std::make_unique<BinanceRestApi>(&m_store, QStringLiteral("binance"), now);
        m_hub = std::make_unique<KlineStreamHub>(now);
        m_server = std::make_unique<MarketDataServer>(m_api.get(), m_hub.get());
        return m_server->listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server->port(); }
    qint64 readAheadHits() const { return m_api->readAheadHits(); }

private:
    SqliteCandleStore m_store;
    std::unique_ptr<BinanceRestApi> m_api;
    std::unique_ptr<KlineStreamHub> m_hub;
    std::unique_ptr<MarketDataServer> m_server;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("serve.sqlite"));

    QThread fakeThread;
    auto *fake = new FakeBinanceRest(Clock::system());
    fake->addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"), From);
    {
        SqliteCandleStore store;
        if (!store.open(path)
            || !store.write(
                {QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1},
                fake->groundTruth(QStringLiteral("BTCUSDT"), Interval::M1, {From, To}))) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return 1;
        }
    }
    fake->moveToThread(&fakeThread);
    QObject::connect(&fakeThread, &QThread::finished, fake, &QObject::deleteLater);
    fakeThread.start();
    bool ok = false;
    QMetaObject::invokeMethod(fake, "listen", Qt::BlockingQueuedConnection, Q_RETURN_ARG(bool, ok),
                              Q_ARG(quint16, 0));

    QThread serveThread;
    auto *serve = new ServeInThread;
    serve->moveToThread(&serveThread);
    QObject::connect(&serveThread, &QThread::finished, serve, &QObject::deleteLater);
    serveThread.start();
    bool served = false;
    QMetaObject::invokeMethod(
        serve, [&] { served = serve->start(path); }, Qt::BlockingQueuedConnection);
    if (!ok || !served) {
        std::fprintf(stderr, "cannot listen on 127.0.0.1\n");
        return 1;
    }

    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    // Page by page in turns, so both see the same load on the machine.
    Pager fakeRun{fake->baseUrl()};
    Pager serveRun{QUrl(QStringLiteral("http://127.0.0.1:%1").arg(serve->port()))};
    while (!fakeRun.done || !serveRun.done) {
        if (!fakeRun.done)
            fakeRun.step(nam);
        if (!serveRun.done)
            serveRun.step(nam);
    }
    report("serve_klines_candles_per_s", serveRun.rate(), "candles/s");
    report("serve_klines_fake_candles_per_s", fakeRun.rate(), "candles/s");
    report("serve_vs_fake", serveRun.rate() / fakeRun.rate(), "x");
    // The median over the pages of (fake's wait / serve's wait) for the same page: robust to
    // load spikes from other processes on the machine.
    QList<double> ratios;
    for (qsizetype i = 0; i < std::min(fakeRun.pageNs.size(), serveRun.pageNs.size()); ++i)
        ratios.append(double(fakeRun.pageNs.at(i))
                      / double(qMax<qint64>(1, serveRun.pageNs.at(i))));
    std::sort(ratios.begin(), ratios.end());
    report("serve_vs_fake_median_page", ratios.isEmpty() ? 0.0 : ratios.at(ratios.size() / 2), "x");
    report("serve_klines_rows", double(serveRun.rows), "candles");
    report("serve_klines_fake_rows", double(fakeRun.rows), "candles");
    report("serve_klines_pages", double(serveRun.pageNs.size()), "pages");
    report("serve_klines_read_ahead_hits", double(serve->readAheadHits()), "pages");
    serveThread.quit();
    serveThread.wait();
    fakeThread.quit();
    fakeThread.wait();
    return fakeRun.ok && serveRun.ok && serveRun.rows == fakeRun.rows ? 0 : 1;
}
