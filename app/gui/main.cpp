// candlewick: the desktop application. A thin main: options, language, theme, the main window.
#include <apptheme.h>
#include <chartview.h>
#include <languages.h>
#include <mainwindow.h>
#include <exchangesessions.h>
#include <replaypanel.h>
#include <settingskeys.h>
#include <durations.h>

#include <exchange.h>
#include <exchangeregistry.h>
#include <historycache.h>
#include <strategyhost.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QEventLoop>
#include <QNetworkProxy>
#include <QSettings>
#include <QTextStream>
#include <QUrl>

#include <cstdio>
#include <limits>

using namespace Candlewick;

namespace {

// The translation context of the texts below.
class GuiMain
{
    Q_DECLARE_TR_FUNCTIONS(GuiMain)
};

struct OptionSpec
{
    const char *name;
    const char *description;
    const char *valueName;
};

// Translated when the parser is built, once the language is known.
constexpr OptionSpec OptionSpecs[] = {
    {"db", QT_TRANSLATE_NOOP("GuiMain", "Candle database file."),
     QT_TRANSLATE_NOOP("GuiMain", "path")},
    {"open", QT_TRANSLATE_NOOP("GuiMain", "Series to open, e.g. binance:BTCUSDT:1m."),
     QT_TRANSLATE_NOOP("GuiMain", "series")},
    {"from", QT_TRANSLATE_NOOP("GuiMain", "Start (ISO-8601, UTC)."),
     QT_TRANSLATE_NOOP("GuiMain", "time")},
    {"to", QT_TRANSLATE_NOOP("GuiMain", "End (ISO-8601, UTC)."),
     QT_TRANSLATE_NOOP("GuiMain", "time")},
    {"interval", QT_TRANSLATE_NOOP("GuiMain", "Chart interval (resampled), e.g. 1h."),
     QT_TRANSLATE_NOOP("GuiMain", "interval")},
    {"theme", QT_TRANSLATE_NOOP("GuiMain", "light or dark."),
     QT_TRANSLATE_NOOP("GuiMain", "theme")},
    {"lang", QT_TRANSLATE_NOOP("GuiMain", "en, de or zh_CN."),
     QT_TRANSLATE_NOOP("GuiMain", "language")},
    {"replay",
     QT_TRANSLATE_NOOP("GuiMain",
                       "Replay the opened series at max speed into this strategy (\"none\": "
                       "chart only) before the screenshot."),
     QT_TRANSLATE_NOOP("GuiMain", "strategy")},
    {"param", QT_TRANSLATE_NOOP("GuiMain", "A --replay strategy parameter (repeatable)."),
     QT_TRANSLATE_NOOP("GuiMain", "name=value")},
    {"screenshot",
     QT_TRANSLATE_NOOP("GuiMain", "Render the window (1600x1000) to this PNG and exit."),
     QT_TRANSLATE_NOOP("GuiMain", "file")},
    {"size", QT_TRANSLATE_NOOP("GuiMain", "Window size of the --screenshot, e.g. 1024x700."),
     QT_TRANSLATE_NOOP("GuiMain", "WxH")},
};

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(GuiMain::tr("Candlewick: crypto candlestick charts."));
    parser.addHelpOption();
    parser.addVersionOption();
    for (const OptionSpec &o : OptionSpecs)
        parser.addOption(QCommandLineOption(QString::fromLatin1(o.name), GuiMain::tr(o.description),
                                            GuiMain::tr(o.valueName)));
}

// "2024-01-01", "2024-01-01T12:00", "2024-01-01T12:00:00Z": always UTC. -1 when invalid.
qint64 parseUtc(const QString &text)
{
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid()) {
        const QDate d = QDate::fromString(text, Qt::ISODate);
        if (d.isValid())
            dt = QDateTime(d, QTime(0, 0), Qt::UTC);
    }
    if (!dt.isValid())
        return -1;
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC);
    return dt.toMSecsSinceEpoch();
}

