#include <chartview.h>
#include <seriesdocument.h>

#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <cmath>

using namespace Candlewick;

namespace {

constexpr qint64 Minute = 60 * 1000;
// 2024-01-01T00:00:00Z
constexpr qint64 Start = 1704067200000;
const SeriesKey Key{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1};

// Prices with two decimals that doubles represent exactly enough for the readout check.
CandleBatch makeCandles(int n)
{
    CandleBatch out;
    out.reserve(n);
    double price = 2000.0;
    for (int i = 0; i < n; ++i) {
        Candle c;
        c.openTime = Start + i * Minute;
        c.open = price;
        const double step = ((qint64(i) * 7919) % 21 - 10) * 0.25;
        c.close = price + step;
        c.high = std::max(c.open, c.close) + 0.5;
        c.low = std::min(c.open, c.close) - 0.75;
        c.volume = 10 + (i % 13);
        price = c.close;
        out.append(c);
    }
    return out;
}

// makeCandles(n) without candles [from, to).
CandleBatch withHole(int n, int from, int to)
{
    CandleBatch out = makeCandles(n);
    out.remove(from, to - from);
    return out;
}

// Pixels of exactly `color` in column x of the image, between y0 and y1.
int pixelsOf(const QImage &image, int x, int y0, int y1, const QColor &color)
{
    int n = 0;
    for (int y = std::max(0, y0); y < std::min(image.height(), y1); ++y)
        n += image.pixelColor(x, y).rgb() == color.rgb() ? 1 : 0;
    return n;
}

} // namespace

class TestChart : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void showsEverythingAfterOpening();
    void zoomKeepsAnchor_data();
    void zoomKeepsAnchor();
    void wheelZoomsAroundCursor();
    void dragPans();
    void keyboard_data();
    void keyboard();
    void readoutMatchesCandle_data();
    void readoutMatchesCandle();
    void levelOfDetailBoundsBars_data();
    void levelOfDetailBoundsBars();
    void formingCandleUpdatesInPlace();
    void followsLatestWhenAtEnd();
    void growsThenScrollsFromEmpty();
    void appendingInBulkEqualsOneByOne_data();
    void appendingInBulkEqualsOneByOne();
    void markersAreSortedAndDrawn();
    void emptyChartPaints();
    void busyTextIsDrawn();
    void gapIsDrawnWithItsSpan();
    void clickOnNotFetchedGapAsksForIt();
    void zoomedOutReadoutIsTheBarAsDrawn();
    void incompleteBucketIsDrawnApart();
    void timeAxisAlwaysHasALabel_data();
    void timeAxisAlwaysHasALabel();
    void linesOverCandlesAndInPanes();
    void dipInsideAPixelColumnIsDrawn();
    void legendOfAResampledBarIsItsLastPoint();
    void dragOnPriceAxisScales();
    void notFetchedTailUpToNowIsDrawn();

private:
    void openChart(SeriesDocument &document, ChartView &view, int n);
};

void TestChart::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

// The close of each candle, as a line over them; i*0.5 in a pane "Osc" with levels 10 and 90.
QList<ChartLine> sampleLines(const CandleBatch &candles)
{
    ChartLine close;
    close.name = QStringLiteral("Close");
    close.color = QColor(0x12, 0x34, 0xff);
    ChartLine osc;
    osc.name = QStringLiteral("Osc");
    osc.pane = QStringLiteral("Osc pane");
    osc.color = QColor(0xff, 0x22, 0x11);
    osc.levels = {10, 90};
    osc.minimum = 0;
    osc.maximum = 100;
    for (int i = 0; i < candles.size(); ++i) {
        close.times.append(candles[i].openTime);
        close.values.append(candles[i].close);
        osc.times.append(candles[i].openTime);
        osc.values.append(std::fmod(i * 0.5, 100));
    }
    return {close, osc};
}

// Pixels in the rectangle whose colour is near `color` (antialiased lines blend).
int pixelsNear(const QImage &image, const QRect &rect, const QColor &color)
{
    int n = 0;
    const QRect r = rect.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            n += std::abs(c.red() - color.red()) + std::abs(c.green() - color.green())
                    + std::abs(c.blue() - color.blue())
                < 60;
        }
    }
    return n;
}

void TestChart::openChart(SeriesDocument &document, ChartView &view, int n)
{
    view.resize(1200, 700);
    document.setSeries(Key, makeCandles(n), Interval::M1);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
}

void TestChart::showsEverythingAfterOpening()
{
    SeriesDocument document;
    ChartView view(&document);
    openChart(document, view, 5000);
    QCOMPARE(view.count(), 5000);
    QCOMPARE(view.visibleFirst(), 0.0);
    QVERIFY(view.visibleLast() >= 5000);
    QCOMPARE(view.visibleTimeRange().from, Start);
    QCOMPARE(view.visibleTimeRange().to, Start + 4999 * Minute + 1);
    QVERIFY(view.followsLatest());
}

