#include "chartview.h"

#include <QDateTime>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace Candlewick {

namespace {

constexpr int HeaderHeight = 26;
constexpr int TimeAxisHeight = 24;
constexpr int PriceAxisWidth = 86;
constexpr int LeftPad = 6;
constexpr int PaneGap = 8;
constexpr double PriceShare = 0.78; // of the area between header and time axis
constexpr double TargetBarPixels = 3.5;
constexpr double MinSpan = 8;
constexpr double MinLabelSpacing = 96;
constexpr double GrowUntil = 150; // candles in view before following scrolls

constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

// A time-axis step: fixed milliseconds, or a number of calendar months.
struct TimeStep
{
    qint64 ms;
    int months;
};

constexpr TimeStep TimeSteps[] = {
    {Second, 0},     {5 * Second, 0},  {15 * Second, 0}, {30 * Second, 0}, {Minute, 0},
    {5 * Minute, 0}, {15 * Minute, 0}, {30 * Minute, 0}, {Hour, 0},        {2 * Hour, 0},
    {3 * Hour, 0},   {6 * Hour, 0},    {12 * Hour, 0},   {Day, 0},         {2 * Day, 0},
    {7 * Day, 0},    {0, 1},           {0, 3},           {0, 6},           {0, 12},
    {0, 24},         {0, 60},          {0, 120},
};

qint64 nominal(const TimeStep &s)
{
    return s.months ? s.months * 30 * Day : s.ms;
}

QDateTime utc(qint64 t)
{
    return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
}

qint64 firstTick(const TimeStep &s, qint64 t)
{
    if (s.months) {
        const QDate d = utc(t).date();
        const int monthIndex = d.year() * 12 + d.month() - 1;
        const int aligned = monthIndex - monthIndex % s.months;
        return QDateTime(QDate(aligned / 12, aligned % 12 + 1, 1), QTime(0, 0), Qt::UTC)
            .toMSecsSinceEpoch();
    }
    if (s.ms == 7 * Day)
        return Intervals::alignDown(Interval::W1, t);
    return t - ((t % s.ms) + s.ms) % s.ms;
}

qint64 nextTick(const TimeStep &s, qint64 t)
{
    if (s.months)
        return utc(t).addMonths(s.months).toMSecsSinceEpoch();
    return t + s.ms;
}

QString tickLabel(const TimeStep &s, qint64 t, bool *major)
{
    const QDateTime dt = utc(t);
    const QLocale locale;
    const bool midnight = dt.time() == QTime(0, 0);
    const bool newYear = midnight && dt.date().month() == 1 && dt.date().day() == 1;
    *major = false;
    if (s.months) {
        *major = dt.date().month() == 1;
        return *major ? QString::number(dt.date().year()) : locale.toString(dt, u"MMM");
    }
    if (s.ms >= Day) {
        *major = newYear || dt.date().day() == 1;
        if (newYear)
            return QString::number(dt.date().year());
        return locale.toString(dt, u"d MMM");
    }
    if (midnight) {
        *major = true;
        return locale.toString(dt, u"d MMM");
    }
    return locale.toString(dt, s.ms < Minute ? u"HH:mm:ss" : u"HH:mm");
}

QString compactNumber(double v)
{
    const QLocale locale;
    const double a = std::abs(v);
    if (a >= 1e9)
        return locale.toString(v / 1e9, 'f', 2) + u'B';
    if (a >= 1e6)
        return locale.toString(v / 1e6, 'f', 2) + u'M';
    if (a >= 1e4)
        return locale.toString(v / 1e3, 'f', 1) + u'K';
    return locale.toString(v, 'f', a >= 100 ? 0 : 2);
}

int readoutDecimals(double price)
{
    const double a = std::abs(price);
    if (a == 0 || !std::isfinite(a))
        return 2;
    const int mag = int(std::floor(std::log10(a)));
    return std::clamp(5 - mag, 2, 8);
}

} // namespace

ChartView::ChartView(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setCursor(Qt::CrossCursor);
    setMinimumSize(320, 200);
}

ChartView::~ChartView() = default;

void ChartView::setCandles(const CandleBatch &candles, Interval interval)
{
    m_candles = candles;
    m_interval = interval;
    buildPyramid();
    showAll();
    invalidate();
}

void ChartView::clear()
{
    m_candles.clear();
    m_levels.clear();
    m_markers.clear();
    m_first = 0;
    m_last = 0;
    invalidate();
    emit visibleRangeChanged(m_first, m_last);
}

