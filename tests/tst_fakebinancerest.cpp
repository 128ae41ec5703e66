#include "fakebinancerest.h"
#include "httprequestparser.h"

#include "candlevalidation.h"
#include "interval.h"
#include "manualclock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Candlewick;
using Candlewick::Testing::FakeBinanceRest;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;
constexpr qint64 Listed = 1672531200000; // 2023-01-01T00:00:00Z
constexpr qint64 Jan2024 = 1704067200000; // 2024-01-01T00:00:00Z
// "Now" for most tests: 2024-01-01T12:00:30.500Z, mid-minute so the last candle is forming.
constexpr qint64 Now = Jan2024 + 12 * Hour + 30 * 1000 + 500;

struct Result
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    int code() const { return json().object().value(QLatin1StringView("code")).toInt(); }
};

} // namespace

class tst_FakeBinanceRest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void rowLayout_data();
    void rowLayout();
    void limits_data();
    void limits();
    void inclusiveBoundaries_data();
    void inclusiveBoundaries();
    void onlyEndTime();
    void neitherStartNorEnd();
    void openLastCandle();
    void maintenanceGapAndListing();
    void paginationMatchesGroundTruth();
    void syntheticCandlesAreRealistic();
    void monthlyCandles();
    void microsecondStartTime();
    void timeZone_data();
    void timeZone();
    void badTimeZone_data();
    void badTimeZone();
    void requestParser_data();
    void requestParser();
    void requestParserErrors_data();
    void requestParserErrors();
    void errors_data();
    void errors();
    void exchangeInfo();
    void exchangeInfoErrors_data();
    void exchangeInfoErrors();
    void pingTimeAndNotFound();
    void weightHeaders();
    void weightLimitSettings();
    void rateLimitThenBan();
    void obeyingRetryAfterIsNotBanned();
    void faults_data();
    void faults();
    void delayFault();
    void stallFault();
    void faultCount();
    void concurrentRequests();
    void pipelining();
    void connectionClose();
    void observations();
    void worksInOwnThread();

private:
    Result get(const QString &path, const QUrlQuery &query = {});
    QNetworkReply *start(const QString &path, const QUrlQuery &query = {});
    static Result take(QNetworkReply *reply);
    QJsonArray klines(const QUrlQuery &query, int expectStatus = 200);
    static QUrlQuery q(std::initializer_list<std::pair<QAnyStringView, QAnyStringView>> items);

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<FakeBinanceRest> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

QUrlQuery
tst_FakeBinanceRest::q(std::initializer_list<std::pair<QAnyStringView, QAnyStringView>> items)
{
    QUrlQuery query;
    for (const auto &i : items)
        query.addQueryItem(i.first.toString(), i.second.toString());
    return query;
}

void tst_FakeBinanceRest::init()
{
    m_clock = std::make_unique<ManualClock>(Now);
    m_fake = std::make_unique<FakeBinanceRest>(m_clock.get());
    m_fake->addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                      Listed);
    m_fake->addSymbol(QStringLiteral("ETHBTC"), QStringLiteral("ETH"), QStringLiteral("BTC"),
                      Listed, QStringLiteral("BREAK"));
    QVERIFY(m_fake->listen());
    QVERIFY(m_fake->baseUrl().port() > 0);
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_nam->setProxy(QNetworkProxy::NoProxy);
}

void tst_FakeBinanceRest::cleanup()
{
    m_nam.reset();
    m_fake.reset();
    m_clock.reset();
}

QNetworkReply *tst_FakeBinanceRest::start(const QString &path, const QUrlQuery &query)
{
    QUrl url = m_fake->baseUrl();
    url.setPath(path);
    url.setQuery(query);
    return m_nam->get(QNetworkRequest(url));
}

Result tst_FakeBinanceRest::take(QNetworkReply *reply)
{
    if (!reply->isFinished()) {
        QSignalSpy spy(reply, &QNetworkReply::finished);
        spy.wait(10000);
    }
    Result r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    r.body = reply->readAll();
    r.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return r;
}

Result tst_FakeBinanceRest::get(const QString &path, const QUrlQuery &query)
{
    return take(start(path, query));
}

QJsonArray tst_FakeBinanceRest::klines(const QUrlQuery &query, int expectStatus)
{
    const Result r = get(QStringLiteral("/api/v3/klines"), query);
    if (r.status != expectStatus)
        qWarning() << "unexpected status" << r.status << r.body.left(200);
    return r.json().array();
}

static qint64 openTimeOf(const QJsonValue &row)
{
    return static_cast<qint64>(row.toArray().at(0).toDouble());
}

void tst_FakeBinanceRest::rowLayout_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("interval");
    QTest::newRow("klines 1m") << "/api/v3/klines"
                               << "1m";
    QTest::newRow("klines 1s") << "/api/v3/klines"
                               << "1s";
    QTest::newRow("klines 1h") << "/api/v3/klines"
                               << "1h";
    QTest::newRow("klines 1w") << "/api/v3/klines"
                               << "1w";
    QTest::newRow("uiKlines 1m") << "/api/v3/uiKlines"
                                 << "1m";
}

