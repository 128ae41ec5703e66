#include <binance/klineeventparser.h>

#include <QTest>

using namespace Candlewick;

namespace {

// The kline event of binance-api.md (Binance's web-socket-streams.md), verbatim without the
// comments. Note: its low (0.0015) is above its open (0.0010), so the candle fails validation.
const char *DocsEvent = R"({
  "e": "kline",
  "E": 1672515782136,
  "s": "BNBBTC",
  "k": {
    "t": 1672515780000,
    "T": 1672515839999,
    "s": "BNBBTC",
    "i": "1m",
    "f": 100,
    "L": 200,
    "o": "0.0010",
    "c": "0.0020",
    "h": "0.0025",
    "l": "0.0015",
    "v": "1000",
    "n": 100,
    "x": false,
    "q": "1.0000",
    "V": "500",
    "Q": "0.500",
    "B": "123456"
  }
})";

QByteArray docsEvent()
{
    return QByteArray(DocsEvent);
}

// The same event with a consistent low, so that it passes validation.
QByteArray validEvent(const QByteArray &extra = {})
{
    QByteArray e = docsEvent();
    e.replace("\"l\": \"0.0015\"", "\"l\": \"0.0005\"");
    if (!extra.isEmpty())
        e.replace("\"B\": \"123456\"", extra);
    return e;
}

QByteArray combined(const QByteArray &stream, const QByteArray &payload)
{
    return "{\"stream\":\"" + stream + "\",\"data\":" + payload + "}";
}

} // namespace

class TestKlineEventParser : public QObject
{
    Q_OBJECT
private slots:
    void docsPayloadFieldsAreRead();
    void longQuoteVolumesAreCarriedExactly();
    void validKline();
    void closedKline();
    void tradeEvent();
    void frames_data();
    void frames();
    void responses_data();
    void responses();
    void stringAndBytesAgree();
    void streamNames_data();
    void streamNames();
    void parserIsReusable();
};

void TestKlineEventParser::docsPayloadFieldsAreRead()
{
    KlineEventParser parser;
    const KlineEvent ev = parser.parse(QByteArrayView(docsEvent()));
    // Read field by field, then refused by the door's validation (low above open).
    QCOMPARE(ev.kind, KlineEvent::Kind::Rejected);
    QVERIFY2(ev.reason.contains(QLatin1StringView("low above")), qPrintable(ev.reason));
    QCOMPARE(ev.symbol, QStringLiteral("BNBBTC"));
    QCOMPARE(ev.interval, Interval::M1);
    QCOMPARE(ev.eventTime, 1672515782136LL);
    QCOMPARE(ev.candle.openTime, 1672515780000LL);
    QCOMPARE(ev.candle.open, 0.0010);
    QCOMPARE(ev.candle.close, 0.0020);
    QCOMPARE(ev.candle.high, 0.0025);
    QCOMPARE(ev.candle.low, 0.0015);
    QCOMPARE(ev.candle.volume, 1000.0);
    QCOMPARE(ev.candle.trades, 100LL);
    QCOMPARE(ev.candle.closed, false);
    QCOMPARE(ev.candle.quoteVolume, 1.0);
    QCOMPARE(ev.candle.takerBuyBase, 500.0);
    QCOMPARE(ev.candle.takerBuyQuote, 0.5);
}

// Issue 12: as in the REST rows, a quote volume longer than a double holds comes exactly too.
void TestKlineEventParser::longQuoteVolumesAreCarriedExactly()
{
    QByteArray e = validEvent();
    e.replace("\"q\": \"1.0000\"", "\"q\": \"123456789.12345677\"");
    e.replace("\"Q\": \"0.500\"", "\"Q\": \"0.50000000\"");
    KlineEventParser parser;
    const KlineEvent ev = parser.parse(QByteArrayView(e));
    QCOMPARE(ev.kind, KlineEvent::Kind::Kline);
    QCOMPARE(ev.candle.quoteVolumeE8, 12345678912345677LL);
    QCOMPARE(ev.candle.takerBuyQuoteE8, 0LL);
}