void ChartView::updateCandle(const Candle &candle)
{
    if (!m_candles.isEmpty() && candle.openTime < m_candles.constLast().openTime)
        return;
    const bool follow = followsLatest();
    if (!m_candles.isEmpty() && m_candles.constLast().openTime == candle.openTime) {
        m_candles.last() = candle;
    } else {
        m_candles.append(candle);
        if (m_candles.size() == 1) {
            buildPyramid();
            showAll();
            invalidate();
            return;
        }
        if (follow) {
            // A short series grows into the view (a replay starting from nothing), a longer one
            // scrolls by one candle.
            if (m_first > 0 || visibleCount() >= GrowUntil)
                m_first += 1;
            m_last += 1;
            emit visibleRangeChanged(m_first, m_last);
        }
    }
    updatePyramidTail();
    invalidate();
}

void ChartView::appendCandles(const CandleBatch &candles)
{
    qsizetype start = 0;
    if (!m_candles.isEmpty()) {
        const qint64 last = m_candles.constLast().openTime;
        while (start < candles.size() && candles.at(start).openTime < last)
            ++start;
    }
    // The first candle of an empty chart, or one replacing the forming candle: on its own.
    if (start < candles.size()
        && (m_candles.isEmpty() || candles.at(start).openTime == m_candles.constLast().openTime))
        updateCandle(candles.at(start++));
    constexpr qsizetype Bulk = 64;
    if (candles.size() - start < Bulk) {
        for (qsizetype i = start; i < candles.size(); ++i)
            updateCandle(candles.at(i));
        return;
    }
    const bool follow = followsLatest();
    const qsizetype before = m_candles.size();
    m_candles.append(candles.mid(start));
    extendPyramid(before);
    if (follow) {
        for (qsizetype i = before; i < m_candles.size(); ++i) {
            if (m_first > 0 || visibleCount() >= GrowUntil)
                m_first += 1;
            m_last += 1;
        }
        emit visibleRangeChanged(m_first, m_last);
    }
    invalidate();
}

void ChartView::setMarkers(const QList<ChartMarker> &markers)
{
    m_markers = markers;
    std::stable_sort(m_markers.begin(), m_markers.end(),
                     [](const ChartMarker &a, const ChartMarker &b) { return a.time < b.time; });
    invalidate();
}

void ChartView::addMarker(const ChartMarker &marker)
{
    auto pos = std::upper_bound(m_markers.begin(), m_markers.end(), marker.time,
                                [](qint64 t, const ChartMarker &m) { return t < m.time; });
    m_markers.insert(pos, marker);
    invalidate();
}

void ChartView::setTheme(Theme theme)
{
    if (m_theme == theme)
        return;
    m_theme = theme;
    invalidate();
}

void ChartView::setTitle(const QString &title)
{
    m_title = title;
    update();
}

void ChartView::setBusyText(const QString &text)
{
    if (text == m_busyText)
        return;
    m_busyText = text;
    if (m_candles.isEmpty())
        invalidate(); // the empty chart's hint gives way to the notice
    update();
}

// --- level of detail ---------------------------------------------------------------------------

ChartView::Bar ChartView::merge(const Bar &a, const Bar &b)
{
    return {a.open, std::max(a.high, b.high), std::min(a.low, b.low), b.close, a.volume + b.volume};
}

void ChartView::buildPyramid()
{
    m_levels.clear();
    std::vector<Bar> base;
    base.reserve(size_t(m_candles.size()));
    for (const Candle &c : std::as_const(m_candles))
        base.push_back(toBar(c));
    m_levels.push_back(std::move(base));
    while (m_levels.back().size() > 1) {
        const std::vector<Bar> &prev = m_levels.back();
        std::vector<Bar> next;
        next.reserve((prev.size() + 1) / 2);
        for (size_t i = 0; i + 1 < prev.size(); i += 2)
            next.push_back(merge(prev[i], prev[i + 1]));
        if (prev.size() % 2)
            next.push_back(prev.back());
        m_levels.push_back(std::move(next));
    }
}

void ChartView::updatePyramidTail()
{
    if (m_levels.empty()) {
        buildPyramid();
        return;
    }
    const Bar bar = toBar(m_candles.constLast());
    const size_t n = size_t(m_candles.size());
    if (m_levels[0].size() == n)
        m_levels[0].back() = bar;
    else
        m_levels[0].push_back(bar);
    for (size_t level = 1; level < m_levels.size() || m_levels.back().size() > 1; ++level) {
        if (level == m_levels.size())
            m_levels.emplace_back();
        const std::vector<Bar> &prev = m_levels[level - 1];
        std::vector<Bar> &cur = m_levels[level];
        const size_t j = (prev.size() - 1) / 2;
        const Bar value
            = (2 * j + 1 < prev.size()) ? merge(prev[2 * j], prev[2 * j + 1]) : prev[2 * j];
        if (cur.size() > j)
            cur[j] = value;
        else
            cur.push_back(value);
    }
}

