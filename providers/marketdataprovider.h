#pragma once

#include "connectionstate.h"
#include "historyjob.h"
#include "symbolsjob.h"

#include <candle.h>
#include <serieskey.h>

#include <QObject>

namespace Candlewick {

// The one face every market-data source shows: Binance REST/WebSocket, replay, mock, and later
// other exchanges. History through jobs; live candles through signals.
class MarketDataProvider : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Lowercase exchange id used in SeriesKey::exchange ("binance", "demo").
    virtual QString exchange() const = 0;

    // Closed candles with open time in [fromMs, toMs). The caller starts the job after connecting
    // to it. Providers without history return a job that fails at once.
    virtual HistoryJob *fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs) = 0;
    virtual SymbolsJob *fetchSymbols() = 0;

    // Live feed. Providers without one leave these as no-ops.
    virtual void subscribe(const SeriesKey &key) { Q_UNUSED(key); }
    virtual void unsubscribe(const SeriesKey &key) { Q_UNUSED(key); }

signals:
    void candleUpdated(const Candlewick::SeriesKey &key, const Candlewick::Candle &candle);
    void candleClosed(const Candlewick::SeriesKey &key, const Candlewick::Candle &candle);
    void connectionStateChanged(Candlewick::ConnectionState state);
    // Something worth a line in the log (reconnects, rejected frames, backfills).
    void logMessage(const QString &message);
};

} // namespace Candlewick