void TestChart::zoomKeepsAnchor_data()
{
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("anchorShare");
    QTest::newRow("in at centre") << 0.5 << 0.5;
    QTest::newRow("in at left") << 0.25 << 0.1;
    QTest::newRow("in at right") << 0.8 << 0.9;
    QTest::newRow("out at centre") << 1.5 << 0.5;
}

void TestChart::zoomKeepsAnchor()
{
    QFETCH(double, factor);
    QFETCH(double, anchorShare);
    SeriesDocument document;
    ChartView view(&document);
    openChart(document, view, 20000);
    view.setVisibleRange(5000, 9000);
    const QRectF pr = view.priceRect();
    const double x = pr.left() + pr.width() * anchorShare;
    const double anchorBefore = view.xToIndex(x);
    QSignalSpy spy(&view, &ChartView::visibleRangeChanged);
    view.zoomAt(factor, x);
    QCOMPARE(spy.count(), 1);
    QVERIFY(std::abs(view.visibleCount() - 4000 * factor) < 1e-6);
    QVERIFY(std::abs(view.xToIndex(x) - anchorBefore) < 1e-6);
}

void TestChart::wheelZoomsAroundCursor()
{
    SeriesDocument document;
    ChartView view(&document);
    openChart(document, view, 20000);
    view.setVisibleRange(10000, 12000);
    const QPointF pos(view.priceRect().left() + 300, view.priceRect().center().y());
    const int under = view.candleAt(pos.x());
    QWheelEvent in(pos, view.mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton,
                   Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &in);
    QVERIFY(view.visibleCount() < 2000);
    QCOMPARE(view.candleAt(pos.x()), under);
    QWheelEvent out(pos, view.mapToGlobal(pos), QPoint(), QPoint(0, -240), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &out);
    QVERIFY(view.visibleCount() > 2000);
    QCOMPARE(view.candleAt(pos.x()), under);
}

void TestChart::dragPans()
{
    SeriesDocument document;
    ChartView view(&document);
    openChart(document, view, 20000);
    view.setVisibleRange(10000, 12000);
    const QRectF pr = view.priceRect();
    const double perPixel = 2000 / pr.width();
    const QPoint from(int(pr.center().x()), int(pr.center().y()));
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(&view, from + QPoint(100, 0));
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, from + QPoint(100, 0));
    // Dragging right shows older candles.
    QVERIFY(std::abs(view.visibleFirst() - (10000 - 100 * perPixel)) < 1e-6);
    QVERIFY(std::abs(view.visibleCount() - 2000) < 1e-6);
}

void TestChart::keyboard_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<double>("expectedFirst");
    QTest::addColumn<double>("expectedCount");
    // Start: [10000, 12000) in a 20000-candle series.
    QTest::newRow("left pans to older") << int(Qt::Key_Left) << 9800.0 << 2000.0;
    QTest::newRow("right pans to newer") << int(Qt::Key_Right) << 10200.0 << 2000.0;
    QTest::newRow("plus zooms in") << int(Qt::Key_Plus) << 10200.0 << 1600.0;
    QTest::newRow("minus zooms out") << int(Qt::Key_Minus) << 9750.0 << 2500.0;
    QTest::newRow("home shows the start") << int(Qt::Key_Home) << 0.0 << 2000.0;
    QTest::newRow("end shows the latest") << int(Qt::Key_End) << 18060.0 << 2000.0;
}

void TestChart::keyboard()
{
    QFETCH(int, key);
    QFETCH(double, expectedFirst);
    QFETCH(double, expectedCount);
    SeriesDocument document;
    ChartView view(&document);
    openChart(document, view, 20000);
    view.setVisibleRange(10000, 12000);
    QTest::keyClick(&view, Qt::Key(key));
    QVERIFY2(std::abs(view.visibleFirst() - expectedFirst) < 1e-6,
             qPrintable(QString::number(view.visibleFirst())));
    QVERIFY(std::abs(view.visibleCount() - expectedCount) < 1e-6);
    if (key == Qt::Key_End)
        QVERIFY(view.followsLatest());
}

void TestChart::readoutMatchesCandle_data()
{
    QTest::addColumn<double>("share");
    QTest::newRow("left") << 0.05;
    QTest::newRow("middle") << 0.5;
    QTest::newRow("right") << 0.93;
}

