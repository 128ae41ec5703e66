#include <binance/klinesparser.h>

#include <QTest>

using namespace Candlewick;

class tst_KlinesParser : public QObject
{
    Q_OBJECT

private slots:
    void officialRow();
    void longQuoteVolumesAreCarriedExactly();
    void parse_data();
    void parse();
    void reuseAfterFailure();
    void largePage();
};

namespace {

// The row of binance-api.md's official example, verbatim without the comments.
const QByteArray OfficialRow = R"([
  [
    1499040000000,
    "0.01634790",
    "0.80000000",
    "0.01575800",
    "0.01577100",
    "148976.11427815",
    1499644799999,
    "2434.19055334",
    308,
    "1756.87402397",
    "28.46694368",
    "0"
  ]
])";

QByteArray row(const QByteArray &fields)
{
    return "[[" + fields + "]]";
}

const QByteArray GoodFields
    = R"(1499040000000,"0.01634790","0.80000000","0.01575800","0.01577100","148976.11427815",1499644799999,"2434.19055334",308,"1756.87402397","28.46694368","0")";

} // namespace

void tst_KlinesParser::officialRow()
{
    KlinesParser parser;
    QVERIFY2(parser.parse(OfficialRow), qPrintable(parser.errorString()));
    QCOMPARE(parser.candles().size(), 1);
    const Candle &c = parser.candles().first();
    QCOMPARE(c.openTime, 1499040000000LL);
    QCOMPARE(c.open, 0.01634790);
    QCOMPARE(c.high, 0.80000000);
    QCOMPARE(c.low, 0.01575800);
    QCOMPARE(c.close, 0.01577100);
    QCOMPARE(c.volume, 148976.11427815);
    QCOMPARE(c.quoteVolume, 2434.19055334);
    QCOMPARE(c.trades, 308LL);
    QCOMPARE(c.takerBuyBase, 1756.87402397);
    QCOMPARE(c.takerBuyQuote, 28.46694368);
    QVERIFY(c.closed);
    QCOMPARE(parser.closeTimes(), QList<qint64>{1499644799999LL});
    QVERIFY(parser.errorString().isEmpty());
}

// Issue 12: a quote volume with more significant digits than a double holds (17 here; the
// double of "...77" prints as "...78") comes with its exact units of 1e-8; a short one does not.
void tst_KlinesParser::longQuoteVolumesAreCarriedExactly()
{
    KlinesParser parser;
    QVERIFY2(
        parser.parse(row(
            R"(1499040000000,"66312.40000000","66400.99000000","66200.00000000","66399.98000000","1859.21154000",1499040059999,"123456789.12345677",308,"929.60577000","61728394.56172839","0")")),
        qPrintable(parser.errorString()));
    const Candle &c = parser.candles().first();
    QCOMPARE(c.quoteVolume, 123456789.12345677);
    QCOMPARE(c.quoteVolumeE8, 12345678912345677LL);
    QCOMPARE(c.takerBuyQuoteE8, 6172839456172839LL);
    QVERIFY(parser.parse(OfficialRow));
    QCOMPARE(parser.candles().first().quoteVolumeE8, 0LL);
    QCOMPARE(parser.candles().first().takerBuyQuoteE8, 0LL);
}

