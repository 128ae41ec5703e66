#include <cliprocess.h>
#include <fakebinancerest.h>
#include <fakebinancews.h>
#include <fakebybitrest.h>
#include <fakeokxrest.h>

#include <sqlitecandlestore.h>
#include <requestweightlimiter.h>
#include <sharedweightstate.h>
#include <utctime.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

using namespace Candlewick;
using Candlewick::Testing::FakeBinanceRest;
using Candlewick::Testing::FakeBinanceWs;
using Candlewick::Testing::FakeBybitRest;
using Candlewick::Testing::FakeOkxRest;
using Candlewick::Testing::prepareCli;

namespace {
constexpr qint64 Min = 60000;
constexpr qint64 Day = 24 * 60 * Min;
constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
const QStringList Symbols{QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT"),
                          QStringLiteral("BNBUSDT"), QStringLiteral("SOLUSDT")};
} // namespace

// Several candlewick-cli processes on one machine against one fake exchange: they share one
// request weight budget and one "blocked until" (SharedWeightState), as Binance counts per IP;
// so do Bybit's declared budget and OKX's per-endpoint ones (RequestRateLimiter).
// Each test has its own fake (its port is in the base URL, so the state file is its own) and the
// processes keep that file under the test's temporary folder.
class TestCliRateLimit : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir; // also the CLI's home: its runtime folder holds the shared state

    static bool waitForAll(const std::vector<std::unique_ptr<QProcess>> &processes, int timeoutMs)
    {
        return QTest::qWaitFor(
            [&] {
                return std::all_of(processes.begin(), processes.end(), [](const auto &p) {
                    return p->state() == QProcess::NotRunning;
                });
            },
            timeoutMs);
    }
    std::unique_ptr<QProcess> start(const QStringList &args, const QProcessEnvironment &env = {})
    {
        auto process = std::make_unique<QProcess>();
        prepareCli(*process, m_dir.path(), env);
        process->start(QStringLiteral(CANDLEWICK_CLI_PATH), args);
        return process;
    }
    QStringList fetchArgs(const FakeBinanceRest &fake, const QString &symbol, const QString &db,
                          const QString &to) const
    {
        return {QStringLiteral("fetch"),
                QStringLiteral("--symbol"),
                symbol,
                QStringLiteral("--interval"),
                QStringLiteral("1m"),
                QStringLiteral("--from"),
                QStringLiteral("2024-03-01"),
                QStringLiteral("--to"),
                to,
                QStringLiteral("--db"),
                db,
                QStringLiteral("--rest-url"),
                fake.baseUrl().toString()};
    }
    QString stateFile(const FakeBinanceRest &fake) const
    {
        return SharedWeightState::filePathFor(
            fake.baseUrl(),
            QDir(m_dir.filePath(QStringLiteral("runtime"))).filePath(QStringLiteral("candlewick")));
    }
    // Four `fetch --exchange <exchange>` processes of `days` days of 1m each (from 2024-03-01),
    // on a budget declared through the environment; each exits 0 with the candles of `truth`
    // (time, prices, volume).
    void fetchInParallel(const QString &exchange, const QUrl &restUrl, const QStringList &symbols,
                         int days, const QString &budget,
                         const std::function<CandleBatch(const QString &, TimeRange)> &truth)
    {
        const QString from = UtcTime::format(T0);
        const QString to = UtcTime::format(T0 + days * Day);
        QProcessEnvironment env;
        QString variable = exchange.toUpper();
        variable.replace(u'-', u'_');
        env.insert(QStringLiteral("CANDLEWICK_%1_REQUEST_BUDGET").arg(variable), budget);
        std::vector<std::unique_ptr<QProcess>> processes;
        for (const QString &symbol : symbols) {
            const QString db = m_dir.filePath(exchange + symbol + QStringLiteral(".sqlite"));
            processes.push_back(start(
                {QStringLiteral("fetch"), QStringLiteral("--exchange"), exchange,
                 QStringLiteral("--symbol"), symbol, QStringLiteral("--interval"),
                 QStringLiteral("1m"), QStringLiteral("--from"), from, QStringLiteral("--to"), to,
                 QStringLiteral("--db"), db, QStringLiteral("--rest-url"), restUrl.toString()},
                env));
        }
        QVERIFY(waitForAll(processes, 180000));
        for (std::size_t i = 0; i < processes.size(); ++i) {
            QProcess &p = *processes[i];
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                     p.readAllStandardError().constData());
            SqliteCandleStore store;
            QVERIFY(store.open(m_dir.filePath(exchange + symbols[i] + QStringLiteral(".sqlite")),
                               SqliteCandleStore::OpenMode::ReadOnly));
            const TimeRange range{T0, T0 + days * Day};
            const CandleBatch got = store.read({exchange, symbols[i], Interval::M1}, range);
            const CandleBatch expected = truth(symbols[i], range);
            QCOMPARE(got.size(), days * 24 * 60);
            QCOMPARE(got.size(), expected.size());
            for (qsizetype k = 0; k < got.size(); ++k) {
                QCOMPARE(got[k].openTime, expected[k].openTime);
                QCOMPARE(got[k].open, expected[k].open);
                QCOMPARE(got[k].high, expected[k].high);
                QCOMPARE(got[k].low, expected[k].low);
                QCOMPARE(got[k].close, expected[k].close);
                QCOMPARE(got[k].volume, expected[k].volume);
            }
        }
    }
    static void addSymbols(FakeBinanceRest &fake)
    {
        for (const QString &symbol : Symbols)
            fake.addSymbol(symbol, symbol.chopped(4), QStringLiteral("USDT"), T0 - 30 * Day);
    }

