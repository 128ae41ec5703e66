#include <fakebinancerest.h>

#include <binance/binancerestprovider.h>
#include <candledatabase.h>
#include <historycache.h>
#include <manualclock.h>
#include <sqlitecandlestore.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Candlewick;
using Candlewick::Testing::FakeBinanceRest;

namespace {
constexpr qint64 Min = 60000;
constexpr qint64 Day = 24 * 60 * Min;
constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
} // namespace

class TestHistoryCache : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ManualClock *m_clock = nullptr;
    FakeBinanceRest *m_fake = nullptr;
    BinanceRestProvider *m_provider = nullptr;
    HistoryCache *m_cache = nullptr;
    QString m_db;
    int m_dbIndex = 0;
    const SeriesKey m_key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};

    // Runs one cache fill to its end; returns true when it finished without error.
    bool fill(TimeRange range, HistoryCacheJob **jobOut = nullptr, int *requests = nullptr,
              ProviderError *error = nullptr)
    {
        HistoryCacheJob *job = m_cache->ensure(m_key, range);
        if (jobOut)
            *jobOut = job;
        QSignalSpy finished(job, &HistoryCacheJob::finished);
        QSignalSpy failed(job, &HistoryCacheJob::failed);
        int seen = 0;
        connect(job, &HistoryCacheJob::finished, this,
                [&seen, job] { seen = job->requestCount(); });
        connect(job, &HistoryCacheJob::failed, this, [&seen, job] { seen = job->requestCount(); });
        job->start();
        if (!QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 60000))
            return false;
        if (requests)
            *requests = seen;
        if (error && failed.count() > 0)
            *error = failed.first().first().value<ProviderError>();
        return finished.count() == 1;
    }

    CandleBatch stored(TimeRange range) const
    {
        SqliteCandleStore store;
        if (!store.open(m_db, SqliteCandleStore::OpenMode::ReadOnly))
            return {};
        return store.read(m_key, range);
    }
    TimeRanges coverage() const
    {
        SqliteCandleStore store;
        if (!store.open(m_db, SqliteCandleStore::OpenMode::ReadOnly))
            return {};
        return store.coverage(m_key);
    }