void TestChart::readoutMatchesCandle()
{
    QFETCH(double, share);
    SeriesDocument document;
    ChartView view(&document);
    openChart(document, view, 300);
    view.setVisibleRange(100, 200);
    const QRectF pr = view.priceRect();
    const QPoint pos(int(pr.left() + pr.width() * share), int(pr.center().y()));
    QSignalSpy spy(&view, &ChartView::crosshairMoved);
    QTest::mouseMove(&view, pos);
    QVERIFY(view.hasCrosshair());
    const int index = view.candleAt(pos.x());
    QVERIFY(index >= 100 && index < 200);
    QCOMPARE(view.readoutIndex(), index);
    QVERIFY(spy.count() >= 1);
    const Candle c = view.candles().at(index);
    const QString expected = QStringLiteral("%1 UTC  O %2  H %3  L %4  C %5  V %6")
                                 .arg(QDateTime::fromMSecsSinceEpoch(c.openTime, Qt::UTC)
                                          .toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                                 .arg(c.open, 0, 'f', 2)
                                 .arg(c.high, 0, 'f', 2)
                                 .arg(c.low, 0, 'f', 2)
                                 .arg(c.close, 0, 'f', 2)
                                 .arg(c.volume, 0, 'f', 4);
    // With the change from the close before.
    const double before = view.candles().at(index - 1).close;
    const double change = c.close - before;
    const QString sign = change > 0 ? QStringLiteral("+") : QString();
    QCOMPARE(view.readoutText(),
             expected
                 + QStringLiteral("  %1%2 (%1%3%)")
                       .arg(sign)
                       .arg(change, 0, 'f', 2)
                       .arg(change / before * 100, 0, 'f', 2));
}

void TestChart::levelOfDetailBoundsBars_data()
{
    QTest::addColumn<int>("candles");
    QTest::addColumn<double>("visible");
    QTest::newRow("year fully out") << 525600 << -1.0;
    QTest::newRow("year at 1000") << 525600 << 1000.0;
    QTest::newRow("small fully out") << 500 << -1.0;
}

void TestChart::levelOfDetailBoundsBars()
{
    QFETCH(int, candles);
    QFETCH(double, visible);
    SeriesDocument document;
    ChartView view(&document);
    view.resize(1600, 1000);
    document.setSeries(Key, makeCandles(candles), Interval::M1);
    if (visible > 0)
        view.setVisibleRange(candles / 2.0, candles / 2.0 + visible);
    const QImage image = view.grab().toImage();
    QCOMPARE(image.size(), QSize(1600, 1000));
    const double width = view.priceRect().width();
    // About one bar per 2-3 pixels at most, and never fewer bars than candles when zoomed in.
    QVERIFY2(view.lastBarCount() <= width / 1.5, qPrintable(QString::number(view.lastBarCount())));
    QVERIFY(view.lastBarCount()
            >= std::min(view.visibleCount(), double(candles)) / (1 << view.lastLevel()) - 2);
    if (visible < 0 && candles > 100000)
        QVERIFY(view.lastLevel() > 0);
    if (candles == 500)
        QCOMPARE(view.lastLevel(), 0);
}

void TestChart::formingCandleUpdatesInPlace()
{
    SeriesDocument document;
    ChartView view(&document);
    openChart(document, view, 100);
    Candle forming = view.candles().constLast();
    forming.openTime += Minute;
    forming.closed = false;
    document.merge(forming);
    QCOMPARE(view.count(), 101);
    forming.close = forming.high;
    forming.volume = 99;
    document.merge(forming);
    QCOMPARE(view.count(), 101);
    QCOMPARE(view.candles().constLast(), forming);
    QVERIFY(view.readoutText().contains(QStringLiteral("(forming)")));
    forming.closed = true;
    document.merge(forming);
    QCOMPARE(view.count(), 101);
    QVERIFY(!view.readoutText().contains(QStringLiteral("(forming)")));
    // Older candles are ignored.
    Candle old = view.candles().first();
    old.close += 1;
    document.merge(old);
    QCOMPARE(view.candles().first().close, makeCandles(1).first().close);
}

void TestChart::followsLatestWhenAtEnd()
{
    SeriesDocument document;
    ChartView view(&document);
    openChart(document, view, 1000);
    view.setVisibleRange(800, 1010);
    QVERIFY(view.followsLatest());
    Candle next = view.candles().constLast();
    next.openTime += Minute;
    document.merge(next);
    QCOMPARE(view.visibleFirst(), 801.0);
    view.setVisibleRange(100, 300);
    QVERIFY(!view.followsLatest());
    next.openTime += Minute;
    document.merge(next);
    QCOMPARE(view.visibleFirst(), 100.0);
}

void TestChart::growsThenScrollsFromEmpty()
{
    SeriesDocument document;
    ChartView view(&document);
    view.resize(1200, 700);
    document.setSeries(Key, {}, Interval::M1);
    const CandleBatch candles = makeCandles(400);
    for (int i = 0; i < 100; ++i)
        document.merge(candles.at(i));
    // Still growing: everything from the first candle is in view.
    QCOMPARE(view.visibleFirst(), 0.0);
    QVERIFY(view.visibleLast() >= 100);
    for (int i = 100; i < 400; ++i)
        document.merge(candles.at(i));
    // Then it scrolls with the newest candle at the right.
    QVERIFY(view.visibleFirst() > 200);
    QVERIFY(view.visibleCount() >= 150 && view.visibleCount() < 160);
    QVERIFY(view.followsLatest());
    QCOMPARE(view.candleAt(view.indexToX(399.5)), 399);
}

void TestChart::appendingInBulkEqualsOneByOne_data()
{
    QTest::addColumn<int>("already");
    QTest::addColumn<QList<int>>("batches");
    QTest::newRow("from empty, one batch") << 0 << QList<int>{5000};
    QTest::newRow("from empty, uneven batches") << 0 << QList<int>{1, 70, 3, 999, 4096, 10};
    QTest::newRow("onto a series") << 3000 << QList<int>{65, 1000, 2};
}

void TestChart::appendingInBulkEqualsOneByOne()
{
    QFETCH(int, already);
    QFETCH(QList<int>, batches);
    int total = already;
    for (int n : batches)
        total += n;
    const CandleBatch candles = makeCandles(total);
    // Both replay the same candles into a document: one at a time, and in batches.
    SeriesDocument singleDocument;
    SeriesDocument bulkDocument;
    ChartView single(&singleDocument);
    ChartView bulk(&bulkDocument);
    for (SeriesDocument *document : {&singleDocument, &bulkDocument}) {
        document->setSeries(Key, {}, Interval::M1);
        document->beginReplay(total);
        document->mergeReplayed(candles.mid(0, already));
    }
    for (ChartView *view : {&single, &bulk})
        view->resize(1000, 600);
    qsizetype pos = already;
    for (int n : batches) {
        const CandleBatch batch = candles.mid(pos, n);
        for (const Candle &c : batch)
            singleDocument.mergeReplayed({c});
        bulkDocument.mergeReplayed(batch);
        pos += n;
        QCOMPARE(bulk.count(), single.count());
        QCOMPARE(bulk.visibleFirst(), single.visibleFirst());
        QCOMPARE(bulk.visibleLast(), single.visibleLast());
    }
    QCOMPARE(bulk.candles(), candles);
    // Same level-of-detail pyramid: the same picture at every zoom.
    for (double span : {double(total), 400.0, 40.0}) {
        single.setVisibleRange(total - span, total);
        bulk.setVisibleRange(total - span, total);
        QCOMPARE(bulk.grab().toImage(), single.grab().toImage());
        QCOMPARE(bulk.lastLevel(), single.lastLevel());
    }
}

void TestChart::markersAreSortedAndDrawn()
{
    SeriesDocument document;
    ChartView view(&document);
    openChart(document, view, 200);
    const CandleBatch candles = view.candles();
    view.setMarkers({{candles.at(150).openTime, candles.at(150).close, ChartMarker::Side::Sell,
                      QStringLiteral("b")},
                     {candles.at(50).openTime, candles.at(50).close, ChartMarker::Side::Buy,
                      QStringLiteral("a")}});
    view.addMarker({candles.at(100).openTime, candles.at(100).close, ChartMarker::Side::Buy,
                    QStringLiteral("c")});
    QCOMPARE(view.markers().size(), 3);
    QCOMPARE(view.markers().at(0).text, QStringLiteral("a"));
    QCOMPARE(view.markers().at(1).text, QStringLiteral("c"));
    QCOMPARE(view.markers().at(2).text, QStringLiteral("b"));

    // A buy marker paints its colour under the candle.
    view.setTheme(ChartView::Theme::Light);
    const QImage image = view.grab().toImage();
    const double x = view.indexToX(100.5);
    bool found = false;
    for (int y = int(view.priceRect().top()); y < int(view.priceRect().bottom()) && !found; ++y)
        found = image.pixelColor(int(x), y) == QColor(0x29, 0x62, 0xff);
    QVERIFY(found);
}

void TestChart::emptyChartPaints()
{
    SeriesDocument document;
    ChartView view(&document);
    view.resize(400, 300);
    const QImage image = view.grab().toImage();
    QCOMPARE(image.size(), QSize(400, 300));
    QCOMPARE(view.readoutIndex(), -1);
    QVERIFY(view.readoutText().isEmpty());
    QCOMPARE(view.candleAt(200), -1);
}

void TestChart::busyTextIsDrawn()
{
    SeriesDocument document;
    ChartView view(&document);
    view.resize(400, 300);
    view.setTheme(ChartView::Theme::Light);
    const QImage before = view.grab().toImage();
    view.setBusyText(QStringLiteral("Loading…"));
    QCOMPARE(view.busyText(), QStringLiteral("Loading…"));
    const QImage busy = view.grab().toImage();
    // The notice's box is drawn in the (dark) label colour in the middle of the light chart.
    int dark = 0;
    for (int x = 0; x < busy.width(); ++x)
        dark += busy.pixelColor(x, busy.height() / 2).lightness() < 80 ? 1 : 0;
    QVERIFY2(dark > 60, qPrintable(QString::number(dark)));
    QVERIFY(busy != before);
    view.setBusyText({});
    QCOMPARE(view.grab().toImage(), before);
}

void TestChart::gapIsDrawnWithItsSpan()
{
    // Minutes 100-159 were never fetched; minutes 200-219 were, and the exchange had none.
    CandleBatch candles = withHole(300, 200, 220);
    candles.remove(100, 60);
    SeriesDocument document;
    ChartView view(&document);
    view.resize(1200, 700);
    document.setSeries(Key, candles, Interval::M1, {{Start + 160 * Minute, Start + 300 * Minute}});
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(document.gaps().size(), 2);
    const QImage image = view.grab().toImage();
    const ChartPalette palette = ChartPalette::forTheme(view.theme());
    const QRectF pr = view.priceRect();
    const QRectF vr = view.volumeRect();

    const double xMissing = view.indexToX(100);
    const SeriesDocument::Gap *missing = view.gapAt(xMissing);
    QVERIFY(missing);
    QCOMPARE(missing->from, Start + 100 * Minute);
    QCOMPARE(missing->to, Start + 160 * Minute);
    QVERIFY(!missing->fetched);
    QCOMPARE(ChartRenderer::gapText(*missing), QStringLiteral("1 h not fetched"));
    // The break runs through both panes in the "not fetched" colour.
    const int column = int(std::floor(xMissing));
    QVERIFY2(pixelsOf(image, column, int(pr.top()), int(vr.bottom()), palette.gapMissing)
                 > pr.height() / 4,
             qPrintable(QString::number(
                 pixelsOf(image, column, int(pr.top()), int(vr.bottom()), palette.gapMissing))));

    const double xNoData = view.indexToX(140); // minutes 200-219 are gone: index 140 is minute 220
    const SeriesDocument::Gap *noData = view.gapAt(xNoData);
    QVERIFY(noData);
    QVERIFY(noData->fetched);
    QCOMPARE(ChartRenderer::gapText(*noData), QStringLiteral("20 min no data from the exchange"));
    const int noDataColumn = int(std::floor(xNoData));
    QVERIFY(pixelsOf(image, noDataColumn, int(pr.top()), int(vr.bottom()), palette.gapNoData) > 20);
    QCOMPARE(pixelsOf(image, noDataColumn, int(pr.top()), int(vr.bottom()), palette.gapMissing), 0);
    // Away from the breaks, no gap is found.
    QVERIFY(!view.gapAt(view.indexToX(50)));
    QCOMPARE(ChartRenderer::spanText(26 * 60 * Minute), QStringLiteral("1 d 2 h"));
    QCOMPARE(ChartRenderer::spanText(18 * 60 * Minute + 3 * Minute), QStringLiteral("18 h 3 min"));
}

void TestChart::clickOnNotFetchedGapAsksForIt()
{
    CandleBatch candles = withHole(300, 200, 220);
    candles.remove(100, 60);
    SeriesDocument document;
    ChartView view(&document);
    view.resize(1200, 700);
    document.setSeries(Key, candles, Interval::M1, {{Start + 160 * Minute, Start + 300 * Minute}});
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy clicked(&view, &ChartView::gapClicked);
    const int y = int(view.priceRect().center().y());
    QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(int(view.indexToX(100)), y));
    QCOMPARE(clicked.size(), 1);
    const auto gap = clicked.first().first().value<SeriesDocument::Gap>();
    QCOMPARE(gap.from, Start + 100 * Minute);
    QCOMPARE(gap.to, Start + 160 * Minute);
    // The exchange's own downtime and a plain candle ask for nothing.
    QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(int(view.indexToX(140)), y));
    QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(int(view.indexToX(50.5)), y));
    QCOMPARE(clicked.size(), 1);
}

