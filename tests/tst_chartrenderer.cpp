#include <chartrenderer.h>
#include <chartview.h>
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

CandleBatch makeCandles(int n)
{
    CandleBatch out;
    double price = 2000.0;
    for (int i = 0; i < n; ++i) {
        Candle c;
        c.openTime = Start + i * Minute;
        c.open = price;
        c.close = price + ((qint64(i) * 7919) % 21 - 10) * 0.25;
        c.high = std::max(c.open, c.close) + 0.5;
        c.low = std::min(c.open, c.close) - 0.75;
        c.volume = 10 + (i % 13);
        price = c.close;
        out.append(c);
    }
    return out;
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
    next.close = next.low;
    document.merge(next);
    QVERIFY(paint(renderer) != after);
    QVERIFY(renderer.readoutFor(1000).contains(QStringLiteral("C %1").arg(next.low, 0, 'f', 2)));
}

QTEST_MAIN(TestChartRenderer)
#include "tst_chartrenderer.moc"
