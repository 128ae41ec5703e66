// Throughput of the fake Binance REST server (tests/support/fakebinancerest.h): a year of 1m
// candles (525,600 rows, 526 pages of 1000) served from the fake's own thread to a
// QNetworkAccessManager in the main thread with six requests in flight. The client only counts
// rows, so the figure is the server's ceiling, not the provider's. Prints BENCH lines; never
// fails on time.

#include "fakebinancerest.h"

#include "interval.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QThread>
#include <QUrlQuery>

#include <cstdio>
#include <functional>

using namespace Candlewick;
using Candlewick::Testing::FakeBinanceRest;

namespace {

constexpr qint64 From = 1672531200000; // 2023-01-01T00:00:00Z
constexpr qint64 To = 1704067200000; // 2024-01-01T00:00:00Z
constexpr qint64 Minute = 60 * 1000;
constexpr int PageRows = 1000;
constexpr int InFlight = 6;

void bench(const char *name, double value, const char *unit)
{
    std::printf("BENCH %s %.1f %s\n", name, value, unit);
    std::fflush(stdout);
}

struct Run
{
    qint64 rows = 0;
    qint64 bytes = 0;
    int failures = 0;
    qint64 elapsedMs = 0;
};

Run fetchYear(QNetworkAccessManager &nam, const QUrl &base)
{
    Run run;
    const int pages = static_cast<int>((To - From + PageRows * Minute - 1) / (PageRows * Minute));
    int nextPage = 0;
    int open = 0;
    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    std::function<void()> issue = [&] {
        while (open < InFlight && nextPage < pages) {
            const qint64 start = From + qint64(nextPage++) * PageRows * Minute;
            QUrl url = base;
            url.setPath(QStringLiteral("/api/v3/klines"));
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("symbol"), QStringLiteral("BTCUSDT"));
            query.addQueryItem(QStringLiteral("interval"), QStringLiteral("1m"));
            query.addQueryItem(QStringLiteral("startTime"), QString::number(start));
            query.addQueryItem(QStringLiteral("endTime"), QString::number(To - 1));
            query.addQueryItem(QStringLiteral("limit"), QString::number(PageRows));
            url.setQuery(query);
            QNetworkReply *reply = nam.get(QNetworkRequest(url));
            ++open;
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
                --open;
                const QByteArray body = reply->readAll();
                if (reply->error() != QNetworkReply::NoError)
                    ++run.failures;
                run.bytes += body.size();
                run.rows += body.count("],[") + (body.size() > 2 ? 1 : 0);
                reply->deleteLater();
                if (nextPage >= pages && open == 0)
                    loop.quit();
                else
                    issue();
            });
        }
    };
    issue();
    loop.exec();
    run.elapsedMs = timer.elapsed();
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);

    // Ground truth generation alone (no HTTP): how fast the fake computes candles.
    {
        FakeBinanceRest fake;
        fake.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                       From);
        QElapsedTimer timer;
        timer.start();
        const CandleBatch all
            = fake.groundTruth(QStringLiteral("BTCUSDT"), Interval::M1, {From, To});
        const qint64 ms = qMax<qint64>(1, timer.elapsed());
        bench("fakerest_groundtruth_candles_per_s", all.size() * 1000.0 / ms, "candles/s");
    }

    QThread thread;
    auto *fake = new FakeBinanceRest(Clock::system());
    fake->addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"), From);
    fake->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, fake, &QObject::deleteLater);
    thread.start();
    bool ok = false;
    QMetaObject::invokeMethod(fake, "listen", Qt::BlockingQueuedConnection, Q_RETURN_ARG(bool, ok),
                              Q_ARG(quint16, 0));
    if (!ok) {
        std::fprintf(stderr, "bench_fakerest: cannot listen on 127.0.0.1\n");
        thread.quit();
        thread.wait();
        return 1;
    }

    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    for (int latency : {0, 20}) {
        fake->setLatencyMs(latency);
        const Run run = fetchYear(nam, fake->baseUrl());
        const double seconds = qMax<qint64>(1, run.elapsedMs) / 1000.0;
        const QByteArray suffix
            = latency ? QByteArray("_latency") + QByteArray::number(latency) + "ms" : QByteArray();
        bench(("fakerest_year_1m_candles_per_s" + suffix).constData(), run.rows / seconds,
              "candles/s");
        bench(("fakerest_year_1m_seconds" + suffix).constData(), seconds, "s");
        bench(("fakerest_year_1m_mb_per_s" + suffix).constData(), run.bytes / 1e6 / seconds,
              "MB/s");
        if (run.rows != (To - From) / Minute || run.failures)
            std::fprintf(stderr, "bench_fakerest: got %lld rows, %d failed requests\n",
                         static_cast<long long>(run.rows), run.failures);
    }
    bench("fakerest_max_concurrent_requests", fake->maxConcurrentRequests(), "requests");

    thread.quit();
    thread.wait();
    return 0;
}
