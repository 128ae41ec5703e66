#pragma once

#include "candle.h"
#include "interval.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <algorithm>
#include <optional>

namespace Candlewick::Testing {

// The trades of the fake Coinbase: deterministic per product and minute, so the REST candles
// (built here from these very trades) and the WebSocket's market_trades agree to the last digit.
// Prices have 2 decimals, sizes 8; about one minute in six has no trade at all (Coinbase serves
// no candle for it). Trade ids grow with time per product; nothing trades before the listing.
class FakeCoinbaseMarket
{
public:
    struct Trade
    {
        qint64 id = 0;
        qint64 timeUs = 0;
        qint64 priceCents = 0;
        qint64 sizeUnits = 0; // 1e-8
        bool makerBuy = false;
    };
    struct Product
    {
        QString id; // "BTC-USD"
        QString base;
        QString quote;
        qint64 listedFromMs = 0;
        qint64 basePriceCents = 0;
        QString status = QStringLiteral("online");
    };

    void addProduct(const QString &id, const QString &base, const QString &quote,
                    qint64 listedFromMs);
    const Product *product(const QString &id) const;
    const QList<Product> &products() const { return m_products; }
    // Every minute of the product has trades from now on (for tests of exact sums).
    void setQuietMinutes(bool on) { m_quiet = on; }
    // At most this many trades in a minute (default 4; a recording of a few seconds wants more).
    void setMaxTradesPerMinute(int count) { m_maxTrades = std::clamp(count, 1, 999); }
    // At least this many in a minute that trades (default 1): a recording of a few seconds of
    // real time sees trades whatever minute it falls in.
    void setMinTradesPerMinute(int count) { m_minTrades = std::clamp(count, 1, 999); }

    // The trades with time in [fromUs, toUs), ascending by time (and id).
    QList<Trade> trades(const QString &id, qint64 fromUs, qint64 toUs) const;
    // The candle of [openTime, openTime + interval) from the trades before nowMs; nullopt when
    // there was none. closed once the interval ended by nowMs.
    std::optional<Candle> candle(const QString &id, Interval interval, qint64 openTime,
                                 qint64 nowMs) const;
    // The candle volume as Coinbase prints it: the exact sum of the sizes ("0.12345678").
    static QByteArray decimal(qint64 units, int scale);

private:
    QList<Trade> minuteTrades(const Product &p, qint64 minute) const;

    QList<Product> m_products;
    bool m_quiet = true;
    int m_maxTrades = 4;
    int m_minTrades = 1;
};

} // namespace Candlewick::Testing
