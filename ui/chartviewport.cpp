#include "chartviewport.h"

#include <algorithm>
#include <cmath>

namespace Candlewick {

namespace {

constexpr double PriceShare = 0.78; // of the area between header and time axis
constexpr double MinSpan = 8;
constexpr double GrowUntil = 150; // candles in view before following scrolls
constexpr double PaneShare = 0.16; // of the area between header and time axis, per extra pane
constexpr double AllPanesShare = 0.45; // at most, for all extra panes together

} // namespace

double ChartViewport::maxSpan() const
{
    return std::max(m_count * 1.1, 2 * MinSpan);
}

bool ChartViewport::setRange(double first, double last)
{
    const double span = std::clamp(last - first, std::min(MinSpan, maxSpan()), maxSpan());
    const double lo = -0.2 * span;
    const double hi = std::max(lo, m_count - 0.2 * span);
    first = std::clamp(first, lo, hi);
    last = first + span;
    if (first == m_first && last == m_last)
        return false;
    m_first = first;
    m_last = last;
    return true;
}

void ChartViewport::showAll()
{
    const double n = double(m_count);
    const double margin = std::max(2.0, n * 0.02);
    m_first = 0;
    m_last = n + margin;
    if (m_last - m_first < MinSpan)
        m_last = m_first + MinSpan;
}

bool ChartViewport::scrollToStart()
{
    return setRange(0, span());
}

bool ChartViewport::scrollToEnd()
{
    const double s = span();
    const double last = m_count + std::max(1.0, s * 0.03);
    return setRange(last - s, last);
}

bool ChartViewport::zoomAt(double factor, double x)
{
    const double s = span();
    if (s <= 0)
        return false;
    const double newSpan = std::clamp(s * factor, std::min(MinSpan, maxSpan()), maxSpan());
    const double anchor = xToIndex(x);
    const double first = anchor - (anchor - m_first) * newSpan / s;
    return setRange(first, first + newSpan);
}

bool ChartViewport::panBy(double pixels)
{
    const double width = priceRect().width();
    if (width <= 0)
        return false;
    const double delta = pixels * span() / width;
    return setRange(m_first - delta, m_last - delta);
}

bool ChartViewport::followsLatest() const
{
    return m_count > 0 && m_last >= m_count;
}

void ChartViewport::follow(qsizetype added)
{
    for (qsizetype i = 0; i < added; ++i) {
        if (m_first > 0 || span() >= GrowUntil)
            m_first += 1;
        m_last += 1;
    }
}

double ChartViewport::plotBottom() const
{
    return std::max(0, m_size.height() - TimeAxisHeight);
}

double ChartViewport::paneHeight() const
{
    if (m_panes <= 0)
        return 0;
    const double h = std::max(0, m_size.height() - HeaderHeight - TimeAxisHeight);
    return std::floor(h * std::min(PaneShare, AllPanesShare / m_panes)) - PaneGap;
}

QRectF ChartViewport::priceRect() const
{
    const double w = std::max(0, m_size.width() - LeftPad - PriceAxisWidth);
    const double h
        = std::max(0.0, plotBottom() - HeaderHeight - m_panes * (paneHeight() + PaneGap));
    return {double(LeftPad), double(HeaderHeight), w, std::floor(h * PriceShare)};
}

QRectF ChartViewport::volumeRect() const
{
    const QRectF pr = priceRect();
    const double top = pr.bottom() + PaneGap;
    const double bottom = plotBottom() - m_panes * (paneHeight() + PaneGap);
    return {pr.left(), top, pr.width(), std::max(0.0, bottom - top)};
}

QRectF ChartViewport::paneRect(int pane) const
{
    const QRectF vr = volumeRect();
    const double h = paneHeight();
    return {vr.left(), vr.bottom() + PaneGap + pane * (h + PaneGap), vr.width(), std::max(0.0, h)};
}

double ChartViewport::indexToX(double index) const
{
    const QRectF r = priceRect();
    const double s = span();
    if (s <= 0)
        return r.left();
    return r.left() + (index - m_first) * r.width() / s;
}

double ChartViewport::xToIndex(double x) const
{
    const QRectF r = priceRect();
    if (r.width() <= 0)
        return m_first;
    return m_first + (x - r.left()) * span() / r.width();
}

int ChartViewport::candleAt(double x) const
{
    const QRectF r = priceRect();
    if (x < r.left() || x >= r.right())
        return -1;
    const double index = std::floor(xToIndex(x));
    if (index < 0 || index >= double(m_count))
        return -1;
    return int(index);
}

} // namespace Candlewick