void TestChart::zoomedOutReadoutIsTheBarAsDrawn()
{
    SeriesDocument document;
    ChartView view(&document);
    openChart(document, view, 20000);
    (void)view.grab(); // paints: the level of detail is chosen
    const int level = view.lastLevel();
    QVERIFY(level > 0);
    const QRectF pr = view.priceRect();
    QTest::mouseMove(&view, QPoint(int(pr.left() + pr.width() * 0.4), int(pr.center().y())));
    (void)view.grab();
    const int index = view.readoutIndex();
    QVERIFY(index > 0);
    const int per = 1 << view.lastLevel();
    const int first = index / per * per;
    const CandleBatch &c = view.candles();
    double high = c.at(first).high;
    double low = c.at(first).low;
    double volume = 0;
    for (int i = first; i < first + per; ++i) {
        high = std::max(high, c.at(i).high);
        low = std::min(low, c.at(i).low);
        volume += c.at(i).volume;
    }
    auto time = [](qint64 t) {
        return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC)
            .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    };
    const QString expected
        = QStringLiteral("%1 – %2 UTC (%3 × 1m)  O %4  H %5  L %6  C %7  V %8")
              .arg(time(c.at(first).openTime), time(c.at(first + per - 1).openTime + Minute))
              .arg(per)
              .arg(c.at(first).open, 0, 'f', 2)
              .arg(high, 0, 'f', 2)
              .arg(low, 0, 'f', 2)
              .arg(c.at(first + per - 1).close, 0, 'f', 2)
              .arg(volume, 0, 'f', volume >= 1000 ? 2 : 4);
    // The change over the bar: from the close before it.
    QVERIFY2(view.readoutText().startsWith(expected + QStringLiteral("  ")),
             qPrintable(view.readoutText()));
    const double before = c.at(first - 1).close;
    const double change = c.at(first + per - 1).close - before;
    QVERIFY2(view.readoutText().endsWith(QStringLiteral("%1%2 (%1%3%)")
                                             .arg(change > 0 ? QStringLiteral("+") : QString())
                                             .arg(change, 0, 'f', 2)
                                             .arg(change / before * 100, 0, 'f', 2)),
             qPrintable(view.readoutText()));
    // Zoomed in, the readout is the one candle again.
    view.setVisibleRange(index - 50, index + 50);
    (void)view.grab();
    QCOMPARE(view.lastLevel(), 0);
    QCOMPARE(view.readoutText(), view.readoutFor(view.readoutIndex()));
}