void ChartView::extendPyramid(qsizetype from)
{
    if (m_levels.empty() || from <= 0) {
        buildPyramid();
        return;
    }
    std::vector<Bar> &base = m_levels[0];
    base.resize(size_t(from));
    base.reserve(size_t(m_candles.size()));
    for (qsizetype i = from; i < m_candles.size(); ++i)
        base.push_back(toBar(m_candles.at(i)));
    size_t changed = size_t(from);
    for (size_t level = 1; m_levels[level - 1].size() > 1; ++level) {
        if (level == m_levels.size())
            m_levels.emplace_back(); // before taking references into m_levels
        const std::vector<Bar> &prev = m_levels[level - 1];
        std::vector<Bar> &cur = m_levels[level];
        changed /= 2;
        cur.resize((prev.size() + 1) / 2);
        for (size_t j = changed; j < cur.size(); ++j)
            cur[j] = 2 * j + 1 < prev.size() ? merge(prev[2 * j], prev[2 * j + 1]) : prev[2 * j];
    }
}

ChartView::Bar ChartView::toBar(const Candle &c)
{
    return {float(c.open), float(c.high), float(c.low), float(c.close), float(c.volume)};
}

int ChartView::chooseLevel() const
{
    const double width = priceRect().width();
    const double span = visibleCount();
    if (width <= 0 || span <= 0 || m_levels.empty())
        return 0;
    const double candlesPerBar = TargetBarPixels * span / width;
    if (candlesPerBar <= 1)
        return 0;
    const int level = int(std::floor(std::log2(candlesPerBar)));
    return std::clamp(level, 0, int(m_levels.size()) - 1);
}

// --- view range --------------------------------------------------------------------------------

double ChartView::maxSpan() const
{
    return std::max(count() * 1.1, 2 * MinSpan);
}

void ChartView::setVisibleRange(double first, double last)
{
    double span = std::clamp(last - first, std::min(MinSpan, maxSpan()), maxSpan());
    const double lo = -0.2 * span;
    const double hi = std::max(lo, count() - 0.2 * span);
    first = std::clamp(first, lo, hi);
    last = first + span;
    if (first == m_first && last == m_last)
        return;
    m_first = first;
    m_last = last;
    invalidate();
    emit visibleRangeChanged(m_first, m_last);
}

TimeRange ChartView::visibleTimeRange() const
{
    if (m_candles.isEmpty())
        return {};
    const int a = std::clamp(int(std::ceil(m_first)), 0, count() - 1);
    const int b = std::clamp(int(std::ceil(m_last)) - 1, 0, count() - 1);
    return {m_candles.at(a).openTime, m_candles.at(b).openTime + 1};
}

void ChartView::showAll()
{
    const double n = count();
    const double margin = std::max(2.0, n * 0.02);
    m_first = 0;
    m_last = n + margin;
    if (m_last - m_first < MinSpan)
        m_last = m_first + MinSpan;
    invalidate();
    emit visibleRangeChanged(m_first, m_last);
}

void ChartView::scrollToStart()
{
    const double span = visibleCount();
    setVisibleRange(0, span);
}

void ChartView::scrollToEnd()
{
    const double span = visibleCount();
    const double last = count() + std::max(1.0, span * 0.03);
    setVisibleRange(last - span, last);
}

void ChartView::zoomAt(double factor, double x)
{
    const double span = visibleCount();
    if (span <= 0)
        return;
    const double newSpan = std::clamp(span * factor, std::min(MinSpan, maxSpan()), maxSpan());
    const double anchor = xToIndex(x);
    const double first = anchor - (anchor - m_first) * newSpan / span;
    setVisibleRange(first, first + newSpan);
}

void ChartView::panBy(double pixels)
{
    const double width = priceRect().width();
    if (width <= 0)
        return;
    const double delta = pixels * visibleCount() / width;
    setVisibleRange(m_first - delta, m_last - delta);
}

bool ChartView::followsLatest() const
{
    return !m_candles.isEmpty() && m_last >= count();
}

// --- geometry ----------------------------------------------------------------------------------

QRectF ChartView::priceRect() const
{
    const double w = std::max(0, width() - LeftPad - PriceAxisWidth);
    const double h = std::max(0, height() - HeaderHeight - TimeAxisHeight);
    return {double(LeftPad), double(HeaderHeight), w, std::floor(h * PriceShare)};
}

QRectF ChartView::volumeRect() const
{
    const QRectF pr = priceRect();
    const double top = pr.bottom() + PaneGap;
    const double bottom = height() - TimeAxisHeight;
    return {pr.left(), top, pr.width(), std::max(0.0, bottom - top)};
}

double ChartView::indexToX(double index) const
{
    const QRectF r = priceRect();
    const double span = visibleCount();
    if (span <= 0)
        return r.left();
    return r.left() + (index - m_first) * r.width() / span;
}

