#include <cliprocess.h>
#include <eventwait.h>
#include <fakebinancerest.h>
#include <fakebinancews.h>

#include <clock.h>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace Candlewick;
using Candlewick::Testing::CliResult;
using Candlewick::Testing::FakeBinanceRest;
using Candlewick::Testing::FakeBinanceWs;
using Candlewick::Testing::runCli;
using Candlewick::Testing::waitFor;

namespace {

constexpr qint64 Day = 24LL * 3600 * 1000;
constexpr qint64 Minute = 60'000;

} // namespace

// `candlewick-cli serve` as a process: the first line, REST equal to the fake's for what was
// fetched, replay control, live mode fanned out from the fake exchange, signals and bad input.
class TestCliServe : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    FakeBinanceRest m_rest{Clock::system()};
    FakeBinanceWs m_ws{Clock::system()};
    QNetworkAccessManager m_nam;
    qint64 m_day = 0; // a past UTC day that is fetched into fetched.sqlite

    struct Server
    {
        std::unique_ptr<QProcess> process;
        QUrl url;
        QByteArray err;
    };
    Server start(const QStringList &args)
    {
        Server s;
        s.process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("CANDLEWICK_BINANCE_REST_URL"));
        env.remove(QStringLiteral("CANDLEWICK_BINANCE_WS_URL"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
        s.process->setProcessEnvironment(env);
        s.process->start(QStringLiteral(CANDLEWICK_CLI_PATH),
                         QStringList{QStringLiteral("serve")} + args);
        QByteArray out;
        waitFor(
            [&] {
                out += s.process->readAllStandardOutput();
                return out.contains('\n') || s.process->state() == QProcess::NotRunning;
            },
            20000);
        static const QRegularExpression first(
            QStringLiteral("^serving on (http://127\\.0\\.0\\.1:[0-9]+)\n"));
        const QRegularExpressionMatch m = first.match(QString::fromUtf8(out));
        if (m.hasMatch())
            s.url = QUrl(m.captured(1));
        s.err = s.process->readAllStandardError();
        return s;
    }
    static bool stop(Server &s)
    {
        s.process->terminate();
        return waitFor([&] { return s.process->state() == QProcess::NotRunning; }, 20000)
            && s.process->exitStatus() == QProcess::NormalExit && s.process->exitCode() == 0;
    }
    QByteArray get(QUrl base, const QString &path, const QString &query = {},
                   const QByteArray &method = "GET")
    {
        base.setPath(path);
        base.setQuery(query);
        QNetworkRequest request(base);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
        QNetworkReply *reply
            = method == "POST" ? m_nam.post(request, QByteArray()) : m_nam.get(request);
        waitFor([reply] { return reply->isFinished(); }, 10000);
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        return body;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_nam.setProxy(QNetworkProxy::NoProxy);
        const qint64 listed = QDateTime::currentMSecsSinceEpoch() - 30 * Day;
        m_rest.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                         listed);
        m_rest.addSymbol(QStringLiteral("ETHUSDT"), QStringLiteral("ETH"), QStringLiteral("USDT"),
                         listed);
        QVERIFY(m_rest.listen());
        m_ws.followRest(m_rest);
        QVERIFY(m_ws.listen());

        m_day = (QDateTime::currentMSecsSinceEpoch() / Day - 3) * Day;
        const CliResult fetched = runCli(
            QStringLiteral(CANDLEWICK_CLI_PATH),
            {QStringLiteral("fetch"), QStringLiteral("--symbol"), QStringLiteral("BTCUSDT,ETHUSDT"),
             QStringLiteral("--interval"), QStringLiteral("1m"), QStringLiteral("--from"),
             QString::number(m_day), QStringLiteral("--to"), QString::number(m_day + Day),
             QStringLiteral("--db"), m_dir.filePath(QStringLiteral("fetched.sqlite")),
             QStringLiteral("--rest-url"), m_rest.baseUrl().toString()},
            m_dir.path(), 60000);
        QVERIFY2(fetched.exitCode == 0, fetched.err.constData());
    }

    void servesWhatWasFetchedAsTheFake()
    {
        Server s
            = start({QStringLiteral("--db"), m_dir.filePath(QStringLiteral("fetched.sqlite"))});
        QVERIFY2(s.url.isValid() && s.url.port() > 0, s.err.constData());
        for (const QString &query :
             {QStringLiteral("symbol=BTCUSDT&interval=1m&limit=1000&startTime=%1").arg(m_day),
              QStringLiteral("symbol=ETHUSDT&interval=1m&startTime=%1&endTime=%2")
                  .arg(m_day + 100 * Minute)
                  .arg(m_day + 200 * Minute),
              QStringLiteral("symbol=ETHUSDT&interval=1m&limit=7&endTime=%1")
                  .arg(m_day + Day - 1)}) {
            const QByteArray ours = get(s.url, QStringLiteral("/api/v3/klines"), query);
            QCOMPARE(ours, get(m_rest.baseUrl(), QStringLiteral("/api/v3/klines"), query));
            QVERIFY(ours.startsWith("[["));
        }
        const QJsonArray symbols
            = QJsonDocument::fromJson(get(s.url, QStringLiteral("/api/v3/exchangeInfo")))
                  .object()
                  .value(QStringLiteral("symbols"))
                  .toArray();
        QCOMPARE(symbols.size(), 2);
        QCOMPARE(symbols.at(0).toObject().value(QStringLiteral("baseAsset")).toString(),
                 QStringLiteral("BTC"));
        QVERIFY(stop(s));
    }

    // klines with a timeZone that moves the boundaries, built from the fetched 1m: the fake's
    // buckets.
    void timeZoneFromFetchedMinutes()
    {
        Server s
            = start({QStringLiteral("--db"), m_dir.filePath(QStringLiteral("fetched.sqlite"))});
        QVERIFY2(s.url.isValid(), s.err.constData());
        const QString query
            = QStringLiteral("symbol=BTCUSDT&interval=1h&timeZone=5:30&startTime=%1&endTime=%2")
                  .arg(m_day)
                  .arg(m_day + 23 * 60 * Minute);
        const QJsonArray ours
            = QJsonDocument::fromJson(get(s.url, QStringLiteral("/api/v3/klines"), query)).array();
        const QJsonArray fake = QJsonDocument::fromJson(
                                    get(m_rest.baseUrl(), QStringLiteral("/api/v3/klines"), query))
                                    .array();
        QCOMPARE(ours.size(), 23);
        QCOMPARE(ours.size(), fake.size());
        for (qsizetype i = 0; i < ours.size(); ++i) {
            QCOMPARE(ours.at(i).toArray().at(0), fake.at(i).toArray().at(0));
            QCOMPARE(ours.at(i).toArray().at(6), fake.at(i).toArray().at(6));
        }
        QCOMPARE(qint64(ours.first().toArray().at(0).toDouble()), m_day + 30 * Minute);
        QVERIFY(stop(s));
    }

    void replayPausedThenResumed()
    {
        Server s = start({QStringLiteral("--db"), m_dir.filePath(QStringLiteral("fetched.sqlite")),
                          QStringLiteral("--replay"), QStringLiteral("--from"),
                          QString::number(m_day + 60 * Minute), QStringLiteral("--to"),
                          QString::number(m_day + 120 * Minute), QStringLiteral("--speed"),
                          QStringLiteral("600"), QStringLiteral("--paused")});
        QVERIFY2(s.url.isValid(), s.err.constData());
        const auto state = [&] {
            return QJsonDocument::fromJson(get(s.url, QStringLiteral("/candlewick/v1/replay")))
                .object();
        };
        QCOMPARE(state().value(QStringLiteral("paused")).toBool(), true);
        QCOMPARE(qint64(state().value(QStringLiteral("time")).toDouble()), m_day + 60 * Minute);
        QCOMPARE(get(s.url, QStringLiteral("/api/v3/time")),
                 QByteArray("{\"serverTime\":") + QByteArray::number(m_day + 60 * Minute) + '}');

        QWebSocket ws;
        int closed = 0;
        connect(&ws, &QWebSocket::textMessageReceived, &ws,
                [&](const QString &m) { closed += m.contains(QStringLiteral("\"x\":true")); });
        QUrl wsUrl = s.url;
        wsUrl.setScheme(QStringLiteral("ws"));
        wsUrl.setPath(QStringLiteral("/ws/ethusdt@kline_1m"));
        ws.open(wsUrl);
        QVERIFY(waitFor([&] { return ws.state() == QAbstractSocket::ConnectedState; }, 10000));
        get(s.url, QStringLiteral("/candlewick/v1/replay/resume"), {}, "POST");
        QVERIFY(waitFor([&] { return closed >= 2; }, 10000)); // 600x: a candle per 100 ms
        const QJsonObject playing = state();
        QCOMPARE(playing.value(QStringLiteral("paused")).toBool(), false);
        QVERIFY(qint64(playing.value(QStringLiteral("time")).toDouble()) > m_day + 61 * Minute);
        QVERIFY(stop(s));
    }

    // One upstream connection, recorded into the database and fanned out to local clients.
    void liveFansOutAndStores()
    {
        const QString path = m_dir.filePath(QStringLiteral("live.sqlite"));
        Server s = start(
            {QStringLiteral("--db"), path, QStringLiteral("--live"), QStringLiteral("BTCUSDT"),
             QStringLiteral("--interval"), QStringLiteral("1s"), QStringLiteral("--rest-url"),
             m_rest.baseUrl().toString(), QStringLiteral("--ws-url"), m_ws.url().toString()});
        QVERIFY2(s.url.isValid(), s.err.constData());
        QList<QJsonObject> events[2];
        QWebSocket clients[2];
        for (int i = 0; i < 2; ++i) {
            connect(&clients[i], &QWebSocket::textMessageReceived, &clients[i],
                    [&events, i](const QString &m) {
                        const QJsonObject k = QJsonDocument::fromJson(m.toUtf8())
                                                  .object()
                                                  .value(QStringLiteral("k"))
                                                  .toObject();
                        if (k.value(QStringLiteral("x")).toBool())
                            events[i].append(k);
                    });
            QUrl wsUrl = s.url;
            wsUrl.setScheme(QStringLiteral("ws"));
            wsUrl.setPath(QStringLiteral("/ws/btcusdt@kline_1s"));
            clients[i].open(wsUrl);
        }
        QVERIFY2(waitFor([&] { return events[0].size() >= 2 && events[1].size() >= 2; }, 20000),
                 s.process->readAllStandardError().constData());
        QCOMPARE(m_ws.connectionCount(), 1);
        // A closed candle announced to the clients is already served by klines.
        const qint64 open = qint64(events[0].last().value(QStringLiteral("t")).toDouble());
        const QJsonArray rows
            = QJsonDocument::fromJson(get(s.url, QStringLiteral("/api/v3/klines"),
                                          QStringLiteral("symbol=BTCUSDT&interval=1s&"
                                                         "startTime=%1&endTime=%1")
                                              .arg(open)))
                  .array();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).toArray().at(4).toString(),
                 events[0].last().value(QStringLiteral("c")).toString());
        QVERIFY(stop(s));
    }

    // Unmodified ccxt (bench/ccxt, installed by bench/ccxt/install.sh): fetchOHLCV pagination
    // over what was fetched, and watchOHLCVForSymbols over a replay.
    void ccxt()
    {
        const QString dir = QStringLiteral(CANDLEWICK_CCXT_DIR);
        if (!QFile::exists(dir + QStringLiteral("/node_modules/ccxt/package.json")))
            QSKIP("ccxt is not installed (bench/ccxt/install.sh)");
        const QString script = dir + QStringLiteral("/serve_ohlcv.mjs");
        const QString db = m_dir.filePath(QStringLiteral("fetched.sqlite"));
        QByteArray nodeErr;
        const auto node = [&](const QStringList &args) {
            QProcess p;
            p.start(QStringLiteral("node"), QStringList{script} + args);
            waitFor([&] { return p.state() == QProcess::NotRunning; }, 60000);
            nodeErr = p.readAllStandardError();
            return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        };

        Server plain = start({QStringLiteral("--db"), db});
        QVERIFY(plain.url.isValid());
        const QJsonObject fetched
            = node({QStringLiteral("fetch"), plain.url.toString(), QStringLiteral("BTC/USDT"),
                    QString::number(m_day), QString::number(m_day + Day)});
        QVERIFY2(fetched.value(QStringLiteral("rows")).toInt() == 1440, nodeErr.constData());
        QCOMPARE(qint64(fetched.value(QStringLiteral("first")).toDouble()), m_day);
        QCOMPARE(qint64(fetched.value(QStringLiteral("last")).toDouble()), m_day + Day - Minute);
        QVERIFY(fetched.value(QStringLiteral("ordered")).toBool());
        QVERIFY(stop(plain));

        Server replay = start({QStringLiteral("--db"), db, QStringLiteral("--replay"),
                               QStringLiteral("--from"), QString::number(m_day + 60 * Minute),
                               QStringLiteral("--to"), QString::number(m_day + Day),
                               QStringLiteral("--speed"), QStringLiteral("300")});
        QVERIFY(replay.url.isValid());
        const QJsonObject watched
            = node({QStringLiteral("watch"), replay.url.toString(),
                    QStringLiteral("BTC/USDT,ETH/USDT"), QStringLiteral("3")});
        QVERIFY2(watched.contains(QStringLiteral("symbols"))
                     && !watched.contains(QStringLiteral("timeout")),
                 (QJsonDocument(watched).toJson() + nodeErr).constData());
        for (const QString &symbol : {QStringLiteral("BTC/USDT"), QStringLiteral("ETH/USDT")}) {
            const QJsonArray times
                = watched.value(QStringLiteral("symbols")).toObject().value(symbol).toArray();
            QVERIFY2(times.size() >= 3, QJsonDocument(watched).toJson().constData());
            for (qsizetype i = 1; i < times.size(); ++i)
                QCOMPARE(qint64(times.at(i).toDouble()),
                         qint64(times.at(i - 1).toDouble()) + Minute);
            QVERIFY(qint64(times.first().toDouble()) >= m_day + 60 * Minute);
        }
        QVERIFY(stop(replay));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        const QString db = m_dir.filePath(QStringLiteral("fetched.sqlite"));
        QTest::newRow("bad bind") << QStringList{QStringLiteral("--db"), db,
                                                 QStringLiteral("--bind"),
                                                 QStringLiteral("localhorst")}
                                  << 2 << "--bind";
        QTest::newRow("bad port") << QStringList{QStringLiteral("--db"), db,
                                                 QStringLiteral("--port"), QStringLiteral("70000")}
                                  << 2 << "--port";
        QTest::newRow("replay and live")
            << QStringList{QStringLiteral("--db"), db, QStringLiteral("--replay"),
                           QStringLiteral("--live"), QStringLiteral("BTCUSDT")}
            << 2 << "--live";
        QTest::newRow("replay without range")
            << QStringList{QStringLiteral("--db"), db, QStringLiteral("--replay")} << 2 << "--from";
        QTest::newRow("replay bad speed")
            << QStringList{QStringLiteral("--db"),       db,
                           QStringLiteral("--replay"),   QStringLiteral("--from"),
                           QStringLiteral("2024-01-01"), QStringLiteral("--to"),
                           QStringLiteral("2024-01-02"), QStringLiteral("--speed"),
                           QStringLiteral("fast")}
            << 2 << "--speed";
        QTest::newRow("replay of nothing")
            << QStringList{QStringLiteral("--db"),       db,
                           QStringLiteral("--replay"),   QStringLiteral("--from"),
                           QStringLiteral("2015-01-01"), QStringLiteral("--to"),
                           QStringLiteral("2015-01-02")}
            << 1 << "no stored candles";
        QTest::newRow("missing database")
            << QStringList{QStringLiteral("--db"), m_dir.filePath(QStringLiteral("none.sqlite"))}
            << 1 << "none.sqlite";
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        const CliResult r
            = runCli(QStringLiteral(CANDLEWICK_CLI_PATH),
                     QStringList{QStringLiteral("serve")} + args, m_dir.path(), 30000);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.startsWith("candlewick-cli: error: "), r.err.constData());
        QVERIFY2(r.err.contains(mentions.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliServe)
#include "tst_cli_serve.moc"