void TestChart::incompleteBucketIsDrawnApart()
{
    // Three hours of minutes at 1h; minutes 70-79 were never fetched.
    SeriesDocument document;
    ChartView view(&document);
    view.resize(1200, 700);
    document.setSeries(Key, withHole(180, 70, 80), Interval::H1);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.count(), 3);
    QVERIFY(document.isIncomplete(1));
    const QImage image = view.grab().toImage();
    const ChartPalette palette = ChartPalette::forTheme(view.theme());
    const QRectF pr = view.priceRect();
    auto colourAt = [&](int index, const QColor &color) {
        const double x0 = view.indexToX(index);
        const double x1 = view.indexToX(index + 1);
        int n = 0;
        for (int x = int(x0) + 1; x < int(x1); ++x)
            n += pixelsOf(image, x, int(pr.top()), int(pr.bottom()), color);
        return n;
    };
    QVERIFY(colourAt(1, palette.incomplete) > 0);
    QCOMPARE(colourAt(0, palette.incomplete), 0);
    // Its wick (the centre column) is grey, not up or down (the last price's dotted line
    // crosses it at one pixel at most).
    const int centre = int(std::floor((view.indexToX(1) + view.indexToX(2)) / 2));
    QVERIFY(pixelsOf(image, centre, int(pr.top()), int(pr.bottom()), palette.incomplete) > 10);
    QVERIFY(pixelsOf(image, centre, int(pr.top()), int(pr.bottom()), palette.up)
                + pixelsOf(image, centre, int(pr.top()), int(pr.bottom()), palette.down)
            <= 1);
    QVERIFY(view.readoutFor(1).contains(QStringLiteral("(incomplete: input missing)")));
    QVERIFY(!view.readoutFor(0).contains(QStringLiteral("incomplete")));
}

