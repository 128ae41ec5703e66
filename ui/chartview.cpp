#include "chartview.h"

#include "seriesdocument.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace Candlewick {

ChartView::ChartView(const SeriesDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_renderer(document)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setCursor(Qt::CrossCursor);
    setMinimumSize(320, 200);
    connect(document, &SeriesDocument::reset, this, [this] {
        m_renderer.seriesReset();
        rangeChanged();
    });
    connect(document, &SeriesDocument::candlesAppended, this,
            [this](qsizetype first, qsizetype count) {
                if (m_renderer.candlesAppended(first, count))
                    emit visibleRangeChanged(visibleFirst(), visibleLast());
                update();
            });
    connect(document, &SeriesDocument::lastCandleChanged, this, [this] {
        m_renderer.lastCandleChanged();
        update();
    });
}

ChartView::~ChartView() = default;

ChartRenderer &ChartView::renderer() const
{
    m_renderer.setSize(size());
    m_renderer.setFont(font());
    return m_renderer;
}

void ChartView::rangeChanged()
{
    update();
    emit visibleRangeChanged(visibleFirst(), visibleLast());
}

void ChartView::setLines(const QList<ChartLine> &lines)
{
    m_renderer.setLines(lines);
    update();
}

void ChartView::extendLines(const QList<ChartLine> &tails)
{
    m_renderer.extendLines(tails);
    update();
}

void ChartView::setPriceScale(double factor)
{
    m_renderer.setPriceScale(factor);
    update();
}

bool ChartView::onPriceAxis(QPointF pos) const
{
    const QRectF pr = priceRect();
    return pos.x() > pr.right() && pos.y() >= pr.top() && pos.y() <= pr.bottom();
}

void ChartView::setMarkers(const QList<ChartMarker> &markers)
{
    m_renderer.setMarkers(markers);
    update();
}

void ChartView::addMarker(const ChartMarker &marker)
{
    m_renderer.addMarker(marker);
    update();
}

void ChartView::setTheme(Theme theme)
{
    m_renderer.setTheme(theme);
    update();
}

void ChartView::setTitle(const QString &title)
{
    m_renderer.setTitle(title);
    update();
}

void ChartView::setBusyText(const QString &text)
{
    m_renderer.setBusyText(text);
    update();
}

void ChartView::setVisibleRange(double first, double last)
{
    if (renderer().viewport().setRange(first, last))
        rangeChanged();
}

void ChartView::showAll()
{
    renderer().viewport().showAll();
    rangeChanged();
}

void ChartView::centerOn(qint64 time)
{
    if (candles().isEmpty())
        return;
    const double index = std::max(0, renderer().candleContaining(time)) + 0.5;
    const double span = visibleCount();
    setVisibleRange(index - span / 2, index + span / 2);
}

void ChartView::scrollToStart()
{
    if (renderer().viewport().scrollToStart())
        rangeChanged();
}

void ChartView::scrollToEnd()
{
    if (renderer().viewport().scrollToEnd())
        rangeChanged();
}

void ChartView::zoomAt(double factor, double x)
{
    if (renderer().viewport().zoomAt(factor, x))
        rangeChanged();
}

void ChartView::panBy(double pixels)
{
    if (renderer().viewport().panBy(pixels))
        rangeChanged();
}

void ChartView::setCrosshair(QPointF pos)
{
    const int before = readoutIndex();
    m_renderer.setCrosshair(pos);
    update();
    const int after = readoutIndex();
    if (after != before)
        emit crosshairMoved(candleAt(pos.x()));
}

void ChartView::clearCrosshair()
{
    if (!hasCrosshair())
        return;
    m_renderer.clearCrosshair();
    update();
    emit crosshairMoved(-1);
}

void ChartView::paintEvent(QPaintEvent *)
{
    ChartRenderer &r = renderer();
    r.setDevicePixelRatio(devicePixelRatioF());
    QPainter p(this);
    r.paint(p);
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
    if (event->button() == Qt::LeftButton && onPriceAxis(event->position())) {
        m_scaling = true;
        m_scaleStartY = event->position().y();
        m_scaleStart = priceScale();
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        m_dragMoved = false;
        m_dragStartX = event->position().x();
        m_dragStartFirst = visibleFirst();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void ChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_scaling) {
        // Down widens the range, up narrows it: twice or half per 150 pixels.
        setPriceScale(m_scaleStart * std::pow(2.0, (event->position().y() - m_scaleStartY) / 150));
        return;
    }
    if (m_dragging && std::abs(event->position().x() - m_dragStartX) > 3)
        m_dragMoved = true;
    if (m_dragging && m_dragMoved) {
        const double width = priceRect().width();
        if (width > 0) {
            const double span = visibleCount();
            const double first
                = m_dragStartFirst - (event->position().x() - m_dragStartX) * span / width;
            setVisibleRange(first, first + span);
        }
    }
    if (!m_dragging && onPriceAxis(event->position())) {
        setCursor(Qt::SizeVerCursor);
        setToolTip(tr("Drag to scale the prices, double-click to fit them."));
    } else if (!m_dragging) {
        const SeriesDocument::Gap *gap = gapAt(event->position().x());
        const bool offer = gap && !gap->fetched;
        setCursor(offer ? Qt::PointingHandCursor : Qt::CrossCursor);
        setToolTip(
            gap ? ChartRenderer::gapText(*gap)
                    + (offer ? u'\n' + tr("Click to download the missing candles.") : QString())
                : QString());
    }
    setCrosshair(event->position());
}

void ChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_scaling) {
        m_scaling = false;
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && m_dragging) {
        m_dragging = false;
        setCursor(Qt::CrossCursor);
        event->accept();
        if (m_dragMoved)
            return;
        const SeriesDocument::Gap *gap = gapAt(event->position().x());
        if (gap && !gap->fetched)
            emit gapClicked(*gap);
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void ChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && onPriceAxis(event->position())) {
        m_scaling = false;
        setPriceScale(1);
        event->accept();
        return;
    }
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
