#pragma once

#include "chartline.h"
#include "chartmarker.h"
#include "chartpalette.h"
#include "chartpyramid.h"
#include "chartviewport.h"
#include "seriesdocument.h"

#include <candle.h>
#include <interval.h>
#include <timerange.h>

#include <QCoreApplication>
#include <QFont>
#include <QImage>
#include <QPointF>

class QFontMetrics;
class QPainter;

namespace Candlewick {

// Paints the candlestick chart of a SeriesDocument into any QPainter, without a widget (the
// ChartView widget, a screenshot, a headless render): candles and volume, axes, the last price,
// markers, the header with title and OHLCV readout, the crosshair and a busy notice. Missing data
// is never hidden: each gap in time is a break with its span (not fetched, or no data from the
// exchange) and a resampled bucket with missing input is drawn hollow in grey. It reads
// its level-of-detail pyramid for about one bar per 2-3 pixels at any zoom. The frame without
// the header, crosshair and notice is cached as an image and rendered again only when the data,
// the visible range, the size or the look changed.
class ChartRenderer
{
    Q_DECLARE_TR_FUNCTIONS(ChartRenderer)
public:
    explicit ChartRenderer(const SeriesDocument *document);

    const SeriesDocument *document() const { return m_document; }
    const CandleBatch &candles() const;
    Interval interval() const;
    int count() const { return int(m_viewport.count()); }

    // The document changed: the pyramid and the visible range follow. A reset shows all of it;
    // appending to a chart that shows the newest candle moves the range along (then true).
    void seriesReset();
    bool candlesAppended(qsizetype first, qsizetype count);
    void lastCandleChanged();

    ChartViewport &viewport() { return m_viewport; }
    const ChartViewport &viewport() const { return m_viewport; }
    // Logical size, device pixel ratio and font of the target.
    void setSize(QSize size) { m_viewport.setSize(size); }
    QSize size() const { return m_viewport.size(); }
    void setDevicePixelRatio(qreal ratio) { m_devicePixelRatio = ratio; }
    void setFont(const QFont &font);

    void setTheme(ChartTheme theme);
    ChartTheme theme() const { return m_theme; }
    void setTitle(const QString &title) { m_title = title; }
    QString title() const { return m_title; }
    void setBusyText(const QString &text);
    QString busyText() const { return m_busyText; }

    void setMarkers(const QList<ChartMarker> &markers);
    void addMarker(const ChartMarker &marker);
    const QList<ChartMarker> &markers() const { return m_markers; }

    // Lines drawn with the candles (a strategy's indicators, a run's equity): those without a
    // pane over the candles in prices, the others in panes under the volume, one per title.
    void setLines(const QList<ChartLine> &lines);
    // Appends the points of `tails` to the lines (extendLines()).
    void extendLines(const QList<ChartLine> &tails);
    const QList<ChartLine> &lines() const { return m_lines; }
    // Titles of the panes under the volume, top to bottom.
    const QStringList &paneTitles() const { return m_paneTitles; }
    // What the last frame drew of one line.
    struct DrawnLine
    {
        QString name;
        int pane = -1; // -1: over the candles
        QColor color;
        int points = 0; // vertices of the polyline (four per pixel column at most)
        QPointF lastPoint; // the rightmost vertex
        QRectF bounds; // of the vertices
        double minimum = 0; // the scale of its pane
        double maximum = 0;
    };
    const QList<DrawnLine> &drawnLines() const { return m_drawnLines; }
    // The legend of the lines over the candles or in `pane` at the readout's candle:
    // "SMA(9) 61,234.50  SMA(21) 61,100.00".
    QString legendText(int pane) const;

    // The price pane's scale: 1 fits the candles in view (auto); above 1 shows a wider price
    // range around the same middle, below 1 a narrower one (drag on the price axis).
    void setPriceScale(double factor);
    double priceScale() const { return m_priceScale; }
    // The price range of the last frame.
    std::pair<double, double> priceRange() const { return {m_minPrice, m_maxPrice}; }

    void setCrosshair(QPointF pos);
    void clearCrosshair() { m_crosshair = false; }
    bool hasCrosshair() const { return m_crosshair; }