void TestKlineEventParser::validKline()
{
    KlineEventParser parser;
    const KlineEvent raw = parser.parse(QByteArrayView(validEvent()));
    QCOMPARE(raw.kind, KlineEvent::Kind::Kline);
    QVERIFY(raw.stream.isEmpty());
    QCOMPARE(raw.candle.low, 0.0005);

    const KlineEvent wrapped
        = parser.parse(QByteArrayView(combined("bnbbtc@kline_1m", validEvent())));
    QCOMPARE(wrapped.kind, KlineEvent::Kind::Kline);
    QCOMPARE(wrapped.stream, QStringLiteral("bnbbtc@kline_1m"));
    QCOMPARE(wrapped.candle, raw.candle);
    QCOMPARE(wrapped.symbol, QStringLiteral("BNBBTC"));
}

void TestKlineEventParser::tradeEvent()
{
    // binance-api.md's trade payload: "m" true (the buyer is the maker) is a sell by the taker.
    KlineEventParser parser;
    const KlineEvent ev = parser.parse(QByteArrayView(combined(
        "bnbbtc@trade",
        R"({"e":"trade","E":1672515782136,"s":"BNBBTC","t":12345,"p":"0.00100000","q":"100.5","T":1672515782130,"m":true,"M":true})")));
    QCOMPARE(ev.kind, KlineEvent::Kind::Trade);
    QCOMPARE(ev.symbol, QStringLiteral("BNBBTC"));
    QCOMPARE(ev.eventTime, 1672515782136);
    QCOMPARE(ev.trade.id, 12345);
    QCOMPARE(ev.trade.timeUs, 1672515782130000);
    QCOMPARE(ev.trade.price.toString(), QStringLiteral("0.00100000"));
    QCOMPARE(ev.trade.size.toString(), QStringLiteral("100.5"));
    QCOMPARE(ev.trade.side, TradeSide::Sell);
    const KlineEvent buy = parser.parse(QByteArrayView(
        R"({"e":"trade","E":1,"s":"BNBBTC","t":1,"p":"1","q":"1","T":1,"m":false})"));
    QCOMPARE(buy.trade.side, TradeSide::Buy);
    QCOMPARE(KlineEventParser::tradeStreamName(u"BNBBTC"), QStringLiteral("bnbbtc@trade"));
}

void TestKlineEventParser::closedKline()
{
    QByteArray e = validEvent();
    e.replace("\"x\": false", "\"x\": true");
    KlineEventParser parser;
    const KlineEvent ev = parser.parse(QByteArrayView(e));
    QCOMPARE(ev.kind, KlineEvent::Kind::Kline);
    QVERIFY(ev.candle.closed);
}