void tst_FakeBinanceRest::rowLayout()
{
    QFETCH(QString, path);
    QFETCH(QString, interval);
    const Interval iv = *Intervals::parse(interval);
    const qint64 startTime = Intervals::alignDown(iv, Jan2024 - 20 * Intervals::nominalMs(iv));
    const Result r = get(path,
                         q({{"symbol", "BTCUSDT"},
                            {"interval", interval},
                            {"startTime", QString::number(startTime)},
                            {"limit", "5"}}));
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    QVERIFY(!r.body.contains(' '));
    const QJsonArray rows = r.json().array();
    QCOMPARE(rows.size(), 5);
    static const QRegularExpression eightDecimals(QStringLiteral("^[0-9]+\\.[0-9]{8}$"));
    qint64 expectedOpen = startTime;
    for (const QJsonValue &v : rows) {
        const QJsonArray row = v.toArray();
        QCOMPARE(row.size(), 12);
        for (int i = 0; i < 12; ++i) {
            if (i == 0 || i == 6 || i == 8) {
                QVERIFY2(row.at(i).isDouble(), qPrintable(QString::number(i)));
            } else {
                QVERIFY2(row.at(i).isString(), qPrintable(QString::number(i)));
                if (i != 11)
                    QVERIFY2(eightDecimals.match(row.at(i).toString()).hasMatch(),
                             qPrintable(row.at(i).toString()));
            }
        }
        QCOMPARE(row.at(11).toString(), QStringLiteral("0"));
        const qint64 open = openTimeOf(v);
        QCOMPARE(open, expectedOpen);
        QCOMPARE(static_cast<qint64>(row.at(6).toDouble()), Intervals::next(iv, open) - 1);
        // Values survive the 8-decimal strings bit for bit.
        const Candle truth = m_fake->candleAt(QStringLiteral("BTCUSDT"), iv, open);
        QCOMPARE(row.at(1).toString().toDouble(), truth.open);
        QCOMPARE(row.at(2).toString().toDouble(), truth.high);
        QCOMPARE(row.at(3).toString().toDouble(), truth.low);
        QCOMPARE(row.at(4).toString().toDouble(), truth.close);
        QCOMPARE(row.at(5).toString().toDouble(), truth.volume);
        QCOMPARE(row.at(7).toString().toDouble(), truth.quoteVolume);
        QCOMPARE(static_cast<qint64>(row.at(8).toDouble()), truth.trades);
        QCOMPARE(row.at(9).toString().toDouble(), truth.takerBuyBase);
        QCOMPARE(row.at(10).toString().toDouble(), truth.takerBuyQuote);
        QCOMPARE(candleRejection(truth, iv), QString());
        expectedOpen = Intervals::next(iv, open);
    }
}

void tst_FakeBinanceRest::limits_data()
{
    QTest::addColumn<QString>("limit"); // empty: not sent
    QTest::addColumn<int>("expected");
    QTest::newRow("default") << QString() << 500;
    QTest::newRow("1") << "1" << 1;
    QTest::newRow("999") << "999" << 999;
    QTest::newRow("1000") << "1000" << 1000;
    QTest::newRow("over max") << "5000" << 1000;
}

void tst_FakeBinanceRest::limits()
{
    QFETCH(QString, limit);
    QFETCH(int, expected);
    QUrlQuery query = q({{"symbol", "BTCUSDT"},
                         {"interval", "1m"},
                         {"startTime", QString::number(Jan2024 - 10 * Day)}});
    if (!limit.isEmpty())
        query.addQueryItem(QStringLiteral("limit"), limit);
    const QJsonArray rows = klines(query);
    QCOMPARE(rows.size(), expected);
    QCOMPARE(openTimeOf(rows.first()), Jan2024 - 10 * Day);
    QCOMPARE(openTimeOf(rows.last()), Jan2024 - 10 * Day + (expected - 1) * Minute);
}

void tst_FakeBinanceRest::inclusiveBoundaries_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<qint64>("firstOpen");
    QTest::addColumn<int>("count");
    const qint64 t = Jan2024;
    QTest::newRow("aligned both ends") << t << t + 5 * Minute << t << 6;
    QTest::newRow("same start and end") << t << t << t << 1;
    QTest::newRow("mid-candle start") << t + 1 << t + 5 * Minute << t + Minute << 5;
    QTest::newRow("mid-candle end") << t << t + 5 * Minute - 1 << t << 5;
    QTest::newRow("start after end") << t + Minute << t << qint64(0) << 0;
    QTest::newRow("in the future") << Now + Hour << Now + 2 * Hour << qint64(0) << 0;
    QTest::newRow("before listing") << Listed - 10 * Minute << Listed - Minute << qint64(0) << 0;
}

void tst_FakeBinanceRest::inclusiveBoundaries()
{
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(qint64, firstOpen);
    QFETCH(int, count);
    const Result r = get(QStringLiteral("/api/v3/klines"),
                         q({{"symbol", "BTCUSDT"},
                            {"interval", "1m"},
                            {"startTime", QString::number(start)},
                            {"endTime", QString::number(end)}}));
    QCOMPARE(r.status, 200);
    const QJsonArray rows = r.json().array();
    QCOMPARE(rows.size(), count);
    if (count == 0)
        QCOMPARE(r.body, QByteArray("[]"));
    else
        QCOMPARE(openTimeOf(rows.first()), firstOpen);
}

void tst_FakeBinanceRest::onlyEndTime()
{
    const qint64 end = Jan2024 + 30 * 1000; // mid-candle
    const QJsonArray rows = klines(q({{"symbol", "BTCUSDT"},
                                      {"interval", "1m"},
                                      {"endTime", QString::number(end)},
                                      {"limit", "10"}}));
    QCOMPARE(rows.size(), 10);
    QCOMPARE(openTimeOf(rows.last()), Jan2024);
    QCOMPARE(openTimeOf(rows.first()), Jan2024 - 9 * Minute);
}

void tst_FakeBinanceRest::neitherStartNorEnd()
{
    const QJsonArray rows = klines(q({{"symbol", "BTCUSDT"}, {"interval", "1m"}}));
    QCOMPARE(rows.size(), 500);
    const qint64 forming = Intervals::alignDown(Interval::M1, Now);
    QCOMPARE(openTimeOf(rows.last()), forming);
    QVERIFY(rows.last().toArray().at(6).toDouble() > double(Now)); // still open
    QCOMPARE(openTimeOf(rows.first()), forming - 499 * Minute);
}

void tst_FakeBinanceRest::openLastCandle()
{
    const QString symbol = QStringLiteral("BTCUSDT");
    const qint64 forming = Intervals::alignDown(Interval::M1, Now);
    const QUrlQuery query = q({{"symbol", "BTCUSDT"},
                               {"interval", "1m"},
                               {"startTime", QString::number(forming - 2 * Minute)}});
    QJsonArray rows = klines(query);
    QCOMPARE(rows.size(), 3);
    QCOMPARE(openTimeOf(rows.last()), forming);
    const Candle partial = m_fake->candleAsOf(symbol, Interval::M1, forming, Now);
    const Candle final = m_fake->candleAt(symbol, Interval::M1, forming);
    QVERIFY(!partial.closed);
    QCOMPARE(rows.last().toArray().at(4).toString().toDouble(), partial.close);
    QCOMPARE(rows.last().toArray().at(5).toString().toDouble(), partial.volume);
    QVERIFY(partial.volume <= final.volume);
    QCOMPARE(candleRejection(partial, Interval::M1), QString());
    // History does not include the forming candle.
    const CandleBatch truth
        = m_fake->groundTruth(symbol, Interval::M1, {forming - 2 * Minute, Now});
    QCOMPARE(truth.size(), 2);

    // Once the clock passes its close, the same row is final and a new one forms.
    m_clock->setNow(forming + Minute + 10 * 1000);
    rows = klines(query);
    QCOMPARE(rows.size(), 4);
    const QJsonArray closedRow = rows.at(2).toArray();
    QCOMPARE(openTimeOf(closedRow), forming);
    QCOMPARE(closedRow.at(4).toString().toDouble(), final.close);
    QCOMPARE(closedRow.at(5).toString().toDouble(), final.volume);
    QCOMPARE(
        m_fake->groundTruth(symbol, Interval::M1, {forming - 2 * Minute, m_clock->nowMs()}).size(),
        3);
}

