#include <candlecodec.h>
#include <decimalunits.h>

#include <QTest>

#include <bit>
#include <charconv>
#include <cmath>
#include <limits>
#include <random>

using namespace Candlewick;

namespace {

double parsed(std::string_view text)
{
    double v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    return v;
}

quint64 bitsOf(double v)
{
    return std::bit_cast<quint64>(v);
}

QByteArray written(qint64 units, int decimals, bool fixed)
{
    QByteArray out;
    DecimalUnits::append(out, units, decimals, fixed);
    return out;
}

} // namespace

// Decimals as integer units (issue 12): the conversions the store and the formats rely on.
class TestDecimalUnits : public QObject
{
    Q_OBJECT
private slots:
    void toUnits()
    {
        QCOMPARE(DecimalUnits::toUnits(0.1, 1), std::optional<qint64>(1));
        QCOMPARE(DecimalUnits::toUnits(0.1, 0), std::nullopt);
        QCOMPARE(DecimalUnits::toUnits(66312.4, 8), std::optional<qint64>(6631240000000));
        QCOMPARE(DecimalUnits::toUnits(-0.5, 1), std::optional<qint64>(-5));
        QCOMPARE(DecimalUnits::toUnits(1e300, 0), std::nullopt);
        QCOMPARE(DecimalUnits::toUnits(std::nan(""), 8), std::nullopt);
        QCOMPARE(DecimalUnits::toUnits(1.0, 19), std::nullopt);
        // Beyond 2^53 units: the shortest decimal of the double.
        QCOMPARE(DecimalUnits::toUnits(parsed("81234567890.12346"), 8),
                 std::optional<qint64>(8123456789012346000));
        // From 10^15 units on as well: 72146917.04328769 has the same double, 72146917.0432877
        // is the decimal it was read from.
        QCOMPARE(DecimalUnits::toUnits(parsed("72146917.0432877"), 8),
                 std::optional<qint64>(7214691704328770));
        QCOMPARE(DecimalUnits::toUnits(parsed("72146917.0432877"), 7),
                 std::optional<qint64>(721469170432877));
    }

    void decimalsOf()
    {
        QCOMPARE(DecimalUnits::decimalsOf(100), 0);
        QCOMPARE(DecimalUnits::decimalsOf(0.1), 1);
        QCOMPARE(DecimalUnits::decimalsOf(0.000000015), 9);
        QCOMPARE(DecimalUnits::decimalsOf(0.1 + 0.2), 17);
        QCOMPARE(DecimalUnits::decimalsOf(1e-30), -1);
        QCOMPARE(DecimalUnits::decimalsOf(-std::numeric_limits<double>::infinity()), -1);
    }

    void write()
    {
        QCOMPARE(written(6631240000000, 8, false), QByteArray("66312.4"));
        QCOMPARE(written(6631240000000, 8, true), QByteArray("66312.40000000"));
        QCOMPARE(written(-5, 1, false), QByteArray("-0.5"));
        QCOMPARE(written(0, 8, false), QByteArray("0"));
        QCOMPARE(written(7, 0, true), QByteArray("7"));
        QCOMPARE(written(std::numeric_limits<qint64>::min(), 0, false),
                 QByteArray("-9223372036854775808"));
        QCOMPARE(written(std::numeric_limits<qint64>::min(), 18, false),
                 QByteArray("-9.223372036854775808"));
    }

    void rescale()
    {
        QCOMPARE(DecimalUnits::rescale(1200, 2, 0), std::optional<qint64>(12));
        QCOMPARE(DecimalUnits::rescale(123, 2, 0), std::nullopt);
        QCOMPARE(DecimalUnits::rescale(1, 0, 18), std::optional<qint64>(1000000000000000000));
        QCOMPARE(DecimalUnits::rescale(10, 0, 18), std::nullopt);
        QCOMPARE(DecimalUnits::neededDecimals(6631240000000, 8), 1);
    }

    void quoteUnitsOf()
    {
        QCOMPARE(DecimalUnits::quoteUnitsOf("123456789.12345678"), 12345678912345678);
        QCOMPARE(DecimalUnits::quoteUnitsOf("-123456789.12345678"), -12345678912345678);
        QCOMPARE(DecimalUnits::quoteUnitsOf("81234567890.12345678"), 8123456789012345678);
        QCOMPARE(DecimalUnits::quoteUnitsOf("0001234567890.1234560"), 123456789012345600);
        QCOMPARE(DecimalUnits::quoteUnitsOf("2434.19055334"), 0); // a double holds it
        QCOMPARE(DecimalUnits::quoteUnitsOf("0.0000000000000000"), 0);
        QCOMPARE(DecimalUnits::quoteUnitsOf("1234567.123456789"), 0); // 9 decimals
        QCOMPARE(DecimalUnits::quoteUnitsOf("123456789012345.5e3"), 0);
        QCOMPARE(DecimalUnits::quoteUnitsOf("99999999999999999999.5"), 0); // beyond 64 bits
    }

