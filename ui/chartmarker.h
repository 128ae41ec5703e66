#pragma once

#include <QMetaType>
#include <QString>

namespace Candlewick {

// A strategy signal drawn on the chart: an arrow under (buy) or over (sell) the candle at `time`.
struct ChartMarker
{
    enum class Side { Buy, Sell, Note };

    qint64 time = 0; // ms UTC; drawn at the candle that contains it
    double price = 0;
    Side side = Side::Note;
    QString text;

    friend bool operator==(const ChartMarker &, const ChartMarker &) = default;
};

} // namespace Candlewick

Q_DECLARE_METATYPE(Candlewick::ChartMarker)
