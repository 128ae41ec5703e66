#include "strategysignal.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace Candlewick {

QJsonObject StrategySignal::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1StringView("time"),
             QDateTime::fromMSecsSinceEpoch(time, Qt::UTC).toString(Qt::ISODateWithMs));
    o.insert(QLatin1StringView("symbol"), key.symbol);
    o.insert(QLatin1StringView("side"), sideName());
    o.insert(QLatin1StringView("price"), price);
    o.insert(QLatin1StringView("reason"), reason);
    o.insert(QLatin1StringView("interval"), Intervals::name(key.interval));
    o.insert(QLatin1StringView("exchange"), key.exchange);
    o.insert(QLatin1StringView("strategy"), strategy);
    return o;
}

QByteArray StrategySignal::toJsonLine() const
{
    // QJsonObject sorts its keys; write the documented order by hand, values encoded by Qt.
    const QJsonObject o = toJson();
    static const char *const order[]
        = {"time", "symbol", "side", "price", "reason", "interval", "exchange", "strategy"};
    QByteArray line = "{";
    for (const char *k : order) {
        const QByteArray value = QJsonDocument(QJsonArray{o.value(QLatin1StringView(k))})
                                     .toJson(QJsonDocument::Compact);
        if (line.size() > 1)
            line += ',';
        line += '"';
        line += k;
        line += "\":";
        line += value.mid(1, value.size() - 2); // strip the array brackets
    }
    line += '}';
    return line;
}

} // namespace Candlewick
