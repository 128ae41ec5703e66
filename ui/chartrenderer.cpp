#include "chartrenderer.h"

#include "chartticks.h"

#include <resampler.h>

#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Candlewick {

namespace {

constexpr double TargetBarPixels = 3.5;
constexpr double MinLabelSpacing = 96;
constexpr double PixelsPerPriceLabel = 48;

// The break of a gap on the time axis at x: two slanted strokes.
void drawGapBreak(QPainter &p, double x, double bottom, const QColor &color)
{
    p.setPen(QPen(color, 2));
    for (double dx : {-2.5, 2.5})
        p.drawLine(QPointF(x + dx - 2, bottom + 5), QPointF(x + dx + 2, bottom - 5));
}

// A gap's span in a framed box.
void drawGapLabel(QPainter &p, const QRectF &tag, const QString &text, const QColor &background,
                  const QColor &frame, const QColor &ink)
{
    p.fillRect(tag, background);
    p.setPen(frame);
    p.drawRect(tag.adjusted(0.5, 0.5, -0.5, -0.5));
    p.setPen(ink);
    p.drawText(tag, Qt::AlignCenter, text);
}

int readoutDecimals(double price)
{
    const double a = std::abs(price);
    if (a == 0 || !std::isfinite(a))
        return 2;
    const int mag = int(std::floor(std::log10(a)));
    return std::clamp(5 - mag, 2, 8);
}

// Calls f(candle index, value) for each point of `line` on the candles [a, b] (both sorted by
// time: one pass).
template<typename F>
void forEachLinePoint(const CandleBatch &candles, const ChartLine &line, int a, int b, F &&f)
{
    const qint64 to = candles.at(b).openTime;
    auto it = std::lower_bound(line.times.cbegin(), line.times.cend(), candles.at(a).openTime);
    int index = a;
    for (; it != line.times.cend() && *it <= to; ++it) {
        while (index < b && candles.at(index + 1).openTime <= *it)
            ++index;
        f(index, line.values.at(it - line.times.cbegin()));
    }
}

// The points of a line that fall in one pixel column, drawn as up to four vertices: the first,
// the extremes in the order they came, the last. A dip or a spike inside a column (a drawdown's
// low of 1m values on a 15m bar) stays in the picture.
struct LineColumn
{
    double x = 0;
    int count = 0;
    double first = 0;
    double last = 0;
    double low = 0;
    double high = 0;
    int lowAt = 0;
    int highAt = 0;

