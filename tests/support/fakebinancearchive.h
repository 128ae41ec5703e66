#pragma once

#include "candle.h"
#include "interval.h"
#include "timerange.h"

#include <httpresponse.h>

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <atomic>

class QTcpServer;
class QTcpSocket;

namespace Candlewick {
class HttpRequestParser;
}

namespace Candlewick::Testing {

class FakeBinanceRest;

// Binance's public archive for tests and benches, on 127.0.0.1 only: the kline zips and their
// .CHECKSUM files (intervals up to 1d, and 1M as "1mo" in monthly files only) under
// /data/spot/{monthly,daily}/klines/<SYMBOL>/<INTERVAL>/ and
// /data/futures/um/..., made from the SAME candles the given FakeBinanceRest serves
// (groundTruth() at its clock's now). As Binance writes them: one CSV per zip, spot rows without
// a header and with microsecond times from 2025-01-01 on, USD-M rows with a header row and
// milliseconds. Published are months that ended before the clock's month and days that ended
// before its day, and only when they hold a candle (a month the symbol was listed in holds the
// candles from the listing on); anything else is 404. Zips are made once and kept.
//
// Switches, per file name ("BTCUSDT-1m-2024-03.zip"): a wrong checksum, a zip published cut in
// half (its checksum matches the cut file, so only the zip reader can tell), a row that is not
// a kline row (the zip and its checksum made with it: only the parser can tell), a missing file
// (404; "BTCUSDT-1m-2024-03.zip.CHECKSUM": the checksum alone), a zip with a data descriptor;
// and an unreachable archive (every connection closed at once). Zips and checksums are made once
// and kept (as the archive serves files made before): set switches before.
class FakeBinanceArchive : public QObject
{
    Q_OBJECT
public:
    explicit FakeBinanceArchive(const FakeBinanceRest *market, QObject *parent = nullptr);
    ~FakeBinanceArchive() override;

    bool listen(quint16 port = 0);
    QUrl baseUrl() const; // "http://127.0.0.1:<port>"

    void setCorruptChecksum(const QString &fileName);
    void setTruncated(const QString &fileName);
    void setMissing(const QString &fileName);
    // Line `line` (from 1) of the file's CSV starts with a letter.
    void setMalformedRow(const QString &fileName, int line);
    // The zip made with its entry's CRC and sizes in a data descriptor after its data (flag
    // bit 3, the local header's zero), as a zip written in one pass has them.
    void setDataDescriptor(const QString &fileName);
    // `zip` (one entry, no data descriptor) with its entry's CRC and sizes in a data descriptor.
    static QByteArray withDataDescriptor(const QByteArray &zip);
    void setUnreachable(bool on) { m_unreachable = on; }
    // The zip (its checksum: "….zip.CHECKSUM") is not answered until it is released: a download
    // that lags behind the others; with `after`, its head and the first `after` bytes are sent,
    // the rest of the body on release (a download under way). drop() closes the connections of the
    // held answers instead: downloads that stop. Call these on the fake's thread.
    void hold(const QString &fileName, qsizetype after = 0);
    void release(const QString &fileName);
    void drop(const QString &fileName);

    // The zip and the checksum text as served for a path below /data/ ("spot/monthly/klines/
    // BTCUSDT/1m/BTCUSDT-1m-2024-03.zip"); empty when the file is not published.
    QByteArray zipFile(const QString &path);
    QByteArray checksumFile(const QString &path);
    // The CSV inside such a zip.
    QByteArray csv(const QString &path);

    int requestCount() const { return m_requests.load(); }
    QStringList requestedPaths() const;

private:
    struct File
    {
        QString symbol;
        Interval interval = Interval::M1;
        TimeRange range;
        bool futures = false;
        QString name;
    };
    std::optional<File> parsePath(const QString &path) const;
    void handleNewConnection();
    void handleReadyRead(QTcpSocket *socket);

    const FakeBinanceRest *m_market;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, HttpRequestParser *> m_parsers;
    std::atomic<bool> m_unreachable{false};
    std::atomic<int> m_requests{0};

    mutable QMutex m_mutex; // guards what follows
    QSet<QString> m_corrupt;
    QSet<QString> m_truncated;
    QSet<QString> m_missing;
    QHash<QString, int> m_malformed; // the line, by file name
    QSet<QString> m_dataDescriptor;
    QHash<QString, QByteArray> m_zips; // by path
    QHash<QString, QByteArray> m_checksums; // by path
    QStringList m_requested;

    struct HeldAnswer
    {
        QPointer<QTcpSocket> socket;
        HttpResponse response;
        bool keepAlive = true;
        qsizetype sent = -1; // the body's bytes sent (-1: not even the head)
    };
    QHash<QString, qsizetype> m_held; // the bytes sent before, by file name; the fake's thread
                                      // only, as what follows
    QHash<QString, QList<HeldAnswer>> m_heldAnswers; // by file name
};

} // namespace Candlewick::Testing
