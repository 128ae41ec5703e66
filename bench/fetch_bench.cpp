// Benchmarks of the Binance REST history path. Prints "BENCH <name> <value> <unit>" lines;
// never passes or fails on time.
//
//   parse_klines_page      KlinesParser alone on a 1000-row page
//   fetch_unstored         one year of 1m candles (525,600) from the fake server in its own
//                          thread, over loopback sockets, parsed and validated but not stored
//   fetch_unstored_c1      the same with one request in flight

#include <binance/binancerestprovider.h>
#include <fakebinancerest.h>
#include <binance/klinesparser.h>
#include <systemclock.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QThread>

#include <cstdio>

using namespace Candlewick;
using Candlewick::Testing::FakeBinanceRest;

namespace {

void report(const char *name, double value, const char *unit)
{
    std::printf("BENCH %s %.1f %s\n", name, value, unit);
    std::fflush(stdout);
}

QByteArray samplePage(int rows)
{
    QByteArray json = "[";
    for (int i = 0; i < rows; ++i) {
        if (i)
            json += ',';
        const qint64 open = 1700000000000LL + i * 60000LL;
        json += "[" + QByteArray::number(open)
            + R"(,"37012.34000000","37050.00000000","36990.01000000","37020.55000000","12.34567890",)"
            + QByteArray::number(open + 59999) + R"(,"456789.12345678",)"
            + QByteArray::number(1000 + i) + R"(,"6.17283945","228394.56172839","0"])";
    }
    return json + "]";
}

void benchParser()
{
    const QByteArray page = samplePage(1000);
    KlinesParser parser;
    const int rounds = 2000;
    QElapsedTimer timer;
    timer.start();
    qint64 candles = 0;
    for (int i = 0; i < rounds; ++i) {
        if (!parser.parse(page))
            qFatal("parse failed: %s", qPrintable(parser.errorString()));
        candles += parser.candles().size();
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    report("parse_klines_page", candles / seconds, "candles/s");
    report("parse_klines_bytes", page.size() * double(rounds) / seconds / (1024 * 1024), "MiB/s");
}

void benchFetch(const char *name, FakeBinanceRest *fake, int concurrency)
{
    const qint64 from = QDateTime(QDate(2023, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 to = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();

    BinanceRestProvider provider(fake->baseUrl(), Clock::system());
    provider.setMaxConcurrentRequests(concurrency);
    HistoryJob *job = provider.fetchHistory(
        {QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1}, from, to);
    qint64 candles = 0;
    QString error;
    QEventLoop loop;
    QObject::connect(
        job, &HistoryJob::batch, &loop,
        [&candles](const SeriesKey &, const CandleBatch &batch) { candles += batch.size(); });
    QObject::connect(job, &HistoryJob::finished, &loop, &QEventLoop::quit);
    QObject::connect(job, &HistoryJob::failed, &loop, [&](const ProviderError &e) {
        error = e.message;
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    job->start();
    loop.exec();
    const double seconds = timer.nsecsElapsed() / 1e9;
    if (!error.isEmpty()) {
        std::fprintf(stderr, "%s failed: %s\n", name, qPrintable(error));
        return;
    }
    report(name, candles / seconds, "candles/s");
    std::printf("# %s: %lld candles in %.3f s\n", name, static_cast<long long>(candles), seconds);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchParser();

    QThread serverThread;
    serverThread.setObjectName(QStringLiteral("fake-binance-rest"));
    auto *fake = new FakeBinanceRest(Clock::system());
    fake->addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                    QDateTime(QDate(2019, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
    fake->moveToThread(&serverThread);
    QObject::connect(&serverThread, &QThread::finished, fake, &QObject::deleteLater);
    serverThread.start();
    bool listening = false;
    QMetaObject::invokeMethod(
        fake, [fake] { return fake->listen(); }, Qt::BlockingQueuedConnection, &listening);
    if (!listening)
        qFatal("the fake server could not listen on 127.0.0.1");

    benchFetch("fetch_unstored", fake, 4);
    benchFetch("fetch_unstored_c1", fake, 1);

    serverThread.quit();
    serverThread.wait();
    return 0;
}
