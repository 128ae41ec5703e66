// candlewick: the desktop application. A thin main: options, language, theme, the main window.
#include <apptheme.h>
#include <chartview.h>
#include <languages.h>
#include <mainwindow.h>
#include <providerregistry.h>
#include <settingskeys.h>

#include <historycache.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QEventLoop>
#include <QNetworkProxy>
#include <QUrl>
#include <QSettings>
#include <QTextStream>

#include <cstdio>

using namespace Candlewick;

namespace {

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

} // namespace

int main(int argc, char **argv)
{
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

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Candlewick: crypto candlestick charts."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Candle database file."),
                                QStringLiteral("path"));
    const QCommandLineOption open(QStringLiteral("open"),
                                  QStringLiteral("Series to open, e.g. binance:BTCUSDT:1m."),
                                  QStringLiteral("series"));
    const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("Start (ISO-8601, UTC)."),
                                  QStringLiteral("time"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("End (ISO-8601, UTC)."),
                                QStringLiteral("time"));
    const QCommandLineOption interval(QStringLiteral("interval"),
                                      QStringLiteral("Chart interval (resampled), e.g. 1h."),
                                      QStringLiteral("interval"));
    const QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("light or dark."),
                                   QStringLiteral("theme"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("en, de or zh_CN."),
                                  QStringLiteral("language"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the window (1600x1000) to this PNG and exit."), QStringLiteral("file"));
    parser.addOptions({db, open, from, to, interval, theme, lang, screenshot});
    parser.process(app);

    const QSettings settings;
    // Preferences: an HTTP proxy for every connection, as "host:port".
    const QString proxy = settings.value(SettingsKeys::proxy()).toString().trimmed();
    if (!proxy.isEmpty()) {
        const QUrl url = QUrl::fromUserInput(proxy);
        QNetworkProxy::setApplicationProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, url.host(), quint16(url.port(8080))));
    }
    const QString language = Languages::resolve(
        parser.isSet(lang) ? parser.value(lang) : settings.value(SettingsKeys::language()).toString());
    if (!Languages::install(language))
        QTextStream(stderr) << "candlewick: no translation for " << language << Qt::endl;

    std::optional<SeriesKey> key;
    if (parser.isSet(open)) {
        key = SeriesKey::fromString(parser.value(open));
        if (!key)
            return fail(QStringLiteral("--open wants exchange:SYMBOL:interval, e.g. binance:BTCUSDT:1m"));
    }
    TimeRange range;
    if (parser.isSet(from) || parser.isSet(to)) {
        range.from = parser.isSet(from) ? parseUtc(parser.value(from)) : 0;
        range.to = parser.isSet(to) ? parseUtc(parser.value(to)) : std::numeric_limits<qint64>::max() / 2;
        if (range.from < 0 || range.to < 0)
            return fail(QStringLiteral("--from/--to want ISO-8601 times, e.g. 2024-01-01T00:00:00Z"));
        if (range.isEmpty())
            return fail(QStringLiteral("--to must be after --from"));
    }
    std::optional<Interval> shownInterval;
    if (parser.isSet(interval)) {
        shownInterval = Intervals::parse(parser.value(interval));
        if (!shownInterval)
            return fail(QStringLiteral("unknown interval %1").arg(parser.value(interval)));
    }
    const bool shot = parser.isSet(screenshot);
    if (shot && !key)
        return fail(QStringLiteral("--screenshot needs --open"));

    MainWindow window;
    window.setTheme(AppTheme::fromName(parser.isSet(theme)
                                           ? parser.value(theme)
                                           : settings.value(SettingsKeys::theme()).toString()));
    const QString dbPath = parser.isSet(db) ? parser.value(db)
                                            : settings.value(SettingsKeys::databasePath()).toString();
    if (shot)
        window.resize(1600, 1000);
    else
        window.restoreLayout();
    window.show();
    if (!window.openDatabase(dbPath))
        return fail(window.errorString());

    if (key && key->exchange == u"demo") {
        // The demo exchange is generated locally: fill the store first, so it works offline.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        TimeRange wanted = range;
        if (wanted.isEmpty() || wanted.to > now)
            wanted = {range.isEmpty() ? now - 3 * 24 * 3600 * 1000LL : range.from,
                      Intervals::alignDown(key->interval, now)};
        if (HistoryCache *cache = window.registry()->cache(key->exchange)) {
            QEventLoop loop;
            HistoryCacheJob *job = cache->ensure(*key, wanted);
            QObject::connect(job, &HistoryCacheJob::finished, &loop, &QEventLoop::quit);
            QObject::connect(job, &HistoryCacheJob::failed, &loop, &QEventLoop::quit);
            job->start();
            loop.exec();
            window.refreshLocalData();
        }
    }
    if (key) {
        if (!window.openSeries(*key, range)) {
            if (shot)
                return fail(window.errorString());
        } else if (shownInterval) {
            window.setDisplayInterval(*shownInterval);
        }
        if (!range.isEmpty())
            window.chartView()->showAll();
    } else if (const auto last = SeriesKey::fromString(
                   settings.value(SettingsKeys::lastSeries()).toString());
               !last || !window.openSeries(*last)) {
        window.startDemo(); // a new user with no internet sees something at once
    }

    if (shot) {
        QApplication::processEvents();
        const QString file = parser.value(screenshot);
        const QImage image = window.grab().toImage();
        if (!image.save(file, "PNG"))
            return fail(QStringLiteral("cannot write %1").arg(file));
        QTextStream(stdout) << file << ' ' << image.width() << 'x' << image.height() << Qt::endl;
        return 0;
    }
    return app.exec();
}