    // Open times of the first and last candle in view, as [from, to) (to = last open + 1).
    TimeRange visibleTimeRange() const;
    // Index of the candle the readout describes: under the crosshair, else the last one; -1 if
    // none.
    int readoutIndex() const;
    // Index of the candle containing `time` (the last one opening at or before it), -1 before the
    // first.
    int candleContaining(qint64 time) const;
    // "2024-03-12 14:31 UTC  O 1.00  H 2.00  L 0.50  C 1.50  V 100": readoutForBar() of the one
    // candle; empty when there is none at `index`.
    QString readoutFor(int index) const;
    // Candle indexes [first, last) of the bar the last frame drew for candle `index` (one
    // candle at level 0, up to 2^level zoomed out).
    std::pair<int, int> barAt(int index) const;
    // The readout of bar [first, last) as drawn: its time (a span for more than one candle),
    // aggregated OHLCV, the change from the close before and whether it has gaps, incomplete or
    // forming candles.
    QString readoutForBar(int first, int last) const;
    // What the header shows: the bar under the crosshair, else the last candle.
    QString readoutText() const;

    // The gap whose break is drawn within a few pixels of x (or the tail, right of the last
    // candle), or nullptr.
    const SeriesDocument::Gap *gapAt(double x) const;
    // "18 h 3 min not fetched" or "2 h no data from the exchange".
    static QString gapText(const SeriesDocument::Gap &gap);
    // "18 h 3 min", "2 d 4 h", "45 s".
    static QString spanText(qint64 ms);
    // "+12.30 (+0.39%)": a change and its share of `base`.
    static QString changeText(double change, double base, int decimals);

    void paint(QPainter &painter);

    // The level of detail used by the last frame (0 = one bar per candle) and its bar count.
    int lastLevel() const { return m_lastLevel; }
    int lastBarCount() const { return m_lastBarCount; }

private:
    // What the cached frame was rendered for; any difference renders it again.
    struct FrameKey
    {
        double first = 0;
        double last = 0;
        QSize size;
        qreal devicePixelRatio = 0;
        friend bool operator==(const FrameKey &, const FrameKey &) = default;
    };

    FrameKey frameKey() const;
    void renderFrame();
    void computeScale(int level);
    void fillFast(double x, double y, double w, double h, QRgb color, const QRectF &clip);
    void drawBars(int level);
    void drawLastPrice(QPainter &p);
    void drawTimeAxis(QPainter &p);
    void drawPriceAxis(QPainter &p);
    void drawMarkers(QPainter &p);
    void drawGaps(QPainter &p);
    // The stretch after the last candle that was never fetched (SeriesDocument::tail()).
    void drawTail(QPainter &p);
    void drawLines(QPainter &p);
    // A value on the scale right of `axisX`, centred on y.
    void drawAxisLabel(QPainter &p, const QFontMetrics &fm, double axisX, double y,
                       const QString &text) const;
    // The scale and levels of a pane whose values go in `rect` (under its legend).
    void drawPaneAxis(QPainter &p, const QRectF &rect, double lo, double hi,
                      const QList<double> &levels);
    void drawLegends(QPainter &p);
    QColor lineColor(int line) const;
    // "SMA(9) 61,234.50": a line's name and its value at candle `index` (if it has one).
    QString lineLegend(int line, int index) const;
    void drawOverlay(QPainter &p);
    void drawBusyText(QPainter &p);
    double priceToY(double price) const;
    double yToPrice(double y) const;
    int chooseLevel() const;
    int indexAtOrAfter(qint64 time) const;
    QString formatPrice(double price) const;
    // The symbol's tick-size decimals, else a precision for the series' price level.
    int priceDecimals() const;
    QRectF bounds() const { return QRectF(QPointF(), QSizeF(size())); }

    const SeriesDocument *m_document;
    ChartPyramid m_pyramid;
    ChartViewport m_viewport;
    ChartTheme m_theme = ChartTheme::Light;
    ChartPalette m_palette = ChartPalette::forTheme(ChartTheme::Light);
    QFont m_font;
    qreal m_devicePixelRatio = 1;
    QList<ChartMarker> m_markers;
    QList<ChartLine> m_lines;
    QStringList m_paneTitles;
    QList<DrawnLine> m_drawnLines;
    QString m_title;
    QString m_busyText;
    bool m_crosshair = false;
    QPointF m_crosshairPos;

    // Price scale of the last rendered frame (for the crosshair and markers).
    double m_minPrice = 0;
    double m_maxPrice = 1;
    double m_maxVolume = 1;
    double m_priceScale = 1;

    QImage m_frame;
    bool m_frameValid = false;
    FrameKey m_frameKey;
    int m_lastLevel = 0;
    int m_lastBarCount = 0;
};

} // namespace Candlewick