double ChartView::xToIndex(double x) const
{
    const QRectF r = priceRect();
    if (r.width() <= 0)
        return m_first;
    return m_first + (x - r.left()) * visibleCount() / r.width();
}

int ChartView::candleAt(double x) const
{
    const QRectF r = priceRect();
    if (x < r.left() || x >= r.right())
        return -1;
    const double index = std::floor(xToIndex(x));
    if (index < 0 || index >= count())
        return -1;
    return int(index);
}

double ChartView::priceToY(double price) const
{
    const QRectF r = priceRect();
    const double range = m_maxPrice - m_minPrice;
    if (range <= 0)
        return r.center().y();
    return r.bottom() - (price - m_minPrice) * r.height() / range;
}

double ChartView::yToPrice(double y) const
{
    const QRectF r = priceRect();
    if (r.height() <= 0)
        return m_minPrice;
    return m_minPrice + (r.bottom() - y) * (m_maxPrice - m_minPrice) / r.height();
}

int ChartView::indexAtOrAfter(qint64 time) const
{
    auto it = std::lower_bound(m_candles.cbegin(), m_candles.cend(), time,
                               [](const Candle &c, qint64 t) { return c.openTime < t; });
    return int(it - m_candles.cbegin());
}

// --- crosshair and readout ---------------------------------------------------------------------

void ChartView::setCrosshair(QPointF pos)
{
    const int before = readoutIndex();
    m_crosshair = true;
    m_crosshairPos = pos;
    update();
    const int after = readoutIndex();
    if (after != before)
        emit crosshairMoved(candleAt(pos.x()));
}

void ChartView::clearCrosshair()
{
    if (!m_crosshair)
        return;
    m_crosshair = false;
    update();
    emit crosshairMoved(-1);
}

int ChartView::readoutIndex() const
{
    if (m_crosshair) {
        const int i = candleAt(m_crosshairPos.x());
        if (i >= 0)
            return i;
    }
    return m_candles.isEmpty() ? -1 : count() - 1;
}

QString ChartView::readoutText() const
{
    return readoutFor(readoutIndex());
}

QString ChartView::formatPrice(double price) const
{
    return QLocale().toString(
        price, 'f', readoutDecimals(m_candles.isEmpty() ? price : m_candles.constLast().close));
}

QString ChartView::readoutFor(int index) const
{
    if (index < 0 || index >= count())
        return {};
    const Candle &c = m_candles.at(index);
    const QString time
        = utc(c.openTime)
              .toString(m_interval == Interval::S1 ? QStringLiteral("yyyy-MM-dd HH:mm:ss")
                                                   : QStringLiteral("yyyy-MM-dd HH:mm"));
    // One precision for the whole series, so the readout does not jump between candles.
    const int decimals = readoutDecimals(m_candles.constLast().close);
    const QLocale locale;
    auto price = [&](double v) { return locale.toString(v, 'f', decimals); };
    QString text = tr("%1 UTC  O %2  H %3  L %4  C %5  V %6")
                       .arg(time, price(c.open), price(c.high), price(c.low), price(c.close),
                            locale.toString(c.volume, 'f', c.volume >= 1000 ? 2 : 4));
    if (!c.closed)
        text += QStringLiteral("  ") + tr("(forming)");
    return text;
}

// --- painting ----------------------------------------------------------------------------------

ChartView::Palette ChartView::palette() const
{
    if (m_theme == Theme::Dark) {
        Palette p{
            QColor(0x13, 0x17, 0x22),      QColor(0x23, 0x27, 0x32),      QColor(0x9a, 0x9e, 0xa8),
            QColor(0xd1, 0xd4, 0xdc),      QColor(0x26, 0xa6, 0x9a),      QColor(0xef, 0x53, 0x50),
            QColor(0x26, 0xa6, 0x9a, 120), QColor(0xef, 0x53, 0x50, 120), QColor(0x9a, 0x9e, 0xa8),
            QColor(0x36, 0x3a, 0x45),      QColor(0xff, 0xff, 0xff),      QColor(0x29, 0x79, 0xff),
            QColor(0xff, 0x98, 0x00),      QColor(0xb0, 0xb0, 0xb0)};
        return p;
    }
    Palette p{
        QColor(0xff, 0xff, 0xff),      QColor(0xee, 0xf0, 0xf3),      QColor(0x60, 0x64, 0x6c),
        QColor(0x20, 0x21, 0x24),      QColor(0x08, 0x99, 0x81),      QColor(0xf2, 0x36, 0x45),
        QColor(0x08, 0x99, 0x81, 110), QColor(0xf2, 0x36, 0x45, 110), QColor(0x78, 0x7b, 0x86),
        QColor(0x13, 0x17, 0x22),      QColor(0xff, 0xff, 0xff),      QColor(0x29, 0x62, 0xff),
        QColor(0xf5, 0x7c, 0x00),      QColor(0x70, 0x70, 0x70)};
    return p;
}