    void exactQuote()
    {
        const double v = parsed("123456789.12345677");
        QCOMPARE(DecimalUnits::exactQuote(v, 12345678912345677),
                 std::optional<qint64>(12345678912345677));
        QCOMPARE(DecimalUnits::exactQuote(v + 1, 12345678912345677), std::nullopt); // stale
        QCOMPARE(DecimalUnits::exactQuote(v, 0), std::nullopt);
        QCOMPARE(DecimalUnits::quoteE8For(12345678912345677, 8), 12345678912345677);
        QCOMPARE(DecimalUnits::quoteE8For(1234567891234567, 7), 12345678912345670);
        QCOMPARE(DecimalUnits::quoteE8For(243419055334, 8), 0);
        QCOMPARE(DecimalUnits::quoteE8For(1, 9), 0);
    }

    // Any decimal of up to 8 decimals and 15 significant digits comes back as its double.
    void roundTrip()
    {
        std::mt19937_64 random(3);
        for (int i = 0; i < 100000; ++i) {
            const int decimals = int(random() % 9);
            const qint64 units = qint64(random() % 1000000000000000) - 500000000000000;
            const double v = DecimalUnits::toDouble(units, decimals);
            QCOMPARE(v, parsed(written(units, decimals, false).toStdString()));
            const auto back = DecimalUnits::toUnits(v, decimals);
            QVERIFY(back.has_value());
            QCOMPARE(*back, units);
        }
    }

    // Units beyond 2^53 (17-digit quote volumes) come back as the double nearest to the decimal,
    // as parsing its text gives, ties to even included (compared bit for bit: QCOMPARE of
    // doubles forgives a step).
    void toDoubleBeyond53Bits()
    {
        std::mt19937_64 random(5);
        for (int i = 0; i < 200000; ++i) {
            const int decimals = int(random() % (DecimalUnits::MaxDecimals + 1));
            const qint64 magnitude = qint64(random() >> (1 + random() % 11)) | (qint64(1) << 53);
            const qint64 units = random() % 2 ? -magnitude : magnitude;
            QCOMPARE(bitsOf(DecimalUnits::toDouble(units, decimals)),
                     bitsOf(parsed(written(units, decimals, false).toStdString())));
        }
        for (const qint64 base : {qint64(1) << 53, qint64(1) << 54, qint64(1) << 62,
                                  std::numeric_limits<qint64>::max() - 64}) {
            for (qint64 k = 0; k < 64; ++k) { // midpoints between doubles among them
                for (const int decimals : {0, 1, 8, 18})
                    QCOMPARE(bitsOf(DecimalUnits::toDouble(base + k, decimals)),
                             bitsOf(parsed(written(base + k, decimals, false).toStdString())));
            }
        }
        QCOMPARE(DecimalUnits::quoteE8For(999999999999999, 8), 0);
        QCOMPARE(DecimalUnits::quoteE8For(1234567891234567, 8), 1234567891234567);
    }

    // The eight values at an encoding's decimals, in the order both stores use; a quote value
    // from the exact units the candle carries.
    void codecUnitsOf()
    {
        Candle c;
        c.open = 66312.4;
        c.high = 66320.15;
        c.low = 66300;
        c.close = 66310.5;
        c.volume = 1.5;
        c.quoteVolume = parsed("123456789.12345677");
        c.quoteVolumeE8 = 12345678912345677;
        c.takerBuyBase = 0.75;
        c.takerBuyQuote = 49734.3;
        CandleCodec::Encoding e{0, 1, 2, 3, 8, false};
        std::array<qint64, 8> units{};
        QVERIFY(CandleCodec::unitsOf(e, c, units));
        const std::array<qint64, 8> expected{6631240, 6632015,           6630000, 6631050,
                                             1500,    12345678912345677, 750,     4973430000000};
        QCOMPARE(units, expected);
        e.priceDecimals = 1; // 66320.15 needs two
        QVERIFY(!CandleCodec::unitsOf(e, c, units));
        e.priceDecimals = 2;
        e.quoteDecimals = 7; // the exact quote needs eight
        QVERIFY(!CandleCodec::unitsOf(e, c, units));
    }

    // Bytes that are not an encoding (a damaged row) are refused, never read past.
    void codecRefusesBadBytes()
    {
        CandleCodec::Encoding e;
        Candle c;
        c.openTime = 1709251200000;
        c.open = c.high = c.low = c.close = 66312.4;
        c.volume = 1.5;
        c.quoteVolume = 99468.6;
        QVERIFY(CandleCodec::widen(e, Interval::M1, c));
        unsigned char data[CandleCodec::MaxBytes];
        const int size = CandleCodec::encode(e, c, data);
        QVERIFY(size > 0);
        Candle back;
        QVERIFY(CandleCodec::decode(e, data, size, back));
        back.openTime = c.openTime;
        QCOMPARE(back, c);
        for (int cut = 0; cut < size; ++cut)
            QVERIFY(!CandleCodec::decode(e, data, cut, back));
        const unsigned char endless[24]
            = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
               0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
        QVERIFY(!CandleCodec::decode(e, endless, int(sizeof endless), back));
        e.raw = true;
        QVERIFY(!CandleCodec::decode(e, data, 3, back));
    }
};

QTEST_GUILESS_MAIN(TestDecimalUnits)
#include "tst_decimalunits.moc"