private slots:
    void init()
    {
        m_clock = new ManualClock(T0 + 30 * Day, this);
        m_fake = new FakeBinanceRest(m_clock, this);
        QVERIFY(m_fake->listen());
        m_fake->addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                          T0 - 365 * Day);
        m_provider = new BinanceRestProvider(m_fake->baseUrl(), m_clock, this);
        m_db = m_dir.filePath(QStringLiteral("cache%1.sqlite").arg(m_dbIndex++));
        QString error;
        auto database = CandleDatabase::open(m_db, CandleDatabase::Access::ReadWrite, &error);
        QVERIFY2(database, qPrintable(error));
        m_cache = new HistoryCache(m_provider, database, m_clock, this);
    }
    void cleanup()
    {
        delete m_cache;
        delete m_provider;
        delete m_fake;
        delete m_clock;
    }

    void secondIdenticalRequestMakesNoRequest()
    {
        const TimeRange range{T0, T0 + 3 * Day};
        int requests = -1;
        QVERIFY(fill(range, nullptr, &requests));
        QVERIFY(requests > 0);
        QCOMPARE(stored(range),
                 m_fake->groundTruth(QStringLiteral("BTCUSDT"), Interval::M1, range));
        QCOMPARE(coverage(), TimeRanges{range});
        const int httpBefore = m_fake->requestCount();
        QVERIFY(fill(range, nullptr, &requests));
        QCOMPARE(requests, 0);
        QCOMPARE(m_fake->requestCount(), httpBefore);
    }

    void extendedRangeFetchesOnlyTheNewPart()
    {
        QVERIFY(fill({T0 + Day, T0 + 2 * Day}));
        m_fake->klinesQueries(); // the first fill's requests are not asserted
        const int before = m_fake->klinesRequestCount();
        HistoryCacheJob *job = nullptr;
        QVERIFY(fill({T0, T0 + 3 * Day}, &job));
        const QList<QUrlQuery> queries = m_fake->klinesQueries().mid(before);
        QVERIFY(!queries.isEmpty());
        for (const QUrlQuery &q : queries) {
            const qint64 start = q.queryItemValue(QStringLiteral("startTime")).toLongLong();
            QVERIFY2(start < T0 + Day || start >= T0 + 2 * Day, qPrintable(q.toString()));
        }
        const TimeRange all{T0, T0 + 3 * Day};
        QCOMPARE(stored(all), m_fake->groundTruth(QStringLiteral("BTCUSDT"), Interval::M1, all));
        QCOMPARE(coverage(), TimeRanges{all});
    }

    void maintenanceGapIsCoveredNotRefetched()
    {
        const TimeRange gap{T0 + 6 * 60 * Min, T0 + 7 * 60 * Min};
        m_fake->addMaintenanceGap(gap);
        const TimeRange range{T0, T0 + Day};
        QVERIFY(fill(range));
        const CandleBatch candles = stored(range);
        QCOMPARE(candles.size(), 1440 - 60);
        for (const Candle &c : candles)
            QVERIFY(!gap.contains(c.openTime));
        QCOMPARE(coverage(), TimeRanges{range});
        int requests = -1;
        QVERIFY(fill(gap, nullptr, &requests));
        QCOMPARE(requests, 0);
    }

    void rangeReachingNowStoresOnlyClosedCandles()
    {
        const qint64 now = m_clock->nowMs() + 30 * 1000 + 10 * Min; // mid-candle
        m_clock->setNow(now);
        const TimeRange range{now - 2 * 60 * Min, now + Day};
        QVERIFY(fill(range));
        const CandleBatch candles = stored(range);
        QVERIFY(!candles.isEmpty());
        const qint64 forming = Intervals::alignDown(Interval::M1, now);
        QCOMPARE(candles.last().openTime, forming - Min);
        const TimeRanges cov = coverage();
        QCOMPARE(cov.size(), 1);
        QVERIFY(cov.first().to <= forming);
        // Later, once more candles have closed, only those are fetched.
        m_clock->advance(5 * Min);
        int requests = -1;
        QVERIFY(fill(range, nullptr, &requests));
        QVERIFY(requests >= 1);
        QCOMPARE(stored(range).last().openTime, forming + 4 * Min);
    }

    void failureKeepsWhatWasStored()
    {
        const TimeRange range{T0, T0 + 5 * Day};
        m_provider->setMaxConcurrentRequests(1);
        m_provider->setRetryPolicy(RetryPolicy(1, 10, 10, 1));
        // The first pages arrive, then the server keeps failing.
        QVERIFY(fill({T0, T0 + Day}));
        m_fake->injectFault(FakeBinanceRest::Fault::Forbidden, 1000);
        ProviderError error;
        QVERIFY(!fill(range, nullptr, nullptr, &error));
        QCOMPARE(error.kind, ProviderError::Kind::Forbidden);
        QCOMPARE(stored({T0, T0 + Day}).size(), 1440);
        QCOMPARE(coverage(), (TimeRanges{{T0, T0 + Day}}));
    }

    // A database that cannot be written fails the job with a storage error; nothing is stored.
    void unwritableDatabaseFails()
    {
        const QString path = m_dir.filePath(QStringLiteral("read-only.sqlite"));
        {
            SqliteCandleStore store;
            QVERIFY(store.open(path));
        }
        QString error;
        auto readOnly = CandleDatabase::open(path, CandleDatabase::Access::ReadOnly, &error);
        QVERIFY2(readOnly, qPrintable(error));
        HistoryCache cache(m_provider, readOnly, m_clock);
        HistoryCacheJob *job = cache.ensure(m_key, {T0, T0 + Day});
        QSignalSpy failed(job, &HistoryCacheJob::failed);
        job->start();
        QVERIFY(failed.wait());
        const ProviderError failure = failed.first().first().value<ProviderError>();
        QCOMPARE(failure.kind, ProviderError::Kind::Storage);
        QVERIFY2(failure.message.contains(QStringLiteral("read-only")),
                 qPrintable(failure.message));
        QCOMPARE(readOnly->reader()->count(m_key, {T0, T0 + Day}), 0);
    }
};

QTEST_GUILESS_MAIN(TestHistoryCache)
#include "tst_historycache.moc"
