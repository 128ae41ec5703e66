#include "tradeformat.h"

#include <QDateTime>

namespace Candlewick::TradeFormat {

namespace {

QByteArray sideName(TradeSide side)
{
    switch (side) {
    case TradeSide::Buy:
        return QByteArrayLiteral("buy");
    case TradeSide::Sell:
        return QByteArrayLiteral("sell");
    case TradeSide::Unknown:
        break;
    }
    return QByteArrayLiteral("unknown");
}

// 2024-03-01T00:00:00.123456Z
QByteArray isoMicros(qint64 timeUs)
{
    const qint64 ms = timeUs >= 0 ? timeUs / 1000 : (timeUs - 999) / 1000;
    const qint64 micros = timeUs - ms * 1000;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
               .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"))
               .toLatin1()
        + QByteArray::number(micros).rightJustified(3, '0') + 'Z';
}

} // namespace

void appendJsonLine(QByteArray &out, const QString &symbol, const Trade &trade)
{
    out += "{\"time\":" + QByteArray::number(trade.timeUs) + ",\"symbol\":\"" + symbol.toUtf8()
        + "\",\"id\":" + QByteArray::number(trade.id) + ",\"price\":\""
        + trade.price.toString().toLatin1() + "\",\"size\":\"" + trade.size.toString().toLatin1()
        + "\",\"side\":\"" + sideName(trade.side) + "\"}\n";
}

QByteArray csvHeader()
{
    return QByteArrayLiteral("time,time_utc,symbol,id,price,size,side\n");
}

void appendCsvRow(QByteArray &out, const QString &symbol, const Trade &trade)
{
    out += QByteArray::number(trade.timeUs) + ',' + isoMicros(trade.timeUs) + ',' + symbol.toUtf8()
        + ',' + QByteArray::number(trade.id) + ',' + trade.price.toString().toLatin1() + ','
        + trade.size.toString().toLatin1() + ',' + sideName(trade.side) + '\n';
}

} // namespace Candlewick::TradeFormat