void TestChart::timeAxisAlwaysHasALabel_data()
{
    QTest::addColumn<int>("candles");
    QTest::addColumn<int>("interval");
    QTest::newRow("one minute") << 1 << int(Interval::M1);
    QTest::newRow("two minutes") << 2 << int(Interval::M1);
    QTest::newRow("one hour, zoomed in") << 3 << int(Interval::H1);
    QTest::newRow("two days") << 2 << int(Interval::D1);
}

void TestChart::timeAxisAlwaysHasALabel()
{
    QFETCH(int, candles);
    QFETCH(int, interval);
    const Interval step = Interval(interval);
    CandleBatch batch = makeCandles(candles);
    for (int i = 0; i < batch.size(); ++i)
        batch[i].openTime = Start + 7 * Minute + i * Intervals::nominalMs(step);
    SeriesDocument document;
    ChartView view(&document);
    view.resize(900, 500);
    document.setSeries({Key.exchange, Key.symbol, step}, batch, step);
    const QImage image = view.grab().toImage();
    // Text in the time axis strip under the panes.
    const QRectF vr = view.volumeRect();
    const QColor background = ChartPalette::forTheme(view.theme()).background;
    int ink = 0;
    for (int y = int(vr.bottom()) + 4; y < std::min(image.height(), int(vr.bottom()) + 20); ++y) {
        for (int x = int(vr.left()) + 2; x < int(vr.right()) - 2; ++x)
            ink += image.pixelColor(x, y).rgb() != background.rgb() ? 1 : 0;
    }
    QVERIFY2(ink > 20, qPrintable(QString::number(ink)));
}

