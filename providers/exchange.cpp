#include "exchange.h"

#include <resampler.h>

#include <QCoreApplication>
#include <QSettings>

namespace Candlewick {

QString Exchange::translatedName() const
{
    return QCoreApplication::translate("Exchange", displayName);
}

QString Exchange::translatedMarket() const
{
    return QCoreApplication::translate("Exchange", marketDescription);
}

std::optional<Interval> Exchange::sourceInterval(Interval interval) const
{
    if (isNative(interval))
        return interval;
    for (auto it = nativeIntervals.crbegin(); it != nativeIntervals.crend(); ++it) {
        if (Intervals::nominalMs(*it) < Intervals::nominalMs(interval)
            && Resampler::canResample(*it, interval))
            return *it;
    }
    return std::nullopt;
}

QString Exchange::intervalError(Interval interval) const
{
    if (sourceInterval(interval))
        return {};
    const QString finest
        = nativeIntervals.isEmpty() ? QString() : Intervals::name(nativeIntervals.first());
    return QCoreApplication::translate("Exchange",
                                       "%1 has no %2 candles and cannot build them: the finest "
                                       "interval it offers is %3")
        .arg(translatedName(), Intervals::name(interval), finest);
}

QString Exchange::nativeSymbol(const QString &symbol) const
{
    const qsizetype slash = symbol.indexOf(u'/');
    if (slash < 0)
        return symbol;
    const QString base = symbol.left(slash).trimmed().toUpper();
    QString quote = symbol.mid(slash + 1).trimmed().toUpper();
    QString settle;
    const qsizetype colon = quote.indexOf(u':');
    if (colon >= 0) {
        settle = quote.mid(colon + 1);
        quote.truncate(colon);
    }
    return joinSymbol(base, quote, settle);
}

QString Exchange::unifiedSymbol(const SymbolInfo &info) const
{
    if (info.baseAsset.isEmpty() || info.quoteAsset.isEmpty())
        return info.symbol;
    const QString pair = info.baseAsset + u'/' + info.quoteAsset;
    for (const QString &settle : {info.quoteAsset, info.baseAsset}) {
        if (joinSymbol(info.baseAsset, info.quoteAsset, settle) == info.symbol)
            return pair + u':' + settle;
    }
    return joinSymbol(info.baseAsset, info.quoteAsset, {}) == info.symbol ? pair : info.symbol;
}

QString Exchange::environmentVariable(const char *which) const
{
    QString name = id.toUpper();
    name.replace(u'-', u'_');
    return QStringLiteral("CANDLEWICK_") + name + u'_' + QLatin1StringView(which);
}

QString Exchange::settingsKey(const char *which) const
{
    return id + u'/' + QLatin1StringView(which);
}

namespace {

QUrl resolveOne(const QString &option, const QString &envName, const QString &settingsKey,
                const QUrl &fallback)
{
    if (!option.trimmed().isEmpty())
        return QUrl(option.trimmed(), QUrl::StrictMode);
    const QString env = qEnvironmentVariable(envName.toLatin1().constData()).trimmed();
    if (!env.isEmpty())
        return QUrl(env, QUrl::StrictMode);
    const QSettings settings;
    const QString stored = settings.value(settingsKey).toString().trimmed();
    if (!stored.isEmpty())
        return QUrl(stored, QUrl::StrictMode);
    return fallback;
}

} // namespace

QUrl Exchange::withDefaultWsPath(const QUrl &url) const
{
    const QString path = url.path();
    if (!url.isValid() || defaultWsUrl.path().isEmpty()
        || (!path.isEmpty() && path != QLatin1StringView("/")))
        return url;
    QUrl completed = url;
    completed.setPath(defaultWsUrl.path());
    return completed;
}

Endpoints Exchange::resolveEndpoints(const QString &restOption, const QString &wsOption) const
{
    return {resolveOne(restOption, environmentVariable("REST_URL"), settingsKey("restUrl"),
                       defaultRestUrl),
            withDefaultWsPath(resolveOne(wsOption, environmentVariable("WS_URL"),
                                         settingsKey("wsUrl"), defaultWsUrl))};
}

} // namespace Candlewick
