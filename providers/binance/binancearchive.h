#pragma once

#include <bulkhistory.h>

#include <QObject>

class QNetworkAccessManager;

namespace Candlewick {

class Clock;
struct BinanceApi;

// Binance's public archive (data.binance.vision) for one market (the BinanceApi's archivePath):
// the BulkHistory role of a Binance session. Plans the files of a range (BinanceArchivePlan)
// and imports them with a BinanceArchiveJob.
class BinanceArchive : public QObject, public BulkHistory
{
    Q_OBJECT
public:
    // https://data.binance.vision
    static QUrl defaultUrl();

    BinanceArchive(QUrl baseUrl, const BinanceApi &api, QString exchange, Clock *clock,
                   QObject *parent = nullptr);
    ~BinanceArchive() override;

    QUrl baseUrl() const override { return m_baseUrl; }
    bool hasInterval(Interval interval) const override;
    BulkImportJob *importRange(const SeriesKey &key, TimeRange range,
                               std::shared_ptr<CandleDatabase> database,
                               QObject *parent = nullptr) override;
    QString fileError(const QString &path) const override;
    BulkImportJob *importFiles(const QStringList &paths, std::shared_ptr<CandleDatabase> database,
                               QObject *parent = nullptr) override;

private:
    QUrl m_baseUrl;
    const BinanceApi &m_api;
    QString m_exchange;
    Clock *m_clock;
    QNetworkAccessManager *m_network;
};

} // namespace Candlewick