int fail(const QString &message)
{
    QTextStream(stderr) << "candlewick: " << message << Qt::endl;
    return 1;
}

// Runs the event loop until `sender` emits `done` (true) or `failed` (false).
template<typename Sender, typename Done, typename Failed>
bool waitFor(Sender *sender, Done done, Failed failed)
{
    QEventLoop loop;
    bool ok = false;
    QObject::connect(sender, done, &loop, [&] {
        ok = true;
        loop.quit();
    });
    QObject::connect(sender, failed, &loop, &QEventLoop::quit);
    loop.exec();
    return ok;
}

// The demo exchange is generated locally: fills the store first, so it works offline.
void fillDemo(MainWindow &window, const SeriesKey &key, TimeRange range)
{
    HistoryCache *cache = window.sessions()->cache(key.exchange);
    if (!cache)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    TimeRange wanted = range;
    if (wanted.isEmpty() || wanted.to > now)
        wanted = {range.isEmpty() ? now - 3 * Durations::DayMs : range.from,
                  Intervals::alignDown(key.interval, now)};
    HistoryCacheJob *job = cache->ensure(key, wanted);
    job->start();
    job->exec();
    window.refreshLocalData();
}

// Replays the open series at max speed into `strategy` ("none": chart only), for a screenshot.
QString replay(MainWindow &window, const QString &strategy, const QStringList &assignments)
{
    ReplayPanel *panel = window.replayPanel();
    if (!panel->setStrategy(strategy == u"none" ? QString() : strategy))
        return GuiMain::tr("no strategy plugin named %1").arg(strategy);
    QVariantMap params;
    QString error;
    if (!StrategyHost::parseAssignments(assignments, &params, &error))
        return error;
    for (auto it = params.cbegin(); it != params.cend(); ++it)
        panel->setParameter(it.key(), it.value());
    if (auto *dock = window.findChild<QDockWidget *>(QStringLiteral("replayDock")))
        dock->raise();
    panel->setSpeed(0);
    panel->play();
    if (panel->isActive()
        && !waitFor(panel, &ReplayPanel::replayFinished, &ReplayPanel::replayStopped))
        return GuiMain::tr("the replay stopped early");
    return {};
}

} // namespace