void ChartView::invalidate()
{
    m_cacheValid = false;
    update();
}

void ChartView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_cacheValid = false;
}

void ChartView::paintEvent(QPaintEvent *)
{
    if (!m_cacheValid)
        renderCache();
    QPainter p(this);
    p.drawImage(0, 0, m_cache);
    drawOverlay(p);
    if (!m_busyText.isEmpty())
        drawBusyText(p);
}

void ChartView::drawBusyText(QPainter &p)
{
    const Palette pal = palette();
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    const QFontMetrics fm(big);
    const QSize text = fm.size(0, m_busyText);
    QRectF box(0, 0, text.width() + 40, text.height() + 24);
    box.moveCenter(rect().center());
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(pal.grid);
    QColor fill = pal.labelBackground;
    fill.setAlpha(230);
    p.setBrush(fill);
    p.drawRoundedRect(box, 6, 6);
    p.setFont(big);
    p.setPen(pal.labelText);
    p.drawText(box, Qt::AlignCenter, m_busyText);
    p.restore();
}

void ChartView::renderCache()
{
    const qreal dpr = devicePixelRatioF();
    const QSize pixels = (QSizeF(size()) * dpr).toSize();
    if (m_cache.size() != pixels) {
        m_cache = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
        m_cache.setDevicePixelRatio(dpr);
    }
    const Palette pal = palette();
    m_cache.fill(pal.background);
    m_cacheValid = true;
    QPainter p(&m_cache);
    p.setFont(font());

    if (m_candles.isEmpty()) {
        m_lastBarCount = 0;
        if (!m_busyText.isEmpty())
            return; // drawOverlay() shows the notice
        p.setPen(pal.axisText);
        p.drawText(rect(), Qt::AlignCenter,
                   tr("No candles to show.\nOpen a series from Markets or Local data, or "
                      "download some history."));
        return;
    }

    const int level = chooseLevel();
    computeScale(level);
    drawTimeAxis(p);
    drawPriceAxis(p, m_minPrice, m_maxPrice);
    drawBars(level);
    drawLastPrice(p);
    drawMarkers(p);
}

void ChartView::computeScale(int level)
{
    const std::vector<Bar> &bars = m_levels[size_t(level)];
    const qint64 per = qint64(1) << level;
    const qint64 firstBar = std::max<qint64>(0, qint64(std::floor(m_first)) / per);
    const qint64 lastBar
        = std::min<qint64>(qint64(bars.size()), qint64(std::ceil(m_last)) / per + 1);
    float lo = std::numeric_limits<float>::max();
    float hi = std::numeric_limits<float>::lowest();
    float maxVolume = 0;
    for (qint64 j = firstBar; j < lastBar; ++j) {
        const Bar &b = bars[size_t(j)];
        lo = std::min(lo, b.low);
        hi = std::max(hi, b.high);
        maxVolume = std::max(maxVolume, b.volume);
    }
    if (lastBar <= firstBar) {
        lo = float(m_candles.constLast().low);
        hi = float(m_candles.constLast().high);
    }
    double range = double(hi) - double(lo);
    if (range <= 0)
        range = std::max(std::abs(double(hi)) * 0.01, 1e-8);
    m_minPrice = double(lo) - range * 0.06;
    m_maxPrice = double(hi) + range * 0.06;
    m_maxVolume = maxVolume > 0 ? double(maxVolume) : 1.0;
}

// Opaque rectangle straight into the cache (logical coordinates, clipped to `clip`). QPainter
// hands tall rectangles to its thread pool span by span, which costs more than the fill itself.
void ChartView::fillFast(double x, double y, double w, double h, QRgb color, const QRectF &clip)
{
    const qreal dpr = m_cache.devicePixelRatio();
    const QRectF r = QRectF(x, y, w, h).intersected(clip);
    if (r.isEmpty())
        return;
    const int x0 = std::max(0, int(std::lround(r.left() * dpr)));
    const int x1 = std::min(m_cache.width(), std::max(x0 + 1, int(std::lround(r.right() * dpr))));
    const int y0 = std::max(0, int(std::lround(r.top() * dpr)));
    const int y1 = std::min(m_cache.height(), std::max(y0 + 1, int(std::lround(r.bottom() * dpr))));
    if (x1 <= x0 || y1 <= y0)
        return;
    const qsizetype stride = m_cache.bytesPerLine() / 4;
    QRgb *row = reinterpret_cast<QRgb *>(m_cache.bits()) + y0 * stride;
    for (int yy = y0; yy < y1; ++yy, row += stride)
        std::fill(row + x0, row + x1, color);
}