    void add(double columnX, double v)
    {
        if (count == 0) {
            x = columnX;
            first = low = high = v;
        }
        if (v < low) {
            low = v;
            lowAt = count;
        }
        if (v > high) {
            high = v;
            highAt = count;
        }
        last = v;
        ++count;
    }
    template<typename Y> void appendTo(QPolygonF &polyline, Y &&toY) const
    {
        if (count == 0)
            return;
        const bool lowFirst = lowAt < highAt;
        const double values[] = {first, lowFirst ? low : high, lowFirst ? high : low, last};
        double previous = std::numeric_limits<double>::quiet_NaN();
        for (double v : values) {
            if (v != previous)
                polyline.append(QPointF(x, toY(v)));
            previous = v;
        }
    }
};

QString formatTime(qint64 t, Interval interval)
{
    return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC)
        .toString(interval == Interval::S1 ? QStringLiteral("yyyy-MM-dd HH:mm:ss")
                                           : QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

ChartRenderer::ChartRenderer(const SeriesDocument *document)
    : m_document(document)
{
    seriesReset();
}

const CandleBatch &ChartRenderer::candles() const
{
    return m_document->candles();
}

Interval ChartRenderer::interval() const
{
    return m_document->interval();
}

// --- following the document --------------------------------------------------------------------

void ChartRenderer::seriesReset()
{
    m_pyramid.build(candles());
    m_viewport.setCount(candles().size());
    m_viewport.showAll();
    m_frameValid = false;
}

bool ChartRenderer::candlesAppended(qsizetype first, qsizetype count)
{
    m_frameValid = false;
    if (first == 0) {
        // The first candle of an empty chart shows all, the rest follow it.
        m_pyramid.build(candles());
        m_viewport.setCount(1);
        m_viewport.showAll();
        m_viewport.setCount(count);
        m_viewport.follow(count - 1);
        return true;
    }
    const bool follow = m_viewport.followsLatest();
    m_pyramid.update(candles(), first);
    m_viewport.setCount(first + count);
    if (follow)
        m_viewport.follow(count);
    return follow;
}

void ChartRenderer::lastCandleChanged()
{
    m_pyramid.update(candles(), m_viewport.count() - 1);
    m_frameValid = false;
}

// --- look and decorations ----------------------------------------------------------------------

void ChartRenderer::setFont(const QFont &font)
{
    if (font == m_font)
        return;
    m_font = font;
    m_frameValid = false;
}

void ChartRenderer::setTheme(ChartTheme theme)
{
    if (m_theme == theme)
        return;
    m_theme = theme;
    m_palette = ChartPalette::forTheme(theme);
    m_frameValid = false;
}

void ChartRenderer::setBusyText(const QString &text)
{
    if (text == m_busyText)
        return;
    m_busyText = text;
    if (candles().isEmpty())
        m_frameValid = false; // the empty chart's hint gives way to the notice
}

void ChartRenderer::setMarkers(const QList<ChartMarker> &markers)
{
    m_markers = markers;
    std::stable_sort(m_markers.begin(), m_markers.end(),
                     [](const ChartMarker &a, const ChartMarker &b) { return a.time < b.time; });
    m_frameValid = false;
}

void ChartRenderer::addMarker(const ChartMarker &marker)
{
    auto pos = std::upper_bound(m_markers.begin(), m_markers.end(), marker.time,
                                [](qint64 t, const ChartMarker &m) { return t < m.time; });
    m_markers.insert(pos, marker);
    m_frameValid = false;
}

void ChartRenderer::setLines(const QList<ChartLine> &lines)
{
    m_lines = lines;
    m_paneTitles.clear();
    for (const ChartLine &line : m_lines) {
        if (!line.pane.isEmpty() && !m_paneTitles.contains(line.pane))
            m_paneTitles.append(line.pane);
    }
    m_viewport.setPaneCount(int(m_paneTitles.size()));
    m_frameValid = false;
}

void ChartRenderer::extendLines(const QList<ChartLine> &tails)
{
    Candlewick::extendLines(&m_lines, tails);
    m_frameValid = false;
}

QColor ChartRenderer::lineColor(int line) const
{
    if (m_lines.at(line).color.isValid())
        return m_lines.at(line).color;
    // Clear of the candles' and the markers' colours (green, red, blue, orange).
    static constexpr QRgb Cycle[] = {0xab47bc, 0x8d6e63, 0x00acc1, 0xc0ca33, 0xec407a};
    return QColor(Cycle[line % std::size(Cycle)]);
}

void ChartRenderer::setPriceScale(double factor)
{
    factor = std::clamp(factor, 0.05, 50.0);
    if (factor == m_priceScale)
        return;
    m_priceScale = factor;
    m_frameValid = false;
}

void ChartRenderer::setCrosshair(QPointF pos)
{
    m_crosshair = true;
    m_crosshairPos = pos;
}

// --- readout -----------------------------------------------------------------------------------

TimeRange ChartRenderer::visibleTimeRange() const
{
    if (candles().isEmpty())
        return {};
    const int a = std::clamp(int(std::ceil(m_viewport.first())), 0, count() - 1);
    const int b = std::clamp(int(std::ceil(m_viewport.last())) - 1, 0, count() - 1);
    return {candles().at(a).openTime, candles().at(b).openTime + 1};
}

int ChartRenderer::readoutIndex() const
{
    if (m_crosshair) {
        const int i = m_viewport.candleAt(m_crosshairPos.x());
        if (i >= 0)
            return i;
    }
    return candles().isEmpty() ? -1 : count() - 1;
}

int ChartRenderer::priceDecimals() const
{
    const int tick = m_document->priceDecimals();
    if (tick >= 0)
        return tick;
    return readoutDecimals(candles().isEmpty() ? 0 : candles().constLast().close);
}

QString ChartRenderer::formatPrice(double price) const
{
    return QLocale().toString(price, 'f', priceDecimals());
}

QString ChartRenderer::readoutFor(int index) const
{
    return index < 0 || index >= count() ? QString() : readoutForBar(index, index + 1);
}

QString ChartRenderer::changeText(double change, double base, int decimals)
{
    const QLocale locale;
    const QString sign = change > 0 ? QStringLiteral("+") : QString();
    const QString percent
        = base != 0 ? sign + locale.toString(change / base * 100, 'f', 2) : QStringLiteral("–");
    return tr("%1 (%2%)").arg(sign + locale.toString(change, 'f', decimals), percent);
}

std::pair<int, int> ChartRenderer::barAt(int index) const
{
    const int per = 1 << m_lastLevel;
    const int first = index / per * per;
    return {first, std::min(first + per, count())};
}

QString ChartRenderer::readoutForBar(int first, int last) const
{
    first = std::max(first, 0);
    last = std::min(last, count());
    if (first >= last)
        return {};
    const Candle *begin = candles().constData() + first;
    const bool single = last - first == 1;
    const Candle bar
        = single ? *begin : Resampler::aggregate(begin, begin + (last - first), begin->openTime);
    // One precision for the whole series, so the readout does not jump between candles.
    const int decimals = priceDecimals();
    const QLocale locale;
    auto price = [&](double v) { return locale.toString(v, 'f', decimals); };
    const QString volume = locale.toString(bar.volume, 'f', bar.volume >= 1000 ? 2 : 4);
    QString text;
    if (single) {
        text = tr("%1 UTC  O %2  H %3  L %4  C %5  V %6")
                   .arg(formatTime(bar.openTime, interval()), price(bar.open), price(bar.high),
                        price(bar.low), price(bar.close), volume);
    } else {
        const qint64 end = Intervals::next(interval(), candles().at(last - 1).openTime);
        text = tr("%1 – %2 UTC (%3 × %4)  O %5  H %6  L %7  C %8  V %9")
                   .arg(formatTime(bar.openTime, interval()), formatTime(end, interval()),
                        locale.toString(last - first), Intervals::name(interval()), price(bar.open),
                        price(bar.high), price(bar.low), price(bar.close), volume);
    }
    // The change from the close before (the open for the first candle).
    const double before = first > 0 ? candles().at(first - 1).close : bar.open;
    text += QStringLiteral("  ") + changeText(bar.close - before, before, decimals);
    const QList<SeriesDocument::Gap> &gaps = m_document->gaps();
    const auto gap
        = std::upper_bound(gaps.cbegin(), gaps.cend(), qsizetype(first),
                           [](qsizetype i, const SeriesDocument::Gap &g) { return i < g.index; });
    if (gap != gaps.cend() && gap->index < last)
        text += QStringLiteral("  ") + tr("(has gaps)");
    const QList<qsizetype> &incomplete = m_document->incomplete();
    const auto bad = std::lower_bound(incomplete.cbegin(), incomplete.cend(), qsizetype(first));
    if (bad != incomplete.cend() && *bad < last)
        text += QStringLiteral("  ") + tr("(incomplete: input missing)");
    if (!candles().at(last - 1).closed)
        text += QStringLiteral("  ") + tr("(forming)");
    return text;
}

QString ChartRenderer::readoutText() const
{
    const int index = readoutIndex();
    if (index < 0)
        return {};
    if (m_crosshair && m_viewport.candleAt(m_crosshairPos.x()) == index) {
        const auto [first, last] = barAt(index);
        return readoutForBar(first, last);
    }
    return readoutFor(index);
}

const SeriesDocument::Gap *ChartRenderer::gapAt(double x) const
{
    constexpr double Slop = 5; // pixels either side of the break
    // The tail: from the end of the last candle to the right of the pane.
    if (const SeriesDocument::Gap *tail = m_document->tail(); tail
        && x >= m_viewport.indexToX(double(count())) - Slop
        && x <= m_viewport.priceRect().right()) {
        return tail;
    }
    const QList<SeriesDocument::Gap> &gaps = m_document->gaps();
    const double index = m_viewport.xToIndex(x);
    const qsizetype next = std::lower_bound(gaps.cbegin(), gaps.cend(), index,
                                            [](const SeriesDocument::Gap &g, double i) {
                                                return double(g.index) < i;
                                            })
        - gaps.cbegin();
    const SeriesDocument::Gap *best = nullptr;
    double bestDistance = Slop;
    // The breaks on either side of the index (no iterator arithmetic before the first one).
    for (qsizetype i : {next - 1, next}) {
        if (i < 0 || i >= gaps.size())
            continue;
        const double distance = std::abs(m_viewport.indexToX(double(gaps[i].index)) - x);
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = &gaps[i];
        }
    }
    return best;
}

QString ChartRenderer::spanText(qint64 ms)
{
    const qint64 s = ms / 1000;
    const qint64 m = s / 60;
    const qint64 h = m / 60;
    const qint64 d = h / 24;
    if (d > 0)
        return h % 24 ? tr("%1 d %2 h").arg(d).arg(h % 24) : tr("%1 d").arg(d);
    if (h > 0)
        return m % 60 ? tr("%1 h %2 min").arg(h).arg(m % 60) : tr("%1 h").arg(h);
    if (m > 0)
        return tr("%1 min").arg(m);
    return tr("%1 s").arg(s);
}

QString ChartRenderer::gapText(const SeriesDocument::Gap &gap)
{
    const QString span = spanText(gap.to - gap.from);
    return gap.fetched ? tr("%1 no data from the exchange").arg(span)
                       : tr("%1 not fetched").arg(span);
}

// --- painting ----------------------------------------------------------------------------------

ChartRenderer::FrameKey ChartRenderer::frameKey() const
{
    return {m_viewport.first(), m_viewport.last(), size(), m_devicePixelRatio};
}

void ChartRenderer::paint(QPainter &painter)
{
    if (!m_frameValid || m_frameKey != frameKey())
        renderFrame();
    painter.setFont(m_font);
    painter.drawImage(0, 0, m_frame);
    drawOverlay(painter);
    if (!m_busyText.isEmpty())
        drawBusyText(painter);
}

void ChartRenderer::drawBusyText(QPainter &p)
{
    QFont big = m_font;
    big.setPointSizeF(big.pointSizeF() * 1.3);
    const QFontMetrics fm(big);
    const QSize text = fm.size(0, m_busyText);
    QRectF box(0, 0, text.width() + 40, text.height() + 24);
    box.moveCenter(QRect(QPoint(), size()).center());
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(m_palette.grid);
    QColor fill = m_palette.labelBackground;
    fill.setAlpha(230);
    p.setBrush(fill);
    p.drawRoundedRect(box, 6, 6);
    p.setFont(big);
    p.setPen(m_palette.labelText);
    p.drawText(box, Qt::AlignCenter, m_busyText);
    p.restore();
}

void ChartRenderer::renderFrame()
{
    const qreal dpr = m_devicePixelRatio;
    const QSize pixels = (QSizeF(size()) * dpr).toSize();
    if (m_frame.size() != pixels) {
        m_frame = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
        m_frame.setDevicePixelRatio(dpr);
    }
    m_frame.fill(m_palette.background);
    m_frameValid = true;
    m_drawnLines.clear();
    m_frameKey = frameKey();
    QPainter p(&m_frame);
    p.setFont(m_font);

    if (candles().isEmpty()) {
        m_lastBarCount = 0;
        if (!m_busyText.isEmpty())
            return; // drawBusyText() shows the notice
        p.setPen(m_palette.axisText);
        p.drawText(QRect(QPoint(), size()), Qt::AlignCenter,
                   tr("No candles to show.\nOpen a series from Markets or Local data, or "
                      "download some history."));
        return;
    }

    const int level = chooseLevel();
    computeScale(level);
    drawTimeAxis(p);
    drawPriceAxis(p);
    drawBars(level);
    drawGaps(p);
    drawLines(p);
    drawLastPrice(p);
    drawMarkers(p);
}

int ChartRenderer::chooseLevel() const
{
    const double width = m_viewport.priceRect().width();
    const double span = m_viewport.span();
    if (width <= 0 || span <= 0)
        return 0;
    return m_pyramid.levelFor(TargetBarPixels * span / width);
}

void ChartRenderer::computeScale(int level)
{
    const std::vector<ChartPyramid::Bar> &bars = m_pyramid.level(level);
    const qint64 per = qint64(1) << level;
    const qint64 firstBar = std::max<qint64>(0, qint64(std::floor(m_viewport.first())) / per);
    const qint64 lastBar
        = std::min<qint64>(qint64(bars.size()), qint64(std::ceil(m_viewport.last())) / per + 1);
    float lo = std::numeric_limits<float>::max();
    float hi = std::numeric_limits<float>::lowest();
    float maxVolume = 0;
    for (qint64 j = firstBar; j < lastBar; ++j) {
        const ChartPyramid::Bar &b = bars[size_t(j)];
        lo = std::min(lo, b.low);
        hi = std::max(hi, b.high);
        maxVolume = std::max(maxVolume, b.volume);
    }
    if (lastBar <= firstBar) {
        lo = float(candles().constLast().low);
        hi = float(candles().constLast().high);
    }
    double range = double(hi) - double(lo);
    if (range <= 0)
        range = std::max(std::abs(double(hi)) * 0.01, 1e-8);
    const double middle = (double(lo) + double(hi)) / 2;
    const double half = range * (0.5 + 0.06) * m_priceScale;
    m_minPrice = middle - half;
    m_maxPrice = middle + half;
    m_maxVolume = maxVolume > 0 ? double(maxVolume) : 1.0;
}

double ChartRenderer::priceToY(double price) const
{
    const QRectF r = m_viewport.priceRect();
    const double range = m_maxPrice - m_minPrice;
    if (range <= 0)
        return r.center().y();
    return r.bottom() - (price - m_minPrice) * r.height() / range;
}

double ChartRenderer::yToPrice(double y) const
{
    const QRectF r = m_viewport.priceRect();
    if (r.height() <= 0)
        return m_minPrice;
    return m_minPrice + (r.bottom() - y) * (m_maxPrice - m_minPrice) / r.height();
}

int ChartRenderer::indexAtOrAfter(qint64 time) const
{
    auto it = std::lower_bound(candles().cbegin(), candles().cend(), time,
                               [](const Candle &c, qint64 t) { return c.openTime < t; });
    return int(it - candles().cbegin());
}

int ChartRenderer::candleContaining(qint64 time) const
{
    return indexAtOrAfter(time + 1) - 1;
}

// Opaque rectangle straight into the frame (logical coordinates, clipped to `clip`). QPainter
// hands tall rectangles to its thread pool span by span, which costs more than the fill itself.
void ChartRenderer::fillFast(double x, double y, double w, double h, QRgb color, const QRectF &clip)
{
    const qreal dpr = m_frame.devicePixelRatio();
    const QRectF r = QRectF(x, y, w, h).intersected(clip);
    if (r.isEmpty())
        return;
    const int x0 = std::max(0, int(std::lround(r.left() * dpr)));
    const int x1 = std::min(m_frame.width(), std::max(x0 + 1, int(std::lround(r.right() * dpr))));
    const int y0 = std::max(0, int(std::lround(r.top() * dpr)));
    const int y1 = std::min(m_frame.height(), std::max(y0 + 1, int(std::lround(r.bottom() * dpr))));
    if (x1 <= x0 || y1 <= y0)
        return;
    const qsizetype stride = m_frame.bytesPerLine() / 4;
    QRgb *row = reinterpret_cast<QRgb *>(m_frame.bits()) + y0 * stride;
    for (int yy = y0; yy < y1; ++yy, row += stride)
        std::fill(row + x0, row + x1, color);
}

void ChartRenderer::drawBars(int level)
{
    const ChartPalette &pal = m_palette;
    const std::vector<ChartPyramid::Bar> &bars = m_pyramid.level(level);
    const qint64 per = qint64(1) << level;
    const qint64 firstBar = std::max<qint64>(0, qint64(std::floor(m_viewport.first())) / per);
    const qint64 lastBar
        = std::min<qint64>(qint64(bars.size()), qint64(std::ceil(m_viewport.last())) / per + 1);

    const QRectF pr = m_viewport.priceRect();
    const QRectF vr = m_viewport.volumeRect();
    const double pxPerCandle = pr.width() / m_viewport.span();
    const double barPixels = per * pxPerCandle;
    const double bodyWidth = barPixels >= 4 ? std::max(1.0, std::round(barPixels * 0.72)) : 0;
    const double wickWidth = bodyWidth > 0 ? 1.0 : std::max(1.0, std::floor(barPixels * 0.8));
    const double volumeWidth = std::max(1.0, bodyWidth > 0 ? bodyWidth : std::floor(barPixels));
    const QRgb up = pal.up.rgb();
    const QRgb down = pal.down.rgb();
    const QRgb volumeUp = pal.volumeUp.rgb();
    const QRgb volumeDown = pal.volumeDown.rgb();
    const double volScale = vr.height() / m_maxVolume;
    const QRgb incompleteColor = pal.incomplete.rgb();
    const QRgb background = pal.background.rgb();
    const QList<qsizetype> &incomplete = m_document->incomplete();
    auto nextIncomplete
        = std::lower_bound(incomplete.cbegin(), incomplete.cend(), qsizetype(firstBar * per));

    int drawn = 0;
    for (qint64 j = firstBar; j < lastBar; ++j) {
        const ChartPyramid::Bar &b = bars[size_t(j)];
        // A bar holding an incomplete bucket is drawn hollow in grey.
        while (nextIncomplete != incomplete.cend() && *nextIncomplete < j * per)
            ++nextIncomplete;
        const bool hollow = nextIncomplete != incomplete.cend() && *nextIncomplete < (j + 1) * per;
        const double x0 = m_viewport.indexToX(double(j * per));
        const double x1 = m_viewport.indexToX(double(std::min<qint64>((j + 1) * per, count())));
        if (x1 < pr.left() || x0 > pr.right())
            continue;
        ++drawn;
        const double cx = std::floor((x0 + x1) / 2);
        const bool isUp = b.close >= b.open;
        const double yHigh = priceToY(b.high);
        const double yLow = priceToY(b.low);
        const double vh = std::max(1.0, double(b.volume) * volScale);
        const QRgb color = hollow ? incompleteColor : isUp ? up : down;
        fillFast(std::floor(cx - std::floor(volumeWidth / 2)), vr.bottom() - vh, volumeWidth, vh,
                 hollow     ? incompleteColor
                     : isUp ? volumeUp
                            : volumeDown,
                 vr);
        fillFast(cx - std::floor(wickWidth / 2), yHigh, wickWidth, std::max(1.0, yLow - yHigh),
                 color, pr);
        if (bodyWidth > 0) {
            const double yOpen = priceToY(b.open);
            const double yClose = priceToY(b.close);
            const double top = std::min(yOpen, yClose);
            const double left = cx - std::floor(bodyWidth / 2);
            const double height = std::max(1.0, std::abs(yOpen - yClose));
            fillFast(left, top, bodyWidth, height, color, pr);
            if (hollow && bodyWidth >= 3 && height >= 3)
                fillFast(left + 1, top + 1, bodyWidth - 2, height - 2, background, pr);
        }
    }
    m_lastLevel = level;
    m_lastBarCount = drawn;
}

void ChartRenderer::drawTimeAxis(QPainter &p)
{
    const ChartPalette &pal = m_palette;
    const QRectF pr = m_viewport.priceRect();
    const QRectF vr = m_viewport.volumeRect();
    const int a = std::clamp(int(std::ceil(m_viewport.first())), 0, count() - 1);
    const int b = std::clamp(int(std::ceil(m_viewport.last())) - 1, 0, count() - 1);
    const qint64 tA = candles().at(a).openTime;
    const qint64 tB = candles().at(b).openTime;
    const double pixels = std::max(1.0, m_viewport.indexToX(b) - m_viewport.indexToX(a));
    const double msPerPixel = std::max(1.0, double(tB - tA) / pixels);

    const ChartTicks::TimeStep &step
        = ChartTicks::timeStep(msPerPixel, interval(), MinLabelSpacing);

    QFont normal = m_font;
    QFont bold = m_font;
    bold.setBold(true);
    const QFontMetrics fm(normal);
    const double axisY = m_viewport.plotBottom();
    p.setPen(pal.grid);
    p.drawLine(QPointF(pr.left(), axisY + 0.5), QPointF(pr.right(), axisY + 0.5));

    double lastRight = -1e9;
    int lastIndex = -1;
    int guard = 0;
    int labels = 0;
    // A day or longer names its candle: the label goes under the candle's middle.
    const double labelOffset = Intervals::nominalMs(interval()) >= 86400000 ? 0.5 : 0.0;
    auto drawLabel = [&](double x, const QString &label, bool major, double w) {
        p.setPen(major ? pal.text : pal.axisText);
        p.setFont(major ? bold : normal);
        p.drawText(QRectF(x - w / 2, axisY + 3, w + 2, ChartViewport::TimeAxisHeight - 4),
                   Qt::AlignHCenter | Qt::AlignTop, label);
        ++labels;
    };
    for (qint64 t = ChartTicks::firstTick(step, tA); t <= tB && guard < 400;
         t = ChartTicks::nextTick(step, t), ++guard) {
        const int index = indexAtOrAfter(t);
        if (index >= count() || index == lastIndex)
            continue;
        lastIndex = index;
        const double x = std::floor(m_viewport.indexToX(index + labelOffset)) + 0.5;
        if (x < pr.left() || x > pr.right())
            continue;
        bool major = false;
        const QString label = ChartTicks::tickLabel(step, candles().at(index).openTime, &major);
        const double w = (major ? QFontMetrics(bold) : fm).horizontalAdvance(label);
        const double left = x - w / 2;
        if (left < lastRight + 12 || left < 2
            || left + w > pr.right() + ChartViewport::PriceAxisWidth / 2.0)
            continue;
        lastRight = left + w;
        fillFast(x - 0.5, pr.top(), 1, pr.height(), pal.grid.rgb(), pr);
        fillFast(x - 0.5, vr.top(), 1, vr.height(), pal.grid.rgb(), vr);
        for (int pane = 0; pane < m_viewport.paneCount(); ++pane) {
            const QRectF rect = m_viewport.paneRect(pane);
            fillFast(x - 0.5, rect.top(), 1, rect.height(), pal.grid.rgb(), rect);
        }
        drawLabel(x, label, major, w);
    }
    if (labels == 0) {
        // No tick fell in view (a few candles, zoomed in): the first candle's time, in full.
        const QString label = formatTime(candles().at(a).openTime, interval());
        const double w = fm.horizontalAdvance(label);
        const double x = std::clamp(m_viewport.indexToX(a + 0.5), pr.left() + w / 2 + 2,
                                    std::max(pr.left() + w / 2 + 2, pr.right() - w / 2));
        drawLabel(x, label, false, w);
    }
    p.setFont(normal);
}

void ChartRenderer::drawPriceAxis(QPainter &p)
{
    const ChartPalette &pal = m_palette;
    const QRectF pr = m_viewport.priceRect();
    const QRectF vr = m_viewport.volumeRect();
    const QFontMetrics fm(m_font);
    const double step
        = ChartTicks::priceStep(m_maxPrice - m_minPrice, pr.height(), PixelsPerPriceLabel);
    const int decimals = ChartTicks::decimalsFor(step);
    const QLocale locale;
    const double axisX = pr.right();

    fillFast(axisX, pr.top(), 1, m_viewport.plotBottom() - pr.top(), pal.grid.rgb(), bounds());
    // The last price's tag takes its place on the axis: no tick label half under it.
    const double lastY = priceToY(candles().constLast().close);
    int guard = 0;
    for (double v = std::ceil(m_minPrice / step) * step; v <= m_maxPrice && guard < 200;
         v += step, ++guard) {
        const double y = std::floor(priceToY(v)) + 0.5;
        if (y < pr.top() + 4 || y > pr.bottom() - 4)
            continue;
        p.setPen(pal.grid);
        p.drawLine(QPointF(pr.left(), y), QPointF(axisX, y));
        if (std::abs(y - lastY) < fm.height() + 4)
            continue;
        drawAxisLabel(p, fm, axisX, y, locale.toString(v, 'f', decimals));
    }

    // Volume scale: one label at the top of the pane.
    p.setPen(pal.axisText);
    p.drawText(QRectF(axisX + 6, vr.top(), ChartViewport::PriceAxisWidth - 8, fm.height()),
               Qt::AlignLeft | Qt::AlignTop, ChartTicks::compactNumber(m_maxVolume));
    p.setPen(QPen(pal.grid, 1, Qt::DotLine));
    p.drawLine(QPointF(pr.left(), vr.top() - ChartViewport::PaneGap / 2.0 + 0.5),
               QPointF(axisX, vr.top() - ChartViewport::PaneGap / 2.0 + 0.5));
}

void ChartRenderer::drawLastPrice(QPainter &p)
{
    const ChartPalette &pal = m_palette;
    const QRectF pr = m_viewport.priceRect();
    const QFontMetrics fm(m_font);
    const double axisX = pr.right();
    // Last price: a dotted line and a tag on the axis.
    const Candle &last = candles().constLast();
    const QColor color = last.close >= last.open ? pal.up : pal.down;
    const double y = std::floor(priceToY(last.close)) + 0.5;
    if (y >= pr.top() && y <= pr.bottom()) {
        p.setPen(QPen(color, 1, Qt::DotLine));
        p.drawLine(QPointF(pr.left(), y), QPointF(axisX, y));
        const QRectF tag(axisX + 1, y - fm.height() / 2.0 - 2, ChartViewport::PriceAxisWidth - 2,
                         fm.height() + 4);
        p.fillRect(tag, color);
        p.setPen(Qt::white);
        p.drawText(tag.adjusted(5, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   formatPrice(last.close));
    }
}

void ChartRenderer::drawTail(QPainter &p)
{
    const SeriesDocument::Gap *tail = m_document->tail();
    const QRectF pr = m_viewport.priceRect();
    const double x = std::floor(m_viewport.indexToX(double(count()))) + 0.5;
    if (!tail || x > pr.right())
        return;
    const double bottom = m_viewport.plotBottom();
    const QColor color = m_palette.gapMissing;
    QColor band = color;
    band.setAlpha(40);
    p.save();
    p.fillRect(QRectF(x, pr.top(), pr.right() - x, bottom - pr.top()), band);
    p.setPen(QPen(color, 1, Qt::DashLine));
    p.drawLine(QPointF(x, pr.top()), QPointF(x, bottom));
    drawGapBreak(p, x, bottom, color);
    // Its span, right of the break where there is room, else ending at the pane's edge.
    const QFontMetrics fm(m_font);
    const QString text = gapText(*tail);
    const double w = fm.horizontalAdvance(text) + 10;
    const double left = std::max(pr.left(), std::min(x + 4, pr.right() - w));
    drawGapLabel(p, QRectF(left, pr.top() + fm.height() + 8, w, fm.height() + 4), text,
                 m_palette.background, color, m_palette.text);
    p.restore();
}

void ChartRenderer::drawGaps(QPainter &p)
{
    drawTail(p);
    const QList<SeriesDocument::Gap> &gaps = m_document->gaps();
    if (gaps.isEmpty())
        return;
    const ChartPalette &pal = m_palette;
    const QRectF pr = m_viewport.priceRect();
    const double bottom = m_viewport.plotBottom();
    const QFontMetrics fm(m_font);
    const double first = std::floor(m_viewport.first());
    auto it = std::lower_bound(
        gaps.cbegin(), gaps.cend(), first,
        [](const SeriesDocument::Gap &g, double i) { return double(g.index) < i; });
    p.save();
    p.setClipRect(QRectF(pr.left(), pr.top(), pr.width(), m_viewport.plotBottom() + 6 - pr.top()));
    double lastRight = -1e9;
    double lastX = -1e9;
    for (; it != gaps.cend() && double(it->index) <= m_viewport.last(); ++it) {
        const double x = std::floor(m_viewport.indexToX(double(it->index))) + 0.5;
        if (x - lastX < 2)
            continue; // zoomed out: one break per pixel column
        lastX = x;
        const QColor color = it->fetched ? pal.gapNoData : pal.gapMissing;
        if (it->fetched) {
            p.setPen(QPen(color, 1, Qt::DotLine));
            p.drawLine(QPointF(x, pr.top()), QPointF(x, bottom));
        } else {
            QColor band = color;
            band.setAlpha(60);
            p.fillRect(QRectF(x - 3, pr.top(), 6, bottom - pr.top()), band);
            p.setPen(QPen(color, 1, Qt::DashLine));
            p.drawLine(QPointF(x, pr.top()), QPointF(x, bottom));
        }
        drawGapBreak(p, x, bottom, color);
        // Its span, where there is room.
        const QString text = gapText(*it);
        const double w = fm.horizontalAdvance(text) + 10;
        const double left = std::clamp(x - w / 2, pr.left(), pr.right() - w);
        if (left < lastRight + 6)
            continue;
        lastRight = left + w;
        drawGapLabel(p, QRectF(left, pr.top() + 2, w, fm.height() + 4), text, pal.background, color,
                     it->fetched ? pal.axisText : pal.text);
    }
    p.restore();
}

void ChartRenderer::drawLines(QPainter &p)
{
    if (m_lines.isEmpty())
        return;
    const int a = std::clamp(int(std::floor(m_viewport.first())) - 1, 0, count() - 1);
    const int b = std::clamp(int(std::ceil(m_viewport.last())) + 1, 0, count() - 1);
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    // pane -1 is the price pane, in its own scale; each other pane fits its lines.
    for (int pane = -1; pane < int(m_paneTitles.size()); ++pane) {
        const QString title = pane < 0 ? QString() : m_paneTitles.at(pane);
        // A pane's values keep clear of its legend along the top.
        const QRectF rect = pane < 0
            ? m_viewport.priceRect()
            : m_viewport.paneRect(pane).adjusted(0, QFontMetrics(m_font).height() + 4, 0, 0);
        if (rect.height() < 4)
            continue;
        double lo = std::numeric_limits<double>::max();
        double hi = std::numeric_limits<double>::lowest();
        QList<double> levels;
        bool fixed = false;
        for (const ChartLine &line : std::as_const(m_lines)) {
            if (line.pane != title)
                continue;
            levels += line.levels;
            if (std::isfinite(line.minimum) && std::isfinite(line.maximum)
                && line.minimum < line.maximum) {
                lo = fixed ? std::min(lo, line.minimum) : line.minimum;
                hi = fixed ? std::max(hi, line.maximum) : line.maximum;
                fixed = true;
            }
            if (fixed || pane < 0)
                continue;
            forEachLinePoint(candles(), line, a, b, [&](int, double v) {
                if (std::isfinite(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            });
        }
        if (pane < 0) {
            lo = m_minPrice;
            hi = m_maxPrice;
        } else if (!fixed) {
            for (double level : std::as_const(levels)) {
                lo = std::min(lo, level);
                hi = std::max(hi, level);
            }
            if (lo > hi) {
                lo = 0;
                hi = 1;
            }
            const double pad = hi > lo ? (hi - lo) * 0.08 : std::max(std::abs(hi) * 0.01, 1e-8);
            lo -= pad;
            hi += pad;
        }
        const auto toY
            = [&](double v) { return rect.bottom() - (v - lo) * rect.height() / (hi - lo); };
        if (pane >= 0)
            drawPaneAxis(p, rect, lo, hi, levels);
        p.setClipRect(rect.adjusted(0, -2, 0, 0));
        for (int i = 0; i < m_lines.size(); ++i) {
            const ChartLine &line = m_lines.at(i);
            if (line.pane != title)
                continue;
            QPolygonF polyline;
            LineColumn column;
            forEachLinePoint(candles(), line, a, b, [&](int index, double v) {
                if (!std::isfinite(v))
                    return;
                const double x = m_viewport.indexToX(index + 0.5);
                if (column.count > 0 && x - column.x >= 1) {
                    column.appendTo(polyline, toY);
                    column = {};
                }
                column.add(x, v);
            });
            column.appendTo(polyline, toY);
            const QColor color = lineColor(i);
            p.setPen(QPen(color, 1.5));
            p.drawPolyline(polyline);
            m_drawnLines.append({line.name, pane, color, int(polyline.size()),
                                 polyline.isEmpty() ? QPointF() : polyline.constLast(),
                                 polyline.boundingRect(), lo, hi});
        }
        p.setClipping(false);
    }
    p.restore();
}

void ChartRenderer::drawAxisLabel(QPainter &p, const QFontMetrics &fm, double axisX, double y,
                                  const QString &text) const
{
    p.setPen(m_palette.axisText);
    p.drawText(
        QRectF(axisX + 6, y - fm.height() / 2.0, ChartViewport::PriceAxisWidth - 8, fm.height()),
        Qt::AlignLeft | Qt::AlignVCenter, text);
}

void ChartRenderer::drawPaneAxis(QPainter &p, const QRectF &rect, double lo, double hi,
                                 const QList<double> &levels)
{
    const ChartPalette &pal = m_palette;
    const QFontMetrics fm(m_font);
    const QLocale locale;
    const double axisX = rect.right();
    const auto toY = [&](double v) { return rect.bottom() - (v - lo) * rect.height() / (hi - lo); };
    // The separator above the pane (and its legend), its scale and its levels.
    p.setPen(QPen(pal.grid, 1, Qt::DotLine));
    const double top
        = std::floor(rect.top() - fm.height() - 4 - ChartViewport::PaneGap / 2.0) + 0.5;
    p.drawLine(QPointF(rect.left(), top), QPointF(axisX, top));
    const double step = ChartTicks::priceStep(hi - lo, rect.height(), PixelsPerPriceLabel / 1.5);
    const int decimals = ChartTicks::decimalsFor(step);
    QList<double> labelled;
    for (double level : levels) {
        const double y = std::floor(toY(level)) + 0.5;
        if (y < rect.top() || y > rect.bottom())
            continue;
        p.setPen(QPen(pal.axisText, 1, Qt::DashLine));
        p.drawLine(QPointF(rect.left(), y), QPointF(axisX, y));
        labelled.append(y);
        drawAxisLabel(p, fm, axisX, y, locale.toString(level, 'f', decimals));
    }
    int guard = 0;
    for (double v = std::ceil(lo / step) * step; v <= hi && guard < 50; v += step, ++guard) {
        const double y = std::floor(toY(v)) + 0.5;
        if (y < rect.top() + fm.height() / 2.0 || y > rect.bottom() - fm.height() / 2.0)
            continue;
        if (std::any_of(labelled.cbegin(), labelled.cend(),
                        [&](double other) { return std::abs(other - y) < fm.height(); }))
            continue;
        labelled.append(y);
        p.setPen(pal.grid);
        p.drawLine(QPointF(rect.left(), y), QPointF(axisX, y));
        drawAxisLabel(p, fm, axisX, y, locale.toString(v, 'f', decimals));
    }
}

QString ChartRenderer::lineLegend(int line, int index) const
{
    const ChartLine &l = m_lines.at(line);
    if (index < 0)
        return l.name;
    // A bar's value is the last of the line's points in it (a 1m line on a 15m bar: its close).
    const qint64 t = candles().at(index).openTime;
    const qint64 end = index + 1 < candles().size() ? candles().at(index + 1).openTime
                                                    : std::numeric_limits<qint64>::max();
    const auto after = std::lower_bound(l.times.cbegin(), l.times.cend(), end);
    if (after == l.times.cbegin() || *std::prev(after) < t)
        return l.name;
    const double v = l.values.at(std::prev(after) - l.times.cbegin());
    return l.name + u' '
        + (l.pane.isEmpty() ? formatPrice(v)
                            : QLocale().toString(v, 'f', std::abs(v) >= 100 ? 1 : 2));
}

QString ChartRenderer::legendText(int pane) const
{
    const QString title = pane < 0 ? QString() : m_paneTitles.value(pane);
    const int index = readoutIndex();
    QStringList parts;
    for (int i = 0; i < m_lines.size(); ++i) {
        if (m_lines.at(i).pane == title)
            parts.append(lineLegend(i, index));
    }
    return parts.join(QStringLiteral("  "));
}

void ChartRenderer::drawLegends(QPainter &p)
{
    if (m_lines.isEmpty() || candles().isEmpty())
        return;
    const QFontMetrics fm(m_font);
    const int index = readoutIndex();
    QColor back = m_palette.background;
    back.setAlpha(200);
    for (int pane = -1; pane < int(m_paneTitles.size()); ++pane) {
        const QString title = pane < 0 ? QString() : m_paneTitles.at(pane);
        const QRectF rect = pane < 0 ? m_viewport.priceRect() : m_viewport.paneRect(pane);
        if (rect.height() < fm.height())
            continue;
        double x = rect.left() + 4;
        // Each line's name and value at the readout's candle, in its colour.
        for (int i = 0; i < m_lines.size(); ++i) {
            if (m_lines.at(i).pane != title)
                continue;
            const QString text = lineLegend(i, index);
            const double w = fm.horizontalAdvance(text);
            if (x + w > rect.right())
                break;
            p.fillRect(QRectF(x - 2, rect.top() + 1, w + 4, fm.height() + 2), back);
            p.setPen(lineColor(i));
            p.drawText(QPointF(x, rect.top() + fm.ascent() + 2), text);
            x += w + 14;
        }
    }
}

void ChartRenderer::drawMarkers(QPainter &p)
{
    if (m_markers.isEmpty())
        return;
    const ChartPalette &pal = m_palette;
    const QRectF pr = m_viewport.priceRect();
    const TimeRange visible = visibleTimeRange();
    const qint64 intervalMs = Intervals::nominalMs(interval());
    auto begin = std::lower_bound(m_markers.cbegin(), m_markers.cend(), visible.from - intervalMs,
                                  [](const ChartMarker &m, qint64 t) { return m.time < t; });
    p.save();
    p.setClipRect(pr);
    p.setRenderHint(QPainter::Antialiasing, true);
    const double size = 6;
    int drawn = 0;
    // Zoomed out, markers of one kind closer than a marker's width are drawn once.
    double lastX[3] = {-1e9, -1e9, -1e9};
    for (auto it = begin; it != m_markers.cend() && it->time < visible.to && drawn < 5000; ++it) {
        const int index = candleContaining(it->time);
        if (index < 0)
            continue;
        const Candle &c = candles().at(index);
        const double x = m_viewport.indexToX(index + 0.5);
        double &previous = lastX[int(it->side)];
        if (x - previous < size)
            continue;
        previous = x;
        QPainterPath path;
        if (it->side == ChartMarker::Side::Buy) {
            const double y = priceToY(c.low) + 4;
            path.moveTo(x, y);
            path.lineTo(x - size, y + size * 1.6);
            path.lineTo(x + size, y + size * 1.6);
            p.setBrush(pal.buy);
        } else if (it->side == ChartMarker::Side::Sell) {
            const double y = priceToY(c.high) - 4;
            path.moveTo(x, y);
            path.lineTo(x - size, y - size * 1.6);
            path.lineTo(x + size, y - size * 1.6);
            p.setBrush(pal.sell);
        } else {
            path.addEllipse(QPointF(x, priceToY(it->price)), size / 2, size / 2);
            p.setBrush(pal.note);
        }
        path.closeSubpath();
        p.setPen(Qt::NoPen);
        p.drawPath(path);
        ++drawn;
    }
    p.restore();
}

void ChartRenderer::drawOverlay(QPainter &p)
{
    const ChartPalette &pal = m_palette;
    const QRectF pr = m_viewport.priceRect();
    const QRectF vr = m_viewport.volumeRect();
    const QFontMetrics fm(m_font);

    // Header: title and OHLCV readout.
    p.fillRect(QRectF(0, 0, size().width(), ChartViewport::HeaderHeight - 2), pal.background);
    double x = ChartViewport::LeftPad + 2;
    const int index = readoutIndex();
    const QString readout = index >= 0 ? readoutText() : QString();
    const double room = size().width() - ChartViewport::PriceAxisWidth / 2.0;
    QFont bold = m_font;
    bold.setBold(true);
    // Narrow: the readout is shortened, and below a few of its words the title gives way.
    const bool showTitle = !m_title.isEmpty()
        && x + QFontMetrics(bold).horizontalAdvance(m_title) + 16
                + std::min(fm.horizontalAdvance(readout), 320)
            <= room;
    if (showTitle) {
        p.setFont(bold);
        p.setPen(pal.text);
        p.drawText(QPointF(x, 18), m_title);
        x += QFontMetrics(bold).horizontalAdvance(m_title) + 16;
        p.setFont(m_font);
    }
    if (index >= 0) {
        const Candle &c = candles().at(index);
        p.setPen(m_document->isIncomplete(index) ? pal.incomplete
                     : c.close >= c.open         ? pal.up
                                                 : pal.down);
        p.drawText(QPointF(x, 18),
                   fm.elidedText(readout, Qt::ElideRight, int(std::max(0.0, room - x))));
    }

    drawLegends(p);
    if (!m_crosshair || candles().isEmpty())
        return;
    const QPointF pos = m_crosshairPos;
    if (pos.x() < pr.left() || pos.x() > pr.right() || pos.y() < pr.top()
        || pos.y() > m_viewport.plotBottom())
        return;
    const double cx = std::floor(pos.x()) + 0.5;
    const double cy = std::floor(pos.y()) + 0.5;
    p.setPen(QPen(pal.crosshair, 1, Qt::DashLine));
    p.drawLine(QPointF(cx, pr.top()), QPointF(cx, m_viewport.plotBottom()));
    p.drawLine(QPointF(pr.left(), cy), QPointF(pr.right(), cy));

    // Price (or volume) tag on the right axis.
    QString value;
    if (pos.y() <= pr.bottom())
        value = formatPrice(yToPrice(pos.y()));
    else if (pos.y() >= vr.top() && pos.y() <= vr.bottom())
        value = ChartTicks::compactNumber((vr.bottom() - pos.y()) / vr.height() * m_maxVolume);
    if (!value.isEmpty()) {
        const QRectF tag(pr.right() + 1, cy - fm.height() / 2.0 - 2,
                         ChartViewport::PriceAxisWidth - 2, fm.height() + 4);
        p.fillRect(tag, pal.labelBackground);
        p.setPen(pal.labelText);
        p.drawText(tag.adjusted(5, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, value);
    }
    // Time tag on the bottom axis.
    const int hovered = m_viewport.candleAt(pos.x());
    if (hovered >= 0) {
        const QString label = formatTime(candles().at(hovered).openTime, interval());
        const double w = fm.horizontalAdvance(label) + 12;
        const double left = std::clamp(cx - w / 2, 0.0, std::max(0.0, size().width() - w));
        const QRectF tag(left, m_viewport.plotBottom() + 1, w, ChartViewport::TimeAxisHeight - 2);
        p.fillRect(tag, pal.labelBackground);
        p.setPen(pal.labelText);
        p.drawText(tag, Qt::AlignCenter, label);
    }
}

} // namespace Candlewick
