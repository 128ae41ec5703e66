// GUI responsiveness and memory of the desktop app. Prints `BENCH <name> <value> <unit>` lines;
// never passes or fails on time.
//  gui_responsiveness_download: largest delay of a 10 ms timer on the GUI thread while the
//      download dialog fetches a year of demo 1m candles into the store (generator + writer
//      thread).
//  gui_store_read_year: CandleStore::read() of that year alone.
//  gui_open_year: opening that stored year in the main window until the chart has painted it
//      (store read on the loader thread + chart + table on the GUI thread).
//  gui_responsiveness_open: the 10 ms timer's largest delay while that year opens.
//  gui_responsiveness_replay: the same timer during a `max` replay of the year into the chart.
//  gui_peak_memory: peak resident memory of the process with the year open.
#include "processmemory.h"

#include <candledatabase.h>
#include <candlestore.h>
#include <downloaddialog.h>
#include <mainwindow.h>
#include <replaypanel.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

using namespace Candlewick;

namespace {

void report(const QString &name, double value, const QString &unit)
{
    QTextStream(stdout) << "BENCH " << name << ' ' << QString::number(value, 'f', 2) << ' ' << unit
                        << Qt::endl;
}

// Largest lateness of a 10 ms timer while `running` is true.
class LatencyProbe : public QObject
{
public:
    LatencyProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last > 0)
                m_worst = std::max(m_worst, (now - m_last) / 1e6 - 10.0);
            m_last = now;
        });
    }
    void start()
    {
        m_worst = 0;
        m_last = 0;
        m_clock.start();
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return m_worst;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    double m_worst = 0;
};

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    const qint64 from = 1704067200000; // 2024-01-01T00:00:00Z
    const qint64 to = from + 365LL * 24 * 3600 * 1000;
    const SeriesKey key{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1};

    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    if (!window.openDatabase(dir.filePath(QStringLiteral("bench.sqlite"))))
        return 1;

    LatencyProbe probe;
    DownloadDialog *dialog = window.downloadDialog();
    dialog->setSeries(key);
    dialog->setRange({from, to});
    QObject::disconnect(dialog, &DownloadDialog::downloaded, &window, nullptr); // open it below
    QElapsedTimer download;
    download.start();
    probe.start();
    if (!dialog->startDownload())
        return 1;
    while (dialog->isRunning())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    report(QStringLiteral("gui_responsiveness_download"), probe.stop(), QStringLiteral("ms"));
    report(QStringLiteral("gui_download_year"), download.elapsed(), QStringLiteral("ms"));

    QElapsedTimer read;
    read.start();
    const qsizetype stored = window.database()->reader()->read(key, {from, to}).size();
    report(QStringLiteral("gui_store_read_year"), read.elapsed(), QStringLiteral("ms"));
    if (stored == 0)
        return 1;

    QElapsedTimer open;
    bool opened = false;
    QObject::connect(&window, &MainWindow::seriesOpened, &window, [&] {
        window.repaint();
        opened = true;
    });
    probe.start();
    open.start();
    if (!window.openSeries(key))
        return 1;
    while (!opened)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    report(QStringLiteral("gui_open_year"), open.elapsed(), QStringLiteral("ms"));
    // A few more timer ticks, so a stall at the end of the open is counted.
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 50)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    report(QStringLiteral("gui_responsiveness_open"), probe.stop(), QStringLiteral("ms"));

    ReplayPanel *replay = window.replayPanel();
    replay->setSpeed(0);
    probe.start();
    QElapsedTimer replayTimer;
    replayTimer.start();
    replay->play();
    while (replay->isActive())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    report(QStringLiteral("gui_responsiveness_replay"), probe.stop(), QStringLiteral("ms"));
    report(QStringLiteral("gui_replay_year_max"), replayTimer.elapsed(), QStringLiteral("ms"));
    report(QStringLiteral("gui_peak_memory"), double(Bench::peakResidentBytes()) / (1 << 20),
           QStringLiteral("MB"));
    return 0;
}