void TestKlineEventParser::frames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("reasonPart");

    const int kline = int(KlineEvent::Kind::Kline);
    const int rejected = int(KlineEvent::Kind::Rejected);
    const int unknown = int(KlineEvent::Kind::Unknown);
    const int shutdown = int(KlineEvent::Kind::ServerShutdown);
    auto replaced = [](const char *from, const char *to) {
        QByteArray e = validEvent();
        e.replace(from, to);
        return e;
    };

    QTest::newRow("no trades yet: f and L are -1")
        << replaced("\"f\": 100", "\"f\": -1").replace("\"L\": 200", "\"L\": -1") << kline
        << QString();
    QTest::newRow("key order shuffled") << QByteArray(
        R"({"k":{"x":false,"i":"1m","T":1672515839999,"t":1672515780000,"s":"BNBBTC","l":"1","h":"3","c":"2","o":"1.5","v":"0"},"s":"BNBBTC","E":1,"e":"kline"})")
                                        << kline << QString();
    QTest::newRow("unknown extra fields")
        << replaced("\"B\": \"123456\"", "\"B\":\"1\",\"zz\":[1,{\"a\":2}]") << kline << QString();
    QTest::newRow("combined, interval 1M keeps its case") << combined(
        "btcusdt@kline_1M",
        R"({"e":"kline","E":1,"s":"BTCUSDT","k":{"t":1672531200000,"T":1675209599999,"s":"BTCUSDT","i":"1M","o":"1","c":"1","h":"1","l":"1","v":"0","n":0,"x":false,"q":"0","V":"0","Q":"0"}})")
                                                          << kline << QString();

    QTest::newRow("server shutdown")
        << QByteArray(R"({"e":"serverShutdown","E":1})") << shutdown << QString();
    QTest::newRow("server shutdown, combined")
        << combined("!serverShutdown", R"({"e":"serverShutdown","E":1})") << shutdown << QString();
    QTest::newRow("unknown event")
        << QByteArray(R"({"e":"aggTrade","E":1,"s":"BNBBTC","a":1,"p":"1"})") << unknown
        << QStringLiteral("aggTrade");
    QTest::newRow("24hr ticker with differently typed trade keys")
        << QByteArray(R"({"e":"24hrTicker","E":1,"s":"BNBBTC","p":"-0.5","q":"1","t":true})")
        << unknown << QStringLiteral("24hrTicker");

    const int trade = int(KlineEvent::Kind::Trade);
    const QByteArray validTrade
        = R"({"e":"trade","E":1672515782136,"s":"BNBBTC","t":12345,"p":"0.001","q":"100","T":1672515782136,"m":true,"M":true})";
    QTest::newRow("trade") << validTrade << trade << QString();
    QTest::newRow("trade, combined") << combined("bnbbtc@trade", validTrade) << trade << QString();
    QTest::newRow("trade of another stream")
        << combined("ethbtc@trade", validTrade) << rejected << QStringLiteral("does not match");
    QTest::newRow("trade without price") << QByteArray(validTrade).replace(R"("p":"0.001",)", "")
                                         << rejected << QStringLiteral("required");
    QTest::newRow("trade price as a number")
        << QByteArray(validTrade).replace(R"("p":"0.001")", R"("p":0.001)") << rejected
        << QStringLiteral("\"p\"");
    QTest::newRow("trade quantity with an exponent")
        << QByteArray(validTrade).replace(R"("q":"100")", R"("q":"1e2")") << rejected
        << QStringLiteral("\"q\"");
    QTest::newRow("trade of zero quantity")
        << QByteArray(validTrade).replace(R"("q":"100")", R"("q":"0.000")") << rejected
        << QStringLiteral("quantity");
    QTest::newRow("trade time negative")
        << QByteArray(validTrade).replace(R"("T":1672515782136)", R"("T":-1)") << rejected
        << QStringLiteral("\"T\"");

    QTest::newRow("empty") << QByteArray() << rejected << QStringLiteral("JSON");
    QTest::newRow("garbage") << QByteArray("hello binance") << rejected << QString();
    QTest::newRow("truncated") << validEvent().left(120) << rejected << QString();
    QTest::newRow("array") << QByteArray("[1,2,3]") << rejected << QStringLiteral("object");
    QTest::newRow("no event type")
        << QByteArray(R"({"E":1,"s":"BNBBTC"})") << rejected << QStringLiteral("event type");
    QTest::newRow("kline without k")
        << QByteArray(R"({"e":"kline","E":1,"s":"BNBBTC"})") << rejected << QStringLiteral("\"k\"");
    QTest::newRow("k not an object") << QByteArray(R"({"e":"kline","E":1,"s":"BNBBTC","k":[1]})")
                                     << rejected << QStringLiteral("\"k\"");
    QTest::newRow("t as string") << replaced("\"t\": 1672515780000", "\"t\": \"1672515780000\"")
                                 << rejected << QStringLiteral("\"t\"");
    QTest::newRow("price not a number")
        << replaced("\"o\": \"0.0010\"", "\"o\": \"abc\"") << rejected << QStringLiteral("\"o\"");
    QTest::newRow("price with junk") << replaced("\"o\": \"0.0010\"", "\"o\": \"0.0010x\"")
                                     << rejected << QStringLiteral("\"o\"");
    QTest::newRow("x not a bool") << replaced("\"x\": false", "\"x\": 0") << rejected
                                  << QStringLiteral("\"x\"");
    QTest::newRow("missing close")
        << replaced("\"c\": \"0.0020\",", "") << rejected << QStringLiteral("required");
    QTest::newRow("missing x") << replaced("\"x\": false,", "") << rejected
                               << QStringLiteral("required");
    QTest::newRow("unknown interval")
        << replaced("\"i\": \"1m\"", "\"i\": \"7m\"") << rejected << QStringLiteral("interval");
    QTest::newRow("negative volume")
        << replaced("\"v\": \"1000\"", "\"v\": \"-1\"") << rejected << QStringLiteral("negative");
    QTest::newRow("high below close") << replaced("\"h\": \"0.0025\"", "\"h\": \"0.0015\"")
                                      << rejected << QStringLiteral("high below");
    QTest::newRow("NaN price") << replaced("\"c\": \"0.0020\"", "\"c\": \"nan\"") << rejected
                               << QString();
    QTest::newRow("open time not aligned")
        << replaced("\"t\": 1672515780000", "\"t\": 1672515780001") << rejected
        << QStringLiteral("aligned");
    // Crafted times: refused with a reason before the interval arithmetic could overflow.
    QTest::newRow("1s open time near INT64_MAX")
        << replaced("\"t\": 1672515780000", "\"t\": 9223372036854775000")
               .replace("\"T\": 1672515839999", "\"T\": 9223372036854775807")
               .replace("\"i\": \"1m\"", "\"i\": \"1s\"")
        << rejected << QStringLiteral("open time 9223372036854775000 outside 2009-01-01");
    QTest::newRow("1w open time INT64_MIN")
        << replaced("\"t\": 1672515780000", "\"t\": -9223372036854775808")
               .replace("\"i\": \"1m\"", "\"i\": \"1w\"")
        << rejected << QStringLiteral("outside 2009-01-01 .. 2200-01-01");
    QTest::newRow("open time in 2200")
        << replaced("\"t\": 1672515780000", "\"t\": 7258118400000")
               .replace("\"T\": 1672515839999", "\"T\": 7258118459999")
        << rejected << QStringLiteral("outside");
    QTest::newRow("close time wrong") << replaced("\"T\": 1672515839999", "\"T\": 1672515840000")
                                      << rejected << QStringLiteral("close time");
    QTest::newRow("event symbol differs")
        << replaced("\"s\": \"BNBBTC\",\n  \"k\"", "\"s\": \"ETHBTC\",\n  \"k\"") << rejected
        << QStringLiteral("symbol");
    QTest::newRow("stream of another symbol") << combined("ethusdt@kline_1m", validEvent())
                                              << rejected << QStringLiteral("does not match");
    QTest::newRow("stream of another interval") << combined("bnbbtc@kline_5m", validEvent())
                                                << rejected << QStringLiteral("does not match");
    QTest::newRow("wrapper without data")
        << QByteArray(R"({"stream":"bnbbtc@kline_1m"})") << rejected << QStringLiteral("wrapper");
    QTest::newRow("data not an object") << QByteArray(R"({"stream":"bnbbtc@kline_1m","data":5})")
                                        << rejected << QStringLiteral("data");
}

