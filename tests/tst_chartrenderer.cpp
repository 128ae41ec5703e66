#include <chartrenderer.h>
#include <chartview.h>
#include <demo/mockcandlegenerator.h>
#include <seriesdocument.h>

#include <QLocale>
#include <QPainter>
#include <QTest>

using namespace Candlewick;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Start = 1704067200000; // 2024-01-01T00:00:00Z
const SeriesKey Key{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1};
const QSize Size(900, 500);

// Deterministic demo candles.
CandleBatch makeCandles(int n)
{
    return MockCandleGenerator(7).range(Key, Start, Start + n * Minute);
}

// Paints `renderer` into an image filled with a colour the chart never uses.
QImage paint(ChartRenderer &renderer)
{
    QImage image(renderer.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::magenta);
    QPainter painter(&image);
    renderer.paint(painter);
    return image;
}

int countColour(const QImage &image, const QRectF &area, const QColor &colour)
{
    int n = 0;
    const QRect r = area.toAlignedRect().intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x)
            n += image.pixel(x, y) == colour.rgb() ? 1 : 0;
    }
    return n;
}

} // namespace

class TestChartRenderer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void paintsIntoAnImage_data();
    void paintsIntoAnImage();
    void widgetShowsTheRenderersFrame();
    void emptyDocumentShowsTheHint();
    void followsTheDocumentWithoutAWidget();
};

void TestChartRenderer::paintsIntoAnImage_data()
{
    QTest::addColumn<int>("theme");
    QTest::newRow("light") << int(ChartTheme::Light);
    QTest::newRow("dark") << int(ChartTheme::Dark);
}

void TestChartRenderer::paintsIntoAnImage()
{
    QFETCH(int, theme);
    SeriesDocument document;
    document.setSeries(Key, makeCandles(3000), Interval::M1);
    ChartRenderer renderer(&document);
    renderer.setSize(Size);
    renderer.setTheme(ChartTheme(theme));
    renderer.setTitle(QStringLiteral("BTCUSDT"));
    const QImage image = paint(renderer);
    const ChartPalette palette = ChartPalette::forTheme(ChartTheme(theme));

    // Every pixel is the chart's, on its background.
    QCOMPARE(countColour(image, image.rect(), Qt::magenta), 0);
    QCOMPARE(image.pixelColor(1, Size.height() - 1), palette.background);
    // Candles of both colours in the price pane, volume bars in the volume pane.
    const QRectF price = renderer.viewport().priceRect();
    const QRectF volume = renderer.viewport().volumeRect();
    QVERIFY(countColour(image, price, palette.up) > 100);
    QVERIFY(countColour(image, price, palette.down) > 100);
    QVERIFY(countColour(image, volume, palette.volumeUp) > 100);
    QVERIFY(countColour(image, volume, palette.volumeDown) > 100);
    QCOMPARE(countColour(image, volume, palette.up), 0);
    // All 3000 candles in about 800 pixels: merged bars from the pyramid, at most one per 1.5 px.
    QVERIFY(renderer.lastLevel() > 0);
    QVERIFY(renderer.lastBarCount() > 0);
    QVERIFY(renderer.lastBarCount() <= price.width() / 1.5);
    // The header holds the title and readout: text pixels above the price pane.
    const QRectF header(0, 0, Size.width(), price.top() - 2);
    QVERIFY(countColour(image, header, palette.background) < header.width() * header.height());
}

void TestChartRenderer::widgetShowsTheRenderersFrame()
{
    SeriesDocument document;
    document.setSeries(Key, makeCandles(500), Interval::M1);
    ChartRenderer renderer(&document);
    renderer.setSize(Size);
    ChartView view(&document);
    view.resize(Size);
    QCOMPARE(view.grab().toImage().convertToFormat(QImage::Format_RGB32),
             paint(renderer).convertToFormat(QImage::Format_RGB32));
}

void TestChartRenderer::emptyDocumentShowsTheHint()
{
    SeriesDocument document;
    ChartRenderer renderer(&document);
    renderer.setSize(Size);
    const ChartPalette palette = ChartPalette::forTheme(ChartTheme::Light);
    const QImage hint = paint(renderer);
    QCOMPARE(renderer.readoutIndex(), -1);
    QCOMPARE(renderer.lastBarCount(), 0);
    // The hint's text in the middle, nothing else but background.
    const QRectF middle(0, Size.height() / 2.0 - 30, Size.width(), 60);
    QVERIFY(countColour(hint, middle, palette.axisText) > 0);
    QCOMPARE(countColour(hint, QRectF(0, 0, Size.width(), 100), palette.background),
             Size.width() * 100);
    // A busy notice replaces it.
    renderer.setBusyText(QStringLiteral("Loading…"));
    const QImage busy = paint(renderer);
    QVERIFY(busy != hint);
    QVERIFY(countColour(busy, middle, palette.axisText) == 0);
}

void TestChartRenderer::followsTheDocumentWithoutAWidget()
{
    SeriesDocument document;
    document.setSeries(Key, makeCandles(1000), Interval::M1);
    ChartRenderer renderer(&document);
    renderer.setSize(Size);
    QObject::connect(
        &document, &SeriesDocument::candlesAppended, &document,
        [&renderer](qsizetype first, qsizetype count) { renderer.candlesAppended(first, count); });
    QObject::connect(&document, &SeriesDocument::lastCandleChanged, &document,
                     [&renderer] { renderer.lastCandleChanged(); });
    const double lastBefore = renderer.viewport().last();
    const QImage before = paint(renderer);
    Candle next = document.candles().constLast();
    next.openTime += Minute;
    next.close = next.high = next.high + 40; // far above: the scale changes
    document.merge(next);
    QCOMPARE(renderer.count(), 1001);
    QCOMPARE(renderer.viewport().last(), lastBefore + 1);
    QCOMPARE(renderer.readoutIndex(), 1000);
    const QImage after = paint(renderer);
    QVERIFY(after != before);
    const QString readout = renderer.readoutFor(1000);
    next.close = next.low;
    document.merge(next);
    QVERIFY(renderer.readoutFor(1000) != readout);
    const QImage updated = paint(renderer);
    QVERIFY(updated != after);
    // Updated in place, it is the frame a renderer made afresh from the document paints.
    ChartRenderer fresh(&document);
    fresh.setSize(Size);
    fresh.viewport().setRange(renderer.viewport().first(), renderer.viewport().last());
    QCOMPARE(paint(fresh), updated);
    QCOMPARE(fresh.readoutFor(1000), renderer.readoutFor(1000));
}

QTEST_MAIN(TestChartRenderer)
#include "tst_chartrenderer.moc"