void tst_FakeBinanceRest::maintenanceGapAndListing()
{
    const QString symbol = QStringLiteral("NEWUSDT");
    const qint64 listed = Jan2024 + 30 * Minute + 1; // first candle opens at 00:31
    m_fake->addSymbol(symbol, QStringLiteral("NEW"), QStringLiteral("USDT"), listed);
    const qint64 gapFrom = Jan2024 + 5 * Hour + 59 * Minute;
    const qint64 gapTo = Jan2024 + 7 * Hour;
    m_fake->addMaintenanceGap({gapFrom, gapTo});

    QJsonArray rows = klines(q({{"symbol", symbol},
                                {"interval", "1m"},
                                {"startTime", QString::number(Jan2024)},
                                {"limit", "3"}}));
    QCOMPARE(rows.size(), 3);
    QCOMPARE(openTimeOf(rows.first()), Jan2024 + 31 * Minute);

    rows = klines(q({{"symbol", symbol},
                     {"interval", "1m"},
                     {"startTime", QString::number(gapFrom - 2 * Minute)},
                     {"limit", "4"}}));
    QCOMPARE(rows.size(), 4);
    QCOMPARE(openTimeOf(rows.at(0)), gapFrom - 2 * Minute);
    QCOMPARE(openTimeOf(rows.at(1)), gapFrom - Minute); // 05:58
    QCOMPARE(openTimeOf(rows.at(2)), gapTo); // then 07:00
    QCOMPARE(openTimeOf(rows.at(3)), gapTo + Minute);

    // Only endTime inside the gap: the newest rows before it.
    rows = klines(q({{"symbol", symbol},
                     {"interval", "1m"},
                     {"endTime", QString::number(gapFrom + 10 * Minute)},
                     {"limit", "2"}}));
    QCOMPARE(rows.size(), 2);
    QCOMPARE(openTimeOf(rows.last()), gapFrom - Minute);

    // Entirely inside the gap: [].
    rows = klines(q({{"symbol", symbol},
                     {"interval", "1m"},
                     {"startTime", QString::number(gapFrom)},
                     {"endTime", QString::number(gapTo - 1)}}));
    QVERIFY(rows.isEmpty());

    const CandleBatch truth
        = m_fake->groundTruth(symbol, Interval::M1, {Jan2024, Jan2024 + 8 * Hour});
    QCOMPARE(truth.first().openTime, Jan2024 + 31 * Minute);
    QCOMPARE(truth.size(), 8 * 60 - 31 - 61);
    for (const Candle &c : truth)
        QVERIFY(c.openTime < gapFrom || c.openTime >= gapTo);
}

void tst_FakeBinanceRest::paginationMatchesGroundTruth()
{
    const QString symbol = QStringLiteral("BTCUSDT");
    m_fake->addMaintenanceGap({Jan2024 - 3 * Hour, Jan2024 - 2 * Hour});
    const TimeRange range{Jan2024 - Day, Now};
    CandleBatch fetched;
    qint64 cursor = range.from;
    for (int page = 0; page < 10; ++page) {
        const QJsonArray rows = klines(q({{"symbol", symbol},
                                          {"interval", "1m"},
                                          {"startTime", QString::number(cursor)},
                                          {"endTime", QString::number(range.to - 1)},
                                          {"limit", "1000"}}));
        if (rows.isEmpty())
            break;
        for (const QJsonValue &v : rows) {
            const QJsonArray row = v.toArray();
            Candle c;
            c.openTime = openTimeOf(v);
            c.open = row.at(1).toString().toDouble();
            c.high = row.at(2).toString().toDouble();
            c.low = row.at(3).toString().toDouble();
            c.close = row.at(4).toString().toDouble();
            c.volume = row.at(5).toString().toDouble();
            c.quoteVolume = row.at(7).toString().toDouble();
            c.trades = static_cast<qint64>(row.at(8).toDouble());
            c.takerBuyBase = row.at(9).toString().toDouble();
            c.takerBuyQuote = row.at(10).toString().toDouble();
            c.closed = static_cast<qint64>(row.at(6).toDouble()) <= m_clock->nowMs();
            if (c.closed)
                fetched.append(c);
            cursor = c.openTime + 1;
        }
    }
    const CandleBatch truth = m_fake->groundTruth(symbol, Interval::M1, range);
    QCOMPARE(truth.size(), 24 * 60 + 12 * 60 - 60);
    QCOMPARE(fetched.size(), truth.size());
    QVERIFY(fetched == truth);
}

void tst_FakeBinanceRest::syntheticCandlesAreRealistic()
{
    const CandleBatch truth = m_fake->groundTruth(QStringLiteral("BTCUSDT"), Interval::M1,
                                                  {Jan2024 - 2 * Day, Jan2024});
    QCOMPARE(truth.size(), 2 * 24 * 60);
    int quiet = 0;
    for (qsizetype i = 0; i < truth.size(); ++i) {
        const Candle &c = truth.at(i);
        QCOMPARE(candleRejection(c, Interval::M1), QString());
        QVERIFY(c.closed);
        if (i > 0)
            QCOMPARE(c.open, truth.at(i - 1).close); // the path chains
        if (c.volume == 0) {
            ++quiet;
            QCOMPARE(c.trades, qint64(0));
            QCOMPARE(c.high, c.open);
            QCOMPARE(c.low, c.open);
            QCOMPARE(c.close, c.open);
        } else {
            QVERIFY(c.trades > 0);
            QVERIFY(c.takerBuyBase <= c.volume);
        }
    }
    QVERIFY(quiet > 10);
    QVERIFY(quiet < truth.size() / 10);
    // Deterministic across instances, different across symbols.
    FakeBinanceRest other(m_clock.get());
    other.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                    Listed);
    QCOMPARE(other.candleAt(QStringLiteral("BTCUSDT"), Interval::M1, Jan2024),
             m_fake->candleAt(QStringLiteral("BTCUSDT"), Interval::M1, Jan2024));
    QVERIFY(m_fake->candleAt(QStringLiteral("ETHBTC"), Interval::M1, Jan2024).close
            != m_fake->candleAt(QStringLiteral("BTCUSDT"), Interval::M1, Jan2024).close);
}