void tst_KlinesParser::parse_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("count"); // -1: must fail
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("official") << OfficialRow << 1 << QString();
    QTest::newRow("empty array") << QByteArray("[]") << 0 << QString();
    QTest::newRow("empty array, whitespace") << QByteArray(" \n[ ]\n") << 0 << QString();
    QTest::newRow("two rows") << QByteArray("[[" + GoodFields + "],[" + GoodFields + "]]") << 2
                              << QString();
    QTest::newRow("extra field ignored") << row(GoodFields + ",\"x\"") << 1 << QString();
    QTest::newRow("numbers for prices accepted")
        << row(R"(1499040000000,0.5,0.8,0.4,0.6,10,1499644799999,5,3,1,0.5,"0")") << 1 << QString();
    QTest::newRow("huge but finite price") << row(
        R"(1499040000000,"123456789012345678901234567890.5","1e300","0.1","0.2","1",1499644799999,"1",1,"1","1","0")")
                                           << 1 << QString();

    // Wrong types.
    QTest::newRow("open time as string")
        << row(R"("1499040000000","0.1","0.2","0.05","0.1","1",1499644799999,"1",1,"1","1","0")")
        << -1 << QStringLiteral("open time");
    QTest::newRow("open time as float")
        << row(R"(1499040000000.5,"0.1","0.2","0.05","0.1","1",1499644799999,"1",1,"1","1","0")")
        << -1 << QStringLiteral("open time");
    QTest::newRow("price as bool")
        << row(R"(1499040000000,true,"0.2","0.05","0.1","1",1499644799999,"1",1,"1","1","0")") << -1
        << QStringLiteral("open");
    QTest::newRow("price as null")
        << row(R"(1499040000000,"0.1",null,"0.05","0.1","1",1499644799999,"1",1,"1","1","0")") << -1
        << QStringLiteral("high");
    QTest::newRow("price as object")
        << row(R"(1499040000000,"0.1","0.2",{"a":1},"0.1","1",1499644799999,"1",1,"1","1","0")")
        << -1 << QStringLiteral("low");
    QTest::newRow("price as array")
        << row(R"(1499040000000,"0.1","0.2","0.05",["0.1"],"1",1499644799999,"1",1,"1","1","0")")
        << -1 << QStringLiteral("close");
    QTest::newRow("trades as string")
        << row(R"(1499040000000,"0.1","0.2","0.05","0.1","1",1499644799999,"1","308","1","1","0")")
        << -1 << QStringLiteral("trades");
    QTest::newRow("close time as string")
        << row(R"(1499040000000,"0.1","0.2","0.05","0.1","1","1499644799999","1",1,"1","1","0")")
        << -1 << QStringLiteral("close time");
    QTest::newRow("price not a number")
        << row(R"(1499040000000,"abc","0.2","0.05","0.1","1",1499644799999,"1",1,"1","1","0")")
        << -1 << QStringLiteral("not a decimal number");
    QTest::newRow("price empty string")
        << row(R"(1499040000000,"","0.2","0.05","0.1","1",1499644799999,"1",1,"1","1","0")") << -1
        << QStringLiteral("not a decimal number");
    QTest::newRow("price with trailing junk")
        << row(R"(1499040000000,"0.1x","0.2","0.05","0.1","1",1499644799999,"1",1,"1","1","0")")
        << -1 << QStringLiteral("not a decimal number");
    QTest::newRow("row is an object")
        << QByteArray(R"([{"t":1}])") << -1 << QStringLiteral("not an array");
    QTest::newRow("row is a number") << QByteArray("[1,2]") << -1 << QStringLiteral("not an array");
    QTest::newRow("error body instead of rows")
        << QByteArray(R"({"code":-1121,"msg":"Invalid symbol."})") << -1 << QStringLiteral("array");

    // Missing fields.
    QTest::newRow("empty row") << QByteArray("[[]]") << -1 << QStringLiteral("0 fields");
    QTest::newRow("eleven fields")
        << row(R"(1499040000000,"0.1","0.2","0.05","0.1","1",1499644799999,"1",1,"1","1")") << -1
        << QStringLiteral("11 fields");
    QTest::newRow("one field") << row("1499040000000") << -1 << QStringLiteral("1 fields");

    // Truncated and garbage.
    QTest::newRow("truncated mid-row") << OfficialRow.left(60) << -1 << QString();
    QTest::newRow("truncated mid-string") << OfficialRow.left(30) << -1 << QString();
    QTest::newRow("truncated after the row")
        << QByteArray("[[" + GoodFields + "]") << -1 << QString();
    QTest::newRow("missing comma")
        << QByteArray("[[" + GoodFields + "][" + GoodFields + "]]") << -1 << QString();
    QTest::newRow("html") << QByteArray("<html><body>502 Bad Gateway</body></html>") << -1
                          << QString();
    QTest::newRow("empty body") << QByteArray() << -1 << QString();
    QTest::newRow("just a bracket") << QByteArray("[") << -1 << QString();
    QTest::newRow("trailing garbage") << QByteArray("[]x") << -1 << QString();
    QTest::newRow("two arrays") << QByteArray("[][]") << -1 << QString();
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe[[", 5) << -1 << QString();

    // Huge numbers.
    QTest::newRow("open time beyond int64") << row(
        R"(99999999999999999999,"0.1","0.2","0.05","0.1","1",1499644799999,"1",1,"1","1","0")")
                                            << -1 << QStringLiteral("open time");
    QTest::newRow("price beyond double")
        << row(R"(1499040000000,"1e400","0.2","0.05","0.1","1",1499644799999,"1",1,"1","1","0")")
        << -1 << QStringLiteral("out of range");
    // Times outside 2009 .. 2200 are refused before anything computes with them.
    QTest::newRow("1s open time near INT64_MAX") << row(
        R"(9223372036854775000,"0.1","0.2","0.05","0.1","1",9223372036854775807,"1",1,"1","1","0")")
                                                 << -1 << QStringLiteral("outside 2009-01-01");
    QTest::newRow("open time INT64_MIN") << row(
        R"(-9223372036854775808,"0.1","0.2","0.05","0.1","1",1499644799999,"1",1,"1","1","0")")
                                         << -1 << QStringLiteral("row 0: open time");
    QTest::newRow("open time 1970")
        << row(R"(0,"0.1","0.2","0.05","0.1","1",59999,"1",1,"1","1","0")") << -1
        << QStringLiteral("outside 2009-01-01");
    QTest::newRow("close time in 2200")
        << row(R"(1499040000000,"0.1","0.2","0.05","0.1","1",7258118400000,"1",1,"1","1","0")")
        << -1 << QStringLiteral("close time 7258118400000 outside");
    QTest::newRow("trades beyond int64") << row(
        R"(1499040000000,"0.1","0.2","0.05","0.1","1",1499644799999,"1",123456789012345678901234,"1","1","0")")
                                         << -1 << QStringLiteral("trades");
}

void tst_KlinesParser::parse()
{
    QFETCH(QByteArray, json);
    QFETCH(int, count);
    QFETCH(QString, errorPart);

    KlinesParser parser;
    const bool ok = parser.parse(json);
    if (count < 0) {
        QVERIFY(!ok);
        QVERIFY(!parser.errorString().isEmpty());
        QVERIFY(parser.candles().isEmpty());
        if (!errorPart.isEmpty())
            QVERIFY2(parser.errorString().contains(errorPart), qPrintable(parser.errorString()));
    } else {
        QVERIFY2(ok, qPrintable(parser.errorString()));
        QCOMPARE(parser.candles().size(), count);
        QCOMPARE(parser.closeTimes().size(), count);
    }
}

void tst_KlinesParser::reuseAfterFailure()
{
    KlinesParser parser;
    QVERIFY(parser.parse(OfficialRow));
    QVERIFY(!parser.parse("[[1,2"));
    QVERIFY(parser.candles().isEmpty());
    QVERIFY(parser.parse("[]"));
    QVERIFY(parser.errorString().isEmpty());
    QVERIFY(parser.candles().isEmpty());
    QVERIFY(parser.parse(OfficialRow));
    QCOMPARE(parser.takeCandles().size(), 1);
    QVERIFY(parser.candles().isEmpty());
}

void tst_KlinesParser::largePage()
{
    QByteArray json = "[";
    for (int i = 0; i < 1000; ++i) {
        if (i)
            json += ',';
        const qint64 open = 1700000000000LL + i * 60000LL;
        json += "[" + QByteArray::number(open)
            + R"(,"100.00000000","101.50000000","99.25000000","100.75000000","12.34567890",)"
            + QByteArray::number(open + 59999) + R"(,"1234.56789000",)" + QByteArray::number(i)
            + R"(,"6.00000000","600.00000000","0"])";
    }
    json += "]";
    KlinesParser parser;
    QVERIFY2(parser.parse(json), qPrintable(parser.errorString()));
    QCOMPARE(parser.candles().size(), 1000);
    QCOMPARE(parser.candles().at(999).openTime, 1700000000000LL + 999 * 60000LL);
    QCOMPARE(parser.candles().at(999).trades, 999LL);
    QCOMPARE(parser.closeTimes().at(999), 1700000000000LL + 999 * 60000LL + 59999);
    QCOMPARE(parser.candles().at(500).low, 99.25);
}

QTEST_GUILESS_MAIN(tst_KlinesParser)
#include "tst_klinesparser.moc"
