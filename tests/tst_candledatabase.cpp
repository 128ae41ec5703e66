#include <databasefiles.h>

#include <candlecodec.h>
#include <candledatabase.h>
#include <candlestore.h>
#include <candlestream.h>
#include <historycache.h>
#include <manualclock.h>
#include <demo/mockmarket.h>
#include <sqlitecandlestore.h>

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cmath>
#include <limits>

using namespace Candlewick;
using Candlewick::Testing::fileHash;

namespace {

constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
constexpr qint64 Min = 60000;
constexpr qint64 Day = 24 * 60 * Min;
constexpr TimeRange AllTime{std::numeric_limits<qint64>::min() / 2,
                            std::numeric_limits<qint64>::max() / 2};

CandleBatch minutes(qint64 from, int n)
{
    CandleBatch out;
    for (int i = 0; i < n; ++i) {
        Candle c;
        c.openTime = from + i * Min;
        c.open = c.close = 100 + i;
        c.high = c.open + 1;
        c.low = c.open - 1;
        c.volume = 1;
        out.append(c);
    }
    return out;
}

const SeriesKey Btc{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1};
const SeriesKey Eth{QStringLiteral("demo"), QStringLiteral("ETHUSDT"), Interval::M1};

} // namespace

// The database service: one instance per file, its writer thread and per-thread readers, and an
// answer per write request.
class TestCandleDatabase : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_files = 0;

    std::shared_ptr<CandleDatabase>
    open(const QString &path, CandleDatabase::Access access = CandleDatabase::Access::ReadWrite)
    {
        QString error;
        auto database = CandleDatabase::open(path, access, &error);
        if (!database)
            qWarning().noquote() << error;
        return database;
    }
    QString newPath() { return m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_files)); }

