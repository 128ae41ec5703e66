#pragma once

#include <QString>

namespace Candlewick::SettingsKeys {

// QSettings keys shared by the main window and the preferences dialog.
inline QString databasePath()
{
    return QStringLiteral("database/path");
}
// Same keys Endpoints::resolveRestUrl()/resolveWsUrl() read.
inline QString restUrl()
{
    return QStringLiteral("binance/restUrl");
}
inline QString wsUrl()
{
    return QStringLiteral("binance/wsUrl");
}
inline QString proxy()
{
    return QStringLiteral("network/proxy");
}
// Same key StrategyHost::defaultPluginDirectories() reads.
inline QString pluginDirectories()
{
    return QStringLiteral("strategies/pluginDirectories");
}
inline QString language()
{
    return QStringLiteral("ui/language");
} // "", "en", "de", "zh_CN"
inline QString theme()
{
    return QStringLiteral("ui/theme");
} // "light" or "dark"
inline QString geometry()
{
    return QStringLiteral("ui/geometry");
}
inline QString windowState()
{
    return QStringLiteral("ui/windowState");
}
inline QString lastSeries()
{
    return QStringLiteral("ui/lastSeries");
}
inline QString favourites(const QString &exchange)
{
    return QStringLiteral("markets/favourites/") + exchange;
}

} // namespace Candlewick::SettingsKeys
