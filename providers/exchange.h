#pragma once

#include "endpoints.h"

#include <interval.h>
#include <symbolinfo.h>

#include <QList>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QObject;

namespace Candlewick {

class Clock;
class ExchangeSession;

// What an exchange is, as the rest of the program needs to know it: its id and name, the markets it
// serves, which intervals it gives natively (every other one of the sixteen is built from the
// coarsest native interval that divides it, or refused), how its native symbol ids map to the
// unified BASE/QUOTE[:SETTLE] form, its default base URLs, and the factory of its roles
// (ExchangeSession). Each exchange describes itself in its own folder under providers/ and is
// registered once in ExchangeRegistry.
class Exchange
{
public:
    using SymbolJoiner
        = std::function<QString(const QString &base, const QString &quote, const QString &settle)>;
    using SessionFactory = std::function<ExchangeSession *(
        const Exchange &exchange, const Endpoints &endpoints, Clock *clock, QObject *parent)>;

    QString id; // "binance"; the exchange of every SeriesKey it serves
    const char *displayName = ""; // untranslated; see translatedName()
    const char *marketDescription = ""; // untranslated: "spot", "USD-M perpetuals", ...
    QList<Interval> nativeIntervals; // history, shortest first
    QUrl defaultRestUrl;
    QUrl defaultWsUrl; // empty: no live feed; its path is the default WebSocket path
    bool needsNetwork = true;
    SymbolJoiner joinSymbol; // BASE, QUOTE, SETTLE -> native id
    SessionFactory createSession;

    QString translatedName() const;
    QString translatedMarket() const;

    // How `interval` is obtained: itself when native, else the coarsest native interval that
    // divides it; nullopt when none does.
    std::optional<Interval> sourceInterval(Interval interval) const;
    bool isNative(Interval interval) const { return nativeIntervals.contains(interval); }
    // Why `interval` cannot be had here (naming the finest interval there is), or empty.
    QString intervalError(Interval interval) const;

    // The native id for a symbol given either natively ("BTCUSDT") or unified ("BTC/USDT",
    // "BTC/USDT:USDT"); native ids pass through unchanged.
    QString nativeSymbol(const QString &symbol) const;
    // The unified id of an instrument of the symbol list: "BTC/USDT", or "BTC/USDT:USDT" where
    // joinSymbol() names it with a settlement asset (the quote's or the base's); the native id
    // when it has no base or quote, or joinSymbol() does not lead back to it.
    QString unifiedSymbol(const SymbolInfo &info) const;

    // The base URLs in effect: an explicit option, else the environment
    // (CANDLEWICK_<ID>_REST_URL / _WS_URL, the id upper-cased with '-' as '_'), else the settings
    // ("<id>/restUrl", "<id>/wsUrl"), else the defaults. A WebSocket URL given without a path
    // gets the path of defaultWsUrl (Binance USD-M's "/market"; none for Binance Spot).
    Endpoints resolveEndpoints(const QString &restOption = {}, const QString &wsOption = {}) const;
    // `url` with the default WebSocket path when it has none (or only "/").
    QUrl withDefaultWsPath(const QUrl &url) const;
    QString environmentVariable(const char *which) const; // "REST_URL", "WS_URL", "REQUEST_BUDGET"
    QString settingsKey(const char *which) const; // which: "restUrl" or "wsUrl"
};

} // namespace Candlewick
