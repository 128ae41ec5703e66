#pragma once

#include "chartpalette.h"

#include <QString>

namespace Candlewick {

// Application-wide light and dark looks (Fusion style with a matching palette).
class AppTheme
{
public:
    static void apply(ChartTheme theme);
    static ChartTheme fromName(const QString &name); // "dark" -> Dark, anything else Light
    static QString name(ChartTheme theme);
};

} // namespace Candlewick
