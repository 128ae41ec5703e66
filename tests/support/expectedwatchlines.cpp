#include "expectedwatchlines.h"

#include <candleformat.h>

#include <algorithm>
#include <limits>

namespace Candlewick::Testing {

QList<QByteArray> expectedWatchLines(const CandleStore &store, const QList<SeriesKey> &keys,
                                     qint64 from)
{
    struct Row
    {
        qint64 time;
        qsizetype series;
        QByteArray line;
    };
    QList<Row> rows;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        for (const Candle &c : store.read(keys[i], {from, std::numeric_limits<qint64>::max()})) {
            QByteArray line;
            CandleFormat::appendJsonLine(line, keys[i].symbol, c);
            line.chop(1);
            rows.append({c.openTime, i, line});
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return a.time != b.time ? a.time < b.time : a.series < b.series;
    });
    QList<QByteArray> lines;
    for (const Row &r : std::as_const(rows))
        lines.append(r.line);
    return lines;
}

} // namespace Candlewick::Testing
