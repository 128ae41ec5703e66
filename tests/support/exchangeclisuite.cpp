#include "exchangeclisuite.h"

#include <QJsonDocument>

namespace Candlewick::Testing {

ExchangeCliSuite::ExchangeCliSuite(QString cliPath, QString exchange, QObject *parent)
    : QObject(parent)
    , m_cliPath(std::move(cliPath))
    , m_exchange(std::move(exchange))
{
}

QList<QJsonObject> ExchangeCliSuite::jsonLines(const QByteArray &out)
{
    QList<QJsonObject> list;
    for (const QByteArray &line : out.split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (!o.isEmpty())
            list.append(o);
    }
    return list;
}

QString ExchangeCliSuite::db(const char *name) const
{
    return m_home.filePath(QString::fromLatin1(name));
}

CliResult ExchangeCliSuite::cli(const QStringList &args, const QProcessEnvironment &env,
                                int timeoutMs) const
{
    return runCli(m_cliPath, args, m_home.path(), timeoutMs, env);
}

QStringList ExchangeCliSuite::fetchArgs(const QString &symbol, const QString &dbPath,
                                        const QString &from, const QString &to,
                                        const QString &interval) const
{
    return fetchArgsFor(m_exchange, symbol, dbPath, from, to, interval);
}

QStringList ExchangeCliSuite::fetchArgsFor(const QString &exchange, const QString &symbol,
                                           const QString &dbPath, const QString &from,
                                           const QString &to, const QString &interval) const
{
    return {QStringLiteral("fetch"),
            QStringLiteral("--exchange"),
            exchange,
            QStringLiteral("--symbol"),
            symbol,
            QStringLiteral("--interval"),
            interval,
            QStringLiteral("--from"),
            from,
            QStringLiteral("--to"),
            to,
            QStringLiteral("--db"),
            dbPath,
            QStringLiteral("--rest-url"),
            m_restUrl.toString()};
}

CliResult ExchangeCliSuite::exportJsonl(const QString &symbol, const QString &dbPath,
                                        const QString &from, const QString &to,
                                        const QString &interval) const
{
    return exportJsonlFor(m_exchange, symbol, dbPath, from, to, interval);
}

CliResult ExchangeCliSuite::exportJsonlFor(const QString &exchange, const QString &symbol,
                                           const QString &dbPath, const QString &from,
                                           const QString &to, const QString &interval) const
{
    return cli({QStringLiteral("export"), QStringLiteral("--exchange"), exchange,
                QStringLiteral("--symbol"), symbol, QStringLiteral("--interval"), interval,
                QStringLiteral("--from"), from, QStringLiteral("--to"), to,
                QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--db"),
                dbPath});
}

QJsonObject ExchangeCliSuite::listedExchange(const QString &exchange) const
{
    const CliResult r = cli({QStringLiteral("exchanges"), QStringLiteral("--json")});
    for (const QJsonObject &o : jsonLines(r.out)) {
        if (o.value(QStringLiteral("id")).toString() == exchange)
            return o;
    }
    return {};
}

} // namespace Candlewick::Testing
