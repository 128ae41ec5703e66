#include "fakecoinbasemarket.h"

#include <algorithm>

namespace Candlewick::Testing {

namespace {

quint64 mixCoinbase(quint64 x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

quint64 productSeed(const QString &id)
{
    quint64 h = 1469598103934665603ULL;
    for (QChar c : id)
        h = (h ^ c.unicode()) * 1099511628211ULL;
    return h;
}

constexpr qint64 MinuteUs = 60'000'000;
constexpr int TradeIdsPerMinute = 1000;

} // namespace

void FakeCoinbaseMarket::addProduct(const QString &id, const QString &base, const QString &quote,
                                    qint64 listedFromMs)
{
    Product p;
    p.id = id;
    p.base = base;
    p.quote = quote;
    p.listedFromMs = listedFromMs;
    p.basePriceCents = 100000 + qint64(productSeed(id) % 5000000);
    m_products.append(p);
}

const FakeCoinbaseMarket::Product *FakeCoinbaseMarket::product(const QString &id) const
{
    for (const Product &p : m_products) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

QList<FakeCoinbaseMarket::Trade> FakeCoinbaseMarket::minuteTrades(const Product &p,
                                                                  qint64 minute) const
{
    QList<Trade> out;
    if (minute * 60000 < p.listedFromMs)
        return out;
    const quint64 seed = productSeed(p.id);
    const quint64 h = mixCoinbase(seed ^ quint64(minute));
    if (m_quiet && h % 6 == 0)
        return out;
    const int fewest = std::min(m_minTrades, m_maxTrades);
    const int count = fewest + int((h >> 8) % quint64(m_maxTrades - fewest + 1));
    // A slow walk: the minute's level, and each trade a little around it.
    const qint64 level
        = p.basePriceCents + qint64((h >> 16) % 2001) - 1000 + qint64(minute % 1000) * 3;
    for (int k = 0; k < count; ++k) {
        const quint64 t = mixCoinbase(h + quint64(k) * 0x9e3779b97f4a7c15ULL);
        Trade trade;
        trade.timeUs = minute * MinuteUs + qint64(t % quint64(MinuteUs));
        trade.priceCents = level + qint64((t >> 24) % 201) - 100;
        trade.sizeUnits = 1 + qint64((t >> 40) % 50'000'000);
        trade.makerBuy = (t >> 60) & 1;
        out.append(trade);
    }
    std::sort(out.begin(), out.end(),
              [](const Trade &a, const Trade &b) { return a.timeUs < b.timeUs; });
    for (int k = 0; k < out.size(); ++k)
        out[k].id = minute * TradeIdsPerMinute + k;
    return out;
}

QList<FakeCoinbaseMarket::Trade> FakeCoinbaseMarket::trades(const QString &id, qint64 fromUs,
                                                            qint64 toUs) const
{
    QList<Trade> out;
    const Product *p = product(id);
    if (!p || fromUs >= toUs)
        return out;
    const qint64 first = fromUs >= 0 ? fromUs / MinuteUs : 0;
    for (qint64 m = first; m * MinuteUs < toUs; ++m) {
        for (const Trade &t : minuteTrades(*p, m)) {
            if (t.timeUs >= fromUs && t.timeUs < toUs)
                out.append(t);
        }
    }
    return out;
}

std::optional<Candle> FakeCoinbaseMarket::candle(const QString &id, Interval interval,
                                                 qint64 openTime, qint64 nowMs) const
{
    const qint64 end = std::min(Intervals::next(interval, openTime), nowMs);
    const QList<Trade> list = trades(id, openTime * 1000, end * 1000);
    if (list.isEmpty())
        return std::nullopt;
    Candle c;
    c.openTime = openTime;
    qint64 high = list.first().priceCents;
    qint64 low = high;
    qint64 volume = 0;
    for (const Trade &t : list) {
        high = std::max(high, t.priceCents);
        low = std::min(low, t.priceCents);
        volume += t.sizeUnits;
    }
    c.open = decimal(list.first().priceCents, 2).toDouble();
    c.close = decimal(list.last().priceCents, 2).toDouble();
    c.high = decimal(high, 2).toDouble();
    c.low = decimal(low, 2).toDouble();
    c.volume = decimal(volume, 8).toDouble();
    c.closed = Intervals::next(interval, openTime) <= nowMs;
    return c;
}

QByteArray FakeCoinbaseMarket::decimal(qint64 units, int scale)
{
    QByteArray digits = QByteArray::number(units);
    while (digits.size() <= scale)
        digits.prepend('0');
    if (scale > 0)
        digits.insert(digits.size() - scale, '.');
    return digits;
}

} // namespace Candlewick::Testing