void tst_FakeBinanceRest::monthlyCandles()
{
    const QJsonArray rows = klines(
        q({{"symbol", "BTCUSDT"}, {"interval", "1M"}, {"startTime", QString::number(Listed)}}));
    QCOMPARE(rows.size(), 13); // Jan 2023 .. Jan 2024 (forming)
    QCOMPARE(openTimeOf(rows.at(0)), Listed);
    QCOMPARE(static_cast<qint64>(rows.at(0).toArray().at(6).toDouble()), Listed + 31 * Day - 1);
    QCOMPARE(openTimeOf(rows.at(1)), Listed + 31 * Day); // 2023-02-01
    QCOMPARE(openTimeOf(rows.at(2)), Listed + (31 + 28) * Day); // 2023-03-01
    QCOMPARE(openTimeOf(rows.last()), Jan2024);
}

void tst_FakeBinanceRest::microsecondStartTime()
{
    const QJsonArray rows = klines(q({{"symbol", "BTCUSDT"},
                                      {"interval", "1m"},
                                      {"startTime", QString::number(Jan2024 * 1000)},
                                      {"limit", "2"}}));
    QCOMPARE(rows.size(), 2);
    QCOMPARE(openTimeOf(rows.first()), Jan2024);
}

void tst_FakeBinanceRest::timeZone_data()
{
    QTest::addColumn<QString>("interval");
    QTest::addColumn<QString>("timeZone");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("firstOpen");
    QTest::addColumn<qint64>("firstClose");
    QTest::addColumn<int>("count"); // limit=3; fewer when "now" comes first
    const qint64 t = Jan2024 - 10 * Day;
    QTest::newRow("1d UTC") << "1d"
                            << "0" << t << t << t + Day - 1 << 3;
    QTest::newRow("1d +8") << "1d"
                           << "8" << t << t + 16 * Hour << t + 40 * Hour - 1 << 3;
    QTest::newRow("1d -1:00") << "1d"
                              << "-1:00" << t << t + Hour << t + 25 * Hour - 1 << 3;
    QTest::newRow("1h +05:45") << "1h"
                               << "+05:45" << t << t + 15 * Minute << t + 75 * Minute - 1 << 3;
    QTest::newRow("1m +05:45") << "1m"
                               << "05:45" << t + 1 << t + Minute << t + 2 * Minute - 1 << 3;
    // 2023-12-01T00:00+08:00 is 2023-11-30T16:00Z; that month ends 2023-12-31T16:00Z.
    QTest::newRow("1M +8") << "1M"
                           << "8" << Jan2024 - 40 * Day << Jan2024 - 31 * Day - 8 * Hour
                           << Jan2024 - 8 * Hour - 1 << 2;
    QTest::newRow("1M +14:00") << "1M"
                               << "+14:00" << Jan2024 - 40 * Day << Jan2024 - 31 * Day - 14 * Hour
                               << Jan2024 - 14 * Hour - 1 << 2;
}

void tst_FakeBinanceRest::timeZone()
{
    QFETCH(QString, interval);
    QFETCH(QString, timeZone);
    QFETCH(qint64, start);
    QFETCH(qint64, firstOpen);
    QFETCH(qint64, firstClose);
    QFETCH(int, count);
    const QJsonArray rows = klines(q({{"symbol", "BTCUSDT"},
                                      {"interval", interval},
                                      {"timeZone", timeZone},
                                      {"startTime", QString::number(start)},
                                      {"limit", "3"}}));
    QCOMPARE(rows.size(), count);
    QCOMPARE(openTimeOf(rows.at(0)), firstOpen);
    QCOMPARE(static_cast<qint64>(rows.at(0).toArray().at(6).toDouble()), firstClose);
    QCOMPARE(openTimeOf(rows.at(1)), firstClose + 1);
    const Interval iv = *Intervals::parse(interval);
    const Candle c = m_fake->candleAsOf(QStringLiteral("BTCUSDT"), iv, firstOpen, Now);
    QCOMPARE(rows.at(0).toArray().at(1).toString().toDouble(), c.open);
}

void tst_FakeBinanceRest::badTimeZone_data()
{
    QTest::addColumn<QString>("timeZone");
    QTest::newRow("over +14") << "+14:30";
    QTest::newRow("under -12") << "-13";
    QTest::newRow("minutes") << "5:60";
    QTest::newRow("name") << "Asia/Shanghai";
}

