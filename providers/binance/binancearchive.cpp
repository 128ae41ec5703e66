#include "binancearchive.h"

#include "binanceapi.h"
#include "binancearchivejob.h"
#include "binancearchiveplan.h"

#include <candledatabase.h>
#include <candlestore.h>
#include <clock.h>

#include <QFileInfo>
#include <QNetworkAccessManager>

namespace Candlewick {

QUrl BinanceArchive::defaultUrl()
{
    return QUrl(QStringLiteral("https://data.binance.vision"));
}

BinanceArchive::BinanceArchive(QUrl baseUrl, const BinanceApi &api, QString exchange, Clock *clock,
                               QObject *parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
    , m_api(api)
    , m_exchange(std::move(exchange))
    , m_clock(clock)
    , m_network(new QNetworkAccessManager(this))
{
}

BinanceArchive::~BinanceArchive() = default;

bool BinanceArchive::hasInterval(Interval interval) const
{
    return BinanceArchivePlan::hasInterval(interval);
}

BulkImportJob *BinanceArchive::importRange(const SeriesKey &key, TimeRange range,
                                           std::shared_ptr<CandleDatabase> database,
                                           QObject *parent)
{
    const TimeRanges missing = TimeRangeSet::missing(database->reader()->coverage(key), range);
    const BinanceArchivePlan plan
        = BinanceArchivePlan::make(key.symbol, key.interval, missing, m_clock->nowMs());
    QList<BinanceArchiveJob::Source> sources;
    for (const BinanceArchiveFile &file : plan.files)
        sources.append({file, {}});
    const qint64 thisMonth = Intervals::alignDown(Interval::Mon1, m_clock->nowMs());
    return new BinanceArchiveJob(m_network, m_baseUrl, m_api.archivePath, m_exchange,
                                 std::move(database), sources, plan.unpublished,
                                 Intervals::alignDown(Interval::Mon1, thisMonth - 1), parent);
}

QString BinanceArchive::fileError(const QString &path) const
{
    const QString name = QFileInfo(path).fileName();
    if (!BinanceArchiveFile::fromFileName(name))
        return tr("%1 is not named like a kline file of the Binance archive "
                  "(SYMBOL-INTERVAL-YYYY-MM.zip or SYMBOL-INTERVAL-YYYY-MM-DD.zip)")
            .arg(name);
    if (!QFileInfo(path).isFile())
        return tr("%1: no such file").arg(path);
    return {};
}

BulkImportJob *BinanceArchive::importFiles(const QStringList &paths,
                                           std::shared_ptr<CandleDatabase> database,
                                           QObject *parent)
{
    QList<BinanceArchiveJob::Source> sources;
    for (const QString &path : paths) {
        // The caller checked the names (fileError()).
        if (const auto file = BinanceArchiveFile::fromFileName(QFileInfo(path).fileName()))
            sources.append({*file, path});
    }
    return new BinanceArchiveJob(m_network, m_baseUrl, m_api.archivePath, m_exchange,
                                 std::move(database), sources, {}, 0, parent);
}

} // namespace Candlewick