int main(int argc, char **argv)
{
    // Before QApplication, so no translation yet: one fixed line.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        std::fputs("candlewick: no display found; set QT_QPA_PLATFORM=offscreen or use "
                   "candlewick-cli\n",
                   stderr);
        return 1;
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Candlewick"));
    QApplication::setApplicationName(QStringLiteral("candlewick"));
    QApplication::setApplicationDisplayName(QStringLiteral("Candlewick"));
    QApplication::setApplicationVersion(QStringLiteral(CANDLEWICK_VERSION));
    const QSettings settings;

    // The language first (--lang or the preference), so that --help is translated too.
    QString language;
    {
        QCommandLineParser early;
        addOptions(early);
        early.parse(QApplication::arguments());
        language = Languages::resolve(early.isSet(QStringLiteral("lang"))
                                          ? early.value(QStringLiteral("lang"))
                                          : settings.value(SettingsKeys::language()).toString());
    }
    if (!Languages::install(language))
        fail(GuiMain::tr("no translation for %1").arg(language));
    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);
    const auto isSet
        = [&parser](const char *name) { return parser.isSet(QString::fromLatin1(name)); };
    const auto value
        = [&parser](const char *name) { return parser.value(QString::fromLatin1(name)); };

    // Preferences: an HTTP proxy for every connection, as "host:port".
    const QString proxy = settings.value(SettingsKeys::proxy()).toString().trimmed();
    if (!proxy.isEmpty()) {
        const QUrl url = QUrl::fromUserInput(proxy);
        QNetworkProxy::setApplicationProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, url.host(), quint16(url.port(8080))));
    }

    std::optional<SeriesKey> key;
    if (isSet("open")) {
        key = SeriesKey::fromString(value("open"));
        if (!key)
            return fail(
                GuiMain::tr("--open wants exchange:SYMBOL:interval, e.g. binance:BTCUSDT:1m"));
    }
    TimeRange range;
    if (isSet("from") || isSet("to")) {
        range.from = isSet("from") ? parseUtc(value("from")) : 0;
        range.to = isSet("to") ? parseUtc(value("to")) : std::numeric_limits<qint64>::max() / 2;
        if (range.from < 0 || range.to < 0)
            return fail(GuiMain::tr("--from/--to want ISO-8601 times, e.g. 2024-01-01T00:00:00Z"));
        if (range.isEmpty())
            return fail(GuiMain::tr("--to must be after --from"));
    }
    std::optional<Interval> shownInterval;
    if (isSet("interval")) {
        shownInterval = Intervals::parse(value("interval"));
        if (!shownInterval)
            return fail(GuiMain::tr("unknown interval %1").arg(value("interval")));
    }
    const bool shot = isSet("screenshot");
    if (shot && !key)
        return fail(GuiMain::tr("--screenshot needs --open"));
    if (isSet("replay") && !shot)
        return fail(GuiMain::tr("--replay goes with --screenshot"));
    QSize shotSize(1600, 1000);
    if (isSet("size")) {
        const QStringList parts = value("size").split(u'x');
        const int w = parts.size() == 2 ? parts.at(0).toInt() : 0;
        const int h = parts.size() == 2 ? parts.at(1).toInt() : 0;
        if (w < 640 || h < 480 || w > 8000 || h > 8000)
            return fail(GuiMain::tr("--size wants WIDTHxHEIGHT from 640x480 up, e.g. 1024x700"));
        shotSize = QSize(w, h);
    }

    MainWindow window;
    window.setTheme(AppTheme::fromName(
        isSet("theme") ? value("theme") : settings.value(SettingsKeys::theme()).toString()));
    const QString dbPath
        = isSet("db") ? value("db") : settings.value(SettingsKeys::databasePath()).toString();
    if (shot)
        window.resize(shotSize);
    else
        window.restoreLayout();
    window.show();
    if (!window.openDatabase(dbPath))
        return fail(window.errorString());

    if (key && key->exchange == ExchangeRegistry::offline().id)
        fillDemo(window, *key, range);
    if (key && shot) {
        // The store is read on a worker thread: wait for the chart before going on.
        if (!window.openSeries(*key, range)
            || !waitFor(&window, &MainWindow::seriesOpened, &MainWindow::seriesOpenFailed))
            return fail(window.errorString());
        if (isSet("replay")) {
            const QString error
                = replay(window, value("replay"), parser.values(QStringLiteral("param")));
            if (!error.isEmpty())
                return fail(error);
        }
        if (shownInterval)
            window.setDisplayInterval(*shownInterval);
        if (!range.isEmpty())
            window.chartView()->showAll();
        QApplication::processEvents();
        const QString file = value("screenshot");
        const QImage image = window.grab().toImage();
        if (!image.save(file, "PNG"))
            return fail(GuiMain::tr("cannot write %1").arg(file));
        QTextStream(stdout) << file << ' ' << image.width() << 'x' << image.height() << Qt::endl;
        return 0;
    }
    if (key) {
        QObject::connect(
            &window, &MainWindow::seriesOpened, &window,
            [&window, shownInterval, range] {
                if (shownInterval)
                    window.setDisplayInterval(*shownInterval);
                if (!range.isEmpty())
                    window.chartView()->showAll();
            },
            Qt::SingleShotConnection);
        window.openSeries(*key, range);
    } else if (const auto last
               = SeriesKey::fromString(settings.value(SettingsKeys::lastSeries()).toString())) {
        // Where the user left off; a new user with no internet sees the demo market at once.
        QObject::connect(
            &window, &MainWindow::seriesOpenFailed, &window, [&window] { window.startDemo(); },
            Qt::SingleShotConnection);
        window.openSeries(*last);
    } else {
        window.startDemo();
    }
    return app.exec();
}