private slots:
    // The probe, with four processes: on a budget of 60 weight per 10 s, exchangeInfo
    // alone (20) fits three times per window. Unshared, the processes overspend at once and
    // keep sending after the 429, which the fake (like Binance) answers with a 418 ban.
    void parallelFetchesShareOneBudget()
    {
        FakeBinanceRest fake;
        QVERIFY(fake.listen());
        addSymbols(fake);
        fake.setWeightLimit(60, 10, 'S');

        std::vector<std::unique_ptr<QProcess>> processes;
        for (const QString &symbol : Symbols) {
            const QString db = m_dir.filePath(symbol + QStringLiteral(".sqlite"));
            processes.push_back(
                start(fetchArgs(fake, symbol, db, QStringLiteral("2024-03-03T12:00:00Z"))));
        }
        QVERIFY(waitForAll(processes, 180000));

        QCOMPARE(fake.bannedCount(), 0);
        QVERIFY2(fake.rateLimitedCount() <= 1, QByteArray::number(fake.rateLimitedCount()));
        for (std::size_t i = 0; i < processes.size(); ++i) {
            QProcess &p = *processes[i];
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                     p.readAllStandardError().constData());
            SqliteCandleStore store;
            QVERIFY(store.open(m_dir.filePath(Symbols[i] + QStringLiteral(".sqlite")),
                               SqliteCandleStore::OpenMode::ReadOnly));
            const TimeRange range{T0, T0 + 2 * Day + 12 * 60 * Min};
            const SeriesKey key{QStringLiteral("binance"), Symbols[i], Interval::M1};
            QCOMPARE(store.read(key, range), fake.groundTruth(Symbols[i], Interval::M1, range));
        }
    }

    // Bybit bans the IP with a 403 past its declared limit: four processes on a budget of 8
    // requests per 2 s (each needs 7 kline requests) keep within it together. Unshared, they
    // would send 4 x 8 in the first window.
    void parallelBybitFetchesShareOneBudget()
    {
        FakeBybitRest fake;
        const QStringList symbols{QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT"),
                                  QStringLiteral("SOLUSDT"), QStringLiteral("XRPUSDT")};
        for (const QString &symbol : symbols) {
            fake.addSymbol(QStringLiteral("spot"), symbol, symbol.chopped(4),
                           QStringLiteral("USDT"), T0 - 30 * Day);
        }
        fake.setRequestLimit(8, 2000);
        QVERIFY(fake.listen());
        fetchInParallel(QStringLiteral("bybit"), fake.baseUrl(), symbols, 4, QStringLiteral("8/2"),
                        [&fake](const QString &symbol, TimeRange range) {
                            return fake.groundTruth(symbol, Interval::M1, range);
                        });
        QCOMPARE(fake.bannedCount(), 0);
        QVERIFY2(fake.maxRequestsInWindow() <= 8, QByteArray::number(fake.maxRequestsInWindow()));
    }

    // OKX answers 429 past an endpoint's limit: four processes on 4 requests per 2 s per
    // endpoint (each needs at least 5 candle requests for its day) keep within it together.
    void parallelOkxFetchesShareOneBudget()
    {
        FakeOkxRest fake;
        const QStringList symbols{QStringLiteral("BTC-USDT"), QStringLiteral("ETH-USDT"),
                                  QStringLiteral("SOL-USDT"), QStringLiteral("BTC-USDT-SWAP")};
        for (const QString &symbol : symbols) {
            fake.addInstrument(symbol,
                               symbol.endsWith(QStringLiteral("-SWAP")) ? QStringLiteral("SWAP")
                                                                        : QStringLiteral("SPOT"),
                               T0 - 30 * Day);
        }
        for (const char *path : {"/api/v5/market/candles", "/api/v5/market/history-candles",
                                 "/api/v5/public/instruments"})
            fake.setLimit(QString::fromLatin1(path), 4);
        QVERIFY(fake.listen());
        fetchInParallel(QStringLiteral("okx"), fake.baseUrl(), symbols, 1, QStringLiteral("4/2"),
                        [&fake](const QString &symbol, TimeRange range) {
                            return fake.groundTruth(symbol, Interval::M1, range);
                        });
        QCOMPARE(fake.rateLimitedCount(), 0);
    }

    // `record` backfills what it missed through the same limiter: four recorders resuming three
    // hours of 1s candles (11 klines requests each) stay within the shared budget too. The
    // window is 2 s, so that the backfills need a few windows and the recorders a short run.
    void parallelRecordBackfillsShareOneBudget()
    {
        FakeBinanceRest fake;
        QVERIFY(fake.listen());
        addSymbols(fake);
        fake.setWeightLimit(60, 2, 'S');
        FakeBinanceWs ws(Clock::system());
        ws.followRest(fake);
        QVERIFY(ws.listen());

        const qint64 startedAt = QDateTime::currentMSecsSinceEpoch();
        const qint64 resumeFrom = Intervals::alignDown(Interval::S1, startedAt) - 3 * 3600 * 1000;
        std::vector<std::unique_ptr<QProcess>> processes;
        for (const QString &symbol : Symbols) {
            const QString db = m_dir.filePath(symbol + QStringLiteral("-record.sqlite"));
            {
                SqliteCandleStore store;
                QVERIFY(store.open(db));
                const SeriesKey key{QStringLiteral("binance"), symbol, Interval::S1};
                QVERIFY(store.write(key, {fake.candleAt(symbol, Interval::S1, resumeFrom)},
                                    {{resumeFrom, resumeFrom + 1000}}));
            }
            processes.push_back(start(
                {QStringLiteral("record"), QStringLiteral("--symbols"), symbol,
                 QStringLiteral("--intervals"), QStringLiteral("1s"), QStringLiteral("--duration"),
                 QStringLiteral("15s"), QStringLiteral("--db"), db, QStringLiteral("--ws-url"),
                 ws.url().toString(), QStringLiteral("--rest-url"), fake.baseUrl().toString()}));
        }
        QVERIFY(waitForAll(processes, 120000));

        QCOMPARE(fake.bannedCount(), 0);
        QVERIFY2(fake.rateLimitedCount() <= 1, QByteArray::number(fake.rateLimitedCount()));
        for (std::size_t i = 0; i < processes.size(); ++i) {
            QProcess &p = *processes[i];
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                     p.readAllStandardError().constData());
            SqliteCandleStore store;
            QVERIFY(store.open(m_dir.filePath(Symbols[i] + QStringLiteral("-record.sqlite")),
                               SqliteCandleStore::OpenMode::ReadOnly));
            const SeriesKey key{QStringLiteral("binance"), Symbols[i], Interval::S1};
            const CandleBatch got = store.read(key, {resumeFrom, startedAt + 3600 * 1000});
            // The backfill reached the live candles, and everything in between is there once.
            QVERIFY(!got.isEmpty());
            QVERIFY2(got.last().openTime >= startedAt, qPrintable(Symbols[i]));
            QCOMPARE(got,
                     fake.groundTruth(Symbols[i], Interval::S1,
                                      {resumeFrom, got.last().openTime + 1000}));
            QCOMPARE(store.coverage(key).size(), 1);
        }
    }

    // A process killed while it holds weight in flight neither blocks the others nor leaves its
    // weight counted.
    void killedProcessFreesItsShare()
    {
        FakeBinanceRest fake;
        QVERIFY(fake.listen());
        addSymbols(fake);
        fake.injectFault(FakeBinanceRest::Fault::Stall, 1);

        auto process
            = start(fetchArgs(fake, Symbols.first(), m_dir.filePath(QStringLiteral("k.sqlite")),
                              QStringLiteral("2024-03-02")));
        QVERIFY(QTest::qWaitFor([&] { return fake.klinesRequestCount() == 1; }, 60000));

        RequestWeightLimiter limiter;
        QVERIFY2(limiter.shareWith(stateFile(fake)), qPrintable(limiter.errorString()));
        QVERIFY(limiter.limitsKnown()); // learnt by the process
        QCOMPARE(limiter.othersInFlightWeight(), 2); // its stalled klines request

        process->kill(); // SIGKILL
        QVERIFY(process->waitForFinished(10000));
        limiter.sync();
        QCOMPARE(limiter.othersInFlightWeight(), 0);
        bool granted = false;
        limiter.acquire(2, this, [&] { granted = true; });
        QVERIFY(granted);
    }
};

QTEST_GUILESS_MAIN(TestCliRateLimit)
#include "tst_cli_ratelimit.moc"