// Many values per pixel column (a 1m drawdown over a zoomed-out chart): a single deep value in
// the middle of a column is drawn, not only each column's first value.
void TestChart::dipInsideAPixelColumnIsDrawn()
{
    SeriesDocument document;
    ChartView view(&document);
    openChart(document, view, 300);
    document.setSeries(Key, makeCandles(20000), Interval::M1);
    ChartLine line;
    line.name = QStringLiteral("Drawdown");
    line.pane = QStringLiteral("Drawdown pane");
    for (const Candle &c : document.candles()) {
        line.times.append(c.openTime);
        line.values.append(-1);
    }
    // The dip goes in the middle of the pixel column (a column starts a pixel after the last).
    QCOMPARE(view.visibleFirst(), 0.0);
    int dip = -1;
    double columnX = -1e9;
    for (int i = 0, start = 0; i < 20000 && dip < 0; ++i) {
        if (view.indexToX(i + 0.5) - columnX >= 1) {
            if (i > 10000 && i - start >= 4)
                dip = (start + i) / 2;
            columnX = view.indexToX(i + 0.5);
            start = i;
        }
    }
    QVERIFY(dip > 0);
    line.values[dip] = -50;
    view.setLines({line});
    (void)view.grab();
    const ChartRenderer::DrawnLine drawn = view.drawnLines().value(0);
    // The pane's scale fits -50 .. -1; the line reaches both ends of it.
    QVERIFY(drawn.minimum < -50 && drawn.maximum > -1);
    const QRectF pane = view.paneRect(0);
    QVERIFY2(drawn.bounds.height() > pane.height() / 2,
             qPrintable(QStringLiteral("%1 of %2").arg(drawn.bounds.height()).arg(pane.height())));
}

// A 1m line on 15m bars: the legend at a bar gives the line's value at the bar's end (its last
// point), as the bar's close is its last candle's.
void TestChart::legendOfAResampledBarIsItsLastPoint()
{
    SeriesDocument document;
    ChartView view(&document);
    openChart(document, view, 60);
    document.setSeries(Key, makeCandles(60), Interval::M15);
    QCOMPARE(view.count(), 4);
    ChartLine line;
    line.name = QStringLiteral("Osc");
    line.pane = QStringLiteral("Osc pane");
    const CandleBatch &minutes = document.series();
    for (int i = 0; i < minutes.size(); ++i) {
        line.times.append(minutes[i].openTime);
        line.values.append(i);
    }
    view.setLines({line});
    QCOMPARE(view.legendText(0), QStringLiteral("Osc 59.00"));
}

void TestChart::linesOverCandlesAndInPanes()
{
    SeriesDocument document;
    ChartView view(&document);
    openChart(document, view, 300);
    const QRectF volumeBefore = view.volumeRect();
    const QList<ChartLine> lines = sampleLines(document.candles());
    view.setLines(lines);
    QCOMPARE(view.paneTitles(), QStringList{QStringLiteral("Osc pane")});
    // The pane goes under the volume; price and volume give up the room.
    const QRectF pane = view.paneRect(0);
    QVERIFY(pane.height() > 40);
    QVERIFY(view.volumeRect().bottom() < pane.top());
    QVERIFY(view.volumeRect().bottom() < volumeBefore.bottom());
    QVERIFY(pane.bottom() <= view.height() - 20); // the time axis stays below

    const QImage image = view.grab().toImage();
    const QList<ChartRenderer::DrawnLine> drawn = view.drawnLines();
    QCOMPARE(drawn.size(), 2);
    QCOMPARE(drawn[0].name, QStringLiteral("Close"));
    QCOMPARE(drawn[0].pane, -1);
    QCOMPARE(drawn[1].name, QStringLiteral("Osc"));
    QCOMPARE(drawn[1].pane, 0);
    QCOMPARE(drawn[1].minimum, 0.0); // its fixed scale
    QCOMPARE(drawn[1].maximum, 100.0);
    // One vertex per candle in view (300 candles over more than 300 pixels).
    QCOMPARE(drawn[0].points, 300);
    QCOMPARE(drawn[1].points, 300);
    // The close line ends at the last candle's middle and close.
    const double lastX = view.indexToX(299.5);
    QVERIFY(std::abs(drawn[0].lastPoint.x() - lastX) < 0.01);
    const auto [lo, hi] = view.priceRange();
    const QRectF pr = view.priceRect();
    const double closeY
        = pr.bottom() - (document.candles().last().close - lo) * pr.height() / (hi - lo);
    QVERIFY(std::abs(drawn[0].lastPoint.y() - closeY) < 0.01);
    // And it is there in the picture: the line's colour around its last vertex, the oscillator
    // inside its pane and not in the price pane.
    const QPoint end = drawn[0].lastPoint.toPoint();
    QVERIFY(pixelsNear(image, QRect(end - QPoint(4, 4), QSize(5, 9)), lines[0].color) > 0);
    QVERIFY(pixelsNear(image, pane.toRect(), lines[1].color) > 50);
    QCOMPARE(pixelsNear(image, pr.toRect(), lines[1].color), 0);
    QVERIFY(drawn[1].lastPoint.y() >= pane.top() && drawn[1].lastPoint.y() <= pane.bottom());
    // The legends name the lines with their values at the readout's candle (the last).
    QCOMPARE(view.legendText(-1),
             QStringLiteral("Close ")
                 + QLocale().toString(document.candles().last().close, 'f', 2));
    QCOMPARE(view.legendText(0), QStringLiteral("Osc 49.50"));

    // Zoomed out over many candles: four vertices per pixel column at most.
    document.setSeries(Key, makeCandles(20000), Interval::M1);
    view.setLines(sampleLines(document.candles()));
    (void)view.grab();
    QVERIFY(view.drawnLines()[0].points <= 4 * (int(pr.width()) + 2));
    QVERIFY(view.drawnLines()[0].points > int(pr.width()) / 2);

    // No lines: no pane.
    view.setLines({});
    QVERIFY(view.paneTitles().isEmpty());
    QCOMPARE(view.volumeRect(), volumeBefore);
}

