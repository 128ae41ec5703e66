#include <binancerestapi.h>
#include <httprequest.h>
#include <eventwait.h>
#include <klinestreamhub.h>
#include <marketdataserver.h>
#include <replaycontrolapi.h>

#include <candledatabase.h>
#include <sqlitecandlestore.h>
#include <manualclock.h>
#include <replay/replayfeed.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace Candlewick;
using Candlewick::Testing::waitFor;

namespace {

constexpr qint64 Minute = 60'000;
constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
constexpr qint64 From = T0 + 10 * Minute;
constexpr qint64 To = T0 + 40 * Minute;
constexpr qint64 W0 = 5'000'000; // the test clock's start
const SeriesKey Btc1m{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};

CandleBatch candles(qint64 from, int count)
{
    CandleBatch out;
    for (int i = 0; i < count; ++i) {
        Candle c;
        c.openTime = from + i * Minute;
        c.open = c.high = c.low = c.close = 100 + i;
        c.volume = 1;
        out.append(c);
    }
    return out;
}

} // namespace

// serve in replay mode: the server's clock is the replay clock (a ReplayFeed paced on a
// ManualClock here), klines never look ahead, kline events come at the replay's pace, and the
// control endpoints pause, resume, change speed and seek.
class TestServeReplay : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SqliteCandleStore> m_store;
    std::shared_ptr<CandleDatabase> m_database;
    std::unique_ptr<ReplayFeed> m_feed;
    std::unique_ptr<BinanceRestApi> m_api;
    std::unique_ptr<KlineStreamHub> m_hub;
    std::unique_ptr<ReplayControlApi> m_control;
    std::unique_ptr<MarketDataServer> m_server;
    QNetworkAccessManager m_nam;
    QWebSocket m_ws;
    QList<QJsonObject> m_events; // the kline payloads received

    QJsonDocument request(const QByteArray &method, const QString &pathAndQuery)
    {
        const QUrl url(
            QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->port()).arg(pathAndQuery));
        QNetworkRequest req(url);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
        QNetworkReply *reply = method == "POST" ? m_nam.post(req, QByteArray()) : m_nam.get(req);
        waitFor([reply] { return reply->isFinished(); }, 10000);
        const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll());
        reply->deleteLater();
        return doc;
    }
    qint64 serverTime()
    {
        return qint64(request("GET", QStringLiteral("/api/v3/time"))
                          .object()
                          .value(QStringLiteral("serverTime"))
                          .toDouble());
    }
    // Open time of the newest candle klines gives, or -1.
    qint64 newestOpen()
    {
        const QJsonArray rows
            = request("GET", QStringLiteral("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=3"))
                  .array();
        return rows.isEmpty() ? -1 : qint64(rows.last().toArray().at(0).toDouble());
    }
    // Runs the clock to the replay's next scheduled delivery.
    bool stepClock()
    {
        if (!waitFor([this] { return m_clock->nextDue() >= 0; }, 10000))
            return false;
        m_clock->setNow(m_clock->nextDue());
        return true;
    }
    bool waitEvents(qsizetype count)
    {
        return waitFor([&] { return m_events.size() >= count; }, 10000);
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("replay.sqlite"));
        m_store = std::make_unique<SqliteCandleStore>();
        QVERIFY(m_store->open(path));
        QVERIFY(m_store->write(Btc1m, candles(T0, 60)));
        m_clock = std::make_unique<ManualClock>(W0);
        m_feed = std::make_unique<ReplayFeed>(m_clock.get());
        QString error;
        m_database = CandleDatabase::open(path, CandleDatabase::Access::ReadOnly, &error);
        QVERIFY2(m_database, qPrintable(error));
        m_feed->setDatabase(m_database);
        m_feed->addSeries(Btc1m);
        m_feed->setRange(From, To);
        m_feed->setSpeed(60); // a minute per second
        ReplayFeed *feed = m_feed.get();
        const auto now = [feed] { return feed->replayTime(); };
        m_api = std::make_unique<BinanceRestApi>(m_store.get(), QStringLiteral("binance"), now);
        m_api->setIncludeForming(false);
        m_hub = std::make_unique<KlineStreamHub>(now);
        connect(m_feed.get(), &LiveFeed::candleClosed, m_hub.get(), &KlineStreamHub::publish);
        m_control = std::make_unique<ReplayControlApi>(m_feed.get());
        m_control->setBackPressure(m_hub.get());
        m_server = std::make_unique<MarketDataServer>(m_api.get(), m_hub.get());
        m_server->setReplayControl(m_control.get());
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
        m_nam.setProxy(QNetworkProxy::NoProxy);

        m_events.clear();
        connect(&m_ws, &QWebSocket::textMessageReceived, this, [this](const QString &m) {
            const QJsonObject o = QJsonDocument::fromJson(m.toUtf8()).object();
            if (o.value(QStringLiteral("e")) == QJsonValue(QStringLiteral("kline")))
                m_events.append(o.value(QStringLiteral("k")).toObject());
        });
        m_ws.open(
            QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/btcusdt@kline_1m").arg(m_server->port())));
        QVERIFY(waitFor([this] { return m_hub->clientCount() == 1; }, 10000));
        // Started paused, as --paused does.
        m_feed->seek(From);
    }
    void cleanup()
    {
        m_ws.disconnect(this);
        m_ws.abort();
        m_server.reset();
        m_control.reset();
        m_hub.reset();
        m_api.reset();
        m_feed.reset();
        m_database.reset();
        m_store.reset();
        m_clock.reset();
    }

    // Paused at --from: the time is --from; the candle that closes exactly then is visible, the
    // one opening then is not.
    void pausedAtStartNoLookAhead()
    {
        QCOMPARE(serverTime(), From);
        QCOMPARE(newestOpen(), From - Minute);
        const QJsonObject state = request("GET", QStringLiteral("/candlewick/v1/replay")).object();
        QCOMPARE(qint64(state.value(QStringLiteral("time")).toDouble()), From);
        QCOMPARE(qint64(state.value(QStringLiteral("from")).toDouble()), From);
        QCOMPARE(qint64(state.value(QStringLiteral("to")).toDouble()), To);
        QCOMPARE(state.value(QStringLiteral("speed")).toDouble(), 60.0);
        QCOMPARE(state.value(QStringLiteral("paused")).toBool(), true);
        QCOMPARE(state.value(QStringLiteral("progress")).toDouble(), 0.0);
        // A request asking for the future gets the present.
        const QJsonArray rows = request("GET",
                                        QStringLiteral("/api/v3/klines?symbol=BTCUSDT&"
                                                       "interval=1m&startTime=%1")
                                            .arg(From))
                                    .array();
        QVERIFY(rows.isEmpty());
        QVERIFY(m_events.isEmpty());
    }

    // Playing at 60x: one candle per second of clock, each an "x":true event when it closes, and
    // klines follows the replay clock.
    void pacedEventsAndClock()
    {
        request("POST", QStringLiteral("/candlewick/v1/replay/resume"));
        QVERIFY(stepClock());
        QCOMPARE(m_clock->nowMs(), W0 + 1000);
        QVERIFY(waitEvents(1));
        QCOMPARE(qint64(m_events.at(0).value(QStringLiteral("t")).toDouble()), From);
        QCOMPARE(m_events.at(0).value(QStringLiteral("x")).toBool(), true);
        QCOMPARE(newestOpen(), From);
        QVERIFY(stepClock());
        QCOMPARE(m_clock->nowMs(), W0 + 2000);
        QVERIFY(waitEvents(2));
        QCOMPARE(qint64(m_events.at(1).value(QStringLiteral("t")).toDouble()), From + Minute);
        QCOMPARE(newestOpen(), From + Minute);
        // Half a second later: half a minute of replay time, no new candle visible.
        m_clock->setNow(W0 + 2500);
        QCOMPARE(serverTime(), From + 2 * Minute + 30'000);
        QCOMPARE(newestOpen(), From + Minute);
        QCOMPARE(m_events.size(), 2);
    }

    void pauseHoldsTheClock()
    {
        request("POST", QStringLiteral("/candlewick/v1/replay/resume"));
        QVERIFY(stepClock());
        QVERIFY(waitEvents(1));
        const QJsonObject paused
            = request("POST", QStringLiteral("/candlewick/v1/replay/pause")).object();
        QCOMPARE(paused.value(QStringLiteral("paused")).toBool(), true);
        m_clock->setNow(m_clock->nowMs() + 10'000);
        Candlewick::Testing::drainEvents();
        QCOMPARE(m_events.size(), 1);
        QCOMPARE(serverTime(), From + Minute);
    }

    // Seek keeps the paused state; after resuming, the first event is the candle that opens at
    // the seek time.
    void seekThenResume()
    {
        const QJsonObject state
            = request("POST",
                      QStringLiteral("/candlewick/v1/replay/seek?time=2024-03-01T00:25:00Z"))
                  .object();
        QCOMPARE(state.value(QStringLiteral("paused")).toBool(), true);
        QCOMPARE(qint64(state.value(QStringLiteral("time")).toDouble()), T0 + 25 * Minute);
        QCOMPARE(newestOpen(), T0 + 24 * Minute);
        request("POST", QStringLiteral("/candlewick/v1/replay/resume"));
        QVERIFY(stepClock());
        QVERIFY(waitEvents(1));
        QCOMPARE(qint64(m_events.at(0).value(QStringLiteral("t")).toDouble()), T0 + 25 * Minute);
    }

    // A page read ahead for a paging client is not used once the replay clock has moved back:
    // no candle after the replay time, even from the read-ahead.
    void readAheadNeverLooksAhead()
    {
        m_feed->seek(To - Minute); // the store has candles up to T0 + 60 min
        const auto page = [this](qint64 start) {
            return request("GET",
                           QStringLiteral("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=5&"
                                          "startTime=%1")
                               .arg(start))
                .array();
        };
        // Paging as clients do, from the last open time + 1.
        QCOMPARE(page(From).size(), 5); // full: the next page is read ahead
        QCOMPARE(page(From + 4 * Minute + 1).size(), 5);
        QCOMPARE(m_api->readAheadHits(), 1);
        // Read ahead again (from 9 min + 1 ms), then back in time before asking for it.
        m_feed->seek(From + 12 * Minute);
        const QJsonArray rows = page(From + 9 * Minute + 1);
        QCOMPARE(rows.size(), 2); // 10 and 11 have closed by 12, the rest not
        QCOMPARE(qint64(rows.last().toArray().at(0).toDouble()), From + 11 * Minute);
        QCOMPARE(m_api->readAheadHits(), 1);
    }

    // At max the rest goes out at once; the clock stops at --to.
    void maxSpeedRunsToTheEnd()
    {
        QCOMPARE(request("POST", QStringLiteral("/candlewick/v1/replay/speed?x=max"))
                     .object()
                     .value(QStringLiteral("speed")),
                 QJsonValue(QStringLiteral("max")));
        request("POST", QStringLiteral("/candlewick/v1/replay/resume"));
        QVERIFY(waitEvents(30));
        QVERIFY(waitFor([this] { return m_feed->playerState() == ReplayFeed::State::Finished; },
                        10000));
        for (int i = 0; i < 30; ++i)
            QCOMPARE(qint64(m_events.at(i).value(QStringLiteral("t")).toDouble()),
                     From + i * Minute);
        QCOMPARE(serverTime(), To);
        QCOMPARE(newestOpen(), To - Minute);
        const QJsonObject state = request("GET", QStringLiteral("/candlewick/v1/replay")).object();
        QCOMPARE(state.value(QStringLiteral("progress")).toDouble(), 100.0);
    }

    // Back-pressure: the replay waits for the slowest client (here every event congests it) and
    // goes on once it has read; nothing is lost and the clients are not told it paused.
    void backPressureHoldsTheReplay()
    {
        m_hub->setBackPressure(64, 16);
        int holds = 0;
        connect(m_feed.get(), &ReplayFeed::stateChanged, this, [&](ReplayFeed::State state) {
            holds += state == ReplayFeed::State::Paused && m_control->isHeld();
        });
        request("POST", QStringLiteral("/candlewick/v1/replay/speed?x=max"));
        const QJsonObject resumed
            = request("POST", QStringLiteral("/candlewick/v1/replay/resume")).object();
        QCOMPARE(resumed.value(QStringLiteral("paused")), QJsonValue(false));
        QVERIFY(waitEvents(30));
        QVERIFY(waitFor([this] { return m_feed->playerState() == ReplayFeed::State::Finished; },
                        10000));
        for (int i = 0; i < 30; ++i)
            QCOMPARE(qint64(m_events.at(i).value(QStringLiteral("t")).toDouble()),
                     From + i * Minute);
        QVERIFY2(holds >= 10, qPrintable(QString::number(holds)));
        QVERIFY(!m_control->isHeld());
    }

    // The user's pause wins over a hold; a resume while a client is congested waits for it.
    void pauseAndResumeWhileHeld()
    {
        const auto control = [this](const QByteArray &action) {
            HttpRequest r;
            r.method = action.isEmpty() ? "GET" : "POST";
            r.path = "/candlewick/v1/replay" + action;
            return QJsonDocument::fromJson(m_control->handle(r)->body).object();
        };
        m_hub->setBackPressure(64, 16);
        m_feed->play(); // paced on the test clock: nothing is due yet
        m_hub->publish(Btc1m, candles(From, 1).first()); // congests the client
        QCOMPARE(m_feed->playerState(), ReplayFeed::State::Paused);
        QVERIFY(m_control->isHeld());
        QCOMPARE(control("").value(QStringLiteral("paused")), QJsonValue(false));
        QCOMPARE(control("/pause").value(QStringLiteral("paused")), QJsonValue(true));
        QVERIFY(waitFor([this] { return !m_hub->isCongested(); }, 10000));
        QCoreApplication::processEvents(); // the queued let-go
        QCOMPARE(m_feed->playerState(), ReplayFeed::State::Paused);

        m_hub->publish(Btc1m, candles(From, 1).first());
        QVERIFY(m_hub->isCongested());
        QCOMPARE(control("/resume").value(QStringLiteral("paused")), QJsonValue(false));
        QCOMPARE(m_feed->playerState(), ReplayFeed::State::Paused);
        QVERIFY(
            waitFor([this] { return m_feed->playerState() == ReplayFeed::State::Playing; }, 10000));
        QVERIFY(!m_control->isHeld());
    }

    void badControlRequests()
    {
        QVERIFY(request("POST", QStringLiteral("/candlewick/v1/replay/speed?x=fast"))
                    .object()
                    .contains(QStringLiteral("error")));
        QVERIFY(request("POST", QStringLiteral("/candlewick/v1/replay/seek?time=soon"))
                    .object()
                    .contains(QStringLiteral("error")));
        QVERIFY(request("GET", QStringLiteral("/candlewick/v1/replay/pause"))
                    .object()
                    .contains(QStringLiteral("error")));
        QCOMPARE(m_feed->speed(), 60.0);
        QCOMPARE(serverTime(), From);
    }
};

QTEST_GUILESS_MAIN(TestServeReplay)
#include "tst_servereplay.moc"
