// CandleStream (the bounded hand-over from an import's parser to the database writer) and
// CandleBatchPool (the batches the writer is done with, for the parser to fill again).

#include <candlebatchpool.h>
#include <candlestream.h>

#include <QSet>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Candlewick;

namespace {

constexpr qint64 T0 = 1704067200000; // 2024-01-01T00:00:00Z
constexpr qint64 Min = 60'000;

// `count` candles from `first`, a minute apart; room reserved for `room` of them.
CandleStore::EncodedBatch batchOf(qint64 first, int count, int room = 0)
{
    CandleStore::EncodedBatch batch;
    batch.candles.reserve(qMax(room, count));
    for (int i = 0; i < count; ++i) {
        Candle c;
        c.openTime = first + i * Min;
        c.open = c.high = c.low = c.close = 100 + i;
        c.closed = true;
        batch.candles.append(c);
        batch.rows.bytes.push_back(static_cast<unsigned char>(i));
        batch.rows.ends.push_back(int(batch.rows.bytes.size()));
    }
    return batch;
}

} // namespace

class TestCandleStream : public QObject
{
    Q_OBJECT

private slots:
    // The writer gets the batches in the order pushed, then End once finished and drained.
    void batchesComeOutInOrderThenEnd()
    {
        CandleStream stream(4);
        QVERIFY(stream.push(batchOf(T0, 2)));
        QVERIFY(stream.push(batchOf(T0 + 2 * Min, 3)));
        stream.finish();
        QVERIFY(!stream.push(batchOf(T0 + 5 * Min, 1))); // nothing after finish()
        CandleStore::EncodedBatch batch;
        QCOMPARE(stream.take(batch), CandleStore::NextBatch::Batch);
        QCOMPARE(batch.candles.size(), 2);
        QCOMPARE(batch.candles.first().openTime, T0);
        QCOMPARE(stream.take(batch), CandleStore::NextBatch::Batch);
        QCOMPARE(batch.candles.size(), 3);
        QCOMPARE(batch.candles.first().openTime, T0 + 2 * Min);
        QCOMPARE(stream.take(batch), CandleStore::NextBatch::End);
    }

    // An abort drops what waits: the writer hears Abort, the producer false.
    void abortDropsWhatWaits()
    {
        CandleStream stream(4);
        QVERIFY(stream.push(batchOf(T0, 2)));
        stream.abort();
        QVERIFY(!stream.push(batchOf(T0 + 2 * Min, 2)));
        CandleStore::EncodedBatch batch;
        QCOMPARE(stream.take(batch), CandleStore::NextBatch::Abort);
    }

    // A producer waiting on a full stream is let go (false) when the writer closes it.
    void closeReleasesAWaitingProducer()
    {
        CandleStream stream(1);
        QVERIFY(stream.push(batchOf(T0, 1)));
        bool pushed = true;
        std::unique_ptr<QThread> producer(
            QThread::create([&] { pushed = stream.push(batchOf(T0 + Min, 1)); }));
        producer->start();
        stream.close();
        QVERIFY(producer->wait(10'000));
        QVERIFY(!pushed);
    }

    // What the writer is done with goes to the spares, emptied, its memory kept: the next batch
    // is filled in the same memory.
    void writtenBatchGoesToTheSpares()
    {
        auto spares = std::make_shared<CandleBatchPool>(4);
        CandleStream stream(4, spares);
        CandleStore::EncodedBatch pushed = batchOf(T0, 3, 100);
        const Candle *memory = pushed.candles.constData();
        const unsigned char *rowMemory = pushed.rows.bytes.data();
        pushed.rows.encoding.timeUnit = Min;
        QVERIFY(stream.push(std::move(pushed)));
        stream.finish();
        CandleStore::EncodedBatch batch;
        QCOMPARE(stream.take(batch), CandleStore::NextBatch::Batch);
        QCOMPARE(batch.candles.size(), 3);
        QCOMPARE(spares->size(), 0); // still the writer's
        QCOMPARE(stream.take(batch), CandleStore::NextBatch::End);
        QCOMPARE(spares->size(), 1);
        CandleStore::EncodedBatch spare = spares->take();
        QCOMPARE(spares->size(), 0);
        QVERIFY(spare.candles.isEmpty());
        QVERIFY(spare.rows.bytes.empty());
        QVERIFY(spare.rows.ends.empty());
        QVERIFY(!spare.rows.encoding.isSet());
        QVERIFY(spare.candles.capacity() >= 100);
        QCOMPARE(spare.candles.constData(), memory);
        QCOMPARE(spare.rows.bytes.data(), rowMemory);
        // None left: a new, empty batch.
        const CandleStore::EncodedBatch fresh = spares->take();
        QVERIFY(fresh.candles.isEmpty());
        QCOMPARE(fresh.candles.capacity(), 0);
    }

    // The pool keeps at most its capacity, and nothing without memory to give.
    void sparesAreBounded()
    {
        CandleBatchPool spares(2);
        for (int i = 0; i < 3; ++i)
            spares.give(batchOf(T0, 2));
        QCOMPARE(spares.size(), 2);
        CandleBatchPool empty(2);
        empty.give(CandleStore::EncodedBatch{});
        QCOMPARE(empty.size(), 0);
    }

    // A producer and a writer on their own threads: every candle arrives, in order, and the
    // batches' memory goes round (a few lists, however many batches).
    void memoryGoesRoundBetweenThreads()
    {
        constexpr int Batches = 200;
        constexpr int PerBatch = 50;
        auto spares = std::make_shared<CandleBatchPool>(8);
        CandleStream stream(2, spares);
        std::unique_ptr<QThread> producer(QThread::create([&] {
            for (int b = 0; b < Batches; ++b) {
                CandleStore::EncodedBatch batch = spares->take();
                if (batch.candles.capacity() == 0)
                    batch.candles.reserve(PerBatch);
                for (int i = 0; i < PerBatch; ++i) {
                    Candle c;
                    c.openTime = T0 + (qint64(b) * PerBatch + i) * Min;
                    batch.candles.append(c);
                }
                if (!stream.push(std::move(batch)))
                    return;
            }
            stream.finish();
        }));
        producer->start();
        CandleStore::EncodedBatch batch;
        QList<qint64> openTimes;
        QSet<const Candle *> lists;
        int batches = 0;
        while (stream.take(batch) == CandleStore::NextBatch::Batch) {
            ++batches;
            lists.insert(batch.candles.constData());
            for (const Candle &c : std::as_const(batch.candles))
                openTimes.append(c.openTime);
        }
        QVERIFY(producer->wait(10'000));
        QCOMPARE(batches, Batches);
        QCOMPARE(openTimes.size(), Batches * PerBatch);
        for (qsizetype i = 0; i < openTimes.size(); ++i)
            QCOMPARE(openTimes.at(i), T0 + i * Min);
        // At most what waits (2), the producer's and the writer's: the rest came back.
        QVERIFY2(lists.size() <= 4, qPrintable(QString::number(lists.size())));
    }
};

QTEST_GUILESS_MAIN(TestCandleStream)
#include "tst_candlestream.moc"