void tst_FakeBinanceRest::badTimeZone()
{
    QFETCH(QString, timeZone);
    const Result r = get(QStringLiteral("/api/v3/klines"),
                         q({{"symbol", "BTCUSDT"}, {"interval", "1d"}, {"timeZone", timeZone}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.code(), -1100);
}

void tst_FakeBinanceRest::requestParser_data()
{
    QTest::addColumn<int>("chunkSize"); // bytes fed at a time
    QTest::newRow("all at once") << 100000;
    QTest::newRow("byte by byte") << 1;
    QTest::newRow("7 bytes") << 7;
}

void tst_FakeBinanceRest::requestParser()
{
    QFETCH(int, chunkSize);
    const QByteArray stream = "GET /api/v3/klines?symbol=BTCUSDT&limit=5 HTTP/1.1\r\n"
                              "Host: 127.0.0.1\r\nX-Test:  spaced value \r\n\r\n"
                              "POST /upload HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
                              "GET /api/v3/ping HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"
                              "GET /close HTTP/1.1\r\nConnection: close\r\n\r\n";
    HttpRequestParser parser;
    QList<HttpRequest> requests;
    for (qsizetype i = 0; i < stream.size(); i += chunkSize) {
        parser.feed(stream.mid(i, chunkSize));
        HttpRequest r;
        while (parser.next(&r))
            requests.append(r);
        QVERIFY(!parser.hasError());
    }
    QCOMPARE(requests.size(), 4);
    QCOMPARE(requests.at(0).method, QByteArray("GET"));
    QCOMPARE(requests.at(0).path, QByteArray("/api/v3/klines"));
    QCOMPARE(requests.at(0).query, QByteArray("symbol=BTCUSDT&limit=5"));
    QCOMPARE(requests.at(0).header("x-test"), QByteArray("spaced value"));
    QVERIFY(requests.at(0).keepAlive());
    QCOMPARE(requests.at(1).method, QByteArray("POST"));
    QCOMPARE(requests.at(1).body, QByteArray("hello"));
    QCOMPARE(requests.at(2).versionMinor, 0);
    QVERIFY(requests.at(2).keepAlive());
    QVERIFY(!requests.at(3).keepAlive());
}

void tst_FakeBinanceRest::requestParserErrors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");
    QTest::newRow("no target") << QByteArray("GET\r\n\r\n") << 400;
    QTest::newRow("bad version") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 400;
    QTest::newRow("not a path") << QByteArray("GET api HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("bad header") << QByteArray("GET / HTTP/1.1\r\nNoColon\r\n\r\n") << 400;
    QTest::newRow("bad length") << QByteArray("GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n") << 400;
    QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                             << 501;
    QTest::newRow("huge header") << QByteArray("GET /" + QByteArray(70000, 'a')) << 431;
}

void tst_FakeBinanceRest::requestParserErrors()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    HttpRequestParser parser;
    parser.feed(input);
    HttpRequest r;
    QVERIFY(!parser.next(&r));
    QVERIFY(parser.hasError());
    QCOMPARE(parser.errorStatus(), status);
    QVERIFY(!parser.errorString().isEmpty());
}

void tst_FakeBinanceRest::errors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("code");
    QTest::newRow("unknown symbol") << "symbol=NOPEUSDT&interval=1m" << -1121;
    QTest::newRow("lowercase symbol") << "symbol=btcusdt&interval=1m" << -1100;
    QTest::newRow("bad interval") << "symbol=BTCUSDT&interval=1H" << -1120;
    QTest::newRow("interval 2m") << "symbol=BTCUSDT&interval=2m" << -1120;
    QTest::newRow("missing symbol") << "interval=1m" << -1102;
    QTest::newRow("missing interval") << "symbol=BTCUSDT" << -1102;
    QTest::newRow("empty symbol") << "symbol=&interval=1m" << -1102;
    QTest::newRow("letters in startTime") << "symbol=BTCUSDT&interval=1m&startTime=abc" << -1100;
    QTest::newRow("negative endTime") << "symbol=BTCUSDT&interval=1m&endTime=-5" << -1100;
    QTest::newRow("letters in limit") << "symbol=BTCUSDT&interval=1m&limit=ten" << -1100;
    QTest::newRow("empty limit") << "symbol=BTCUSDT&interval=1m&limit=" << -1105;
    QTest::newRow("misspelled param") << "symbol=BTCUSDT&interval=1m&start_time=1" << -1104;
    QTest::newRow("duplicate param") << "symbol=BTCUSDT&interval=1m&limit=1&limit=2" << -1101;
}

void tst_FakeBinanceRest::errors()
{
    QFETCH(QString, query);
    QFETCH(int, code);
    const Result r = get(QStringLiteral("/api/v3/klines"), QUrlQuery(query));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.code(), code);
    QVERIFY(!r.json().object().value(QLatin1StringView("msg")).toString().isEmpty());
    if (code == -1121)
        QCOMPARE(r.json().object().value(QLatin1StringView("msg")).toString(),
                 QStringLiteral("Invalid symbol."));
    if (code == -1120)
        QCOMPARE(r.json().object().value(QLatin1StringView("msg")).toString(),
                 QStringLiteral("Invalid interval."));
}

void tst_FakeBinanceRest::exchangeInfo()
{
    Result r = get(QStringLiteral("/api/v3/exchangeInfo"));
    QCOMPARE(r.status, 200);
    QJsonObject info = r.json().object();
    QCOMPARE(info.value(QLatin1StringView("timezone")).toString(), QStringLiteral("UTC"));
    QCOMPARE(static_cast<qint64>(info.value(QLatin1StringView("serverTime")).toDouble()), Now);
    QJsonArray symbols = info.value(QLatin1StringView("symbols")).toArray();
    QCOMPARE(symbols.size(), 2);
    const QJsonObject btc = symbols.at(0).toObject();
    QCOMPARE(btc.value(QLatin1StringView("symbol")).toString(), QStringLiteral("BTCUSDT"));
    QCOMPARE(btc.value(QLatin1StringView("status")).toString(), QStringLiteral("TRADING"));
    QCOMPARE(btc.value(QLatin1StringView("baseAsset")).toString(), QStringLiteral("BTC"));
    QCOMPARE(btc.value(QLatin1StringView("quoteAsset")).toString(), QStringLiteral("USDT"));
    const QJsonObject priceFilter
        = btc.value(QLatin1StringView("filters")).toArray().at(0).toObject();
    QCOMPARE(priceFilter.value(QLatin1StringView("filterType")).toString(),
             QStringLiteral("PRICE_FILTER"));
    QVERIFY(priceFilter.value(QLatin1StringView("tickSize")).isString());
    QVERIFY(priceFilter.value(QLatin1StringView("tickSize")).toString().toDouble() > 0);
    QCOMPARE(symbols.at(1).toObject().value(QLatin1StringView("status")).toString(),
             QStringLiteral("BREAK"));
    const QJsonObject weight
        = info.value(QLatin1StringView("rateLimits")).toArray().at(0).toObject();
    QCOMPARE(weight.value(QLatin1StringView("rateLimitType")).toString(),
             QStringLiteral("REQUEST_WEIGHT"));
    QCOMPARE(weight.value(QLatin1StringView("interval")).toString(), QStringLiteral("MINUTE"));
    QCOMPARE(weight.value(QLatin1StringView("intervalNum")).toInt(), 1);
    QCOMPARE(weight.value(QLatin1StringView("limit")).toInt(), 6000);

    r = get(QStringLiteral("/api/v3/exchangeInfo"), q({{"symbol", "ETHBTC"}}));
    symbols = r.json().object().value(QLatin1StringView("symbols")).toArray();
    QCOMPARE(symbols.size(), 1);
    QCOMPARE(symbols.at(0).toObject().value(QLatin1StringView("symbol")).toString(),
             QStringLiteral("ETHBTC"));

    r = get(QStringLiteral("/api/v3/exchangeInfo"), q({{"symbols", R"(["ETHBTC","BTCUSDT"])"}}));
    QCOMPARE(r.status, 200);
    symbols = r.json().object().value(QLatin1StringView("symbols")).toArray();
    QCOMPARE(symbols.size(), 2);
    QCOMPARE(symbols.at(0).toObject().value(QLatin1StringView("symbol")).toString(),
             QStringLiteral("ETHBTC"));
}

