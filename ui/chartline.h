#pragma once

#include <QColor>
#include <QList>
#include <QString>

#include <algorithm>
#include <limits>

namespace Candlewick {

// A line the chart draws with the candles: a strategy's indicator (over the candles, or in a
// pane of its own under the volume) or a run's equity and drawdown.
struct ChartLine
{
    QString name; // the legend: "SMA(9)"
    QString pane; // empty: over the candles, in prices; else the title of its own pane
    QColor color; // invalid: the chart picks one
    QList<double> levels; // horizontal lines in its pane
    // A fixed scale for its pane (both finite, minimum < maximum); else the pane fits the
    // values in view.
    double minimum = std::numeric_limits<double>::quiet_NaN();
    double maximum = std::numeric_limits<double>::quiet_NaN();
    QList<qint64> times; // candle open times, ascending
    QList<double> values;
};

// Appends each tail's times and values to the line at its index (tails: one per line, in order;
// only their times and values count).
inline void extendLines(QList<ChartLine> *lines, const QList<ChartLine> &tails)
{
    for (qsizetype i = 0; i < std::min(lines->size(), tails.size()); ++i) {
        (*lines)[i].times.append(tails[i].times);
        (*lines)[i].values.append(tails[i].values);
    }
}

} // namespace Candlewick
