#include "chartpalette.h"

namespace Candlewick {

namespace {

QColor blend(const QColor &color, double alpha, const QColor &background)
{
    return QColor(qRgb(int(color.red() * alpha + background.red() * (1 - alpha)),
                       int(color.green() * alpha + background.green() * (1 - alpha)),
                       int(color.blue() * alpha + background.blue() * (1 - alpha))));
}

} // namespace

ChartPalette ChartPalette::forTheme(ChartTheme theme)
{
    ChartPalette p;
    double volumeAlpha = 0.4;
    if (theme == ChartTheme::Dark) {
        p.background = QColor(0x13, 0x17, 0x22);
        p.grid = QColor(0x23, 0x27, 0x32);
        p.axisText = QColor(0x9a, 0x9e, 0xa8);
        p.text = QColor(0xd1, 0xd4, 0xdc);
        p.up = QColor(0x26, 0xa6, 0x9a);
        p.down = QColor(0xef, 0x53, 0x50);
        p.crosshair = QColor(0x9a, 0x9e, 0xa8);
        p.labelBackground = QColor(0x36, 0x3a, 0x45);
        p.labelText = QColor(0xff, 0xff, 0xff);
        p.buy = QColor(0x29, 0x79, 0xff);
        p.sell = QColor(0xff, 0x98, 0x00);
        p.note = QColor(0xb0, 0xb0, 0xb0);
        p.gapMissing = QColor(0xff, 0xb7, 0x4d);
        p.gapNoData = QColor(0x78, 0x7b, 0x86);
        p.incomplete = QColor(0x9a, 0x9e, 0xa8);
        volumeAlpha = 0.45;
    } else {
        p.background = QColor(0xff, 0xff, 0xff);
        p.grid = QColor(0xee, 0xf0, 0xf3);
        p.axisText = QColor(0x60, 0x64, 0x6c);
        p.text = QColor(0x20, 0x21, 0x24);
        p.up = QColor(0x08, 0x99, 0x81);
        p.down = QColor(0xf2, 0x36, 0x45);
        p.crosshair = QColor(0x78, 0x7b, 0x86);
        p.labelBackground = QColor(0x13, 0x17, 0x22);
        p.labelText = QColor(0xff, 0xff, 0xff);
        p.buy = QColor(0x29, 0x62, 0xff);
        p.sell = QColor(0xf5, 0x7c, 0x00);
        p.note = QColor(0x70, 0x70, 0x70);
        p.gapMissing = QColor(0xe6, 0x7e, 0x00);
        p.gapNoData = QColor(0x9a, 0x9e, 0xa8);
        p.incomplete = QColor(0xa0, 0xa4, 0xac);
    }
    p.volumeUp = blend(p.up, volumeAlpha, p.background);
    p.volumeDown = blend(p.down, volumeAlpha, p.background);
    return p;
}

} // namespace Candlewick