void TestChart::dragOnPriceAxisScales()
{
    SeriesDocument document;
    ChartView view(&document);
    openChart(document, view, 500);
    (void)view.grab();
    const auto [lo, hi] = view.priceRange();
    QCOMPARE(view.priceScale(), 1.0);
    const QRectF pr = view.priceRect();
    const QPoint axis(int(pr.right()) + 30, int(pr.center().y()));
    const double first = view.visibleFirst();
    // Dragging down on the axis widens the price range around the same middle.
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, axis);
    QTest::mouseMove(&view, axis + QPoint(0, 150));
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, axis + QPoint(0, 150));
    QVERIFY(std::abs(view.priceScale() - 2.0) < 1e-9);
    (void)view.grab();
    const auto [lo2, hi2] = view.priceRange();
    QVERIFY(std::abs((hi2 - lo2) - 2 * (hi - lo)) < 1e-6 * (hi - lo));
    QVERIFY(std::abs((hi2 + lo2) - (hi + lo)) < 1e-6 * (hi + lo));
    QCOMPARE(view.visibleFirst(), first); // not a pan
    // Up narrows it.
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, axis);
    QTest::mouseMove(&view, axis - QPoint(0, 300));
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, axis - QPoint(0, 300));
    QVERIFY(std::abs(view.priceScale() - 0.5) < 1e-9);
    // A double-click on the axis fits the prices again.
    QTest::mouseDClick(&view, Qt::LeftButton, Qt::NoModifier, axis);
    QCOMPARE(view.priceScale(), 1.0);
    (void)view.grab();
    QCOMPARE(view.priceRange(), std::make_pair(lo, hi));
    QCOMPARE(view.visibleFirst(), first); // the double-click on the axis is not "show all"
}

void TestChart::notFetchedTailUpToNowIsDrawn()
{
    // 300 stored minutes; it is now minute 400; the store knows minutes 300..320 were empty.
    SeriesDocument document;
    ChartView view(&document);
    view.resize(1200, 700);
    document.setSeries(Key, makeCandles(300), Interval::M1, {{Start, Start + 320 * Minute}},
                       Start + 400 * Minute);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const SeriesDocument::Gap *tail = document.tail();
    QVERIFY(tail);
    QCOMPARE(tail->from, Start + 320 * Minute);
    QCOMPARE(tail->to, Start + 400 * Minute);
    QCOMPARE(tail->index, qsizetype(300));
    QVERIFY(!tail->fetched);
    QCOMPARE(ChartRenderer::gapText(*tail), QStringLiteral("1 h 20 min not fetched"));
    // Drawn right of the last candle in the not-fetched colour, with its span.
    const QImage image = view.grab().toImage();
    const QColor missing = ChartPalette::forTheme(ChartTheme::Light).gapMissing;
    const int breakX = int(std::floor(view.indexToX(300)));
    QVERIFY(pixelsOf(image, breakX, int(view.priceRect().top()), int(view.volumeRect().bottom()),
                     missing)
            > 50);
    QCOMPARE(pixelsOf(image, int(view.indexToX(150)), int(view.priceRect().top()),
                      int(view.volumeRect().bottom()), missing),
             0);
    // A click on it asks for it.
    QSignalSpy clicked(&view, &ChartView::gapClicked);
    QTest::mouseClick(&view, Qt::LeftButton, {},
                      QPoint(int(view.indexToX(300.5)), int(view.priceRect().center().y())));
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(clicked.first().first().value<SeriesDocument::Gap>(), *tail);
    // Candles merged into it shorten it; caught up, it is gone.
    for (const Candle &c : makeCandles(330).mid(300))
        document.merge(c);
    QVERIFY(document.tail());
    QCOMPARE(document.tail()->from, Start + 330 * Minute);
    QCOMPARE(document.tail()->index, qsizetype(330));
    for (const Candle &c : makeCandles(400).mid(330))
        document.merge(c);
    QVERIFY(!document.tail());
    // A range of the past (no "until") has none.
    document.setSeries(Key, makeCandles(300), Interval::M1);
    QVERIFY(!document.tail());
}

QTEST_MAIN(TestChart)
#include "tst_chart.moc"
