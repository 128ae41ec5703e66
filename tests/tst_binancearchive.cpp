#include <candlecodec.h>
#include <candleformat.h>
#include <decimalunits.h>
#include <binance/binancearchivearrival.h>
#include <binance/binancearchivechecksum.h>
#include <binance/binancearchivecsv.h>
#include <binance/binancearchiveplan.h>
#include <binance/binancearchivejob.h>
#include <binance/binancearchivereadahead.h>
#include <binance/binancearchivezip.h>
#include <binance/binanceexchange.h>
#include <binanceusdm/binanceusdmexchange.h>
#include <bulkhistory.h>
#include <bulkimportjob.h>
#include <candledatabase.h>
#include <candlestream.h>
#include <candlestore.h>
#include <exchange.h>
#include <exchangesession.h>
#include <fakebinancearchive.h>
#include <fakebinancerest.h>
#include <historycache.h>
#include <manualclock.h>

#include <QCryptographicHash>
#include <QtEndian>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <zip.h>

#include <bit>
#include <charconv>
#include <chrono>
#include <cstring>
#include <future>
#include <memory>
#include <random>

using namespace Candlewick;
using namespace Candlewick::Testing;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Day = 24 * 60 * Minute;
constexpr qint64 Dec2024 = 1733011200000; // 2024-12-01T00:00:00Z
constexpr qint64 Jan2025 = 1735689600000; // 2025-01-01T00:00:00Z
constexpr qint64 Feb2025 = 1738368000000; // 2025-02-01T00:00:00Z
constexpr qint64 Mar2025 = 1740787200000; // 2025-03-01T00:00:00Z
// "Now": 2025-03-10 12:00 UTC. January and February are published as months, March 1 .. 9 as
// days.
constexpr qint64 Now = Mar2025 + 9 * Day + 12 * 60 * Minute;

const char *const SpotPath = "spot/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2025-01.zip";

struct ImportResult
{
    bool ok = false;
    ProviderError error;
    BulkImportJob::Stats stats;
    QStringList failures;
    TimeRanges remaining;
    TimeRanges unpublished;
};

ImportResult runImport(BulkImportJob *job)
{
    ImportResult r;
    QObject::connect(job, &Job::result, [&r, job] {
        r.error = job->error();
        r.stats = job->stats();
        r.failures = job->failures();
        r.remaining = job->remaining();
        r.unpublished = job->unpublished();
    });
    r.ok = job->exec();
    return r;
}

// Fills `r` and sets `ended` when the job ends (started by the caller, who may step in while it
// runs).
void watchImport(BulkImportJob *job, QObject *context, ImportResult &r, bool &ended)
{
    QObject::connect(job, &Job::result, context, [&r, &ended, job] {
        r.ok = job->error().kind == ProviderError::Kind::None;
        r.error = job->error();
        r.stats = job->stats();
        r.failures = job->failures();
        r.remaining = job->remaining();
        r.unpublished = job->unpublished();
        ended = true;
    });
}

// How a test breaks January's file.
enum class Damage { Checksum, Truncated, MalformedRow, Dropped };

// Publishes `name` damaged so (a malformed row at `line`; a download that stops is the test's
// to cause, once it is under way).
void publishDamaged(FakeBinanceArchive &archive, const QString &name, Damage damage, int line)
{
    switch (damage) {
    case Damage::Checksum:
        archive.setCorruptChecksum(name);
        break;
    case Damage::Truncated:
        archive.setTruncated(name);
        break;
    case Damage::MalformedRow:
        archive.setMalformedRow(name, line);
        break;
    case Damage::Dropped:
        break;
    }
}

// An import of December 2024 to February 2025 whose January file failed: the other months are
// stored and covered, nothing of January, which remains to fetch.
void januaryAlone(const CandleStore &store, const SeriesKey &key, const ImportResult &r)
{
    QCOMPARE(store.count(key, {Jan2025, Feb2025}), 0);
    QCOMPARE(store.count(key, {Dec2024, Jan2025}), 31 * 24 * 60);
    QCOMPARE(store.count(key, {Feb2025, Mar2025}), 28 * 24 * 60);
    QCOMPARE(store.coverage(key), (TimeRanges{{Dec2024, Jan2025}, {Feb2025, Mar2025}}));
    QCOMPARE(r.remaining, (TimeRanges{{Jan2025, Feb2025}}));
}

CandleBatch parseAll(const QByteArray &csv, TimeRange range, QString *error = nullptr,
                     qsizetype chunk = 0)
{
    BinanceArchiveCsv parser(Interval::M1, range);
    CandleBatch all;
    bool ok = true;
    if (chunk <= 0) {
        ok = parser.feed(csv);
    } else {
        for (qsizetype i = 0; ok && i < csv.size(); i += chunk)
            ok = parser.feed(QByteArrayView(csv).sliced(i, std::min(chunk, csv.size() - i)));
    }
    ok = ok && parser.finish();
    if (error)
        *error = parser.errorString();
    all = parser.takeCandles();
    return ok ? all : CandleBatch();
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

// A zip at `path` with `csv` as its one entry, stored (method 0) rather than deflated.
void writeStoredZip(const QString &path, const QByteArray &csv)
{
    int code = 0;
    zip_t *archive
        = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    QVERIFY(archive);
    zip_source_t *entry = zip_source_buffer(archive, csv.constData(), zip_uint64_t(csv.size()), 0);
    QCOMPARE(zip_file_add(archive, "stored.csv", entry, 0), 0);
    QCOMPARE(zip_set_file_compression(archive, 0, ZIP_CM_STORE, 0), 0);
    QCOMPARE(zip_close(archive), 0);
}

// The CSV in `zip` (opened already), read 4 KiB at a time; empty, with the reason in `error`,
// when it fails.
QByteArray readOpenZip(BinanceArchiveZip &zip, bool opened, QString *error)
{
    QByteArray all;
    char buffer[4096];
    qint64 n = -1;
    if (opened) {
        while ((n = zip.read(buffer, sizeof buffer)) > 0)
            all.append(buffer, n);
    }
    if (error)
        *error = zip.errorString();
    return n == 0 ? all : QByteArray();
}

// The CSV in the zip at `path` (see readOpenZip()).
QByteArray readZip(const QString &path, QString *error = nullptr)
{
    BinanceArchiveZip zip;
    return readOpenZip(zip, zip.open(path), error);
}

// The CSV in the zip `bytes` held in memory, in three parts as a download arrives.
QByteArray readZipInMemory(const QByteArray &bytes, QString *error = nullptr)
{
    const qsizetype third = bytes.size() / 3;
    BinanceArchiveZip zip;
    const bool opened = zip.open(
        QList<QByteArray>{bytes.first(third), bytes.sliced(third, third), bytes.sliced(2 * third)});
    return readOpenZip(zip, opened, error);
}

// A row of the form Binance writes from 2025 on (times in µs) for the minute at `openTime` (ms),
// its 11 fields without the 12th.
QByteArray usualRow(qint64 openTime)
{
    return QByteArray::number(openTime * 1000)
        + ",16541.77000000,16545.70000000,16508.39000000,16529.67000000,4364.83570000,"
        + QByteArray::number(openTime * 1000 + Minute * 1000 - 1)
        + ",7214691.04328770,120,2170.93910000,3588831.40512543";
}

} // namespace

