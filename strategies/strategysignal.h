#pragma once

#include <serieskey.h>
#include <strategytypes.h>

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace Candlewick {

// A signal a strategy emitted, as the host collects it (for the chart, the CLI, the summary).
struct StrategySignal
{
    using Side = StrategyApi::Side;

    QString strategy; // the strategy's name
    Side side = Side::Note;
    SeriesKey key;
    qint64 time = 0; // the candle's open time, ms UTC
    double price = 0;
    QString reason;

    // {"time":"2024-01-01T00:05:00.000Z","symbol":"BTCUSDT","side":"buy","price":..,"reason":..}
    QJsonObject toJson() const;
    // The same as one compact JSON line with the keys in that order (time, symbol, side, price,
    // reason, then interval, exchange, strategy), without a newline.
    QByteArray toJsonLine() const;
    QString sideName() const { return QString::fromLatin1(StrategyApi::sideName(side)); }
};

} // namespace Candlewick

Q_DECLARE_METATYPE(Candlewick::StrategySignal)