void tst_FakeBinanceRest::exchangeInfoErrors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("code");
    QTest::newRow("unknown symbol") << "symbol=NOPE" << -1121;
    QTest::newRow("unknown in symbols") << R"(symbols=["BTCUSDT","NOPE"])" << -1121;
    QTest::newRow("symbols not an array") << "symbols=BTCUSDT" << -1100;
}

void tst_FakeBinanceRest::exchangeInfoErrors()
{
    QFETCH(QString, query);
    QFETCH(int, code);
    const Result r = get(QStringLiteral("/api/v3/exchangeInfo"), QUrlQuery(query));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.code(), code);
}

void tst_FakeBinanceRest::pingTimeAndNotFound()
{
    Result r = get(QStringLiteral("/api/v3/ping"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("{}"));
    r = get(QStringLiteral("/api/v3/time"));
    QCOMPARE(r.status, 200);
    QCOMPARE(
        static_cast<qint64>(r.json().object().value(QLatin1StringView("serverTime")).toDouble()),
        Now);
    m_clock->advance(1234);
    r = get(QStringLiteral("/api/v3/time"));
    QCOMPARE(
        static_cast<qint64>(r.json().object().value(QLatin1StringView("serverTime")).toDouble()),
        Now + 1234);
    r = get(QStringLiteral("/api/v3/nothing"));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.error, QNetworkReply::ContentNotFoundError);
}

void tst_FakeBinanceRest::weightHeaders()
{
    Result r = get(QStringLiteral("/api/v3/ping"));
    QCOMPARE(r.header("X-MBX-USED-WEIGHT-1M"), QByteArray("1"));
    QCOMPARE(r.header("x-mbx-used-weight"), QByteArray("1"));
    r = get(QStringLiteral("/api/v3/time"));
    QCOMPARE(r.header("x-mbx-used-weight-1m"), QByteArray("2"));
    r = get(QStringLiteral("/api/v3/klines"),
            q({{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"limit", "1"}}));
    QCOMPARE(r.header("X-MBX-USED-WEIGHT-1M"), QByteArray("4"));
    r = get(QStringLiteral("/api/v3/klines"), q({{"symbol", "NOPE"}, {"interval", "1m"}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.header("X-MBX-USED-WEIGHT-1M"), QByteArray("6")); // errors cost weight too
    r = get(QStringLiteral("/api/v3/exchangeInfo"));
    QCOMPARE(r.header("X-MBX-USED-WEIGHT-1M"), QByteArray("26"));
    QCOMPARE(m_fake->usedWeight(), 26);

    // The window is the calendar minute: still 12:00 at :59.999, reset at 12:01:00.
    const qint64 nextMinute
        = Intervals::next(Interval::M1, Intervals::alignDown(Interval::M1, Now));
    m_clock->setNow(nextMinute - 1);
    r = get(QStringLiteral("/api/v3/ping"));
    QCOMPARE(r.header("X-MBX-USED-WEIGHT-1M"), QByteArray("27"));
    m_clock->setNow(nextMinute);
    r = get(QStringLiteral("/api/v3/ping"));
    QCOMPARE(r.header("X-MBX-USED-WEIGHT-1M"), QByteArray("1"));
    QCOMPARE(r.header("x-mbx-used-weight"), QByteArray("1"));
}

void tst_FakeBinanceRest::weightLimitSettings()
{
    m_fake->setWeightLimit(1200, 1, 'H');
    Result r = get(QStringLiteral("/api/v3/exchangeInfo"));
    QCOMPARE(r.header("X-MBX-USED-WEIGHT-1H"), QByteArray("20"));
    QVERIFY(r.header("X-MBX-USED-WEIGHT-1M").isEmpty());
    const QJsonObject weight
        = r.json().object().value(QLatin1StringView("rateLimits")).toArray().at(0).toObject();
    QCOMPARE(weight.value(QLatin1StringView("interval")).toString(), QStringLiteral("HOUR"));
    QCOMPARE(weight.value(QLatin1StringView("limit")).toInt(), 1200);
    m_clock->advance(10 * Minute); // same hour (12:10)
    r = get(QStringLiteral("/api/v3/ping"));
    QCOMPARE(r.header("X-MBX-USED-WEIGHT-1H"), QByteArray("21"));
    m_clock->advance(Hour);
    r = get(QStringLiteral("/api/v3/ping"));
    QCOMPARE(r.header("X-MBX-USED-WEIGHT-1H"), QByteArray("1"));
}

void tst_FakeBinanceRest::rateLimitThenBan()
{
    m_fake->setWeightLimit(10, 1, 'M');
    const QUrlQuery query = q({{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"limit", "1"}});
    for (int i = 0; i < 5; ++i)
        QCOMPARE(get(QStringLiteral("/api/v3/klines"), query).status, 200);
    // 12:00:30.500: 29.5 s to the end of the window, rounded up.
    Result r = get(QStringLiteral("/api/v3/klines"), query);
    QCOMPARE(r.status, 429);
    QCOMPARE(r.code(), -1003);
    QCOMPARE(r.header("Retry-After"), QByteArray("30"));
    QCOMPARE(m_fake->rateLimitedCount(), 1);
    QCOMPARE(m_fake->bannedCount(), 0);

    // Not waiting: banned.
    m_clock->advance(29 * 1000);
    r = get(QStringLiteral("/api/v3/ping"));
    QCOMPARE(r.status, 418);
    QCOMPARE(r.code(), -1003);
    QCOMPARE(r.header("Retry-After"), QByteArray("120"));
    QCOMPARE(m_fake->bannedCount(), 1);

    // Still banned after the window resets, with a shrinking Retry-After.
    m_clock->advance(60 * 1000);
    r = get(QStringLiteral("/api/v3/klines"), query);
    QCOMPARE(r.status, 418);
    QCOMPARE(r.header("Retry-After"), QByteArray("60"));
    QCOMPARE(m_fake->bannedCount(), 2);

    m_clock->advance(60 * 1000);
    r = get(QStringLiteral("/api/v3/klines"), query);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("X-MBX-USED-WEIGHT-1M"), QByteArray("2"));
}

void tst_FakeBinanceRest::obeyingRetryAfterIsNotBanned()
{
    m_fake->setWeightLimit(4, 1, 'M');
    const QUrlQuery query = q({{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"limit", "1"}});
    QCOMPARE(get(QStringLiteral("/api/v3/klines"), query).status, 200);
    QCOMPARE(get(QStringLiteral("/api/v3/klines"), query).status, 200);
    const Result r = get(QStringLiteral("/api/v3/klines"), query);
    QCOMPARE(r.status, 429);
    m_clock->advance(r.header("Retry-After").toInt() * 1000);
    QCOMPARE(get(QStringLiteral("/api/v3/klines"), query).status, 200);
    QCOMPARE(m_fake->bannedCount(), 0);
}

void tst_FakeBinanceRest::faults_data()
{
    QTest::addColumn<FakeBinanceRest::Fault>("fault");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("networkError");
    QTest::addColumn<bool>("validJson");
    QTest::newRow("server error") << FakeBinanceRest::Fault::ServerError << 500 << true << true;
    QTest::newRow("forbidden") << FakeBinanceRest::Fault::Forbidden << 403 << true << false;
    QTest::newRow("malformed json")
        << FakeBinanceRest::Fault::MalformedJson << 200 << false << false;
    QTest::newRow("wrong shape") << FakeBinanceRest::Fault::WrongShape << 200 << false << true;
    QTest::newRow("drop mid body") << FakeBinanceRest::Fault::DropMidBody << 200 << true << false;
}

void tst_FakeBinanceRest::faults()
{
    QFETCH(FakeBinanceRest::Fault, fault);
    QFETCH(int, status);
    QFETCH(bool, networkError);
    QFETCH(bool, validJson);
    const QUrlQuery query = q({{"symbol", "BTCUSDT"},
                               {"interval", "1m"},
                               {"startTime", QString::number(Jan2024)},
                               {"limit", "100"}});
    m_fake->injectFault(fault);
    const Result r = get(QStringLiteral("/api/v3/klines"), query);
    QCOMPARE(r.status, status);
    QCOMPARE(r.error != QNetworkReply::NoError, networkError);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &parseError);
    QCOMPARE(parseError.error == QJsonParseError::NoError, validJson);
    if (fault == FakeBinanceRest::Fault::ServerError)
        QCOMPARE(r.code(), -1000);
    if (fault == FakeBinanceRest::Fault::WrongShape) {
        QCOMPARE(doc.array().size(), 100);
        QCOMPARE(doc.array().at(0).toArray().size(), 11);
        QVERIFY(doc.array().at(0).toArray().at(1).isDouble());
    }
    if (fault == FakeBinanceRest::Fault::DropMidBody)
        QVERIFY(r.error == QNetworkReply::RemoteHostClosedError
                || r.error == QNetworkReply::UnknownNetworkError);

    // The fault is used up: the next request is normal.
    const Result next = get(QStringLiteral("/api/v3/klines"), query);
    QCOMPARE(next.status, 200);
    QCOMPARE(next.json().array().size(), 100);
    QCOMPARE(m_fake->klinesRequestCount(), 2);
}