// Binance's public archive: the plan of files, the CSV (ms / µs / header / validation), the
// checksum, the zip, and the import job against FakeBinanceArchive into a real SQLite file.
class TestBinanceArchive : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ManualClock m_clock{Now};
    std::unique_ptr<FakeBinanceRest> m_rest;
    std::unique_ptr<FakeBinanceArchive> m_archive;
    int m_dbCount = 0;

    // An archive of its own, with BTCUSDT listed, for a test that breaks some of its files.
    struct OwnArchive
    {
        OwnArchive(Clock *clock, FakeBinanceRest::Dialect dialect)
            : rest(clock)
        {
            rest.setDialect(dialect);
            rest.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                           1500000000000);
        }
        bool listen() { return rest.listen() && archive.listen(); }
        FakeBinanceRest rest;
        FakeBinanceArchive archive{&rest};
    };

    std::shared_ptr<CandleDatabase> newDatabase()
    {
        QString error;
        auto db
            = CandleDatabase::open(m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_dbCount)),
                                   CandleDatabase::Access::ReadWrite, &error);
        if (!db)
            qFatal("cannot open the database: %s", qPrintable(error));
        return db;
    }
    std::unique_ptr<ExchangeSession> session(const Exchange &exchange, QUrl archiveUrl = {})
    {
        Endpoints endpoints;
        endpoints.restUrl = m_rest->baseUrl();
        endpoints.archiveUrl = archiveUrl.isEmpty() ? m_archive->baseUrl() : archiveUrl;
        return std::unique_ptr<ExchangeSession>(
            exchange.createSession(exchange, endpoints, &m_clock, nullptr));
    }
    SeriesKey spotKey(const char *symbol = "BTCUSDT") const
    {
        return {QStringLiteral("binance"), QString::fromLatin1(symbol), Interval::M1};
    }
    // An import of spotKey() over `range` from `archive` into a new database, started: the test
    // steps in while it runs (`ended` once its result is in `r`).
    struct StartedImport
    {
        std::shared_ptr<CandleDatabase> db;
        std::unique_ptr<ExchangeSession> session;
        BulkImportJob *job = nullptr;
        ImportResult r;
        bool ended = false;
    };
    std::unique_ptr<StartedImport> startImport(const FakeBinanceArchive &archive, TimeRange range)
    {
        auto import = std::make_unique<StartedImport>();
        import->db = newDatabase();
        import->session = session(Binance::spot(), archive.baseUrl());
        import->job = import->session->bulkHistory()->importRange(spotKey(), range, import->db);
        watchImport(import->job, this, import->r, import->ended);
        import->job->start();
        return import;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_rest = std::make_unique<FakeBinanceRest>(&m_clock);
        m_rest->addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                          1500000000000);
        // Listed in the middle of January 2025: a partial month.
        m_rest->addSymbol(QStringLiteral("NEWUSDT"), QStringLiteral("NEW"), QStringLiteral("USDT"),
                          Jan2025 + 15 * Day + 7 * 60 * Minute);
        QVERIFY(m_rest->listen());
        m_archive = std::make_unique<FakeBinanceArchive>(m_rest.get());
        QVERIFY(m_archive->listen());
    }

    void planMonthsDaysAndEdges()
    {
        // 2024-12-15 06:00 .. now: Dec 16 .. 31 as days, Jan and Feb as months, Mar 1 .. 9 as
        // days; the morning of Dec 15 and today to REST.
        const qint64 from = Dec2024 + 14 * Day + 6 * 60 * Minute;
        const BinanceArchivePlan plan
            = BinanceArchivePlan::make(QStringLiteral("BTCUSDT"), Interval::M1, {{from, Now}}, Now);
        QCOMPARE(plan.files.size(), 16 + 2 + 9);
        QCOMPARE(plan.files.first().fileName(), QStringLiteral("BTCUSDT-1m-2024-12-16.zip"));
        QCOMPARE(plan.files.at(16).fileName(), QStringLiteral("BTCUSDT-1m-2025-01.zip"));
        QVERIFY(plan.files.at(16).monthly);
        QCOMPARE(plan.files.at(17).range, (TimeRange{Feb2025, Mar2025}));
        QCOMPARE(plan.files.last().fileName(), QStringLiteral("BTCUSDT-1m-2025-03-09.zip"));
        const TimeRanges left{{from, Dec2024 + 15 * Day}, {Mar2025 + 9 * Day, Now}};
        QCOMPARE(plan.unpublished, left);
        // Files follow each other without a hole.
        for (qsizetype i = 1; i < plan.files.size(); ++i)
            QCOMPARE(plan.files.at(i).range.from, plan.files.at(i - 1).range.to);
        // 3d and 1w have no files: REST whole.
        const BinanceArchivePlan weekly
            = BinanceArchivePlan::make(QStringLiteral("BTCUSDT"), Interval::W1, {{from, Now}}, Now);
        QVERIFY(weekly.files.isEmpty());
        QCOMPARE(weekly.unpublished, (TimeRanges{{from, Now}}));
        // 1M has monthly files only: January and February; December's part and March to REST.
        const BinanceArchivePlan monthly = BinanceArchivePlan::make(
            QStringLiteral("BTCUSDT"), Interval::Mon1, {{from, Now}}, Now);
        QCOMPARE(monthly.files.size(), 2);
        QCOMPARE(monthly.files.first().fileName(), QStringLiteral("BTCUSDT-1mo-2025-01.zip"));
        QVERIFY(monthly.files.first().monthly);
        QCOMPARE(monthly.files.last().range, (TimeRange{Feb2025, Mar2025}));
        QCOMPARE(monthly.unpublished, (TimeRanges{{from, Jan2025}, {Mar2025, Now}}));
    }

    void fileNamesAndUrls()
    {
        const auto month
            = BinanceArchiveFile::fromFileName(QStringLiteral("BTCUSDT-1s-2025-02.zip"));
        QVERIFY(month);
        QVERIFY(month->monthly);
        QCOMPARE(month->interval, Interval::S1);
        QCOMPARE(month->range, (TimeRange{Feb2025, Mar2025}));
        QCOMPARE(month->url(QUrl(QStringLiteral("https://data.binance.vision")),
                            QStringLiteral("data/futures/um")),
                 QUrl(QStringLiteral("https://data.binance.vision/data/futures/um/monthly/klines/"
                                     "BTCUSDT/1s/BTCUSDT-1s-2025-02.zip")));
        const auto day
            = BinanceArchiveFile::fromFileName(QStringLiteral("ETHBTC-1h-2024-02-29.zip"));
        QVERIFY(day);
        QVERIFY(!day->monthly);
        QCOMPARE(day->range.to - day->range.from, Day);
        QVERIFY(!BinanceArchiveFile::fromFileName(QStringLiteral("ETHBTC-1h-2023-02-29.zip")));
        QVERIFY(!BinanceArchiveFile::fromFileName(QStringLiteral("ETHBTC-1w-2024-02.zip")));
        const auto oneMonth
            = BinanceArchiveFile::fromFileName(QStringLiteral("ETHBTC-1mo-2024-02.zip"));
        QVERIFY(oneMonth);
        QCOMPARE(oneMonth->interval, Interval::Mon1);
        QVERIFY(oneMonth->monthly);
        QCOMPARE(oneMonth->fileName(), QStringLiteral("ETHBTC-1mo-2024-02.zip"));
        QCOMPARE(oneMonth->url(QUrl(QStringLiteral("https://data.binance.vision")),
                               QStringLiteral("data/spot")),
                 QUrl(QStringLiteral("https://data.binance.vision/data/spot/monthly/klines/"
                                     "ETHBTC/1mo/ETHBTC-1mo-2024-02.zip")));
        QVERIFY(!BinanceArchiveFile::fromFileName(QStringLiteral("ETHBTC-1mo-2024-02-03.zip")));
        QVERIFY(!BinanceArchiveFile::fromFileName(QStringLiteral("notes.zip")));
    }

    void csvMillisecondsMicrosecondsAndHeader()
    {
        // December 2024 (ms) and January 2025 (µs) of spot, January 2025 of USD-M (header, ms).
        const QByteArray ms = m_archive->csv(
            QStringLiteral("spot/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2024-12.zip"));
        const QByteArray us = m_archive->csv(QString::fromLatin1(SpotPath));
        const QByteArray futures = m_archive->csv(
            QStringLiteral("futures/um/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2025-01.zip"));
        QVERIFY(ms.startsWith("1733011200000,"));
        QVERIFY(us.startsWith("1735689600000000,")); // 16 digits
        QVERIFY(futures.startsWith("open_time,"));

        const CandleBatch december = parseAll(ms, {Dec2024, Jan2025});
        QCOMPARE(december,
                 m_rest->groundTruth(QStringLiteral("BTCUSDT"), Interval::M1, {Dec2024, Jan2025}));
        const CandleBatch truth
            = m_rest->groundTruth(QStringLiteral("BTCUSDT"), Interval::M1, {Jan2025, Feb2025});
        QCOMPARE(truth.size(), 31 * 24 * 60);
        QCOMPARE(parseAll(us, {Jan2025, Feb2025}), truth);
        QCOMPARE(parseAll(futures, {Jan2025, Feb2025}), truth);
        // Fed in odd chunks (lines cut anywhere), with CRLF line ends: the same candles.
        QByteArray crlf = us;
        crlf.replace("\n", "\r\n");
        QCOMPARE(parseAll(crlf, {Jan2025, Feb2025}, nullptr, 777), truth);
        // Without the last newline.
        QCOMPARE(parseAll(us.chopped(1), {Jan2025, Feb2025}), truth);
    }

    // Quote volumes of more digits than a double holds come out exactly as the file has them.
    void csvExactQuoteVolumes()
    {
        const QByteArray row = "1735689600000000,66312.40000000,66400.99000000,66200.00000000,"
                               "66399.98000000,1225043.26000000,1735689659999999,"
                               "81234567890.12345678,7,612521.63000000,40617283945.06172839,0\n";
        QString error;
        const CandleBatch candles = parseAll(row, {Jan2025, Feb2025}, &error);
        QVERIFY2(candles.size() == 1, qPrintable(error));
        QCOMPARE(candles.first().quoteVolumeE8, 8123456789012345678LL);
        QCOMPARE(candles.first().takerBuyQuoteE8, 4061728394506172839LL);
        QByteArray exported;
        CandleFormat::appendJsonLine(exported, QStringLiteral("BTCUSDT"), candles.first());
        QVERIFY2(exported.contains("81234567890.12345678"), exported.constData());
    }

    // Rows of every form a number may take: the doubles are std::from_chars's bit for bit, and
    // the values read as integers (CandleCodec::ExactValues, what the import encodes from)
    // encode to the bytes the doubles do.
    void csvExactValuesEncodeLikeTheDoubles_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<bool>("exact");
        QTest::newRow("eight decimals, 16-digit quote")
            << QByteArray("16541.77000000,16545.70000000,16508.39000000,16529.67000000,"
                          "4364.83570000,72146917.04328770,2170.93910000,35888313.40512543")
            << true;
        QTest::newRow("fewer decimals (USD-M)")
            << QByteArray("16541.7,16545.70,16508.3,16529.67,4364.835,72146917.0432877,"
                          "2170.939,35888313.405125")
            << true;
        QTest::newRow("other plain forms")
            << QByteArray("5.,6,.5,5.00000000,0.00000000,0,0.0,.0") << true;
        QTest::newRow("leading zeros")
            << QByteArray("00016541.77000000,016545.7,16508.39,16529.67,0004364.8357,"
                          "072146917.0432877,2170.9391,35888313.40512543")
            << true;
        QTest::newRow("17-digit quote, beyond 2^53 units")
            << QByteArray("1.5,2,1,1.5,10,123456789.12345678,5,98765432.10987654") << true;
        QTest::newRow("many decimals")
            << QByteArray("0.000000000012,0.000000000013,0.000000000011,0.000000000012,"
                          "123.000000000001,1.5,0.00000001,0.99999999")
            << true;
        QTest::newRow("19-digit quote")
            << QByteArray("1.5,2,1,1.5,10,81234567890.12345678,5,6") << false;
        QTest::newRow("16-digit price")
            << QByteArray("1234567.123456789,1234567.123456789,1234567.123456789,"
                          "1234567.123456789,1,2,0.5,1")
            << false;
        QTest::newRow("exponent") << QByteArray("1.5,2,1,1.5,1e-5,2,0.5,1") << false;
    }

    void csvExactValuesEncodeLikeTheDoubles()
    {
        QFETCH(QByteArray, row);
        QFETCH(bool, exact);
        const QList<QByteArray> values = row.split(',');
        QCOMPARE(values.size(), 8);
        // open, high, low, close, volume, open time 2, quote volume, trades, taker base and
        // quote, ignore.
        const QByteArray line = "1735689600000," + values.mid(0, 5).join(',') + ",1735689659999,"
            + values.at(5) + ",7," + values.at(6) + ',' + values.at(7) + ",0\n";
        BinanceArchiveCsv parser(Interval::M1, {Jan2025, Feb2025});
        QVERIFY2(parser.feed(line) && parser.finish(), qPrintable(parser.errorString()));
        std::vector<CandleCodec::ExactValues> read;
        const CandleBatch candles = parser.takeCandles(&read);
        QCOMPARE(candles.size(), 1);
        QCOMPARE(read.size(), size_t(1));
        QCOMPARE(read.front().exact, exact);
        const Candle &c = candles.first();
        const double doubles[8] = {c.open,   c.high,        c.low,          c.close,
                                   c.volume, c.quoteVolume, c.takerBuyBase, c.takerBuyQuote};
        for (int i = 0; i < 8; ++i) {
            double expected = 0;
            const QByteArray &text = values.at(i);
            std::from_chars(text.constData(), text.constData() + text.size(), expected);
            QVERIFY2(std::bit_cast<quint64>(doubles[i]) == std::bit_cast<quint64>(expected),
                     text.constData());
        }
        QCOMPARE(c.quoteVolumeE8,
                 DecimalUnits::quoteUnitsOf(std::string_view(values.at(5).constData())));
        QCOMPARE(c.takerBuyQuoteE8,
                 DecimalUnits::quoteUnitsOf(std::string_view(values.at(7).constData())));
        // Under the encoding that just holds the candle and under wider ones.
        CandleCodec::Encoding e;
        QVERIFY(CandleCodec::widen(e, Interval::M1, c));
        for (int wider = 0; wider <= 3; wider += 3) {
            CandleCodec::Encoding w = e;
            w.priceDecimals = qMin(w.priceDecimals + wider, DecimalUnits::MaxDecimals);
            w.volumeDecimals = qMin(w.volumeDecimals + wider, DecimalUnits::MaxDecimals);
            w.quoteDecimals = qMin(w.quoteDecimals + wider, DecimalUnits::MaxDecimals);
            unsigned char fromDoubles[CandleCodec::MaxBytes];
            unsigned char fromIntegers[CandleCodec::MaxBytes];
            const int size = CandleCodec::encode(w, c, fromDoubles);
            QCOMPARE(CandleCodec::encodeExact(w, c, read.front(), fromIntegers), size);
            QVERIFY(size < 0 || std::memcmp(fromDoubles, fromIntegers, size_t(size)) == 0);
        }
        // Narrower than a value needs: neither encodes it.
        if (exact && e.priceDecimals > 0) {
            CandleCodec::Encoding narrow = e;
            --narrow.priceDecimals;
            unsigned char data[CandleCodec::MaxBytes];
            QCOMPARE(CandleCodec::encodeExact(narrow, c, read.front(), data), -1);
            QCOMPARE(CandleCodec::encode(narrow, c, data), -1);
        }
        // Without the exact values kept (a store that encodes the candles itself): the same
        // candle, no values.
        BinanceArchiveCsv withoutExact(Interval::M1, {Jan2025, Feb2025}, false);
        QVERIFY(withoutExact.feed(line) && withoutExact.finish());
        std::vector<CandleCodec::ExactValues> none(1);
        const CandleBatch same = withoutExact.takeCandles(&none);
        QCOMPARE(same, candles);
        QCOMPARE(same.first().quoteVolumeE8, c.quoteVolumeE8);
        QCOMPARE(same.first().takerBuyQuoteE8, c.takerBuyQuoteE8);
        QVERIFY(none.empty());
    }

    // Rows of the form Binance writes (the import's usual path): every value as std::from_chars
    // reads it, bit for bit, and its exact units; the same rows with one field in another form
    // of the same value (read by the general path: each field in turn) and the rows fed a byte
    // at a time or in small chunks give the same candles and values.
    void csvUsualRowsReadLikeTheGeneralPath()
    {
        std::mt19937_64 random(12);
        const auto digits = [&random](int count) {
            QByteArray text;
            for (int i = 0; i < count; ++i)
                text += char('0' + random() % 10);
            return text;
        };
        QList<QList<QByteArray>> rows;
        for (int i = 0; i < 600; ++i) {
            QList<QByteArray> fields;
            const qint64 open = Jan2025 + i * Minute;
            const bool micros = i % 2 == 0;
            fields << (micros ? QByteArray::number(open * 1000) : QByteArray::number(open));
            for (int v = 0; v < 8; ++v) {
                // 1 .. 7 digits, then 8 decimals ending in 0 .. 8 zeros.
                const int zeros = int(random() % 9);
                QByteArray value = QByteArray::number(1 + qint64(random() % 9))
                    + digits(int(random() % 7)) + '.' + digits(8 - zeros) + QByteArray(zeros, '0');
                if (v == 4 && i % 7 == 0)
                    value = "0.00000000"; // no volume
                fields << value;
                if (v == 4) {
                    const qint64 close = open + Minute - 1;
                    fields << (micros ? QByteArray::number(close * 1000 + 999)
                                      : QByteArray::number(close));
                } else if (v == 5) {
                    fields << QByteArray::number(1 + qint64(random() % 9))
                            + digits(int(random() % 7));
                }
            }
            // High and low that hold the other prices, so every candle is kept.
            fields[2] = "9999999.99999999";
            fields[3] = "0.00000001";
            rows << fields;
        }
        const auto text = [&rows](int otherForm) {
            QByteArray csv;
            for (qsizetype i = 0; i < rows.size(); ++i) {
                QList<QByteArray> fields = rows.at(i);
                const int f = int(i % 11);
                if (otherForm && (f == 0 || f == 6 || f == 8))
                    fields[f] = QByteArray(17 - fields[f].size(), '0') + fields[f]; // 17 digits
                else if (otherForm)
                    fields[f] += '0'; // a ninth decimal
                csv += fields.join(',') + ",0\n";
            }
            return csv;
        };
        const auto parse = [](const QByteArray &csv, qsizetype chunk,
                              std::vector<CandleCodec::ExactValues> &exact) {
            BinanceArchiveCsv parser(Interval::M1, {Jan2025, Feb2025});
            bool ok = true;
            for (qsizetype i = 0; ok && i < csv.size(); i += chunk)
                ok = parser.feed(QByteArrayView(csv).sliced(i, std::min(chunk, csv.size() - i)));
            if (!ok || !parser.finish())
                qWarning("%s", qPrintable(parser.errorString()));
            return parser.takeCandles(&exact);
        };
        std::vector<CandleCodec::ExactValues> exact;
        const CandleBatch candles = parse(text(0), text(0).size(), exact);
        QCOMPARE(candles.size(), rows.size());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const Candle &c = candles.at(i);
            const QList<QByteArray> &fields = rows.at(i);
            QCOMPARE(c.openTime, Jan2025 + i * Minute);
            QCOMPARE(c.trades, fields.at(8).toLongLong());
            const double values[8] = {c.open,   c.high,        c.low,          c.close,
                                      c.volume, c.quoteVolume, c.takerBuyBase, c.takerBuyQuote};
            const int columns[8] = {1, 2, 3, 4, 5, 7, 9, 10};
            for (int v = 0; v < 8; ++v) {
                const QByteArray &field = fields.at(columns[v]);
                double expected = 0;
                std::from_chars(field.constData(), field.constData() + field.size(), expected);
                QVERIFY2(std::bit_cast<quint64>(values[v]) == std::bit_cast<quint64>(expected),
                         field.constData());
                // The units: the digits without the point and the trailing zeros.
                QByteArray units = QByteArray(field).replace('.', "");
                int decimals = 8;
                while (decimals > 0 && units.endsWith('0')) {
                    units.chop(1);
                    --decimals;
                }
                QCOMPARE(exact[size_t(i)].units[size_t(v)], units.toLongLong());
                QCOMPARE(int(exact[size_t(i)].decimals[size_t(v)]), decimals);
            }
            QVERIFY(exact[size_t(i)].exact);
        }
        // Also in chunks about the AVX2 path's window (192 bytes and 16 for a field's read):
        // the rows close to a chunk's end are read by the SSSE3 path or the general one.
        for (const auto &[otherForm, chunk] :
             {std::pair(1, qsizetype(1 << 20)), std::pair(0, qsizetype(1)),
              std::pair(0, qsizetype(200)), std::pair(0, qsizetype(208)),
              std::pair(0, qsizetype(333))}) {
            std::vector<CandleCodec::ExactValues> again;
            const CandleBatch same = parse(text(otherForm), chunk, again);
            QCOMPARE(same, candles);
            QCOMPARE(again.size(), exact.size());
            for (size_t i = 0; i < exact.size(); ++i) {
                QVERIFY(again[i].units == exact[i].units);
                QVERIFY(again[i].decimals == exact[i].decimals);
                QCOMPARE(again[i].exact, exact[i].exact);
            }
        }
    }

    // Rows close to the form Binance writes, each with one field or its end otherwise: the
    // vector paths (AVX2, SSSE3) read them as the general path does, or hand them to it. Read
    // whole (a row with room for the AVX2 path's window after it), in chunks of 200 bytes (under
    // that window: the SSSE3 path's) and a byte at a time (the general path's alone).
    void csvNearlyUsualRowsReadAlike_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("usual") << 1 << QByteArray("16541.77000000");
        QTest::newRow("seven digits before the point") << 1 << QByteArray("1654177.00000000");
        QTest::newRow("eight digits before the point") << 1 << QByteArray("16541771.00000000");
        QTest::newRow("nine decimals") << 3 << QByteArray("16508.390000000");
        QTest::newRow("seven decimals") << 4 << QByteArray("16529.6700000");
        QTest::newRow("no point") << 5 << QByteArray("4364");
        QTest::newRow("point, no decimals") << 5 << QByteArray("4364.");
        QTest::newRow("no digit before the point") << 5 << QByteArray(".83570000");
        QTest::newRow("negative") << 5 << QByteArray("-4364.83570000");
        QTest::newRow("plus sign") << 5 << QByteArray("+4364.83570000");
        QTest::newRow("exponent") << 7 << QByteArray("7.214691043e6");
        QTest::newRow("space") << 7 << QByteArray("7214691 .04328770");
        QTest::newRow("two points") << 9 << QByteArray("2170.939.1000000");
        QTest::newRow("empty decimal") << 10 << QByteArray();
        QTest::newRow("17-digit open time") << 0 << QByteArray("01735689600000000");
        QTest::newRow("8-digit close time") << 6 << QByteArray("17356896");
        QTest::newRow("16-digit trades") << 8 << QByteArray("0000000000000120");
        QTest::newRow("15-digit trades") << 8 << QByteArray("000000000000120");
        QTest::newRow("empty trades") << 8 << QByteArray();
        QTest::newRow("trades with a point") << 8 << QByteArray("120.0");
        QTest::newRow("11 fields") << 11 << QByteArray();
        QTest::newRow("empty 12th field") << 11 << QByteArray(",");
        QTest::newRow("more fields") << 11 << QByteArray(",0,1,2");
        QTest::newRow("CRLF") << 11 << QByteArray(",0\r");
    }

    void csvNearlyUsualRowsReadAlike()
    {
        QFETCH(int, field);
        QFETCH(QByteArray, text);
        // The row in question (field 11: its end after the 11th field) between usual ones.
        QList<QByteArray> fields = usualRow(Jan2025 + Minute).split(',');
        if (field < 11)
            fields[field] = text;
        QByteArray csv
            = usualRow(Jan2025) + ",0\n" + fields.join(',') + (field < 11 ? ",0" : text) + '\n';
        for (int i = 2; i < 6; ++i)
            csv += usualRow(Jan2025 + i * Minute) + ",0\n";
        struct Read
        {
            bool ok = false;
            QString error;
            qint64 rows = 0;
            qint64 rejected = 0;
            CandleBatch candles;
            std::vector<CandleCodec::ExactValues> exact;
        };
        const auto read = [&csv](qsizetype chunk) {
            BinanceArchiveCsv parser(Interval::M1, {Jan2025, Feb2025});
            Read out;
            out.ok = true;
            for (qsizetype i = 0; out.ok && i < csv.size(); i += chunk)
                out.ok
                    = parser.feed(QByteArrayView(csv).sliced(i, std::min(chunk, csv.size() - i)));
            out.ok = out.ok && parser.finish();
            out.error = parser.errorString();
            out.rows = parser.rows();
            out.rejected = parser.rejected();
            out.candles = parser.takeCandles(&out.exact);
            return out;
        };
        const Read general = read(1);
        if (field == 1 && text == "16541.77000000") {
            QVERIFY(general.ok);
            QCOMPARE(general.candles.size(), 6);
        }
        for (const qsizetype chunk : {csv.size(), qsizetype(200)}) {
            const Read fast = read(chunk);
            QCOMPARE(fast.ok, general.ok);
            QCOMPARE(fast.error, general.error);
            QCOMPARE(fast.rows, general.rows);
            QCOMPARE(fast.rejected, general.rejected);
            QCOMPARE(fast.candles, general.candles);
            QCOMPARE(fast.exact.size(), general.exact.size());
            for (size_t i = 0; i < fast.exact.size(); ++i) {
                QVERIFY(fast.exact[i].units == general.exact[i].units);
                QVERIFY(fast.exact[i].decimals == general.exact[i].decimals);
                QCOMPARE(fast.exact[i].exact, general.exact[i].exact);
            }
            for (qsizetype i = 0; i < fast.candles.size(); ++i) {
                QCOMPARE(fast.candles.at(i).quoteVolumeE8, general.candles.at(i).quoteVolumeE8);
                QCOMPARE(fast.candles.at(i).takerBuyQuoteE8, general.candles.at(i).takerBuyQuoteE8);
            }
        }
    }

    void csvBadRows_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("error");
        const QByteArray good = "1735689600000,1.0,2.0,0.5,1.5,10.0,1735689659999,15.0,3,4.0,6.0,0";
        QTest::newRow("few fields") << QByteArray("1735689600000,1.0,2.0") << "3 fields";
        // Too few fields is what a short row is told, even with a field that is not a number.
        QTest::newRow("few fields, one not a number")
            << QByteArray("1735689600000,x,2.0") << "3 fields, expected 12";
        QTest::newRow("open price")
            << QByteArray(good).replace(",1.0,", ",1.0x,") << "field 1 is not a decimal number";
        QTest::newRow("not a number") << QByteArray(good).replace("2.0", "x.0") << "field 2";
        QTest::newRow("11 fields") << QByteArray(good).chopped(2) << "11 fields, expected 12";
        QTest::newRow("open time") << QByteArray(good).replace("1735689600000,", "17356896e5,")
                                   << "open time is not an integer";
        QTest::newRow("close time")
            << QByteArray(good).replace("1735689659999", "-") << "close time is not an integer";
        QTest::newRow("quote volume") << QByteArray(good).replace("15.0", "15.0.1") << "field 7";
        QTest::newRow("trades") << QByteArray(good).replace(",3,", ",3.5,") << "field 8 (trades)";
        QTest::newRow("taker quote")
            << QByteArray(good).replace("6.0", "6.0e") << "fields 9 and 10";
        QTest::newRow("absurd time")
            << QByteArray(good).replace("1735689600000,", "99999,") << "open time";
        QTest::newRow("outside the file")
            << QByteArray(good).replace("1735689600000,", "1738368000000,") << "outside";
        // A row of the form Binance writes with one field not a number: read by the usual path
        // up to it, then named by the general one.
        const QByteArray usual = usualRow(Jan2025) + ",0";
        const char *const errors[11] = {"open time is not an integer",
                                        "field 1 is not",
                                        "field 2 is not",
                                        "field 3 is not",
                                        "field 4 is not",
                                        "field 5 is not",
                                        "close time is not an integer",
                                        "field 7 is not",
                                        "field 8 (trades)",
                                        "fields 9 and 10",
                                        "fields 9 and 10"};
        for (int f = 0; f < 11; ++f) {
            QList<QByteArray> fields = usual.split(',');
            fields[f][1] = 'x';
            QTest::addRow("usual row, field %d", f) << fields.join(',') << errors[f];
        }
        QTest::newRow("header later") << QByteArray(good + "\nopen_time,open") << "line 2";
        QTest::newRow("out of order") << QByteArray(good + '\n' + good) << "line 2";
    }

    void csvBadRows()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, error);
        QString why;
        QVERIFY(parseAll(row, {Jan2025, Feb2025}, &why).isEmpty());
        QVERIFY2(why.contains(error), qPrintable(why));
    }

    void csvInvalidCandleIsSkippedLikeRest()
    {
        // High below low: candleRejection() refuses it; the row is counted, the file goes on.
        const QByteArray rows
            = "1735689600000,1.0,0.4,0.5,1.5,10.0,1735689659999,15.0,3,4.0,6.0,0\n"
              "1735689660000,1.0,2.0,0.5,1.5,10.0,1735689719999,15.0,3,4.0,6.0,0\n";
        BinanceArchiveCsv parser(Interval::M1, {Jan2025, Feb2025});
        QVERIFY(parser.feed(rows));
        QVERIFY(parser.finish());
        QCOMPARE(parser.rows(), 2);
        QCOMPARE(parser.rejected(), 1);
        QVERIFY(parser.firstRejection().startsWith(QStringLiteral("line 1")));
        std::vector<CandleCodec::ExactValues> exact;
        const CandleBatch kept = parser.takeCandles(&exact);
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().openTime, Jan2025 + Minute);
        // The skipped row's exact values went with it: the kept row's are beside its candle.
        QCOMPARE(exact.size(), size_t(1));
        QVERIFY(exact.front().exact);
        QCOMPARE(exact.front().units[1], 2); // high 2.0
        QCOMPARE(exact.front().units[2], 5); // low 0.5
        QCOMPARE(exact.front().decimals[2], 1);
    }

    // A value the general path reads as not finite ("inf", "nan": std::from_chars takes them)
    // or an open time off the minute: the row is refused as isValidCandle() refuses it, and the
    // file goes on. Between usual rows (read as integers, their values finite).
    void csvNonFiniteAndUnalignedRowsAreSkipped_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("why");
        const QByteArray row = usualRow(Jan2025 + Minute) + ",0";
        QTest::newRow("usual") << row << QString();
        QTest::newRow("inf high") << QByteArray(row).replace("16545.70000000", "inf")
                                  << "non-finite";
        QTest::newRow("nan close")
            << QByteArray(row).replace("16529.67000000", "nan") << "non-finite";
        QTest::newRow("inf taker quote")
            << QByteArray(row).replace("3588831.40512543", "infinity") << "non-finite";
        QTest::newRow("half a minute off")
            << QByteArray(row).replace("1735689660000000", "1735689630000000") << "not aligned";
    }

    void csvNonFiniteAndUnalignedRowsAreSkipped()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, why);
        const auto usual = [](qint64 openTime) { return usualRow(openTime) + ",0\n"; };
        const QByteArray csv = usual(Jan2025) + row + '\n' + usual(Jan2025 + 2 * Minute)
            + usual(Jan2025 + 3 * Minute);
        BinanceArchiveCsv parser(Interval::M1, {Jan2025, Feb2025});
        QVERIFY2(parser.feed(csv) && parser.finish(), qPrintable(parser.errorString()));
        QCOMPARE(parser.rows(), 4);
        const CandleBatch candles = parser.takeCandles();
        if (why.isEmpty()) {
            QCOMPARE(parser.rejected(), 0);
            QCOMPARE(candles.size(), 4);
            return;
        }
        QCOMPARE(parser.rejected(), 1);
        QVERIFY2(parser.firstRejection().startsWith(QStringLiteral("line 2: "))
                     && parser.firstRejection().contains(why),
                 qPrintable(parser.firstRejection()));
        QCOMPARE(candles.size(), 3);
        QCOMPARE(candles.at(1).openTime, Jan2025 + 2 * Minute);
    }

    // A usual row is read before its line's end is looked for (past its 11th field only): rows
    // whose end comes long after their 11th field (a long 12th field), cut anywhere by the
    // chunks (after the 11 fields and before the end too), give the candles and values of the
    // rows fed whole and of the general path (a byte at a time).
    void csvUsualRowsWithALongEndAcrossChunks()
    {
        QByteArray csv;
        for (qint64 i = 0; i < 40; ++i) {
            const qint64 open = (Jan2025 + i * Minute) * 1000;
            csv += QByteArray::number(open)
                + ",16541.77000000,16545.70000000,16508.39000000,16529.67000000,4364.8357000"
                + QByteArray::number(i % 10) + ',' + QByteArray::number(open + Minute * 1000 - 1)
                + ",7214691.04328770,120,2170.93910000,3588831.40512543,0"
                + QByteArray(int(i % 7) * 40, '7') + (i % 2 ? "\r\n" : "\n");
        }
        const auto read = [&csv](qsizetype chunk, std::vector<CandleCodec::ExactValues> &exact) {
            BinanceArchiveCsv parser(Interval::M1, {Jan2025, Feb2025});
            bool ok = true;
            for (qsizetype i = 0; ok && i < csv.size(); i += chunk)
                ok = parser.feed(QByteArrayView(csv).sliced(i, std::min(chunk, csv.size() - i)));
            if (!ok || !parser.finish() || parser.rows() != 40 || parser.rejected() != 0)
                qWarning("%s", qPrintable(parser.errorString()));
            return parser.takeCandles(&exact);
        };
        std::vector<CandleCodec::ExactValues> general;
        const CandleBatch expected = read(1, general);
        QCOMPARE(expected.size(), 40);
        for (qsizetype chunk = 209; chunk < 700; chunk += 13) {
            std::vector<CandleCodec::ExactValues> exact;
            QCOMPARE(read(chunk, exact), expected);
            QCOMPARE(exact.size(), general.size());
            for (size_t i = 0; i < exact.size(); ++i) {
                QVERIFY(exact[i].units == general[i].units);
                QVERIFY(exact[i].decimals == general[i].decimals);
            }
        }
        std::vector<CandleCodec::ExactValues> whole;
        QCOMPARE(read(csv.size(), whole), expected);
        QCOMPARE(whole.size(), size_t(40));
        QCOMPARE(whole[7].units[4], 436483570007);
    }

    // The candles are read into places the parser makes for a chunk's rows (a row usually takes
    // 100 bytes or more): rows shorter than that take more places, and the place of a row not
    // stored is the next row's with nothing of it left (here the exact quote units of a refused
    // row, which a usual row after it does not set).
    void csvShortRowsAndRefusedRowsLeaveNothingBehind()
    {
        // Four rows at a time: short, refused (high below low; a 19-digit quote volume, whose
        // exact units the candle would carry), usual, short: 90 bytes a row on average.
        QByteArray csv;
        for (qint64 i = 0; i < 400; ++i) {
            const qint64 open = Jan2025 + i * Minute;
            const QByteArray times[2]
                = {QByteArray::number(open * 1000), QByteArray::number((open + Minute) * 1000 - 1)};
            if (i % 4 == 0 || i % 4 == 3)
                csv += QByteArray::number(open) + ",1,2,0.5,1.5,10,"
                    + QByteArray::number(open + Minute - 1) + ",15,3,4,6,0\n";
            else if (i % 4 == 1)
                csv += times[0] + ",1.0,0.4,0.5,1.5,10.0," + times[1]
                    + ",81234567890.12345678,3,4.0,6.0,0\n";
            else
                csv += times[0] + ",16541.77000000,16545.70000000,16508.39000000,16529.67000000,"
                    + "4364.83570000," + times[1]
                    + ",7214691.04328770,120,2170.93910000,3588831.40512543,0\n";
        }
        QVERIFY(csv.size() / BinanceArchiveCsv::MinRowBytes < 400);
        for (const qsizetype chunk : {csv.size(), qsizetype(1000), qsizetype(1)}) {
            BinanceArchiveCsv parser(Interval::M1, {Jan2025, Feb2025});
            bool ok = true;
            for (qsizetype i = 0; ok && i < csv.size(); i += chunk)
                ok = parser.feed(QByteArrayView(csv).sliced(i, std::min(chunk, csv.size() - i)));
            QVERIFY2(ok && parser.finish(), qPrintable(parser.errorString()));
            QCOMPARE(parser.rows(), 400);
            QCOMPARE(parser.rejected(), 100);
            std::vector<CandleCodec::ExactValues> exact;
            const CandleBatch candles = parser.takeCandles(&exact);
            QCOMPARE(candles.size(), 300);
            QCOMPARE(exact.size(), size_t(300));
            for (qsizetype k = 0; k < candles.size(); ++k) {
                const Candle &c = candles.at(k);
                const bool usual = k % 3 == 1;
                QCOMPARE(c.openTime, Jan2025 + (k / 3 * 4 + (k % 3 == 0 ? 0 : k % 3 + 1)) * Minute);
                QCOMPARE(c.quoteVolumeE8, 0);
                QCOMPARE(c.takerBuyQuoteE8, 0);
                QVERIFY(c.closed);
                QCOMPARE(c.trades, usual ? 120 : 3);
                QCOMPARE(exact[size_t(k)].units[1], usual ? 165457 : 2);
            }
        }
    }

    // takeCandles()' room (a batch the writer is done with): the next rows are read into its
    // memory (what it held dropped), their exact values beside them, the same as without it.
    void csvReadsTheNextRowsIntoTheRoomGiven()
    {
        QByteArray rows;
        for (qint64 i = 0; i < 6; ++i)
            rows += QByteArray::number(Jan2025 + i * Minute) + ",1.0,2." + QByteArray::number(i)
                + ",0.5,1.5,10.0," + QByteArray::number(Jan2025 + (i + 1) * Minute - 1)
                + ",15.0,3,4.0,6.0,0\n";
        const qsizetype half = rows.indexOf(QByteArray::number(Jan2025 + 3 * Minute));
        BinanceArchiveCsv plain(Interval::M1, {Jan2025, Feb2025});
        QVERIFY(plain.feed(rows) && plain.finish());
        std::vector<CandleCodec::ExactValues> expectedExact;
        const CandleBatch expected = plain.takeCandles(&expectedExact);
        QCOMPARE(expected.size(), 6);

        BinanceArchiveCsv parser(Interval::M1, {Jan2025, Feb2025});
        CandleBatch room;
        room.reserve(1000);
        room.append(Candle{});
        const Candle *memory = room.constData();
        std::vector<CandleCodec::ExactValues> exact;
        QVERIFY(parser.takeCandles(&exact, std::move(room)).isEmpty());
        QVERIFY(parser.feed(QByteArrayView(rows).first(half)));
        CandleBatch first = parser.takeCandles(&exact);
        QCOMPARE(first.constData(), memory);
        QCOMPARE(first, expected.first(3));
        const Candle *firstMemory = first.constData();
        QVERIFY(parser.takeCandles(nullptr, std::move(first)).isEmpty()); // nothing pending
        QCOMPARE(exact.size(), size_t(3));
        QVERIFY(parser.feed(QByteArrayView(rows).sliced(half)) && parser.finish());
        std::vector<CandleCodec::ExactValues> secondExact;
        const CandleBatch second = parser.takeCandles(&secondExact);
        QCOMPARE(second.constData(), firstMemory);
        QCOMPARE(second, expected.sliced(3));
        QCOMPARE(secondExact.size(), size_t(3));
        for (size_t i = 0; i < 3; ++i) {
            QVERIFY(exact[i].units == expectedExact[i].units);
            QVERIFY(secondExact[i].units == expectedExact[i + 3].units);
            QVERIFY(secondExact[i].decimals == expectedExact[i + 3].decimals);
        }
    }

    void checksumText_data()
    {
        QTest::addColumn<QByteArray>("suffix");
        QTest::addColumn<bool>("ok");
        QTest::newRow("newline") << QByteArray("  BTCUSDT-1m-2025-01.zip\n") << true;
        QTest::newRow("no newline") << QByteArray("  BTCUSDT-1m-2025-01.zip") << true;
        QTest::newRow("binary mark") << QByteArray(" *BTCUSDT-1m-2025-01.zip\n") << true;
        QTest::newRow("digest only") << QByteArray("\n") << true;
        QTest::newRow("other file") << QByteArray("  ETHUSDT-1m-2025-01.zip\n") << false;
    }

    void checksumText()
    {
        QFETCH(QByteArray, suffix);
        QFETCH(bool, ok);
        const QByteArray zip = m_archive->zipFile(QString::fromLatin1(SpotPath));
        const QByteArray digest = QCryptographicHash::hash(zip, QCryptographicHash::Sha256).toHex();
        BinanceArchiveChecksum checksum;
        QCOMPARE(checksum.setExpected(digest + suffix, QStringLiteral("BTCUSDT-1m-2025-01.zip")),
                 ok);
        if (!ok)
            return;
        checksum.add(zip.first(1000));
        checksum.add(zip.sliced(1000));
        QVERIFY(checksum.verify());

        BinanceArchiveChecksum wrong;
        QVERIFY(wrong.setExpected(digest + suffix, QStringLiteral("BTCUSDT-1m-2025-01.zip")));
        wrong.add(zip.chopped(1));
        QVERIFY(!wrong.verify());
        QVERIFY(wrong.errorString().contains(QStringLiteral("mismatch")));
        QVERIFY(!BinanceArchiveChecksum().setExpected("not a digest", QStringLiteral("x.zip")));
    }

    void zipStreamsTheCsv()
    {
        const QString path = m_dir.filePath(QStringLiteral("BTCUSDT-1m-2025-01.zip"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(m_archive->zipFile(QString::fromLatin1(SpotPath)));
        file.close();
        BinanceArchiveZip zip;
        QVERIFY2(zip.open(path), qPrintable(zip.errorString()));
        QCOMPARE(zip.entryName(), QStringLiteral("BTCUSDT-1m-2025-01.csv"));
        QByteArray all;
        char buffer[4096];
        qint64 n = 0;
        while ((n = zip.read(buffer, sizeof buffer)) > 0)
            all.append(buffer, n);
        QCOMPARE(n, 0);
        QCOMPARE(all, m_archive->csv(QString::fromLatin1(SpotPath)));
        // The same zip kept in memory (a download), in parts.
        QCOMPARE(readZipInMemory(m_archive->zipFile(QString::fromLatin1(SpotPath))), all);

        // Cut in half: no central directory, refused before a byte is read; in memory the same.
        const QByteArray cutBytes = m_archive->zipFile(QString::fromLatin1(SpotPath)).first(5000);
        const QString cut = m_dir.filePath(QStringLiteral("cut.zip"));
        writeBytes(cut, cutBytes);
        BinanceArchiveZip broken;
        QVERIFY(!broken.open(cut));
        QVERIFY2(broken.errorString().startsWith(QStringLiteral("not a readable zip file")),
                 qPrintable(broken.errorString()));
        BinanceArchiveZip brokenInMemory;
        QVERIFY(!brokenInMemory.open(QList<QByteArray>{cutBytes}));
        QCOMPARE(brokenInMemory.errorString(), broken.errorString());
        // Nothing at all, as an empty file.
        const QString empty = m_dir.filePath(QStringLiteral("empty.zip"));
        writeBytes(empty, {});
        QVERIFY(!broken.open(empty));
        QVERIFY(!brokenInMemory.open(QList<QByteArray>{}));
        QCOMPARE(brokenInMemory.errorString(), broken.errorString());
    }

    void zipStoredEntryIsCopied()
    {
        // Binance deflates; a stored entry (method 0) is read as it is, its CRC checked too.
        const QByteArray csv = m_archive->csv(QString::fromLatin1(SpotPath));
        const QString path = m_dir.filePath(QStringLiteral("stored.zip"));
        writeStoredZip(path, csv);
        QCOMPARE(readZip(path), csv);

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        file.close();
        QCOMPARE(readZipInMemory(bytes), csv);
        const qsizetype at = bytes.indexOf(csv.first(100));
        QVERIFY(at > 0);
        bytes[at + 50] = char(bytes.at(at + 50) ^ 1); // one bit of one row, sizes as they were
        writeBytes(path, bytes);
        QString error;
        readZip(path, &error);
        QVERIFY2(error.contains(QStringLiteral("damaged zip: CRC error")), qPrintable(error));
        QString inMemory;
        readZipInMemory(bytes, &inMemory);
        QCOMPARE(inMemory, error);
    }

    void zipDamagedEntryFails_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("CRC in both headers")
            << QStringLiteral("crc") << QStringLiteral("CRC error in BTCUSDT-1m-2025-01.csv");
        QTest::newRow("size in both headers")
            << QStringLiteral("size") << QStringLiteral("BTCUSDT-1m-2025-01.csv has");
        QTest::newRow("compressed size in both headers")
            << QStringLiteral("compressed size")
            << QStringLiteral("the compressed data of BTCUSDT-1m-2025-01.csv ends early");
        QTest::newRow("deflate data") << QStringLiteral("data") << QStringLiteral("damaged zip: ");
    }

    void zipDamagedEntryFails()
    {
        // The central directory stays readable, so open() succeeds; read() finds the damage.
        QFETCH(QString, damage);
        QFETCH(QString, message);
        QByteArray bytes = m_archive->zipFile(QString::fromLatin1(SpotPath));
        const auto flip = [&bytes](qsizetype at) { bytes[at] = char(bytes.at(at) ^ 0x5a); };
        const qsizetype local = bytes.indexOf(QByteArrayLiteral("PK\x03\x04"));
        const qsizetype central = bytes.indexOf(QByteArrayLiteral("PK\x01\x02"));
        QVERIFY(local == 0 && central > 0);
        if (damage == QStringLiteral("crc")) {
            flip(local + 14);
            flip(central + 16);
        } else if (damage == QStringLiteral("size")) {
            flip(local + 22);
            flip(central + 24);
        } else if (damage == QStringLiteral("compressed size")) {
            // 1000 bytes short: the deflate stream stops before its last block.
            const quint32 shorter
                = qFromLittleEndian<quint32>(bytes.constData() + local + 18) - 1000;
            qToLittleEndian(shorter, bytes.data() + local + 18);
            qToLittleEndian(shorter, bytes.data() + central + 20);
        } else {
            // Past the local header (30 bytes, the name, the extra field): the deflate stream.
            const qsizetype data
                = local + 30 + quint8(bytes.at(local + 26)) + quint8(bytes.at(local + 28));
            for (qsizetype i = data + 1000; i < data + 1100; ++i)
                bytes[i] = char(0xff);
        }
        const QString path = m_dir.filePath(QStringLiteral("damaged.zip"));
        writeBytes(path, bytes);
        QString error;
        readZip(path, &error);
        QVERIFY2(error.startsWith(QStringLiteral("damaged zip: ")), qPrintable(error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QString inMemory;
        QVERIFY(readZipInMemory(bytes, &inMemory).isEmpty());
        QCOMPARE(inMemory, error);
    }

    void readAheadGivesTheCsvInOrder()
    {
        // The CSV inflated on its own thread, a few blocks ahead, or in the caller's: the same
        // bytes in order, the zip's error after the blocks read before it, and a read-ahead
        // dropped half way stops.
        const QByteArray bytes = m_archive->zipFile(QString::fromLatin1(SpotPath));
        const QByteArray csv = m_archive->csv(QString::fromLatin1(SpotPath));
        QVERIFY(csv.size() > BinanceArchiveReadAhead::Blocks * BinanceArchiveReadAhead::BlockBytes);
        for (const auto thread :
             {BinanceArchiveReadAhead::Thread::Own, BinanceArchiveReadAhead::Thread::Caller}) {
            {
                BinanceArchiveZip zip;
                QVERIFY(zip.open(QList<QByteArray>{bytes}));
                BinanceArchiveReadAhead readAhead(zip, thread);
                QByteArray all;
                QByteArrayView block;
                while (readAhead.next(block))
                    all.append(block);
                QCOMPARE(readAhead.errorString(), QString());
                QCOMPARE(all, csv);
                QVERIFY(!readAhead.next(block)); // and stays at its end
            }
            {
                QByteArray damaged = bytes;
                const qsizetype data = 30 + quint8(damaged.at(26)) + quint8(damaged.at(28));
                for (qsizetype i = data + 1000; i < data + 1100; ++i)
                    damaged[i] = char(0xff);
                QString error;
                QVERIFY(readZipInMemory(damaged, &error).isEmpty());
                BinanceArchiveZip zip;
                QVERIFY(zip.open(QList<QByteArray>{damaged}));
                BinanceArchiveReadAhead readAhead(zip, thread);
                QByteArrayView block;
                while (readAhead.next(block)) { }
                QCOMPARE(readAhead.errorString(), error);
            }
            {
                BinanceArchiveZip zip;
                QVERIFY(zip.open(QList<QByteArray>{bytes}));
                BinanceArchiveReadAhead readAhead(zip, thread);
                QByteArrayView block;
                QVERIFY(readAhead.next(block));
                QCOMPARE(block.toByteArray(), csv.first(block.size()));
            } // destroyed with the queue full: the thread stops
        }
    }

    // A zip read as it downloads: its CSV comes before the rest of the zip arrived (with and
    // without a data descriptor), the zip as a whole is checked once it did (the same errors as
    // the zip read downloaded), and a download that stops ends the read.
    void zipReadsAsItArrives()
    {
        const QByteArray plain = m_archive->zipFile(QString::fromLatin1(SpotPath));
        const QByteArray csv = m_archive->csv(QString::fromLatin1(SpotPath));
        const QByteArray described = FakeBinanceArchive::withDataDescriptor(plain);
        QCOMPARE(described.size(), plain.size() + 16);
        QCOMPARE(readZipInMemory(described), csv); // as libzip reads it
        // The CRC of both headers (and of the data descriptor) flipped: the central directory's
        // is the one the inflated CSV is checked against.
        QByteArray badCrc = described;
        const qsizetype central = badCrc.indexOf(QByteArrayLiteral("PK\x01\x02"));
        const qsizetype descriptor = badCrc.indexOf(QByteArrayLiteral("PK\x07\x08"));
        QVERIFY(central > 0 && descriptor > 0);
        badCrc[central + 16] = char(badCrc.at(central + 16) ^ 0x5a);
        badCrc[descriptor + 4] = char(badCrc.at(descriptor + 4) ^ 0x5a);
        QString badCrcError;
        QVERIFY(readZipInMemory(badCrc, &badCrcError).isEmpty());
        QVERIFY2(badCrcError.contains(QStringLiteral("CRC error in")), qPrintable(badCrcError));
        for (const QByteArray &bytes : {plain, described, badCrc}) {
            const qsizetype half = bytes.size() / 2;
            auto arrival = std::make_shared<BinanceArchiveArrival>(
                QList<QByteArray>{bytes.first(half / 2), bytes.sliced(half / 2, half - half / 2)});
            BinanceArchiveZip zip;
            QByteArray all;
            // Opened and read up to its first 64 KiB from the first half alone (on a thread
            // of its own: a reader that waited for the rest would never end).
            auto head = std::async(std::launch::async, [&zip, &all, arrival] {
                if (!zip.open(arrival))
                    return false;
                char buffer[4096];
                while (all.size() < 64 * 1024) {
                    const qint64 n = zip.read(buffer, sizeof buffer);
                    if (n <= 0)
                        return false;
                    all.append(buffer, n);
                }
                return true;
            });
            const bool early = head.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
            if (!early)
                arrival->stop(); // the reader ends, the test fails
            QVERIFY(early);
            QVERIFY2(head.get(), qPrintable(zip.errorString()));
            arrival->append(bytes.sliced(half));
            arrival->complete();
            QString error;
            all += readOpenZip(zip, true, &error);
            QCOMPARE(error, bytes == badCrc ? badCrcError : QString());
            if (bytes != badCrc)
                QCOMPARE(all, csv);
        }
        // Damaged in the middle of its data and cut short: the zip as a whole tells first (no
        // central directory), as it does downloaded, though the deflate error came before.
        QByteArray cut = plain.first(plain.size() / 2);
        for (qsizetype i = 2000; i < 2100; ++i)
            cut[i] = char(0xff);
        QString cutError;
        readZipInMemory(cut, &cutError);
        QVERIFY2(cutError.startsWith(QStringLiteral("not a readable zip file")),
                 qPrintable(cutError));
        {
            auto arrival = std::make_shared<BinanceArchiveArrival>(QList<QByteArray>{cut});
            arrival->complete();
            BinanceArchiveZip zip;
            QString error;
            QVERIFY(readOpenZip(zip, zip.open(arrival), &error).isEmpty());
            QCOMPARE(error, cutError);
        }
        // A stored entry is not read as it arrives: it is read once all of it did, as before.
        {
            const QString path = m_dir.filePath(QStringLiteral("arriving-stored.zip"));
            writeStoredZip(path, csv);
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            auto arrival
                = std::make_shared<BinanceArchiveArrival>(QList<QByteArray>{file.readAll()});
            arrival->complete();
            BinanceArchiveZip zip;
            QCOMPARE(readOpenZip(zip, zip.open(arrival), nullptr), csv);
        }
        // The download stops: the read ends with that.
        {
            auto arrival = std::make_shared<BinanceArchiveArrival>(
                QList<QByteArray>{plain.first(plain.size() / 2)});
            BinanceArchiveZip zip;
            QVERIFY(zip.open(arrival));
            arrival->stop();
            QString error;
            QVERIFY(readOpenZip(zip, true, &error).isEmpty());
            QCOMPARE(error, QStringLiteral("the download stopped"));
        }
    }

    void zipOtherMethodIsRefused()
    {
        // Method 14 (LZMA) in both headers: refused at open, before a byte is read.
        QByteArray bytes = m_archive->zipFile(QString::fromLatin1(SpotPath));
        const qsizetype central = bytes.indexOf(QByteArrayLiteral("PK\x01\x02"));
        QVERIFY(central > 0);
        qToLittleEndian(quint16(14), bytes.data() + 8);
        qToLittleEndian(quint16(14), bytes.data() + central + 10);
        const QString path = m_dir.filePath(QStringLiteral("lzma.zip"));
        writeBytes(path, bytes);
        BinanceArchiveZip zip;
        QVERIFY(!zip.open(path));
        QVERIFY2(zip.errorString().contains(QStringLiteral("compression method 14")),
                 qPrintable(zip.errorString()));
    }

    void importEqualsRest()
    {
        // Dec 2024 (ms), Jan and Feb 2025 (µs) as months, Mar 1 .. 9 as days.
        auto db = newDatabase();
        auto spot = session(Binance::spot());
        BulkHistory *archive = spot->bulkHistory();
        QVERIFY(archive);
        const SeriesKey key = spotKey();
        const TimeRange range{Dec2024, Mar2025 + 9 * Day};
        const int before = m_archive->requestCount();
        const ImportResult r = runImport(archive->importRange(key, range, db));
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QCOMPARE(r.stats.filesTotal, 3 + 9);
        QCOMPARE(r.stats.filesDone, 12);
        QCOMPARE(m_archive->requestCount() - before, 2 * 12); // zip + checksum each
        QVERIFY(r.remaining.isEmpty());
        const CandleBatch stored = db->reader()->read(key, range);
        QCOMPARE(stored.size(), (Mar2025 + 9 * Day - Dec2024) / Minute);
        QCOMPARE(r.stats.candles, stored.size());
        QCOMPARE(db->reader()->coverage(key), (TimeRanges{range}));

        // What REST serves for the same candles (a day of each kind) is identical.
        auto restDb = newDatabase();
        HistoryCache cache(spot->history(), restDb, &m_clock);
        for (const TimeRange day : {TimeRange{Dec2024 + 5 * Day, Dec2024 + 6 * Day},
                                    TimeRange{Feb2025 + 3 * Day, Feb2025 + 4 * Day},
                                    TimeRange{Mar2025 + 8 * Day, Mar2025 + 9 * Day}}) {
            HistoryCacheJob *job = cache.ensure(key, day);
            QVERIFY(job->exec());
            QCOMPARE(db->reader()->read(key, day), restDb->reader()->read(key, day));
        }

        // A second import of the range asks the archive for nothing.
        const int again = m_archive->requestCount();
        const ImportResult second = runImport(archive->importRange(key, range, db));
        QVERIFY(second.ok);
        QCOMPARE(second.stats.filesTotal, 0);
        QCOMPARE(m_archive->requestCount(), again);
    }

    void oneSecondDayInBatches()
    {
        // 86,400 candles of 1s (µs times): more than one write batch.
        auto db = newDatabase();
        auto spot = session(Binance::spot());
        const SeriesKey key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::S1};
        const TimeRange day{Feb2025 + 2 * Day, Feb2025 + 3 * Day};
        const ImportResult r = runImport(spot->bulkHistory()->importRange(key, day, db));
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QCOMPARE(r.stats.filesTotal, 1);
        const CandleBatch truth = m_rest->groundTruth(key.symbol, Interval::S1, day);
        QVERIFY(truth.size() * BinanceArchiveCsv::MinRowBytes
                > 2 * BinanceArchiveReadAhead::BlockBytes);
        QCOMPARE(r.stats.candles, truth.size());
        QCOMPARE(db->reader()->read(key, day), truth);
        QCOMPARE(db->reader()->coverage(key), (TimeRanges{day}));
    }

    void monthlyCandlesFromMonthlyFiles()
    {
        // 1M from the archive: one candle per monthly file, equal to REST's; the months' days
        // are never asked for, and the current month is left to REST.
        auto db = newDatabase();
        auto spot = session(Binance::spot());
        const SeriesKey key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::Mon1};
        QVERIFY(spot->bulkHistory()->hasInterval(Interval::Mon1));
        QVERIFY(!spot->bulkHistory()->hasInterval(Interval::W1));
        const int before = m_archive->requestCount();
        const ImportResult r = runImport(spot->bulkHistory()->importRange(key, {Dec2024, Now}, db));
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QCOMPARE(r.stats.filesTotal, 3);
        QCOMPARE(m_archive->requestCount() - before, 3 * 2); // zips and checksums
        QCOMPARE(r.stats.candles, 3);
        QCOMPARE(db->reader()->read(key, {Dec2024, Mar2025}),
                 m_rest->groundTruth(key.symbol, Interval::Mon1, {Dec2024, Mar2025}));
        QCOMPARE(db->reader()->coverage(key), (TimeRanges{{Dec2024, Mar2025}}));
        QCOMPARE(r.remaining, (TimeRanges{{Mar2025, Now}}));
    }

    void partialMonthFromListing()
    {
        // NEWUSDT was listed on 2025-01-16 07:00: its January file holds the candles from then.
        auto db = newDatabase();
        auto spot = session(Binance::spot());
        const SeriesKey key = spotKey("NEWUSDT");
        const ImportResult r
            = runImport(spot->bulkHistory()->importRange(key, {Dec2024, Feb2025}, db));
        // December has no file (an old month that is 404 is not asked for day by day): left
        // to REST.
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QCOMPARE(r.stats.filesMissing, 1);
        QCOMPARE(r.remaining, (TimeRanges{{Dec2024, Jan2025}}));
        const CandleBatch stored = db->reader()->read(key, {Dec2024, Feb2025});
        QCOMPARE(stored.first().openTime, Jan2025 + 15 * Day + 7 * 60 * Minute);
        QCOMPARE(stored, m_rest->groundTruth(key.symbol, Interval::M1, {Dec2024, Feb2025}));
        QCOMPARE(db->reader()->coverage(key), (TimeRanges{{Jan2025, Feb2025}}));
    }

    void damagedFileStoresNothingOfIt_data()
    {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("failure"); // in the failure, after the file's name
        QTest::addColumn<qint64>("downloadMemory");
        // The downloads kept in memory (the default), and in temporary files.
        for (const qint64 memory : {BinanceArchiveJob::DownloadMemory, qint64(0)}) {
            const char *where = memory > 0 ? "in memory" : "in files";
            QTest::addRow("checksum mismatch, %s", where)
                << int(Damage::Checksum) << "checksum mismatch" << memory;
            QTest::addRow("truncated zip, %s", where)
                << int(Damage::Truncated) << "not a readable zip file" << memory;
            // January's zip and checksum are good, its row 40,000 is not: the rows before it
            // were parsed and handed to the writer in batches, and none of them stays.
            QTest::addRow("malformed row, %s", where)
                << int(Damage::MalformedRow) << ": line 40000" << memory;
        }
    }

    void damagedFileStoresNothingOfIt()
    {
        QFETCH(int, damage);
        QFETCH(QString, failure);
        QFETCH(qint64, downloadMemory);
        OwnArchive own(&m_clock, FakeBinanceRest::Dialect::Spot);
        QVERIFY(own.listen());
        FakeBinanceArchive &archive = own.archive;
        const QString bad = QStringLiteral("BTCUSDT-1m-2025-01.zip");
        // A malformed row after the rows of two blocks.
        QVERIFY(40'000 * BinanceArchiveCsv::MinRowBytes > 2 * BinanceArchiveReadAhead::BlockBytes);
        publishDamaged(archive, bad, Damage(damage), 40'000);
        auto db = newDatabase();
        auto spot = session(Binance::spot(), archive.baseUrl());
        const SeriesKey key = spotKey();
        BulkImportJob *job = spot->bulkHistory()->importRange(key, {Dec2024, Mar2025}, db);
        qobject_cast<BinanceArchiveJob *>(job)->setDownloadMemory(downloadMemory);
        const ImportResult r = runImport(job);
        QVERIFY(!r.ok);
        QCOMPARE(r.error.kind, ProviderError::Kind::BadResponse);
        QCOMPARE(r.failures.size(), 1);
        QVERIFY2(r.failures.first().startsWith(bad), qPrintable(r.failures.first()));
        QVERIFY2(r.failures.first().indexOf(failure, bad.size()) >= 0,
                 qPrintable(r.failures.first()));
        januaryAlone(*db->reader(), key, r);
        QCOMPARE(r.stats.candles, (31 + 28) * 24 * 60);
    }

    // The downloads are kept in memory up to a bound for all of them together; a download that
    // would go beyond it goes to a temporary file, with what it had in memory: the same candles
    // either way.
    void downloadsBeyondTheMemoryBoundGoToFiles()
    {
        const qint64 month
            = m_archive
                  ->zipFile(QStringLiteral("spot/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2025-01.zip"))
                  .size();
        const SeriesKey key = spotKey();
        const TimeRange range{Dec2024, Mar2025};
        auto spot = session(Binance::spot());
        CandleBatch first;
        // All in memory; some in memory, the others going to files (from their first block,
        // or midway when the files kept in memory grew); all in files.
        for (const qint64 memory : {BinanceArchiveJob::DownloadMemory, month * 3 / 2, qint64(0)}) {
            auto db = newDatabase();
            BulkImportJob *job = spot->bulkHistory()->importRange(key, range, db);
            qobject_cast<BinanceArchiveJob *>(job)->setDownloadMemory(memory);
            const ImportResult r = runImport(job);
            QVERIFY2(r.ok, qPrintable(r.error.message));
            QCOMPARE(r.stats.filesDone, 3);
            const CandleBatch stored = db->reader()->read(key, range);
            QCOMPARE(stored.size(), (Mar2025 - Dec2024) / Minute);
            QCOMPARE(db->reader()->coverage(key), (TimeRanges{range}));
            if (first.isEmpty())
                first = stored;
            QCOMPARE(stored, first);
        }
    }

    // Downloads run ahead of the parse by at most ParallelDownloads files and AheadMemory
    // (at least one file), so the memory of the files parsed serves the next ones and no more
    // waits in memory than the parse needs next. With the writer held (a stream of another
    // series that does not end), the job parses FilesInFlight files into their streams,
    // downloads one more (a month of 1m is above AheadMemory) and asks for nothing else; once
    // the writer moves, the whole year is stored.
    void downloadsStayAFewFilesAheadOfTheParse()
    {
        constexpr qint64 Jan2024 = 1704067200000; // 2024-01-01T00:00:00Z
        auto db = newDatabase();
        auto held = std::make_shared<CandleStream>(1);
        bool heldWritten = false;
        db->writeStream(
            spotKey("ETHUSDT"), held, {}, this,
            [&heldWritten](const CandleDatabase::WriteResult &) { heldWritten = true; });
        const auto zipOf = [this](int month) {
            return m_archive->zipFile(
                QStringLiteral("spot/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2024-%1.zip")
                    .arg(month, 2, 10, QLatin1Char('0')));
        };
        const int ahead = BinanceArchiveJob::FilesInFlight + 1;
        QVERIFY(zipOf(ahead).size() >= BinanceArchiveJob::AheadMemory);
        qint64 aheadBytes = 0;
        for (int month = 1; month <= ahead; ++month)
            aheadBytes += zipOf(month).size();
        auto spot = session(Binance::spot());
        const SeriesKey key = spotKey();
        const TimeRange year{Jan2024, Jan2025};
        BulkImportJob *job = spot->bulkHistory()->importRange(key, year, db);
        bool ended = false;
        bool ok = false;
        int requests = 0; // at the end (the job is deleted after its result)
        connect(job, &Job::result, this, [&] {
            ended = true;
            ok = job->error().kind == ProviderError::Kind::None;
            requests = job->requestCount();
        });
        job->start();
        QTRY_VERIFY(ended || job->stats().bytes >= aheadBytes); // (ended: deleted soon)
        QVERIFY(!ended);
        QCOMPARE(job->stats().bytes, aheadBytes);
        QCOMPARE(job->requestCount(), 2 * ahead); // each file's zip and .CHECKSUM
        QCOMPARE(job->stats().filesDone, 0);
        held->finish();
        QTRY_VERIFY(ended);
        QVERIFY(ok);
        QVERIFY(heldWritten);
        QCOMPARE(requests, 2 * 12);
        QCOMPARE(db->reader()->count(key, year), 366 * 24 * 60);
        QCOMPARE(db->reader()->coverage(key), (TimeRanges{year}));
    }

    // A download whose size is not known yet counts as AheadMemory: while none is, as many
    // start as workers are free and one more (a worker reads its download as it arrives), not
    // ParallelDownloads at once. With December's answer held, the next files wait for it to
    // come; once it is released, all twelve (three months, nine days) are stored.
    void downloadsStartAsTheWorkersNeedThem()
    {
        OwnArchive own(&m_clock, FakeBinanceRest::Dialect::Spot);
        QVERIFY(own.listen());
        FakeBinanceArchive &archive = own.archive;
        const QString december = QStringLiteral("BTCUSDT-1m-2024-12.zip");
        archive.hold(december);
        const SeriesKey key = spotKey();
        const TimeRange range{Dec2024, Mar2025 + 9 * Day};
        const auto import = startImport(archive, range);
        const QString path = QStringLiteral("/data/spot/monthly/klines/BTCUSDT/1m/") + december;
        QTRY_VERIFY(archive.requestedPaths().contains(path));
        QVERIFY(!import->ended);
        // Each file's zip and .CHECKSUM.
        QCOMPARE(import->job->requestCount(), 2 * (BinanceArchiveJob::ParseThreads + 1));
        QVERIFY(BinanceArchiveJob::ParseThreads + 1 < BinanceArchiveJob::ParallelDownloads);
        archive.release(december);
        QTRY_VERIFY(import->ended);
        QVERIFY2(import->r.ok, qPrintable(import->r.error.message));
        QCOMPARE(archive.requestCount(), 2 * 12);
        QCOMPARE(import->db->reader()->read(key, range),
                 own.rest.groundTruth(key.symbol, Interval::M1, range));
    }

    // A file that arrives before an earlier one of its series waits for it: the files of a
    // series are written in time order (each appended after the last), whatever order their
    // downloads end in. Each file stored extends the coverage from the first month on.
    void filesOfASeriesAreWrittenInTimeOrder()
    {
        OwnArchive own(&m_clock, FakeBinanceRest::Dialect::Spot);
        QVERIFY(own.listen());
        FakeBinanceArchive &archive = own.archive;
        const QString first = QStringLiteral("BTCUSDT-1m-2024-12.zip");
        archive.hold(first);
        qint64 laterBytes = 0;
        for (const char *month : {"2025-01", "2025-02"})
            laterBytes
                += archive
                       .zipFile(QStringLiteral("spot/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-%1.zip")
                                    .arg(QLatin1StringView(month)))
                       .size();
        auto db = newDatabase();
        auto spot = session(Binance::spot(), archive.baseUrl());
        const SeriesKey key = spotKey();
        BulkImportJob *job = spot->bulkHistory()->importRange(key, {Dec2024, Mar2025}, db);
        QList<TimeRanges> coverages; // after each file
        bool ended = false;
        bool ok = false;
        connect(job, &Job::progress, this, [&] { coverages.append(db->reader()->coverage(key)); });
        connect(job, &Job::result, this, [&] {
            ended = true;
            ok = job->error().kind == ProviderError::Kind::None;
        });
        job->start();
        // The later months are downloaded (and verified) while the first one is held.
        QTRY_VERIFY(job->stats().bytes >= laterBytes);
        archive.release(first);
        QTRY_VERIFY(ended);
        QVERIFY(ok);
        QCOMPARE(coverages.size(), 3);
        // Read when each file's progress arrives, by then the writer may have stored the next
        // file too: always one range from the first month on, growing to the whole.
        for (qsizetype i = 0; i < coverages.size(); ++i) {
            QCOMPARE(coverages.at(i).size(), 1);
            QCOMPARE(coverages.at(i).first().from, Dec2024);
            QVERIFY(coverages.at(i).first().to >= (i == 0 ? Jan2025 : i == 1 ? Feb2025 : Mar2025));
        }
        QCOMPARE(db->reader()->count(key, {Dec2024, Mar2025}), (31 + 31 + 28) * 24 * 60);
    }

    // A file kept in memory is read while it downloads, its candles waiting in its stream:
    // nothing of it reaches the writer (which takes other requests meanwhile) before all of it
    // arrived and matched its checksum.
    void arrivingFileReachesTheWriterOnceVerified()
    {
        OwnArchive own(&m_clock, FakeBinanceRest::Dialect::Spot);
        QVERIFY(own.listen());
        FakeBinanceArchive &archive = own.archive;
        const QString name = QStringLiteral("BTCUSDT-1m-2025-01.zip");
        archive.hold(name, archive.zipFile(QString::fromLatin1(SpotPath)).size() / 2);
        const SeriesKey key = spotKey();
        const TimeRange january{Jan2025, Feb2025};
        const auto import = startImport(archive, january);
        // Parsed from the first half while the rest is held.
        QTRY_VERIFY(import->ended || import->job->stats().candles > 0);
        QVERIFY(!import->ended);
        // The writer answers a request queued after the parse began, and holds nothing of it.
        bool listed = false;
        import->db->listSeries(this, [&listed](const auto &...) { listed = true;
    });
        QTRY_VERIFY(listed);
        QCOMPARE(import->db->reader()->count(key, january), 0);
        QCOMPARE(import->db->reader()->coverage(key), TimeRanges());
        archive.release(name);
        QTRY_VERIFY(import->ended);
        QVERIFY2(import->r.ok, qPrintable(import->r.error.message));
        QCOMPARE(import->db->reader()->read(key, january),
                 own.rest.groundTruth(key.symbol, Interval::M1, january));
        QCOMPARE(import->db->reader()->coverage(key), (TimeRanges{january}));
        QCOMPARE(import->r.stats.candles, 31 * 24 * 60);
    }

    void arrivingFileThatFailsStoresNothingOfIt_data()
    {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("failure"); // in the failure, after the file's name
        QTest::newRow("checksum mismatch") << int(Damage::Checksum) << "checksum mismatch";
        // Inflated up to the cut, the zip as a whole fails first, as it does downloaded.
        QTest::newRow("zip published cut in half")
            << int(Damage::Truncated) << "not a readable zip file";
        // The worker fails in the first half; the file fails once its download ended.
        QTest::newRow("malformed row") << int(Damage::MalformedRow) << ": line 1000";
        QTest::newRow("download stops") << int(Damage::Dropped) << "closed";
    }

    // January is read from the first half of its zip, and then fails: nothing of it is stored,
    // its candles are not counted, it fails with the reason it fails downloaded, and the other
    // months are stored.
    void arrivingFileThatFailsStoresNothingOfIt()
    {
        QFETCH(int, damage);
        QFETCH(QString, failure);
        OwnArchive own(&m_clock, FakeBinanceRest::Dialect::Spot);
        QVERIFY(own.listen());
        FakeBinanceArchive &archive = own.archive;
        const QString bad = QStringLiteral("BTCUSDT-1m-2025-01.zip");
        publishDamaged(archive, bad, Damage(damage), 1000);
        archive.hold(bad, archive.zipFile(QString::fromLatin1(SpotPath)).size() / 2);
        const SeriesKey key = spotKey();
        const auto import = startImport(archive, {Dec2024, Mar2025});
        // Beyond December: January is being read (February is read only once it is).
        QTRY_VERIFY(import->ended || import->job->stats().candles > 31 * 24 * 60);
        QVERIFY(!import->ended);
        if (Damage(damage) == Damage::Dropped)
            archive.drop(bad);
        else
            archive.release(bad);
        QTRY_VERIFY(import->ended);
        QVERIFY(!import->r.ok);
        QCOMPARE(import->r.error.kind, ProviderError::Kind::BadResponse);
        QCOMPARE(import->r.failures.size(), 1);
        QVERIFY2(import->r.failures.first().startsWith(bad + QStringLiteral(": ")),
                 qPrintable(import->r.failures.first()));
        QVERIFY2(import->r.failures.first().indexOf(failure, bad.size()) >= 0,
                 qPrintable(import->r.failures.first()));
        januaryAlone(*import->db->reader(), key, import->r);
        QCOMPARE(import->r.stats.candles, (31 + 28) * 24 * 60);
    }

    // January's checksum is missing (404) while its zip is read as it arrives: January is
    // missing, as it is when that is known first (left to REST, nothing of it stored), and the
    // other months are stored.
    void arrivingFileWithoutChecksumIsMissing()
    {
        OwnArchive own(&m_clock, FakeBinanceRest::Dialect::Spot);
        QVERIFY(own.listen());
        FakeBinanceArchive &archive = own.archive;
        const QString january = QStringLiteral("BTCUSDT-1m-2025-01.zip");
        const QString checksum = january + QStringLiteral(".CHECKSUM");
        archive.setMissing(checksum);
        archive.hold(checksum);
        archive.hold(january, archive.zipFile(QString::fromLatin1(SpotPath)).size() / 2);
        const SeriesKey key = spotKey();
        const auto import = startImport(archive, {Dec2024, Mar2025});
        QTRY_VERIFY(import->ended
                    || import->job->stats().candles > 31 * 24 * 60); // January being read
        QVERIFY(!import->ended);
        archive.release(checksum);
        QTRY_VERIFY(import->ended);
        archive.release(january); // (its download was stopped)
        QVERIFY2(import->r.ok,
                 qPrintable(import->r.error.message + import->r.failures.join(u'\n')));
        QCOMPARE(import->r.stats.filesMissing, 1);
        QCOMPARE(import->r.stats.filesDone, 3);
        QCOMPARE(import->r.stats.candles, (31 + 28) * 24 * 60);
        QCOMPARE(import->r.remaining, (TimeRanges{{Jan2025, Feb2025}}));
        QCOMPARE(import->db->reader()->count(key, {Jan2025, Feb2025}), 0);
        QCOMPARE(import->db->reader()->coverage(key),
                 (TimeRanges{{Dec2024, Jan2025}, {Feb2025, Mar2025}}));
    }

    // Zips with their CRC and sizes in a data descriptor (as a zip written in one pass has
    // them) import as the others do, read as they arrive (kept in memory) or downloaded (in
    // files).
    void dataDescriptorZipsImportAlike()
    {
        OwnArchive own(&m_clock, FakeBinanceRest::Dialect::Spot);
        QVERIFY(own.listen());
        FakeBinanceArchive &archive = own.archive;
        const QString december = QStringLiteral("BTCUSDT-1m-2024-12.zip");
        archive.setDataDescriptor(december);
        archive.setDataDescriptor(QStringLiteral("BTCUSDT-1m-2025-01.zip"));
        const QByteArray zip = archive.zipFile(
            QStringLiteral("spot/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2024-12.zip"));
        QVERIFY(zip.contains(QByteArrayLiteral("PK\x07\x08")));
        QCOMPARE(qFromLittleEndian<quint32>(zip.constData() + 14), 0u); // the local header's CRC
        auto spot = session(Binance::spot(), archive.baseUrl());
        const SeriesKey key = spotKey();
        const TimeRange range{Dec2024, Mar2025};
        for (const qint64 memory : {BinanceArchiveJob::DownloadMemory, qint64(0)}) {
            const bool arriving = memory > 0;
            if (arriving)
                archive.hold(december, zip.size() / 2);
            auto db = newDatabase();
            BulkImportJob *job = spot->bulkHistory()->importRange(key, range, db);
            qobject_cast<BinanceArchiveJob *>(job)->setDownloadMemory(memory);
            ImportResult r;
            bool ended = false;
            watchImport(job, this, r, ended);
            job->start();
            if (arriving) {
                QTRY_VERIFY(ended || job->stats().candles > 0); // December from its first half
                QVERIFY(!ended);
                archive.release(december);
            }
            QTRY_VERIFY(ended);
            QVERIFY2(r.ok, qPrintable(r.error.message + r.failures.join(u'\n')));
            QCOMPARE(r.stats.filesDone, 3);
            QCOMPARE(db->reader()->read(key, range),
                     own.rest.groundTruth(key.symbol, Interval::M1, range));
            QCOMPARE(db->reader()->coverage(key), (TimeRanges{range}));
        }
    }

    void missingMonthComesDayByDay()
    {
        OwnArchive own(&m_clock, FakeBinanceRest::Dialect::Spot);
        QVERIFY(own.listen());
        FakeBinanceArchive &archive = own.archive;
        archive.setMissing(QStringLiteral("BTCUSDT-1m-2025-02.zip"));
        archive.setMissing(QStringLiteral("BTCUSDT-1m-2025-02-10.zip"));
        auto db = newDatabase();
        auto spot = session(Binance::spot(), archive.baseUrl());
        const SeriesKey key = spotKey();
        const ImportResult r
            = runImport(spot->bulkHistory()->importRange(key, {Feb2025, Mar2025}, db));
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QCOMPARE(r.stats.filesTotal, 28);
        QCOMPARE(r.stats.filesMissing, 1);
        const TimeRange tenth{Feb2025 + 9 * Day, Feb2025 + 10 * Day};
        QCOMPARE(r.remaining, (TimeRanges{tenth}));
        QCOMPARE(db->reader()->count(key, {Feb2025, Mar2025}), 27 * 24 * 60);
        QCOMPARE(db->reader()->coverage(key),
                 (TimeRanges{{Feb2025, tenth.from}, {tenth.to, Mar2025}}));
        QVERIFY(archive.requestedPaths().contains(
            QStringLiteral("/data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2025-02-11.zip")));
    }

    void unreachableArchiveFailsAtOnce()
    {
        FakeBinanceArchive archive(m_rest.get());
        QVERIFY(archive.listen());
        archive.setUnreachable(true);
        auto db = newDatabase();
        auto spot = session(Binance::spot(), archive.baseUrl());
        const ImportResult r
            = runImport(spot->bulkHistory()->importRange(spotKey(), {Dec2024, Mar2025}, db));
        QVERIFY(!r.ok);
        QCOMPARE(r.error.kind, ProviderError::Kind::Network);
        QVERIFY2(r.error.message.contains(archive.baseUrl().toString()),
                 qPrintable(r.error.message));
        QVERIFY(db->reader()->coverage(spotKey()).isEmpty());
    }

    void usdmFilesWithHeader()
    {
        OwnArchive own(&m_clock, FakeBinanceRest::Dialect::UsdM);
        QVERIFY(own.listen());
        FakeBinanceArchive &archive = own.archive;
        auto db = newDatabase();
        Endpoints endpoints;
        endpoints.restUrl = own.rest.baseUrl();
        endpoints.archiveUrl = archive.baseUrl();
        const Exchange &usdm = BinanceUsdm::exchange();
        std::unique_ptr<ExchangeSession> s(usdm.createSession(usdm, endpoints, &m_clock, nullptr));
        const SeriesKey key{QStringLiteral("binance-usdm"), QStringLiteral("BTCUSDT"),
                            Interval::M1};
        const ImportResult r
            = runImport(s->bulkHistory()->importRange(key, {Jan2025, Feb2025}, db));
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QVERIFY(archive.requestedPaths().contains(
            QStringLiteral("/data/futures/um/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2025-01.zip")));
        QCOMPARE(db->reader()->read(key, {Jan2025, Feb2025}),
                 own.rest.groundTruth(key.symbol, Interval::M1, {Jan2025, Feb2025}));
    }

    void archiveOnlyWithDefaultRestOrGiven()
    {
        // A REST URL of our own and no archive URL: REST only (never the public archive).
        const Exchange &spot = Binance::spot();
        std::unique_ptr<ExchangeSession> mirror(
            spot.createSession(spot, {m_rest->baseUrl(), {}, {}}, &m_clock, nullptr));
        QVERIFY(!mirror->bulkHistory());
        std::unique_ptr<ExchangeSession> public_(
            spot.createSession(spot, {spot.defaultRestUrl, {}, {}}, &m_clock, nullptr));
        QVERIFY(public_->bulkHistory());
        QCOMPARE(public_->bulkHistory()->baseUrl(),
                 QUrl(QStringLiteral("https://data.binance.vision")));
        QVERIFY(session(spot)->bulkHistory());

        // The environment (then the settings) name an archive: used even with a REST mirror.
        qputenv("CANDLEWICK_BINANCE_ARCHIVE_URL", "http://127.0.0.1:1/mirror");
        const Endpoints fromEnv = spot.resolveEndpoints(m_rest->baseUrl().toString());
        qunsetenv("CANDLEWICK_BINANCE_ARCHIVE_URL");
        QCOMPARE(fromEnv.archiveUrl, QUrl(QStringLiteral("http://127.0.0.1:1/mirror")));
        std::unique_ptr<ExchangeSession> named(
            spot.createSession(spot, fromEnv, &m_clock, nullptr));
        QVERIFY(named->bulkHistory());
        QCOMPARE(named->bulkHistory()->baseUrl(), fromEnv.archiveUrl);
        // An option wins over the environment.
        qputenv("CANDLEWICK_BINANCE_ARCHIVE_URL", "http://127.0.0.1:1/env");
        const Endpoints fromOption
            = spot.resolveEndpoints({}, {}, QStringLiteral("http://127.0.0.1:2/option"));
        qunsetenv("CANDLEWICK_BINANCE_ARCHIVE_URL");
        QCOMPARE(fromOption.archiveUrl, QUrl(QStringLiteral("http://127.0.0.1:2/option")));
    }

    void localFiles()
    {
        // A downloaded file with its checksum beside it, one without, one with a wrong one.
        auto write = [this](const QString &name, const QByteArray &bytes) {
            QFile f(m_dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        };
        const QString jan = QStringLiteral("BTCUSDT-1m-2025-01.zip");
        const QString feb = QStringLiteral("BTCUSDT-1m-2025-02.zip");
        const QString day = QStringLiteral("BTCUSDT-1m-2024-12-05.zip");
        const QString spotDir = QStringLiteral("spot/monthly/klines/BTCUSDT/1m/");
        write(jan, m_archive->zipFile(spotDir + jan));
        write(jan + QStringLiteral(".CHECKSUM"), m_archive->checksumFile(spotDir + jan));
        write(feb, m_archive->zipFile(spotDir + feb));
        const QString dayPath = QStringLiteral("spot/daily/klines/BTCUSDT/1m/") + day;
        write(day, m_archive->zipFile(dayPath));
        QByteArray wrong = m_archive->checksumFile(dayPath);
        wrong[0] = wrong[0] == '0' ? '1' : '0';
        write(day + QStringLiteral(".CHECKSUM"), wrong);

        auto db = newDatabase();
        auto spot = session(Binance::spot());
        BulkHistory *archive = spot->bulkHistory();
        QVERIFY(!archive->fileError(m_dir.filePath(QStringLiteral("prices.zip"))).isEmpty());
        QVERIFY(archive->fileError(m_dir.filePath(jan)).isEmpty());
        BulkImportJob *job = archive->importFiles(
            {m_dir.filePath(jan), m_dir.filePath(feb), m_dir.filePath(day)}, db);
        QStringList unverified;
        QObject::connect(job, &Job::result, [&] { unverified = job->unverified(); });
        const ImportResult r = runImport(job);
        QVERIFY(!r.ok);
        QCOMPARE(r.failures.size(), 1);
        QVERIFY(r.failures.first().startsWith(day));
        QCOMPARE(unverified, QStringList{feb});
        const SeriesKey key = spotKey();
        QCOMPARE(db->reader()->coverage(key), (TimeRanges{{Jan2025, Mar2025}}));
        QCOMPARE(db->reader()->count(key, {Dec2024, Jan2025}), 0);
        QCOMPARE(r.stats.bytes,
                 QFileInfo(m_dir.filePath(jan)).size() + QFileInfo(m_dir.filePath(feb)).size()
                     + QFileInfo(m_dir.filePath(day)).size());
    }
};

QTEST_GUILESS_MAIN(TestBinanceArchive)
#include "tst_binancearchive.moc"
