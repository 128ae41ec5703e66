// Chart speed: opening a year of 1m candles and repainting after a pan or zoom step.
// Prints `BENCH <name> <value> <unit>` lines; never passes or fails on time.
// Usage: candlewick-bench-chart [--candles N] [--png DIR] (PNGs of the frames, for a look).
#include <chartview.h>
#include <demo/mockcandlegenerator.h>
#include <seriesdocument.h>

#include <QApplication>
#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QChart>
#include <QChartView>
#include <QGraphicsScene>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>

using namespace Candlewick;

namespace {

void report(const QString &name, double value, const QString &unit)
{
    QTextStream(stdout) << "BENCH " << name << ' ' << QString::number(value, 'f', 2) << ' ' << unit
                        << Qt::endl;
}

// Median and worst of `rounds` repaints after `step` moved the view.
template<typename Step>
void measureFrames(ChartView &view, const QString &name, int rounds, Step step)
{
    QList<double> times;
    for (int i = 0; i < rounds; ++i) {
        step(i);
        QElapsedTimer timer;
        timer.start();
        view.repaint();
        times.append(timer.nsecsElapsed() / 1e6);
    }
    std::sort(times.begin(), times.end());
    report(name + QStringLiteral("_median"), times.at(times.size() / 2), QStringLiteral("ms"));
    report(name + QStringLiteral("_max"), times.constLast(), QStringLiteral("ms"));
}

// The baseline of issue 5: Qt Charts' QCandlestickSeries with one QCandlestickSet per candle,
// appended in one list, no animation, at 1200x800. Time to build and show, then per repaint.
void measureQtChartsBaseline(const CandleBatch &candles)
{
    QElapsedTimer build;
    build.start();
    auto *series = new QCandlestickSeries;
    QList<QCandlestickSet *> sets;
    sets.reserve(candles.size());
    for (const Candle &c : candles)
        sets.append(new QCandlestickSet(c.open, c.high, c.low, c.close, double(c.openTime)));
    series->append(sets);
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->addSeries(series);
    chart->createDefaultAxes();
    QChartView view(chart);
    view.resize(1200, 800);
    view.show();
    view.repaint();
    const QString n = QString::number(candles.size());
    report(QStringLiteral("chart_baseline_qtcharts_build_") + n, build.nsecsElapsed() / 1e6,
           QStringLiteral("ms"));
    QElapsedTimer frame;
    frame.start();
    constexpr int Rounds = 3;
    for (int i = 0; i < Rounds; ++i) {
        chart->scene()->invalidate(); // a graphics view repaints only what was invalidated
        view.grab();
    }
    report(QStringLiteral("chart_baseline_qtcharts_repaint_") + n,
           frame.nsecsElapsed() / 1e6 / Rounds, QStringLiteral("ms"));
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("candles"), QStringLiteral("Number of 1m candles."),
                      QStringLiteral("n"), QStringLiteral("525600")});
    parser.addOption({QStringLiteral("png"), QStringLiteral("Save the frames as PNGs here."),
                      QStringLiteral("dir")});
    parser.addOption({QStringLiteral("dark"), QStringLiteral("Dark theme.")});
    parser.addOption(
        {QStringLiteral("baseline"),
         QStringLiteral("Also measure Qt Charts' QCandlestickSeries on the first N candles "
                        "(the issue's baseline; 0 = skip)."),
         QStringLiteral("n"), QStringLiteral("50000")});
    parser.process(app);
    const int n = parser.value(QStringLiteral("candles")).toInt();

    const SeriesKey key{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1};
    const qint64 from = 1704067200000; // 2024-01-01T00:00:00Z
    QElapsedTimer gen;
    gen.start();
    const CandleBatch candles = MockCandleGenerator(7).range(key, from, from + qint64(n) * 60000);
    report(QStringLiteral("chart_generate_year"), gen.elapsed(), QStringLiteral("ms"));

    SeriesDocument document;
    ChartView view(&document);
    view.resize(1600, 1000);
    view.setTitle(QStringLiteral("BTCUSDT · 1m · demo"));
    if (parser.isSet(QStringLiteral("dark")))
        view.setTheme(ChartView::Theme::Dark);
    view.show();
    app.processEvents();

    QElapsedTimer open;
    open.start();
    document.setSeries(key, candles, Interval::M1);
    view.repaint();
    report(QStringLiteral("chart_open_year"), open.nsecsElapsed() / 1e6, QStringLiteral("ms"));

    const QString pngDir = parser.value(QStringLiteral("png"));
    auto save = [&](const QString &name) {
        if (!pngDir.isEmpty())
            view.grab().save(QDir(pngDir).filePath(name + QStringLiteral(".png")));
    };
    save(QStringLiteral("chart_all"));

    // Fully zoomed out: pan steps are clamped at the edges, so alternate directions.
    measureFrames(view, QStringLiteral("chart_frame_all_pan"), 40,
                  [&](int i) { view.panBy(i % 2 ? -40 : 40); });
    measureFrames(view, QStringLiteral("chart_frame_all_zoom"), 40, [&](int i) {
        view.zoomAt(i % 2 ? 1 / 0.9 : 0.9, view.priceRect().center().x());
    });

    view.setVisibleRange(n / 2.0, n / 2.0 + 1000);
    save(QStringLiteral("chart_1000"));
    measureFrames(view, QStringLiteral("chart_frame_1000_pan"), 60,
                  [&](int i) { view.panBy(i % 2 ? -25 : 30); });
    measureFrames(view, QStringLiteral("chart_frame_1000_zoom"), 60, [&](int i) {
        view.zoomAt(i % 2 ? 1 / 0.9 : 0.9, view.priceRect().center().x());
    });
    measureFrames(view, QStringLiteral("chart_frame_1000_crosshair"), 60,
                  [&](int i) { view.setCrosshair(QPointF(200 + i * 15, 300 + i * 3)); });
    save(QStringLiteral("chart_crosshair"));

    view.setVisibleRange(n - 120.0, n + 4.0);
    save(QStringLiteral("chart_120"));

    // Our chart on the baseline's candle count, then the baseline itself, in the same run.
    const int baseline
        = std::min<int>(parser.value(QStringLiteral("baseline")).toInt(), int(candles.size()));
    if (baseline > 0) {
        const CandleBatch head = candles.mid(0, baseline);
        QElapsedTimer ours;
        ours.start();
        document.setSeries(key, head, Interval::M1);
        view.repaint();
        report(QStringLiteral("chart_open_") + QString::number(baseline), ours.nsecsElapsed() / 1e6,
               QStringLiteral("ms"));
        measureFrames(view,
                      QStringLiteral("chart_frame_") + QString::number(baseline)
                          + QStringLiteral("_pan"),
                      20, [&](int i) { view.panBy(i % 2 ? -40 : 40); });
        measureQtChartsBaseline(head);
    }
    return 0;
}