void tst_FakeBinanceRest::delayFault()
{
    m_fake->injectFault(FakeBinanceRest::Fault::Delay, 1, 5000);
    QSignalSpy received(m_fake.get(), &FakeBinanceRest::requestReceived);
    QNetworkReply *delayed = start(QStringLiteral("/api/v3/klines"),
                                   q({{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"limit", "3"}}));
    QTRY_COMPARE(received.count(), 1);
    // Another request on another connection completes; the delayed one waits for the clock.
    QCOMPARE(get(QStringLiteral("/api/v3/ping")).status, 200);
    QVERIFY(!delayed->isFinished());
    m_clock->advance(4999);
    QCOMPARE(get(QStringLiteral("/api/v3/ping")).status, 200);
    QVERIFY(!delayed->isFinished());
    m_clock->advance(1);
    const Result r = take(delayed);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().array().size(), 3);
}

void tst_FakeBinanceRest::stallFault()
{
    m_fake->injectFault(FakeBinanceRest::Fault::Stall);
    QSignalSpy received(m_fake.get(), &FakeBinanceRest::requestReceived);
    QNetworkReply *stalled = start(QStringLiteral("/api/v3/klines"),
                                   q({{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"limit", "3"}}));
    QTRY_COMPARE(received.count(), 1);
    QCOMPARE(get(QStringLiteral("/api/v3/ping")).status, 200);
    m_clock->advance(Hour);
    QCOMPARE(get(QStringLiteral("/api/v3/ping")).status, 200);
    QVERIFY(!stalled->isFinished());
    stalled->abort();
    QCOMPARE(stalled->error(), QNetworkReply::OperationCanceledError);
    stalled->deleteLater();
    // The stall is used up.
    QCOMPARE(get(QStringLiteral("/api/v3/klines"),
                 q({{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"limit", "3"}}))
                 .status,
             200);
}

void tst_FakeBinanceRest::faultCount()
{
    m_fake->injectFault(FakeBinanceRest::Fault::ServerError, 2);
    m_fake->injectFault(FakeBinanceRest::Fault::Forbidden, 1);
    const QUrlQuery query = q({{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"limit", "1"}});
    QCOMPARE(get(QStringLiteral("/api/v3/ping")).status, 200); // faults apply to klines only
    QCOMPARE(get(QStringLiteral("/api/v3/klines"), query).status, 500);
    QCOMPARE(get(QStringLiteral("/api/v3/klines"), query).status, 500);
    QCOMPARE(get(QStringLiteral("/api/v3/klines"), query).status, 403);
    QCOMPARE(get(QStringLiteral("/api/v3/klines"), query).status, 200);
}