void ChartView::drawBars(int level)
{
    const Palette pal = palette();
    const std::vector<Bar> &bars = m_levels[size_t(level)];
    const qint64 per = qint64(1) << level;
    const qint64 firstBar = std::max<qint64>(0, qint64(std::floor(m_first)) / per);
    const qint64 lastBar
        = std::min<qint64>(qint64(bars.size()), qint64(std::ceil(m_last)) / per + 1);

    const QRectF pr = priceRect();
    const QRectF vr = volumeRect();
    const double pxPerCandle = pr.width() / visibleCount();
    const double barPixels = per * pxPerCandle;
    const double bodyWidth = barPixels >= 4 ? std::max(1.0, std::round(barPixels * 0.72)) : 0;
    const double wickWidth = bodyWidth > 0 ? 1.0 : std::max(1.0, std::floor(barPixels * 0.8));
    const double volumeWidth = std::max(1.0, bodyWidth > 0 ? bodyWidth : std::floor(barPixels));
    const QRgb up = pal.up.rgb();
    const QRgb down = pal.down.rgb();
    // Volume colours blended over the background once, so every fill is opaque.
    auto blend = [&](const QColor &c, double a) {
        const QColor bg = pal.background;
        return qRgb(int(c.red() * a + bg.red() * (1 - a)),
                    int(c.green() * a + bg.green() * (1 - a)),
                    int(c.blue() * a + bg.blue() * (1 - a)));
    };
    const QRgb volumeUp = blend(pal.up, m_theme == Theme::Dark ? 0.45 : 0.4);
    const QRgb volumeDown = blend(pal.down, m_theme == Theme::Dark ? 0.45 : 0.4);
    const double volScale = vr.height() / m_maxVolume;

    int drawn = 0;
    for (qint64 j = firstBar; j < lastBar; ++j) {
        const Bar &b = bars[size_t(j)];
        const double x0 = indexToX(double(j * per));
        const double x1 = indexToX(double(std::min<qint64>((j + 1) * per, count())));
        if (x1 < pr.left() || x0 > pr.right())
            continue;
        ++drawn;
        const double cx = std::floor((x0 + x1) / 2);
        const bool isUp = b.close >= b.open;
        const double yHigh = priceToY(b.high);
        const double yLow = priceToY(b.low);
        const double vh = std::max(1.0, double(b.volume) * volScale);
        fillFast(std::floor(cx - std::floor(volumeWidth / 2)), vr.bottom() - vh, volumeWidth, vh,
                 isUp ? volumeUp : volumeDown, vr);
        fillFast(cx - std::floor(wickWidth / 2), yHigh, wickWidth, std::max(1.0, yLow - yHigh),
                 isUp ? up : down, pr);
        if (bodyWidth > 0) {
            const double yOpen = priceToY(b.open);
            const double yClose = priceToY(b.close);
            const double top = std::min(yOpen, yClose);
            fillFast(cx - std::floor(bodyWidth / 2), top, bodyWidth,
                     std::max(1.0, std::abs(yOpen - yClose)), isUp ? up : down, pr);
        }
    }
    m_lastLevel = level;
    m_lastBarCount = drawn;
}

void ChartView::drawTimeAxis(QPainter &p)
{
    const Palette pal = palette();
    const QRectF pr = priceRect();
    const QRectF vr = volumeRect();
    const int a = std::clamp(int(std::ceil(m_first)), 0, count() - 1);
    const int b = std::clamp(int(std::ceil(m_last)) - 1, 0, count() - 1);
    const qint64 tA = m_candles.at(a).openTime;
    const qint64 tB = m_candles.at(b).openTime;
    const double pixels = std::max(1.0, indexToX(b) - indexToX(a));
    const double msPerPixel = std::max(1.0, double(tB - tA) / pixels);

    const TimeStep *step = &TimeSteps[std::size(TimeSteps) - 1];
    for (const TimeStep &s : TimeSteps) {
        if (double(nominal(s)) / msPerPixel >= MinLabelSpacing
            && nominal(s) >= Intervals::nominalMs(m_interval)) {
            step = &s;
            break;
        }
    }

    QFont normal = font();
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fm(normal);
    const double axisY = vr.bottom();
    p.setPen(pal.grid);
    p.drawLine(QPointF(pr.left(), axisY + 0.5), QPointF(pr.right(), axisY + 0.5));

    double lastRight = -1e9;
    int lastIndex = -1;
    int guard = 0;
    for (qint64 t = firstTick(*step, tA); t <= tB && guard < 400; t = nextTick(*step, t), ++guard) {
        const int index = indexAtOrAfter(t);
        if (index >= count() || index == lastIndex)
            continue;
        lastIndex = index;
        const double x = std::floor(indexToX(index)) + 0.5;
        if (x < pr.left() || x > pr.right())
            continue;
        bool major = false;
        const QString label = tickLabel(*step, m_candles.at(index).openTime, &major);
        const double w = (major ? QFontMetrics(bold) : fm).horizontalAdvance(label);
        const double left = x - w / 2;
        if (left < lastRight + 12 || left < 2 || left + w > pr.right() + PriceAxisWidth / 2.0)
            continue;
        lastRight = left + w;
        fillFast(x - 0.5, pr.top(), 1, pr.height(), pal.grid.rgb(), pr);
        fillFast(x - 0.5, vr.top(), 1, vr.height(), pal.grid.rgb(), vr);
        p.setPen(major ? pal.text : pal.axisText);
        p.setFont(major ? bold : normal);
        p.drawText(QRectF(left, axisY + 3, w + 2, TimeAxisHeight - 4),
                   Qt::AlignHCenter | Qt::AlignTop, label);
    }
    p.setFont(normal);
}

