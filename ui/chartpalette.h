#pragma once

#include <QColor>

namespace Candlewick {

enum class ChartTheme { Light, Dark };

// The chart's colours for one theme. The volume colours are the up/down colours blended over the
// background once, so every volume bar is an opaque fill.
struct ChartPalette
{
    QColor background, grid, axisText, text, up, down, volumeUp, volumeDown, crosshair,
        labelBackground, labelText, buy, sell, note,
        // Gaps in time: never fetched, and fetched with no candles (exchange downtime).
        gapMissing, gapNoData,
        // Resampled buckets with missing input.
        incomplete;

    static ChartPalette forTheme(ChartTheme theme);
};

} // namespace Candlewick
