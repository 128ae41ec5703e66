#pragma once

#include "chartmarker.h"

#include <candle.h>
#include <interval.h>
#include <timerange.h>

#include <QImage>
#include <QWidget>

#include <vector>

namespace Candlewick {

// The candlestick chart: a custom-painted widget that holds a series as a CandleBatch and draws
// at most about one bar per three pixels by reading a precomputed level-of-detail pyramid
// (level k merges 2^k neighbouring candles). The x axis is the candle index (gaps collapse);
// labels come from the candles' UTC open times. A volume pane under the candles shares that axis.
class ChartView : public QWidget
{
    Q_OBJECT
public:
    enum class Theme { Light, Dark };

    explicit ChartView(QWidget *parent = nullptr);
    ~ChartView() override;

    // Replaces the series and shows all of it.
    void setCandles(const CandleBatch &candles, Interval interval);
    void clear();
    // A forming or closed candle: replaces the last one when the open time matches, else appends
    // (older open times are ignored). A chart that showed the latest candle keeps following it.
    void updateCandle(const Candle &candle);
    // Many candles at once (a replay): like updateCandle() for each, with one pyramid update.
    void appendCandles(const CandleBatch &candles);
    // Room for `count` candles, so appending a long replay never copies what is already there.
    void reserve(qsizetype count) { m_candles.reserve(count); }
    const CandleBatch &candles() const { return m_candles; }
    Interval interval() const { return m_interval; }
    int count() const { return int(m_candles.size()); }

    void setMarkers(const QList<ChartMarker> &markers);
    void addMarker(const ChartMarker &marker);
    const QList<ChartMarker> &markers() const { return m_markers; }

    void setTheme(Theme theme);
    Theme theme() const { return m_theme; }
    void setTitle(const QString &title);
    QString title() const { return m_title; }
    // A notice drawn over the chart (e.g. "Loading…" while a series is read); empty: none.
    void setBusyText(const QString &text);
    QString busyText() const { return m_busyText; }

    // The visible part as fractional candle indices [first, last).
    double visibleFirst() const { return m_first; }
    double visibleLast() const { return m_last; }
    double visibleCount() const { return m_last - m_first; }
    void setVisibleRange(double first, double last);
    // Open times of the first and last candle in view, as [from, to) (to = last open + 1).
    TimeRange visibleTimeRange() const;
    void showAll();
    void scrollToStart();
    void scrollToEnd();
    // factor < 1 zooms in; the candle under x stays under x.
    void zoomAt(double factor, double x);
    // Moves the view by `pixels` (positive: towards older candles, like dragging right).
    void panBy(double pixels);
    bool followsLatest() const;

    // Geometry, for input handling and tests.
    QRectF priceRect() const;
    QRectF volumeRect() const;
    double indexToX(double index) const;
    double xToIndex(double x) const;
    // The candle under widget x, or -1.
    int candleAt(double x) const;

    // Crosshair (normally driven by the mouse).
    void setCrosshair(QPointF pos);
    void clearCrosshair();
    bool hasCrosshair() const { return m_crosshair; }
    // Index of the candle the readout describes: under the crosshair, else the last one; -1 if
    // none.
    int readoutIndex() const;
    // "2024-03-12 14:31 UTC  O 1.00  H 2.00  L 0.50  C 1.50  V 100", for readoutIndex().
    QString readoutText() const;
    QString readoutFor(int index) const;

    // The level of detail used by the last paint (0 = one bar per candle) and how many bars it
    // drew.
    int lastLevel() const { return m_lastLevel; }
    int lastBarCount() const { return m_lastBarCount; }

signals:
    void visibleRangeChanged(double first, double last);
    void crosshairMoved(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Bar
    {
        float open;
        float high;
        float low;
        float close;
        float volume;
    };
    struct Palette
    {
        QColor background, grid, axisText, text, up, down, volumeUp, volumeDown, crosshair,
            labelBackground, labelText, buy, sell, note;
    };

    void buildPyramid();
    void updatePyramidTail();
    // Rebuilds level 0 from candle `from` on and the levels above from there.
    void extendPyramid(qsizetype from);
    static Bar toBar(const Candle &c);
    static Bar merge(const Bar &a, const Bar &b);
    void invalidate();
    void renderCache();
    void computeScale(int level);
    void fillFast(double x, double y, double w, double h, QRgb color, const QRectF &clip);
    void drawBars(int level);
    void drawLastPrice(QPainter &p);
    void drawTimeAxis(QPainter &p);
    void drawPriceAxis(QPainter &p, double minPrice, double maxPrice);
    void drawMarkers(QPainter &p);
    void drawOverlay(QPainter &p);
    void drawBusyText(QPainter &p);
    double priceToY(double price) const;
    double yToPrice(double y) const;
    int chooseLevel() const;
    int indexAtOrAfter(qint64 time) const;
    QString formatPrice(double price) const;
    Palette palette() const;
    double maxSpan() const;

    CandleBatch m_candles;
    Interval m_interval = Interval::M1;
    std::vector<std::vector<Bar>> m_levels; // m_levels[0] mirrors m_candles
    QList<ChartMarker> m_markers;
    Theme m_theme = Theme::Light;
    QString m_title;
    QString m_busyText;

    double m_first = 0;
    double m_last = 0;

    // Price scale of the last rendered frame (for the crosshair and markers).
    double m_minPrice = 0;
    double m_maxPrice = 1;
    double m_maxVolume = 1;
    int m_priceDecimals = 2;

    QImage m_cache;
    bool m_cacheValid = false;
    int m_lastLevel = 0;
    int m_lastBarCount = 0;

    bool m_crosshair = false;
    QPointF m_crosshairPos;
    bool m_dragging = false;
    double m_dragStartX = 0;
    double m_dragStartFirst = 0;
};

} // namespace Candlewick