void ChartView::drawPriceAxis(QPainter &p, double minPrice, double maxPrice)
{
    const Palette pal = palette();
    const QRectF pr = priceRect();
    const QRectF vr = volumeRect();
    const QFontMetrics fm(font());
    const double range = maxPrice - minPrice;
    const double raw = range / std::max(2.0, pr.height() / 48);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / mag;
    const double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
    m_priceDecimals = std::clamp(int(-std::floor(std::log10(step))), 0, 10);
    const QLocale locale;
    const double axisX = pr.right();

    fillFast(axisX, pr.top(), 1, vr.bottom() - pr.top(), pal.grid.rgb(), rect());
    int guard = 0;
    for (double v = std::ceil(minPrice / step) * step; v <= maxPrice && guard < 200;
         v += step, ++guard) {
        const double y = std::floor(priceToY(v)) + 0.5;
        if (y < pr.top() + 4 || y > pr.bottom() - 4)
            continue;
        p.setPen(pal.grid);
        p.drawLine(QPointF(pr.left(), y), QPointF(axisX, y));
        p.setPen(pal.axisText);
        p.drawText(QRectF(axisX + 6, y - fm.height() / 2.0, PriceAxisWidth - 8, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, locale.toString(v, 'f', m_priceDecimals));
    }

    // Volume scale: one label at the top of the pane.
    p.setPen(pal.axisText);
    p.drawText(QRectF(axisX + 6, vr.top(), PriceAxisWidth - 8, fm.height()),
               Qt::AlignLeft | Qt::AlignTop, compactNumber(m_maxVolume));
    p.setPen(QPen(pal.grid, 1, Qt::DotLine));
    p.drawLine(QPointF(pr.left(), vr.top() - PaneGap / 2.0 + 0.5),
               QPointF(axisX, vr.top() - PaneGap / 2.0 + 0.5));
}

void ChartView::drawLastPrice(QPainter &p)
{
    const Palette pal = palette();
    const QRectF pr = priceRect();
    const QFontMetrics fm(font());
    const double axisX = pr.right();
    // Last price: a dotted line and a tag on the axis.
    const Candle &last = m_candles.constLast();
    const QColor color = last.close >= last.open ? pal.up : pal.down;
    const double y = std::floor(priceToY(last.close)) + 0.5;
    if (y >= pr.top() && y <= pr.bottom()) {
        p.setPen(QPen(color, 1, Qt::DotLine));
        p.drawLine(QPointF(pr.left(), y), QPointF(axisX, y));
        const QRectF tag(axisX + 1, y - fm.height() / 2.0 - 2, PriceAxisWidth - 2, fm.height() + 4);
        p.fillRect(tag, color);
        p.setPen(Qt::white);
        p.drawText(tag.adjusted(5, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   formatPrice(last.close));
    }
}

void ChartView::drawMarkers(QPainter &p)
{
    if (m_markers.isEmpty())
        return;
    const Palette pal = palette();
    const QRectF pr = priceRect();
    const TimeRange visible = visibleTimeRange();
    const qint64 intervalMs = Intervals::nominalMs(m_interval);
    auto begin = std::lower_bound(m_markers.cbegin(), m_markers.cend(), visible.from - intervalMs,
                                  [](const ChartMarker &m, qint64 t) { return m.time < t; });
    p.save();
    p.setClipRect(pr);
    p.setRenderHint(QPainter::Antialiasing, true);
    const double size = 6;
    int drawn = 0;
    for (auto it = begin; it != m_markers.cend() && it->time < visible.to && drawn < 5000; ++it) {
        // The candle that contains the marker's time.
        int index = indexAtOrAfter(it->time + 1) - 1;
        if (index < 0)
            continue;
        const Candle &c = m_candles.at(index);
        const double x = indexToX(index + 0.5);
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

void ChartView::drawOverlay(QPainter &p)
{
    const Palette pal = palette();
    const QRectF pr = priceRect();
    const QRectF vr = volumeRect();
    const QFontMetrics fm(font());

    // Header: title and OHLCV readout.
    p.fillRect(QRectF(0, 0, width(), HeaderHeight - 2), pal.background);
    double x = LeftPad + 2;
    if (!m_title.isEmpty()) {
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(pal.text);
        p.drawText(QPointF(x, 18), m_title);
        x += QFontMetrics(bold).horizontalAdvance(m_title) + 16;
        p.setFont(font());
    }
    const int index = readoutIndex();
    if (index >= 0) {
        const Candle &c = m_candles.at(index);
        p.setPen(c.close >= c.open ? pal.up : pal.down);
        p.drawText(QPointF(x, 18), readoutFor(index));
    }

    if (!m_crosshair || m_candles.isEmpty())
        return;
    const QPointF pos = m_crosshairPos;
    if (pos.x() < pr.left() || pos.x() > pr.right() || pos.y() < pr.top() || pos.y() > vr.bottom())
        return;
    const double cx = std::floor(pos.x()) + 0.5;
    const double cy = std::floor(pos.y()) + 0.5;
    p.setPen(QPen(pal.crosshair, 1, Qt::DashLine));
    p.drawLine(QPointF(cx, pr.top()), QPointF(cx, vr.bottom()));
    p.drawLine(QPointF(pr.left(), cy), QPointF(pr.right(), cy));

    // Price (or volume) tag on the right axis.
    QString value;
    if (pos.y() <= pr.bottom())
        value = formatPrice(yToPrice(pos.y()));
    else if (pos.y() >= vr.top())
        value = compactNumber((vr.bottom() - pos.y()) / vr.height() * m_maxVolume);
    if (!value.isEmpty()) {
        const QRectF tag(pr.right() + 1, cy - fm.height() / 2.0 - 2, PriceAxisWidth - 2,
                         fm.height() + 4);
        p.fillRect(tag, pal.labelBackground);
        p.setPen(pal.labelText);
        p.drawText(tag.adjusted(5, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, value);
    }
    // Time tag on the bottom axis.
    const int hovered = candleAt(pos.x());
    if (hovered >= 0) {
        const QString label
            = utc(m_candles.at(hovered).openTime)
                  .toString(m_interval == Interval::S1 ? QStringLiteral("yyyy-MM-dd HH:mm:ss")
                                                       : QStringLiteral("yyyy-MM-dd HH:mm"));
        const double w = fm.horizontalAdvance(label) + 12;
        const double left = std::clamp(cx - w / 2, 0.0, std::max(0.0, width() - w));
        const QRectF tag(left, vr.bottom() + 1, w, TimeAxisHeight - 2);
        p.fillRect(tag, pal.labelBackground);
        p.setPen(pal.labelText);
        p.drawText(tag, Qt::AlignCenter, label);
    }
}

// --- input -------------------------------------------------------------------------------------

void ChartView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        event->ignore();
        return;
    }
    zoomAt(std::pow(0.85, steps), event->position().x());
    event->accept();
}

void ChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        m_dragStartX = event->position().x();
        m_dragStartFirst = m_first;
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void ChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging) {
        const double width = priceRect().width();
        if (width > 0) {
            const double span = visibleCount();
            const double first
                = m_dragStartFirst - (event->position().x() - m_dragStartX) * span / width;
            setVisibleRange(first, first + span);
        }
    }
    setCrosshair(event->position());
}

void ChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_dragging) {
        m_dragging = false;
        setCursor(Qt::CrossCursor);
        event->accept();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void ChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        showAll();
        event->accept();
        return;
    }
    QWidget::mouseDoubleClickEvent(event);
}

void ChartView::keyPressEvent(QKeyEvent *event)
{
    const QRectF pr = priceRect();
    switch (event->key()) {
    case Qt::Key_Left:
        panBy(pr.width() * 0.1);
        break;
    case Qt::Key_Right:
        panBy(-pr.width() * 0.1);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
    case Qt::Key_Up:
        zoomAt(0.8, pr.center().x());
        break;
    case Qt::Key_Minus:
    case Qt::Key_Down:
        zoomAt(1.25, pr.center().x());
        break;
    case Qt::Key_Home:
        scrollToStart();
        break;
    case Qt::Key_End:
        scrollToEnd();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void ChartView::leaveEvent(QEvent *event)
{
    clearCrosshair();
    QWidget::leaveEvent(event);
}

} // namespace Candlewick
