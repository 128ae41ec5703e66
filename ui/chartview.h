#pragma once

#include "chartline.h"
#include "chartmarker.h"
#include "chartpalette.h"
#include "chartrenderer.h"

#include <candle.h>
#include <interval.h>
#include <timerange.h>

#include <QWidget>

namespace Candlewick {

class SeriesDocument;

// The candlestick chart widget: a view of a SeriesDocument that follows its changes, paints
// through a ChartRenderer and turns the mouse and keyboard into zoom, pan and crosshair moves
// (wheel zooms at the cursor, drag pans, double-click shows all, arrows, +/-, Home/End). A click
// on the break of a gap that was never fetched asks for it (gapClicked()). A vertical drag on the
// price axis scales the prices (down: a wider range); a double-click there goes back to fitting
// the candles in view.
class ChartView : public QWidget
{
    Q_OBJECT
public:
    using Theme = ChartTheme;

    explicit ChartView(const SeriesDocument *document, QWidget *parent = nullptr);
    ~ChartView() override;

    const SeriesDocument *document() const { return renderer().document(); }
    const CandleBatch &candles() const { return renderer().candles(); }
    Interval interval() const { return renderer().interval(); }
    int count() const { return renderer().count(); }

    void setMarkers(const QList<ChartMarker> &markers);
    void addMarker(const ChartMarker &marker);
    const QList<ChartMarker> &markers() const { return renderer().markers(); }

    // Lines drawn with the candles (see ChartRenderer::setLines()).
    void setLines(const QList<ChartLine> &lines);
    void extendLines(const QList<ChartLine> &tails);
    const QList<ChartLine> &lines() const { return renderer().lines(); }
    const QStringList &paneTitles() const { return renderer().paneTitles(); }
    const QList<ChartRenderer::DrawnLine> &drawnLines() const { return renderer().drawnLines(); }
    QString legendText(int pane) const { return renderer().legendText(pane); }
    QRectF paneRect(int pane) const { return renderer().viewport().paneRect(pane); }

    // 1: the prices in view fit the pane (auto); see ChartRenderer::setPriceScale().
    void setPriceScale(double factor);
    double priceScale() const { return renderer().priceScale(); }
    // The price range of the last paint.
    std::pair<double, double> priceRange() const { return renderer().priceRange(); }

    void setTheme(Theme theme);
    Theme theme() const { return renderer().theme(); }
    void setTitle(const QString &title);
    QString title() const { return renderer().title(); }
    // A notice drawn over the chart (e.g. "Loading…" while a series is read); empty: none.
    void setBusyText(const QString &text);
    QString busyText() const { return renderer().busyText(); }

    // The visible part as fractional candle indices [first, last).
    double visibleFirst() const { return renderer().viewport().first(); }
    double visibleLast() const { return renderer().viewport().last(); }
    double visibleCount() const { return renderer().viewport().span(); }
    void setVisibleRange(double first, double last);
    // Open times of the first and last candle in view, as [from, to) (to = last open + 1).
    TimeRange visibleTimeRange() const { return renderer().visibleTimeRange(); }
    void showAll();
    // Keeps the zoom and puts the candle containing `time` in the middle.
    void centerOn(qint64 time);
    void scrollToStart();
    void scrollToEnd();
    // factor < 1 zooms in; the candle under x stays under x.
    void zoomAt(double factor, double x);
    // Moves the view by `pixels` (positive: towards older candles, like dragging right).
    void panBy(double pixels);
    bool followsLatest() const { return renderer().viewport().followsLatest(); }

    // Geometry, for input handling and tests.
    QRectF priceRect() const { return renderer().viewport().priceRect(); }
    QRectF volumeRect() const { return renderer().viewport().volumeRect(); }
    double indexToX(double index) const { return renderer().viewport().indexToX(index); }
    double xToIndex(double x) const { return renderer().viewport().xToIndex(x); }
    // The candle under widget x, or -1.
    int candleAt(double x) const { return renderer().viewport().candleAt(x); }
    // The gap whose break is drawn at widget x, or nullptr.
    const SeriesDocument::Gap *gapAt(double x) const { return renderer().gapAt(x); }

    // Crosshair (normally driven by the mouse).
    void setCrosshair(QPointF pos);
    void clearCrosshair();
    bool hasCrosshair() const { return renderer().hasCrosshair(); }
    // Index of the candle the readout describes: under the crosshair, else the last one; -1 if
    // none.
    int readoutIndex() const { return renderer().readoutIndex(); }
    // "2024-03-12 14:31 UTC  O 1.00  H 2.00  L 0.50  C 1.50  V 100" for readoutIndex(): zoomed
    // out, the bar as drawn (its time span and aggregated OHLCV).
    QString readoutText() const { return renderer().readoutText(); }
    QString readoutFor(int index) const { return renderer().readoutFor(index); }

    // The level of detail used by the last paint (0 = one bar per candle) and how many bars it
    // drew.
    int lastLevel() const { return renderer().lastLevel(); }
    int lastBarCount() const { return renderer().lastBarCount(); }

signals:
    void visibleRangeChanged(double first, double last);
    void crosshairMoved(int index);
    // The break of a gap that was never fetched was clicked.
    void gapClicked(const Candlewick::SeriesDocument::Gap &gap);

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    // The renderer at the widget's current size and font (a hidden widget is resized without a
    // resize event).
    ChartRenderer &renderer() const;
    // After a change of the visible range: repaint and tell.
    void rangeChanged();

    mutable ChartRenderer m_renderer; // see renderer()
    // Whether x, y is on the price axis beside the price pane.
    bool onPriceAxis(QPointF pos) const;

    bool m_dragging = false;
    bool m_scaling = false; // dragging on the price axis
    double m_scaleStartY = 0;
    double m_scaleStart = 1;
    bool m_dragMoved = false; // a press that moved is a pan, not a click
    double m_dragStartX = 0;
    double m_dragStartFirst = 0;
};

} // namespace Candlewick