void TestKlineEventParser::frames()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, kind);
    QFETCH(QString, reasonPart);
    KlineEventParser parser;
    const KlineEvent ev = parser.parse(QByteArrayView(frame));
    QCOMPARE(int(ev.kind), kind);
    if (ev.kind == KlineEvent::Kind::Rejected || ev.kind == KlineEvent::Kind::Unknown)
        QVERIFY(!ev.reason.isEmpty());
    if (!reasonPart.isEmpty())
        QVERIFY2(ev.reason.contains(reasonPart), qPrintable(ev.reason));
}

void TestKlineEventParser::responses_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<qint64>("id");
    QTest::addColumn<int>("errorCode");
    QTest::addColumn<QStringList>("result");

    // The control messages of binance-api.md, verbatim.
    QTest::newRow("subscribe ok") << QByteArray(R"({"result":null,"id":1})") << 1LL << 0
                                  << QStringList();
    QTest::newRow("list subscriptions")
        << QByteArray(R"({"result":["btcusdt@kline_1m"],"id":3})") << 3LL << 0
        << QStringList{QStringLiteral("btcusdt@kline_1m")};
    QTest::newRow("invalid stream")
        << QByteArray(R"({"error":{"code":2,"msg":"Invalid request: invalid stream"},"id":2})")
        << 2LL << 2 << QStringList();
    QTest::newRow("bad json, null id") << QByteArray(
        R"({"error":{"code":3,"msg":"Invalid JSON: expected value at line 1 column 1"},"id":null})")
                                       << -1LL << 3 << QStringList();
}