void tst_FakeBinanceRest::concurrentRequests()
{
    m_fake->injectFault(FakeBinanceRest::Fault::Delay, 3, 1000);
    QSignalSpy received(m_fake.get(), &FakeBinanceRest::requestReceived);
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 3; ++i)
        replies.append(start(QStringLiteral("/api/v3/klines"),
                             q({{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"limit", "2"}})));
    QTRY_COMPARE(received.count(), 3);
    QCOMPARE(m_fake->maxConcurrentRequests(), 3);
    m_clock->advance(1000);
    for (QNetworkReply *reply : replies)
        QCOMPARE(take(reply).status, 200);
    QCOMPARE(m_fake->maxConcurrentRequests(), 3);
}

static QList<QByteArray> readResponses(QTcpSocket &socket, int count)
{
    QByteArray data;
    QList<QByteArray> responses;
    while (responses.size() < count) {
        if (socket.bytesAvailable() == 0) {
            // The server lives in this thread: wait with the event loop running.
            QSignalSpy spy(&socket, &QTcpSocket::readyRead);
            if (!spy.wait(10000))
                break;
        }
        data += socket.readAll();
        for (;;) {
            const qsizetype headerEnd = data.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                break;
            const QByteArray head = data.left(headerEnd);
            static const QRegularExpression lengthRe(QStringLiteral("Content-Length: (\\d+)"));
            const auto m = lengthRe.match(QString::fromLatin1(head));
            const qsizetype length = m.hasMatch() ? m.captured(1).toLongLong() : 0;
            if (data.size() < headerEnd + 4 + length)
                break;
            responses.append(data.left(headerEnd + 4 + length));
            data.remove(0, headerEnd + 4 + length);
        }
    }
    return responses;
}

void tst_FakeBinanceRest::pipelining()
{
    // A delayed first response must still come out before the second one.
    m_fake->injectFault(FakeBinanceRest::Fault::Delay, 1, 100);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_fake->baseUrl().port());
    QVERIFY(socket.waitForConnected(10000));
    socket.write("GET /api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1 HTTP/1.1\r\n"
                 "Host: 127.0.0.1\r\n\r\n"
                 "GET /api/v3/time HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QSignalSpy received(m_fake.get(), &FakeBinanceRest::requestReceived);
    QTRY_COMPARE(received.count(), 2);
    m_clock->advance(100);
    const QList<QByteArray> responses = readResponses(socket, 2);
    QCOMPARE(responses.size(), 2);
    QVERIFY(responses.at(0).startsWith("HTTP/1.1 200 OK"));
    QVERIFY(responses.at(0).endsWith("\"0\"]]"));
    QVERIFY(responses.at(1).startsWith("HTTP/1.1 200 OK"));
    QVERIFY(responses.at(1).contains("serverTime"));
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState); // keep-alive
    // Garbage gets a 400 and a closed connection.
    socket.write("NONSENSE\r\n\r\n");
    const QList<QByteArray> bad = readResponses(socket, 1);
    QCOMPARE(bad.size(), 1);
    QVERIFY(bad.first().startsWith("HTTP/1.1 400"));
    QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
}

void tst_FakeBinanceRest::connectionClose()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_fake->baseUrl().port());
    QVERIFY(socket.waitForConnected(10000));
    socket.write("GET /api/v3/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const QList<QByteArray> responses = readResponses(socket, 1);
    QCOMPARE(responses.size(), 1);
    QVERIFY(responses.first().contains("Connection: close"));
    QVERIFY(responses.first().endsWith("{}"));
    QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
}

void tst_FakeBinanceRest::observations()
{
    QSignalSpy received(m_fake.get(), &FakeBinanceRest::requestReceived);
    get(QStringLiteral("/api/v3/ping"));
    get(QStringLiteral("/api/v3/klines"),
        q({{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"limit", "1"}}));
    get(QStringLiteral("/api/v3/uiKlines"), q({{"symbol", "ETHBTC"}, {"interval", "5m"}}));
    QCOMPARE(m_fake->requestCount(), 3);
    QCOMPARE(m_fake->klinesRequestCount(), 2);
    QCOMPARE(received.count(), 3);
    QCOMPARE(received.at(0).at(0).toString(), QStringLiteral("/api/v3/ping"));
    const QList<QUrlQuery> queries = m_fake->klinesQueries();
    QCOMPARE(queries.size(), 2);
    QCOMPARE(queries.at(0).queryItemValue(QStringLiteral("limit")), QStringLiteral("1"));
    QCOMPARE(queries.at(1).queryItemValue(QStringLiteral("symbol")), QStringLiteral("ETHBTC"));
    QCOMPARE(queries.at(1).queryItemValue(QStringLiteral("interval")), QStringLiteral("5m"));
    QCOMPARE(m_fake->rateLimitedCount(), 0);
}

void tst_FakeBinanceRest::worksInOwnThread()
{
    QThread thread;
    auto *fake = new FakeBinanceRest(m_clock.get());
    fake->addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                    Listed);
    fake->moveToThread(&thread);
    connect(&thread, &QThread::finished, fake, &QObject::deleteLater);
    thread.start();
    bool ok = false;
    QVERIFY(QMetaObject::invokeMethod(fake, "listen", Qt::BlockingQueuedConnection,
                                      Q_RETURN_ARG(bool, ok), Q_ARG(quint16, 0)));
    QVERIFY(ok);
    QUrl url = fake->baseUrl();
    url.setPath(QStringLiteral("/api/v3/klines"));
    url.setQuery(q({{"symbol", "BTCUSDT"},
                    {"interval", "1m"},
                    {"limit", "1000"},
                    {"startTime", QString::number(Jan2024 - Day)}}));
    const Result r = take(m_nam->get(QNetworkRequest(url)));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().array().size(), 1000);
    QCOMPARE(fake->klinesRequestCount(), 1);
    thread.quit();
    QVERIFY(thread.wait(10000));
}

QTEST_GUILESS_MAIN(tst_FakeBinanceRest)
#include "tst_fakebinancerest.moc"
