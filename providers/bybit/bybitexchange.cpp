#include "bybitexchange.h"

#include "bybitsession.h"

#include <exchange.h>

namespace Candlewick::Bybit {

namespace {

QList<Interval> nativeIntervals()
{
    return {Interval::M1, Interval::M3, Interval::M5,  Interval::M15, Interval::M30,
            Interval::H1, Interval::H2, Interval::H4,  Interval::H6,  Interval::H12,
            Interval::D1, Interval::W1, Interval::Mon1};
}

ExchangeSession *createSession(const Exchange &e, const Endpoints &endpoints, Clock *clock,
                               QObject *parent)
{
    return new BybitSession(e, category(e), endpoints, clock, parent);
}

} // namespace

QString intervalCode(Interval interval)
{
    switch (interval) {
    case Interval::M1:
        return QStringLiteral("1");
    case Interval::M3:
        return QStringLiteral("3");
    case Interval::M5:
        return QStringLiteral("5");
    case Interval::M15:
        return QStringLiteral("15");
    case Interval::M30:
        return QStringLiteral("30");
    case Interval::H1:
        return QStringLiteral("60");
    case Interval::H2:
        return QStringLiteral("120");
    case Interval::H4:
        return QStringLiteral("240");
    case Interval::H6:
        return QStringLiteral("360");
    case Interval::H12:
        return QStringLiteral("720");
    case Interval::D1:
        return QStringLiteral("D");
    case Interval::W1:
        return QStringLiteral("W");
    case Interval::Mon1:
        return QStringLiteral("M");
    default:
        return {};
    }
}

const Exchange &spot()
{
    static const Exchange exchange{
        QStringLiteral("bybit"),
        QT_TRANSLATE_NOOP("Exchange", "Bybit"),
        QT_TRANSLATE_NOOP("Exchange", "spot"),
        nativeIntervals(),
        QUrl(QStringLiteral("https://api.bybit.com")),
        QUrl(QStringLiteral("wss://stream.bybit.com/v5/public/spot")),
        true,
        // Spot pairs have no settlement asset: BTC/USDT is BTCUSDT, BTC/USDT:USDT is no market.
        [](const QString &base, const QString &quote, const QString &settle) {
            return settle.isEmpty() ? base + quote : QString();
        },
        &createSession,
    };
    return exchange;
}

const Exchange &linear()
{
    static const Exchange exchange{
        QStringLiteral("bybit-linear"),
        QT_TRANSLATE_NOOP("Exchange", "Bybit Linear"),
        QT_TRANSLATE_NOOP("Exchange", "USDT perpetuals"),
        nativeIntervals(),
        QUrl(QStringLiteral("https://api.bybit.com")),
        QUrl(QStringLiteral("wss://stream.bybit.com/v5/public/linear")),
        true,
        // USDT perpetuals settle in USDT: BTC/USDT:USDT (or BTC/USDT) is BTCUSDT.
        [](const QString &base, const QString &quote, const QString &settle) {
            return quote == QLatin1StringView("USDT") && (settle.isEmpty() || settle == quote)
                ? base + quote
                : QString();
        },
        &createSession,
    };
    return exchange;
}

QString category(const Exchange &exchange)
{
    return &exchange == &linear() ? QStringLiteral("linear") : QStringLiteral("spot");
}

} // namespace Candlewick::Bybit
