#pragma once

#include <QRectF>
#include <QSize>

namespace Candlewick {

// What part of the series the chart shows and where it goes: the visible range as fractional
// candle indices [first, last), kept within sensible bounds of the series length, and the
// panes of a chart of a given size (header, price pane, volume pane, the panes of strategy lines,
// time axis, price axis).
// The x axis is the candle index, so gaps in time collapse.
class ChartViewport
{
public:
    static constexpr int HeaderHeight = 26;
    static constexpr int TimeAxisHeight = 24;
    static constexpr int PriceAxisWidth = 86;
    static constexpr int LeftPad = 6;
    static constexpr int PaneGap = 8;

    void setSize(QSize size) { m_size = size; }
    QSize size() const { return m_size; }
    // The series length the range is kept within.
    void setCount(qsizetype count) { m_count = count; }
    qsizetype count() const { return m_count; }

    double first() const { return m_first; }
    double last() const { return m_last; }
    double span() const { return m_last - m_first; }
    // Each sets the range, clamped to the series, and says whether it changed.
    bool setRange(double first, double last);
    bool scrollToStart();
    bool scrollToEnd();
    // factor < 1 zooms in; the candle under x stays under x.
    bool zoomAt(double factor, double x);
    // Moves the view by `pixels` (positive: towards older candles, like dragging right).
    bool panBy(double pixels);
    // The whole series and a little room after it.
    void showAll();
    // The newest candle is in view (appending then moves the range along).
    bool followsLatest() const;
    // `added` candles were appended to a series that followsLatest(): a short series grows
    // into the view (a replay starting from nothing), a longer one scrolls by one per candle.
    void follow(qsizetype added);

    // Panes under the volume (a strategy's RSI, the equity and drawdown of a run).
    void setPaneCount(int count) { m_panes = count; }
    int paneCount() const { return m_panes; }

    QRectF priceRect() const;
    QRectF volumeRect() const;
    QRectF paneRect(int pane) const;
    // The bottom of the lowest pane: the time axis starts there.
    double plotBottom() const;
    double indexToX(double index) const;
    double xToIndex(double x) const;
    // The candle under x, or -1.
    int candleAt(double x) const;

private:
    double maxSpan() const;
    // Height of each extra pane (0 without any).
    double paneHeight() const;

    QSize m_size;
    qsizetype m_count = 0;
    int m_panes = 0;
    double m_first = 0;
    double m_last = 0;
};

} // namespace Candlewick