private slots:
    void oneInstancePerFile()
    {
        const QString path = newPath();
        auto a = open(path);
        QVERIFY(a);
        auto b = open(m_dir.path() + QStringLiteral("/./") + QFileInfo(path).fileName(),
                      CandleDatabase::Access::ReadOnly);
        QCOMPARE(b.get(), a.get());
        QVERIFY(open(newPath()).get() != a.get());
        QString error;
        QVERIFY(!CandleDatabase::open(m_dir.filePath(QStringLiteral("missing.sqlite")),
                                      CandleDatabase::Access::ReadOnly, &error));
        QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
    }

    void everyRequestGetsItsOwnAnswer()
    {
        auto db = open(newPath());
        QVERIFY(db);
        QObject context;
        QList<qint64> answers(3, -1);
        db->write(
            Btc, minutes(T0, 10), {{T0, T0 + 10 * Min}}, &context,
            [&](const CandleDatabase::WriteResult &r) { answers[0] = r.ok ? r.candles : -2; });
        db->write(
            Btc, minutes(T0 + 10 * Min, 25), {{T0 + 10 * Min, T0 + 35 * Min}}, &context,
            [&](const CandleDatabase::WriteResult &r) { answers[1] = r.ok ? r.candles : -2; });
        db->write(Eth, minutes(T0, 7), {}, &context, [&](const CandleDatabase::WriteResult &r) {
            answers[2] = r.ok ? r.candles : -2;
        });
        QTRY_COMPARE(answers, (QList<qint64>{10, 25, 7}));
        QCOMPARE(db->reader()->count(Btc, AllTime), 35);
        QCOMPARE(db->reader()->coverage(Btc), (TimeRanges{{T0, T0 + 35 * Min}}));
    }

    // A failing write fails only its own request: the one before and after it succeed.
    void failingWriteFailsOnlyItsOwnRequest()
    {
        auto db = open(newPath());
        QVERIFY(db);
        CandleBatch bad = minutes(T0 + 100 * Min, 5);
        bad[2].open = std::nan(""); // not a number: the store refuses the batch
        QObject first;
        QObject failing;
        QObject last;
        std::optional<CandleDatabase::WriteResult> a, b, c;
        db->write(Btc, minutes(T0, 10), {}, &first,
                  [&](const CandleDatabase::WriteResult &r) { a = r; });
        db->write(Btc, bad, {{T0 + 100 * Min, T0 + 105 * Min}}, &failing,
                  [&](const CandleDatabase::WriteResult &r) { b = r; });
        db->write(Btc, minutes(T0 + 10 * Min, 10), {}, &last,
                  [&](const CandleDatabase::WriteResult &r) { c = r; });
        QTRY_VERIFY(a && b && c);
        QVERIFY(a->ok);
        QCOMPARE(a->candles, 10);
        QVERIFY(!b->ok);
        QCOMPARE(b->candles, 0);
        QVERIFY2(b->error.contains(QStringLiteral("BTCUSDT")), qPrintable(b->error));
        QVERIFY(c->ok);
        QCOMPARE(c->candles, 10);
        // The failed batch left nothing behind, not even its coverage.
        QCOMPARE(db->reader()->count(Btc, AllTime), 20);
        QVERIFY(db->reader()->coverage(Btc).isEmpty());
    }

    // Writes of one series queued behind a busy writer are committed together, and still each
    // gets its own answer: the failing one fails alone, the others are stored.
    void queuedWritesAreMergedAndAnsweredEach()
    {
        auto db = open(newPath());
        QVERIFY(db);
        // The writer waits in this stream's transaction until it ends.
        auto stream = std::make_shared<CandleStream>(1);
        QObject context;
        std::optional<CandleDatabase::WriteResult> streamed;
        db->writeStream(Eth, stream, {}, &context,
                        [&](const CandleDatabase::WriteResult &r) { streamed = r; });
        CandleBatch bad = minutes(T0 + 100 * Min, 5);
        bad[2].open = std::nan("");
        QList<std::optional<CandleDatabase::WriteResult>> answers(4);
        const QList<CandleBatch> writes{minutes(T0, 10), minutes(T0 + 10 * Min, 20), bad,
                                        minutes(T0 + 30 * Min, 30)};
        for (int i = 0; i < writes.size(); ++i)
            db->write(Btc, writes[i],
                      {{writes[i].first().openTime, writes[i].last().openTime + Min}}, &context,
                      [&answers, i](const CandleDatabase::WriteResult &r) { answers[i] = r; });
        QVERIFY(stream->push({minutes(T0, 3), {}}));
        stream->finish();
        QTRY_VERIFY(streamed && answers[0] && answers[1] && answers[2] && answers[3]);
        QVERIFY(streamed->ok);
        QCOMPARE(answers[0]->candles, 10);
        QCOMPARE(answers[1]->candles, 20);
        QCOMPARE(answers[3]->candles, 30);
        QVERIFY(answers[0]->ok && answers[1]->ok && answers[3]->ok);
        QVERIFY(!answers[2]->ok);
        QVERIFY2(answers[2]->error.contains(QStringLiteral("not a number")),
                 qPrintable(answers[2]->error));
        QCOMPARE(db->reader()->count(Btc, AllTime), 60);
        QCOMPARE(db->reader()->coverage(Btc), (TimeRanges{{T0, T0 + 60 * Min}}));
        QCOMPARE(db->reader()->count(Eth, AllTime), 3);
    }

    // Answers go to the request's context only, and not at all once it is gone.
    void answerToAGoneContextIsDropped()
    {
        auto db = open(newPath());
        QVERIFY(db);
        bool called = false;
        auto *context = new QObject;
        db->write(Btc, minutes(T0, 3), {}, context,
                  [&](const CandleDatabase::WriteResult &) { called = true; });
        delete context;
        QObject later;
        bool laterCalled = false;
        db->write(Btc, minutes(T0 + 3 * Min, 3), {}, &later,
                  [&](const CandleDatabase::WriteResult &) { laterCalled = true; });
        QTRY_VERIFY(laterCalled);
        QVERIFY(!called);
        QCOMPARE(db->reader()->count(Btc, AllTime), 6);
    }

    // Two cache jobs filling the same series at once: each counts the candles it wrote, and
    // each finishes after its own writes.
    void twoJobsOnOneSeriesCountOnlyTheirOwnWrites()
    {
        auto db = open(newPath());
        QVERIFY(db);
        ManualClock clock(T0 + 30 * Day);
        MockMarket provider(3, &clock);
        HistoryCache cache(&provider, db, &clock);
        HistoryCacheJob *first = cache.ensure(Btc, {T0, T0 + Day});
        HistoryCacheJob *second = cache.ensure(Btc, {T0 + Day, T0 + 3 * Day});
        qint64 firstStored = -1;
        qint64 secondStored = -1;
        connect(first, &HistoryCacheJob::finished, this,
                [&, first] { firstStored = first->candlesStored(); });
        connect(second, &HistoryCacheJob::finished, this,
                [&, second] { secondStored = second->candlesStored(); });
        first->start();
        second->start();
        QTRY_VERIFY(firstStored >= 0 && secondStored >= 0);
        QCOMPARE(firstStored, 1440);
        QCOMPARE(secondStored, 2 * 1440);
        QCOMPARE(db->reader()->count(Btc, AllTime), 3 * 1440);
    }

    // The list's counts are kept by the writes (new, repeated and out-of-order candles) and
    // equal a full count of the candles.
    void seriesListIsKeptOnWrite()
    {
        auto db = open(newPath());
        QVERIFY(db);
        const CandleBatch day = minutes(T0, 1440);
        QVERIFY(db->writeNow(Btc, day.mid(600, 200), {}).ok);
        QVERIFY(db->writeNow(Btc, day.mid(0, 100), {}).ok); // before the first
        QVERIFY(db->writeNow(Btc, day.mid(650, 300), {}).ok); // overlaps: 150 new
        QVERIFY(db->writeNow(Btc, day.mid(50, 100), {}).ok); // 50 new
        QVERIFY(db->writeNow(Btc, {day[1439], day[1300], day[1300]}, {}).ok); // unordered
        QVERIFY(db->writeNow(Eth, day.mid(0, 3), {{T0, T0 + 3 * Min}}).ok);
        // A partial that is not a stored candle.
        QCOMPARE(db->writeSeries({}, {{Eth, day[3]}}).result().partialsStored, 1);

        QObject context;
        QList<SeriesInfo> series;
        QString error = QStringLiteral("no answer");
        db->listSeries(&context, [&](const QList<SeriesInfo> &list, const QString &e) {
            series = list;
            error = e;
        });
        QTRY_VERIFY(error.isEmpty());
        QCOMPARE(series.size(), 2);
        for (const SeriesInfo &info : series) {
            const CandleStore *store = db->reader();
            QCOMPARE(info.candleCount, store->count(info.key, AllTime));
            const TimeRange span = store->storedSpan(info.key, AllTime);
            QCOMPARE(info.firstOpen, span.from);
            QCOMPARE(info.lastOpen, span.to - 1);
        }
        QCOMPARE(series[0].key, Btc);
        QCOMPARE(series[0].candleCount, 200 + 100 + 150 + 50 + 2);
        QCOMPARE(series[0].firstOpen, T0);
        QCOMPARE(series[0].lastOpen, T0 + 1439 * Min);
        QCOMPARE(series[1].key, Eth);
        QCOMPARE(series[1].candleCount, 3);
        QCOMPARE(series[1].coverage, (TimeRanges{{T0, T0 + 3 * Min}}));
    }

    // A file of schema version 1 (made by the code before version 2) is migrated in place when
    // opened for writing: its counts appear, its data stays, and writes go on counting.
    void migratesSchema1File()
    {
        const QString path = newPath();
        QVERIFY(
            QFile::copy(QStringLiteral(CANDLEWICK_TEST_DATA_DIR "/candles-schema1.sqlite"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        const SeriesKey ethHourly{QStringLiteral("demo"), QStringLiteral("ETHUSDT"), Interval::H1};
        {
            // Read-only, it is read as it is (counted from the candles) and left unchanged.
            const QByteArray before = fileHash(path);
            SqliteCandleStore store;
            QVERIFY2(store.open(path, SqliteCandleStore::OpenMode::ReadOnly),
                     qPrintable(store.errorString()));
            QCOMPARE(store.schemaVersion(), 1);
            const QList<SeriesInfo> list = store.seriesList();
            QCOMPARE(list.size(), 2);
            QCOMPARE(list[0].candleCount, 480);
            store.close();
            QCOMPARE(fileHash(path), before);
        }
        auto db = open(path);
        QVERIFY(db);
        QObject context;
        QList<SeriesInfo> series;
        bool answered = false;
        db->listSeries(&context, [&](const QList<SeriesInfo> &list, const QString &) {
            series = list;
            answered = true;
        });
        QTRY_VERIFY(answered);
        QCOMPARE(series.size(), 2);
        QCOMPARE(series[0].key, Btc);
        QCOMPARE(series[0].candleCount, 480);
        QCOMPARE(series[0].firstOpen, T0);
        QCOMPARE(series[0].lastOpen, T0 + 599 * Min);
        QCOMPARE(series[0].coverage,
                 (TimeRanges{{T0, T0 + 360 * Min}, {T0 + 480 * Min, T0 + 600 * Min}}));
        QCOMPARE(series[0].missingCandles, 120);
        QCOMPARE(series[1].key, ethHourly);
        QCOMPARE(series[1].candleCount, 24);
        QCOMPARE(db->reader()->read(Btc, AllTime).size(), 480);
        QVERIFY(!db->reader()->symbols(QStringLiteral("demo")).isEmpty());

        // Writes after the migration keep the counts.
        QVERIFY(db->writeNow(Btc, minutes(T0 + 360 * Min, 130), {}).ok); // 120 new, 10 repeated
        answered = false;
        db->listSeries(&context, [&](const QList<SeriesInfo> &list, const QString &) {
            series = list;
            answered = true;
        });
        QTRY_VERIFY(answered);
        QCOMPARE(series[0].candleCount, 600);
        db.reset();
        SqliteCandleStore store;
        QVERIFY(store.open(path, SqliteCandleStore::OpenMode::ReadOnly));
        QCOMPARE(store.schemaVersion(), SqliteCandleStore::SchemaVersion);
    }

    // Each thread that reads gets its own connection; it goes when the thread finishes.
    void aReadConnectionPerThread()
    {
        auto db = open(newPath());
        QVERIFY(db);
        QVERIFY(db->writeNow(Btc, minutes(T0, 50), {}).ok);
        const CandleStore *mine = db->reader();
        QCOMPARE(db->reader(), mine);
        const CandleStore *theirs = nullptr;
        qint64 theirCount = -1;
        std::unique_ptr<QThread> thread(QThread::create([&] {
            theirs = db->reader();
            theirCount = theirs->count(Btc, AllTime);
        }));
        thread->start();
        QVERIFY(thread->wait(10000));
        QVERIFY(theirs != mine);
        QCOMPARE(theirCount, 50);
        QCOMPARE(mine->count(Btc, AllTime), 50);
    }

    // A stream's batches of consecutive rows without their candles (an import's) count in its
    // answer as the candles they hold, and are stored as those.
    void streamedRowsAloneCountAsTheirCandles()
    {
        auto db = open(newPath());
        QVERIFY(db);
        auto stream = std::make_shared<CandleStream>(4);
        QObject context;
        std::optional<CandleDatabase::WriteResult> streamed;
        db->writeStream(Btc, stream, {{T0, T0 + 60 * Min}}, &context,
                        [&](const CandleDatabase::WriteResult &r) { streamed = r; });
        const CandleBatch candles = minutes(T0, 60);
        CandleCodec::Encoding e;
        for (const CandleBatch &part : {candles.mid(0, 25), candles.mid(25)}) {
            CandleStore::EncodedBatch batch;
            QVERIFY(CandleCodec::encodeRows(e, Interval::M1, part, batch.rows));
            QVERIFY(stream->push(std::move(batch)));
        }
        stream->finish();
        QTRY_VERIFY(streamed);
        QVERIFY2(streamed->ok, qPrintable(streamed->error));
        QCOMPARE(streamed->candles, 60);
        QCOMPARE(db->reader()->read(Btc, AllTime), candles);
    }

    // A streamed write's WAL checkpoint (left out of its commit) runs beside the writer: the
    // pages reach the file with no request after the stream's.
    void streamIsCheckpointedBesideTheWriter()
    {
        const QString path = newPath();
        auto db = open(path);
        QVERIFY(db);
        const SeriesKey seconds{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::S1};
        constexpr int Batches = 300; // 3,000,000 candles: more than the 32 MiB of WAL
        auto stream = std::make_shared<CandleStream>(2);
        QObject context;
        bool written = false;
        db->writeStream(seconds, stream, {}, &context,
                        [&](const CandleDatabase::WriteResult &r) { written = r.ok; });
        for (int b = 0; b < Batches; ++b) {
            CandleStore::EncodedBatch batch;
            for (int i = 0; i < 10'000; ++i) {
                Candle c = minutes(0, 1).first();
                c.openTime = T0 + (qint64(b) * 10'000 + i) * 1000;
                c.open = c.close = 100 + i % 50;
                batch.candles.append(c);
            }
            QVERIFY(stream->push(std::move(batch)));
        }
        stream->finish();
        QTRY_VERIFY_WITH_TIMEOUT(written, 30'000);
        QTRY_VERIFY2(QFileInfo(path).size() > (20 << 20),
                     qPrintable(QString::number(QFileInfo(path).size())));
    }

    // A synchronous write is committed when it returns, for every reader.
    void writeNowIsCommittedOnReturn()
    {
        auto db = open(newPath());
        QVERIFY(db);
        const CandleStore *reader = db->reader();
        for (int i = 0; i < 20; ++i) {
            QVERIFY(db->writeNow(Btc, minutes(T0 + i * Min, 1), {{T0, T0 + (i + 1) * Min}}).ok);
            QCOMPARE(reader->count(Btc, AllTime), i + 1);
        }
        SqliteCandleStore other;
        QVERIFY(other.open(db->path(), SqliteCandleStore::OpenMode::ReadOnly));
        QCOMPARE(other.count(Btc, AllTime), 20);
    }
};

QTEST_GUILESS_MAIN(TestCandleDatabase)
#include "tst_candledatabase.moc"
