#pragma once

#include "chartview.h"

#include <QString>

namespace Candlewick {

// Application-wide light and dark looks (Fusion style with a matching palette).
class AppTheme
{
public:
    static void apply(ChartView::Theme theme);
    static ChartView::Theme fromName(const QString &name); // "dark" -> Dark, anything else Light
    static QString name(ChartView::Theme theme);
};

} // namespace Candlewick
