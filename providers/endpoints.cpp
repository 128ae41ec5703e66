#include "endpoints.h"

#include <QSettings>

namespace Candlewick {

namespace {

QUrl resolveOne(const QString &option, const char *envName, const QString &settingsKey,
                const QUrl &fallback)
{
    if (!option.trimmed().isEmpty())
        return QUrl(option.trimmed(), QUrl::StrictMode);
    const QString env = qEnvironmentVariable(envName).trimmed();
    if (!env.isEmpty())
        return QUrl(env, QUrl::StrictMode);
    const QSettings settings;
    const QString stored = settings.value(settingsKey).toString().trimmed();
    if (!stored.isEmpty())
        return QUrl(stored, QUrl::StrictMode);
    return fallback;
}

} // namespace

Endpoints Endpoints::resolve(const QString &restOption, const QString &wsOption)
{
    return {resolveRestUrl(restOption), resolveWsUrl(wsOption)};
}

QUrl Endpoints::resolveRestUrl(const QString &option)
{
    return resolveOne(option, "CANDLEWICK_BINANCE_REST_URL", QStringLiteral("binance/restUrl"),
                      defaultRestUrl());
}

QUrl Endpoints::resolveWsUrl(const QString &option)
{
    return resolveOne(option, "CANDLEWICK_BINANCE_WS_URL", QStringLiteral("binance/wsUrl"),
                      defaultWsUrl());
}

QUrl Endpoints::defaultRestUrl()
{
    return QUrl(QStringLiteral("https://api.binance.com"));
}

QUrl Endpoints::defaultWsUrl()
{
    return QUrl(QStringLiteral("wss://stream.binance.com:9443"));
}

bool Endpoints::isValidRestUrl(const QUrl &url)
{
    const QString scheme = url.scheme();
    return url.isValid() && !url.host().isEmpty()
        && (scheme == QLatin1StringView("http") || scheme == QLatin1StringView("https"));
}

bool Endpoints::isValidWsUrl(const QUrl &url)
{
    const QString scheme = url.scheme();
    return url.isValid() && !url.host().isEmpty()
        && (scheme == QLatin1StringView("ws") || scheme == QLatin1StringView("wss"));
}

} // namespace Candlewick
