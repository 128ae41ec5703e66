#pragma once

#include "cliprocess.h"

#include <durations.h>

#include <QJsonObject>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

namespace Candlewick::Testing {

// What the CLI suites of the exchanges (tst_cli_usdm, tst_cli_bybit, tst_cli_okx,
// tst_cli_coinbase) share:
// candlewick-cli (CANDLEWICK_CLI_PATH of the suite) run as a process in a temporary home, the
// databases in it, and the fetch / export / exchanges invocations against the suite's fake REST
// server. A suite derives from it with its exchange id and sets the fake's URL in initTestCase().
class ExchangeCliSuite : public QObject
{
    Q_OBJECT
public:
    ExchangeCliSuite(QString cliPath, QString exchange, QObject *parent = nullptr);

    // Each line of `out` that is a JSON object.
    static QList<QJsonObject> jsonLines(const QByteArray &out);

protected:
    static constexpr qint64 Minute = Durations::MinuteMs;
    static constexpr qint64 Day = Durations::DayMs;
    static constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z: the suites' fixed "now"

    bool isValid() const { return m_home.isValid(); }
    void setRestUrl(const QUrl &url) { m_restUrl = url; }
    QString db(const char *name) const;
    CliResult cli(const QStringList &args, const QProcessEnvironment &env = {},
                  int timeoutMs = 120000) const;
    // fetch --exchange --symbol --interval --from --to --db --rest-url
    QStringList fetchArgs(const QString &symbol, const QString &dbPath, const QString &from,
                          const QString &to, const QString &interval = QStringLiteral("1m")) const;
    QStringList fetchArgsFor(const QString &exchange, const QString &symbol, const QString &dbPath,
                             const QString &from, const QString &to,
                             const QString &interval = QStringLiteral("1m")) const;
    // export --format jsonl of one series.
    CliResult exportJsonl(const QString &symbol, const QString &dbPath, const QString &from,
                          const QString &to, const QString &interval = QStringLiteral("1m")) const;
    CliResult exportJsonlFor(const QString &exchange, const QString &symbol, const QString &dbPath,
                             const QString &from, const QString &to,
                             const QString &interval = QStringLiteral("1m")) const;
    // The entry of `exchange` in `exchanges --json` (empty when it is not listed).
    QJsonObject listedExchange(const QString &exchange) const;

private:
    QTemporaryDir m_home;
    QString m_cliPath;
    QString m_exchange;
    QUrl m_restUrl;
};

} // namespace Candlewick::Testing