void TestKlineEventParser::responses()
{
    QFETCH(QByteArray, frame);
    QFETCH(qint64, id);
    QFETCH(int, errorCode);
    QFETCH(QStringList, result);
    KlineEventParser parser;
    const KlineEvent ev = parser.parse(QByteArrayView(frame));
    QCOMPARE(ev.kind, KlineEvent::Kind::Response);
    QCOMPARE(ev.id, id);
    QCOMPARE(ev.errorCode, errorCode);
    QCOMPARE(ev.result, result);
    if (errorCode != 0)
        QVERIFY(!ev.errorMessage.isEmpty());
}

void TestKlineEventParser::stringAndBytesAgree()
{
    KlineEventParser parser;
    const QByteArray frame = combined("bnbbtc@kline_1m", validEvent());
    const KlineEvent a = parser.parse(QByteArrayView(frame));
    const KlineEvent b = parser.parse(QString::fromUtf8(frame));
    QCOMPARE(a.kind, KlineEvent::Kind::Kline);
    QCOMPARE(b.kind, a.kind);
    QCOMPARE(b.candle, a.candle);
    QCOMPARE(b.stream, a.stream);
}

void TestKlineEventParser::streamNames_data()
{
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<QString>("interval");
    QTest::addColumn<QString>("stream");
    QTest::newRow("1m") << "BTCUSDT"
                        << "1m"
                        << "btcusdt@kline_1m";
    QTest::newRow("1s") << "ETHUSDT"
                        << "1s"
                        << "ethusdt@kline_1s";
    QTest::newRow("month") << "BNBBTC"
                           << "1M"
                           << "bnbbtc@kline_1M";
}

void TestKlineEventParser::streamNames()
{
    QFETCH(QString, symbol);
    QFETCH(QString, interval);
    QFETCH(QString, stream);
    const Interval i = *Intervals::parse(interval);
    QCOMPARE(KlineEventParser::streamName(symbol, i), stream);
    const auto id = KlineEventParser::parseStreamName(stream);
    QVERIFY(id.has_value());
    QCOMPARE(id->symbol, symbol);
    QCOMPARE(id->interval, i);
    QVERIFY(!KlineEventParser::parseStreamName(u"btcusdt@trade").has_value());
    QVERIFY(!KlineEventParser::parseStreamName(u"@kline_1m").has_value());
    QVERIFY(!KlineEventParser::parseStreamName(u"btc-usdt@kline_1m").has_value());
}

void TestKlineEventParser::parserIsReusable()
{
    // A bad frame must not poison the next one.
    KlineEventParser parser;
    QCOMPARE(parser.parse(QByteArrayView("{\"e\":")).kind, KlineEvent::Kind::Rejected);
    QCOMPARE(parser.parse(QByteArrayView(validEvent())).kind, KlineEvent::Kind::Kline);
    QByteArray big(2 << 20, ' ');
    QCOMPARE(parser.parse(QByteArrayView(big)).reason, QStringLiteral("frame too large"));
    QCOMPARE(parser.parse(QByteArrayView(validEvent())).kind, KlineEvent::Kind::Kline);
}

QTEST_GUILESS_MAIN(TestKlineEventParser)
#include "tst_klineeventparser.moc"
