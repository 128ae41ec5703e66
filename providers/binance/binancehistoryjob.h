#pragma once

#include "klinesparser.h"

#include <pagedhistoryjob.h>

#include <QPointer>

#include <map>

namespace Candlewick {

class BinanceRestProvider;

// Downloads [from, to) of one series from the provider's klines endpoint (/api/v3/klines on
// Spot) as a PagedHistoryJob: Binance answers the oldest rows of a window first, so a full page
// continues from its last open time + 1. A request is startTime = window start, endTime = window
// end - 1, limit = the provider's page limit; the first one asks for the whole range, which also
// skips any time before the symbol was listed. A row whose closeTime lies after the Clock's now is
// the still-open candle and is dropped.
class BinanceHistoryJob : public PagedHistoryJob
{
    Q_OBJECT
public:
    BinanceHistoryJob(BinanceRestProvider *provider, const SeriesKey &key, qint64 fromMs,
                      qint64 toMs);

protected:
    void doStart() override;
    QObject *sendPage(const Page &page) override;
    qint64 endBound(qint64 nowMs) const override;

private:
    QString parsePage(qint64 pageStart, const QByteArray &body);

    QPointer<BinanceRestProvider> m_provider;
    KlinesParser m_parser;
    std::map<qint64, CandleBatch> m_parsed; // pages parsed, until their call reports success
};

} // namespace Candlewick
